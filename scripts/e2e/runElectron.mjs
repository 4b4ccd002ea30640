// Runs the same extension test suite with @vscode/test-electron, for contributors whose machines can
// download VS Code (this project's CI machines cannot: they use scripts/e2e/run.mjs with code-server).
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-vscode-'));
fs.cpSync(path.join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
const results = path.join(workspace, '.results.json');
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { AMO_E2E_RESULTS: results },
  });
  console.log('test:vscode passed');
} catch (err) {
  console.error('test:vscode failed:', err);
  process.exitCode = 1;
}
