/**
 * Files that could block or exhaust the process (FIFOs, devices, huge or sparse files, links to
 * /dev/zero), through the bundled CLI in a child process: a regression fails on a timeout instead of
 * hanging or killing the test runner. Behaviour documented in docs/robustness.md.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, TEST_TODAY } from '../helpers/service';

const TIMEOUT_MS = 15000;

function amo(args: string[], cwd: string) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd,
    env: { ...process.env, AMO_TODAY: TEST_TODAY },
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  const ms = Date.now() - started;
  assert.ok(!r.error, `amo ${args.join(' ')}: ${String(r.error)} after ${ms} ms (a hang?)`);
  assert.strictEqual(r.signal, null, `amo ${args.join(' ')} was killed by ${r.signal}: ${r.stderr}`);
  return { code: r.status, out: r.stdout, err: r.stderr, ms };
}

const CONSULTATION = (programme: string): string => `programme: ${programme}\nid: C1\nobjet: Travaux\nnature: travaux\n`;

describe('amo CLI on hostile files (child process, bounded in time)', function () {
  this.timeout(60000);
  let dir: string;
  const canFifo = spawnSync('mkfifo', ['--version']).status === 0 && process.platform !== 'win32';

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-hostile-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a FIFO named like an AMO file: exit 2, "not a regular file", no wait for a writer', function () {
    if (!canFifo) this.skip();
    execFileSync('mkfifo', [path.join(dir, 'tube.consultation.yaml')]);
    const r = amo(['check', 'tube.consultation.yaml'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /pas un fichier ordinaire/);
  });

  it('a consultation whose programme is a FIFO, a link to /dev/zero or a folder: REF-003, exit 1, no hang', function () {
    const targets: string[] = ['zero.programme.yaml', 'dossier.programme.yaml'];
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.programme.yaml'));
    fs.mkdirSync(path.join(dir, 'dossier.programme.yaml'));
    if (canFifo) {
      execFileSync('mkfifo', [path.join(dir, 'tube.programme.yaml')]);
      targets.push('tube.programme.yaml');
    }
    for (const t of targets) {
      fs.writeFileSync(path.join(dir, 'c.consultation.yaml'), CONSULTATION(`./${t}`));
      const r = amo(['check', 'c.consultation.yaml', '--format', 'json'], dir);
      assert.strictEqual(r.code, 1, `${t}: ${r.err}`);
      const codes = (JSON.parse(r.out) as { code: string }[]).map((d) => d.code);
      assert.ok(codes.includes('REF-003'), `${t}: ${codes.join(' ')}`);
    }
  });

  it('a consultation whose programme names /dev/zero or /dev/stdin directly: REF-004 by name, never opened', () => {
    for (const t of ['/dev/zero', '/dev/stdin', '/proc/self/fd/0']) {
      fs.writeFileSync(path.join(dir, 'c.consultation.yaml'), CONSULTATION(t));
      const r = amo(['check', 'c.consultation.yaml', '--format', 'json'], dir);
      const codes = (JSON.parse(r.out) as { code: string }[]).map((d) => d.code);
      assert.ok(codes.includes('REF-004'), `${t}: ${codes.join(' ')}`);
    }
  });

  it('a 1 GB (sparse) file: exit 2, "too large", refused from its size in milliseconds', () => {
    const f = path.join(dir, 'enorme.programme.yaml');
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 1_000_000_000);
    const r = amo(['check', 'enorme.programme.yaml'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /trop volumineux/);
  });

  it('amo.config.json as a link to /dev/zero, or as a FIFO: exit 2 with a message, no hang', function () {
    fs.writeFileSync(path.join(dir, 'p.programme.yaml'), 'operation: {id: X}\n');
    fs.symlinkSync('/dev/zero', path.join(dir, 'amo.config.json'));
    let r = amo(['check', 'p.programme.yaml'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /amo\.config\.json.*not-a-file/);
    r = amo(['check', 'p.programme.yaml', '--config', '/dev/zero'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /configuration illisible/);
    if (!canFifo) return;
    fs.rmSync(path.join(dir, 'amo.config.json'));
    execFileSync('mkfifo', [path.join(dir, 'amo.config.json')]);
    r = amo(['check', 'p.programme.yaml'], dir);
    assert.strictEqual(r.code, 2, r.err);
  });

  it('2,000 nested `- - - x` (a fatal V8 abort inside yaml before the nesting limit): exit 1 with YAML-001', () => {
    fs.writeFileSync(path.join(dir, 'profond.consultation.yaml'), `${'- '.repeat(2000)}x\n`);
    fs.writeFileSync(path.join(dir, 'crochets.programme.yaml'), `operation: ${'['.repeat(100000)}\n`);
    const r = amo(['check', '.', '--format', 'json'], dir);
    assert.strictEqual(r.code, 1, r.err);
    const codes = (JSON.parse(r.out) as { code: string }[]).map((d) => d.code);
    // The 100,000 brackets are one line over 100,000 characters: a heavy text (limits.ts), syntax only, said by YAML-003.
    assert.deepStrictEqual(codes, ['YAML-003', 'YAML-001', 'YAML-001']);
  });

  it('scanning a folder: a linked AMO file is checked, a FIFO or dangling link with an AMO name is reported (exit 2), never skipped silently', function () {
    fs.writeFileSync(path.join(dir, 'vrai.programme.yaml'), 'operation: {id: X}\n');
    fs.mkdirSync(path.join(dir, 'sous'));
    fs.symlinkSync(path.join(dir, 'vrai.programme.yaml'), path.join(dir, 'sous', 'lien.programme.yaml'));
    let r = amo(['check', 'sous', '--format', 'json'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.ok((JSON.parse(r.out) as { file: string }[]).some((d) => d.file.endsWith('lien.programme.yaml')));
    fs.symlinkSync(path.join(dir, 'absent.yaml'), path.join(dir, 'sous', 'casse.consultation.yaml'));
    if (canFifo) execFileSync('mkfifo', [path.join(dir, 'sous', 'tube.programme.yaml')]);
    r = amo(['check', 'sous'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /casse\.consultation\.yaml: fichier introuvable/);
    if (canFifo) assert.match(r.err, /tube\.programme\.yaml: pas un fichier ordinaire/);
  });

  it('a file without read permission: exit 2, "unreadable" (as root, run as user nobody so that the mode applies)', function () {
    const asRoot = process.getuid?.() === 0;
    const nobody = asRoot ? { uid: 65534, gid: 65534 } : {};
    if (asRoot) {
      // The clone may live where user nobody cannot read the bundle: then this case cannot run here.
      const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))}, 4)`], { ...nobody, timeout: TIMEOUT_MS });
      if (probe.error || probe.status !== 0) this.skip();
    }
    fs.chmodSync(dir, 0o755);
    const f = path.join(dir, 'secret.consultation.yaml');
    fs.writeFileSync(f, 'id: x\n');
    fs.chmodSync(f, 0o000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', f], {
      cwd: dir,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      ...nobody,
    });
    assert.strictEqual(r.status, 2, r.stderr);
    assert.match(r.stderr, /fichier illisible \/ unreadable file/);
  });

  it('a file with a BOM: the same columns as without (the BOM is dropped on reading, as editors do)', () => {
    const text = 'operation:\n  id: X\n  intitulx: Y\n';
    fs.writeFileSync(path.join(dir, 'a.programme.yaml'), text);
    fs.writeFileSync(path.join(dir, 'b.programme.yaml'), `\uFEFF${text}`);
    const out = JSON.parse(amo(['check', '.', '--format', 'json'], dir).out) as { file: string; range: unknown; code: string }[];
    const of = (f: string) => out.filter((d) => d.file === f).map((d) => ({ range: d.range, code: d.code }));
    assert.ok(of('a.programme.yaml').length > 0);
    assert.deepStrictEqual(of('b.programme.yaml'), of('a.programme.yaml'));
  });
});
