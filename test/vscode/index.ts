// In-host test runner: loaded by VS Code's extension host as `extensionTestsPath` (CommonJS).
// Same entry for @vscode/test-electron (desktop) and scripts/e2e/run.mjs (code-server, offline).
// Runs every *.test.js bundled next to this file (dist/test/vscode/) with mocha 11 and, when
// AMO_E2E_RESULTS is set, writes {passes, failures, total, ok, failuresDetail[]} there so that the
// driver never trusts the workbench's exit code alone.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface FailureDetail {
  title: string;
  message: string;
  stack?: string;
}

function writeResults(results: object): void {
  const file = process.env.AMO_E2E_RESULTS;
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
  } catch (err) {
    console.error(`[amo-e2e] cannot write results to ${file}: ${String(err)}`);
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 20000, color: false, reporter: 'spec' });
  const grep = process.env.AMO_E2E_GREP;
  if (grep) mocha.grep(grep);

  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  console.log(`[amo-e2e] ${files.length} suite file(s): ${files.join(', ')}`);

  return new Promise<void>((resolve, reject) => {
    let passes = 0;
    let failures = 0;
    let pending = 0;
    const failuresDetail: FailureDetail[] = [];
    const done = (extraError?: unknown): void => {
      if (extraError !== undefined) {
        failures++;
        const e = extraError as Error;
        failuresDetail.push({ title: '(runner)', message: String(e?.message ?? e), stack: e?.stack });
      }
      const total = passes + failures;
      const ok = failures === 0 && passes > 0;
      writeResults({ passes, failures, pending, total, ok, failuresDetail });
      console.log(`[amo-e2e] ${passes} passed, ${failures} failed, ${pending} pending`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (passes === 0) reject(new Error('no test ran'));
      else resolve();
    };
    try {
      const runner = mocha.run(() => done());
      runner.on('pass', () => passes++);
      runner.on('pending', () => pending++);
      runner.on('fail', (test, err: Error) => {
        failures++;
        failuresDetail.push({ title: test.fullTitle(), message: String(err?.message ?? err), stack: err?.stack });
      });
    } catch (err) {
      done(err);
    }
  });
}
