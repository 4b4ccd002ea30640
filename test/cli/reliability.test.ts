/** The CLI side of test/unit/reliability.test.ts: the per-file diagnostic cap reaches `amo check`'s output. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, TEST_TODAY } from '../helpers/service';

function amo(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amo CLI (reliability)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-reliability-'));
    fs.mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints at most 1,000 findings per file, then the summary note', () => {
    const parts = ['version: 1\n'];
    for (let i = 0; i < 3000; i++) parts.push(`k${i}: 1\n`);
    fs.writeFileSync(path.join(dir, 'big.programme.yaml'), parts.join(''));
    const r = amo(['check', 'big.programme.yaml', '--format', 'json', '--locale', 'en'], dir);
    const out = JSON.parse(r.out) as { code: string; message: string }[];
    assert.strictEqual(out.length, 1001);
    assert.match(out[1000].message, /^… and \d+ more diagnostics/);
  });
});
