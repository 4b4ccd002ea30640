/**
 * `node:os` in the web extension (esbuild.mjs): no home folder in a browser, so the new-file dialog
 * starts at the workspace folder or at the editor's default (commands/newFile.ts).
 */
export function homedir(): string {
  return '';
}
