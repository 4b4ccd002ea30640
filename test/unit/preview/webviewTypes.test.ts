import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../../helpers/service';

// The webview script needs the DOM library, which the Node code must not see: it has its own
// tsconfig (client/webview/tsconfig.json), checked here so that `npm test` covers it.
describe('preview / webview script', function () {
  this.timeout(60000);
  it('type-checks against the DOM library (tsc -p client/webview)', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'client', 'webview', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
  });
});
