import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jobCount, FILES_PER_JOB } from '../../server/src/cli/check';
import { ROOT, TEST_TODAY } from '../helpers/service';

function amo(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd: ROOT, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amo check --jobs (worker threads)', function () {
  this.timeout(60000);

  it('gives the same output, in the same order, and the same exit code with 1 or 3 threads', () => {
    // A folder where each thread has several files (three copies of the examples, with and without errors).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-jobs-'));
    try {
      const examples = (fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true }) as string[]).filter((f) => /\.(programme|consultation)\.ya?ml$/.test(f));
      for (let k = 0; k < 3; k++) {
        for (const f of examples) {
          const to = path.join(dir, `copy${k}`, f);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.copyFileSync(path.join(ROOT, 'examples', f), to);
        }
      }
      for (const format of ['text', 'sarif']) {
        const one = amo(['check', dir, '--format', format, '--jobs', '1']);
        assert.strictEqual(one.code, 1, one.err);
        for (const jobs of ['3']) {
          const many = amo(['check', dir, '--format', format, '--jobs', jobs]);
          assert.strictEqual(many.code, one.code);
          assert.strictEqual(many.out, one.out, `--jobs ${jobs} --format ${format}`);
          assert.strictEqual(many.err, one.err);
        }
      }
      assert.ok(amo(['check', dir, '--format', 'json']).out.includes('CSL-006'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a --jobs that is not an integer from 1 to 64, with exit 2', () => {
    for (const bad of ['0', '-1', '1.5', 'deux', '65']) {
      const r = amo(['check', 'examples', '--jobs', bad]);
      assert.strictEqual(r.code, 2, bad);
      assert.match(r.err, /--jobs/);
    }
  });

  it('by default uses at most one thread per FILES_PER_JOB files (a small folder stays in one thread)', () => {
    assert.strictEqual(jobCount(undefined, 10), 1);
    assert.ok(jobCount(undefined, FILES_PER_JOB * 64) >= 1);
    assert.ok(jobCount(undefined, FILES_PER_JOB * 2) <= 2);
    assert.strictEqual(jobCount(4, 2), 2);
    assert.strictEqual(jobCount(3, 100), 3);
  });
});
