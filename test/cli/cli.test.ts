import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv04 from 'ajv-draft-04';
import { ROOT, TEST_TODAY } from '../helpers/service';

function amo(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amo CLI', function () {
  this.timeout(30000);

  it('exits 0 on the clean examples, with a summary', () => {
    const r = amo(['check', 'examples/ecole-jules-ferry.programme.yaml', 'examples/ecole-jules-ferry-travaux.consultation.yaml']);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /2 fichier\(s\) vérifié\(s\) : 0 erreur/);
  });

  it('exits 1 when a file has errors, and scans folders recursively', () => {
    const r = amo(['check', 'examples']);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /ecole-erreurs\.consultation\.yaml:\d+:\d+: error CSL-006/);
    const yamlFiles = (fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true }) as string[]).filter((f) => /\.(programme|consultation)\.ya?ml$/.test(f));
    assert.ok(yamlFiles.length >= 4);
    assert.match(r.out, new RegExp(`\\b${yamlFiles.length} fichier\\(s\\)`));
  });

  it('prints JSON with LSP ranges and severities', () => {
    const r = amo(['check', 'examples/erreurs', '--format', 'json', '--locale', 'en']);
    const out = JSON.parse(r.out) as { file: string; range: { start: { line: number } }; severity: string; code: string; message: string; source: string }[];
    assert.ok(out.length > 10);
    for (const d of out) {
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
      assert.strictEqual(d.source, 'amo');
      assert.ok(d.range.start.line >= 0);
    }
    const c6 = out.find((d) => d.code === 'CSL-006');
    assert.ok(c6 && /add up/.test(c6.message));
  });

  it('prints SARIF 2.1.0 that validates against the official schema', () => {
    const r = amo(['check', 'examples/erreurs', '--format', 'sarif']);
    const sarif = JSON.parse(r.out) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.ok(sarif.runs[0].results.length > 10);
    assert.ok(sarif.runs[0].tool.driver.rules.some((rule: { id: string }) => rule.id === 'CSL-006'));
  });

  it('exits 2 with a clear message on usage errors and missing files', () => {
    assert.strictEqual(amo(['check', '--format', 'xml', 'examples']).code, 2);
    assert.strictEqual(amo(['frobnicate']).code, 2);
    const missing = amo(['check', 'nowhere.consultation.yaml']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.err, /introuvable/);
  });

  it('exits 2 when a named file vanished (dangling link), with a message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cli-'));
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'lien.consultation.yaml'));
    const r = amo(['check', path.join(dir, 'lien.consultation.yaml')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /introuvable|no such file/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 on a file without read permission', function () {
    if (process.getuid?.() === 0) {
      console.log('      (skipped: running as root, which reads every file whatever its mode; covered for other users)');
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cli-'));
    const f = path.join(dir, 'secret.consultation.yaml');
    fs.writeFileSync(f, 'id: x\n');
    fs.chmodSync(f, 0o000);
    const r = amo(['check', f]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /illisible|unreadable/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads amo.config.json next to the files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cli-'));
    fs.copyFileSync(path.join(ROOT, 'examples/erreurs/ecole-erreurs.consultation.yaml'), path.join(dir, 'e.consultation.yaml'));
    fs.copyFileSync(path.join(ROOT, 'examples/erreurs/ecole-erreurs.programme.yaml'), path.join(dir, 'ecole-erreurs.programme.yaml'));
    const before = JSON.parse(amo(['check', dir, '--format', 'json']).out) as { code: string }[];
    assert.ok(before.some((d) => d.code === 'CSL-006'));
    fs.writeFileSync(path.join(dir, 'amo.config.json'), JSON.stringify({ rules: { 'CSL-006': 'off' } }));
    const after = JSON.parse(amo(['check', dir, '--format', 'json']).out) as { code: string }[];
    assert.ok(!after.some((d) => d.code === 'CSL-006'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the usage for --help after a command, exit 0', () => {
    for (const args of [['check', '--help'], ['render', '-h'], ['--help']]) {
      const r = amo(args);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.out, /amo render <fichier> \[--deliverable [^\]]*reception\|decision\|reserves/, args.join(' '));
    }
  });
});
