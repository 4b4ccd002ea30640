// The one definition of an AMO file name, for the library, the Node host, the CLI and the server's file
// watchers. package.json's languages and activation events say the same (test/unit/fileNames.test.ts).
import type { DocKind } from './types';

/** `*.programme.yaml|yml` and `*.consultation.yaml|yml`, any case. */
export const AMO_FILE_NAME = /\.(programme|consultation)\.ya?ml$/i;

/** The same files as globs (LSP file watchers, VS Code's `workspaceContains`). */
export const AMO_FILE_GLOBS = ['**/*.programme.{yaml,yml}', '**/*.consultation.{yaml,yml}'] as const;

/** The kind of an AMO file from its name or URI, undefined for any other file. */
export function kindOfFileName(nameOrUri: string): DocKind | undefined {
  const m = AMO_FILE_NAME.exec(nameOrUri);
  return m ? (m[1].toLowerCase() as DocKind) : undefined;
}

/** `ecole.programme.yaml` → `ecole`: the name without its AMO suffix. */
export function amoFileStem(name: string): string {
  return name.replace(AMO_FILE_NAME, '');
}
