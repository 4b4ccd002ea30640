// The one source of the version: package.json. The bundles inline only this field (a named JSON import is
// tree-shaken by esbuild); the CLI (`amo --version`), SARIF and the server's initialize result read it here.
import { version } from '../../package.json';

export const AMO_VERSION: string = version;
