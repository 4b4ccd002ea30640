/** Nothing from a file or from amo.config.json drives the terminal `amo check` prints to. */
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

// What must never reach a terminal raw: ESC (ANSI sequences), BEL, NUL, CR, DEL, C1 (CSI), bidi overrides and isolates.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('amo check: clean terminal output', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-clean-'));
    fs.mkdirSync(path.join(dir, '.git'));
    // Keys and values with escapes (YAML double-quoted): ESC [2J clears the screen, U+202E reverses what follows.
    fs.writeFileSync(path.join(dir, 'x.programme.yaml'), 'version: 1\n"k\\e[2J\\u202Eevil\\0\\a\\r\\x9b": 1\n"line\\nforged.programme.yaml:1:1: error": 2\n');
    fs.writeFileSync(path.join(dir, 'amo.config.json'), JSON.stringify({ rules: { 'SCH-002': '\u001b[31moff\u202e\u0000' } }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('text: messages and amo.config.json problems are escaped, one line per finding', () => {
    const r = amo(['check', 'x.programme.yaml'], dir);
    assert.doesNotMatch(r.out, RAW, JSON.stringify(r.out));
    assert.doesNotMatch(r.err, RAW, JSON.stringify(r.err));
    // What the file holds is still said, visibly.
    assert.match(r.out, /k\\u\{1B\}\[2J\\u\{202E\}evil\\u\{0\}\\u\{7\}\\u\{D\}\\u\{9B\}/);
    assert.match(r.err, /Sévérité invalide|Invalid severity/);
    assert.match(r.err, /\\u\{1B\}\[31moff\\u\{202E\}\\u\{0\}/);
    // A line break in a key does not forge a finding of another file.
    assert.ok(!r.out.split('\n').some((l) => l.startsWith('forged.programme.yaml')), r.out);
    assert.match(r.out, /line\\u\{A\}forged/);
  });

  it('json and sarif: the same strings once parsed, written with \\u escapes', () => {
    for (const format of ['json', 'sarif']) {
      const r = amo(['check', 'x.programme.yaml', '--format', format], dir);
      assert.doesNotMatch(r.out, RAW, format);
      assert.ok(r.out.includes('\\u202e'), format);
      assert.ok(JSON.stringify(JSON.parse(r.out)).includes('k\\u001b[2J\u202eevil'), format);
    }
  });
});
