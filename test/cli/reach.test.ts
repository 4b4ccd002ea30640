/**
 * Reach (docs/robustness.md): `amo check` and `amo render` read a consultation's programme only under the
 * folders given and their project root (the nearest folder with `.git` or an `amo.config.json`), symbolic links
 * resolved; configuration is never taken from above the project root. Through the bundled CLI.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, TEST_TODAY } from '../helpers/service';

function amo(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8', timeout: 30000 });
  assert.ok(!r.error, String(r.error));
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const PROGRAMME = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'base.programme.yaml'), 'utf8');
/** A consultation whose phase must exist in its programme: REF-001 when the programme is read and lacks it. */
const consultation = (programme: string): string => `programme: ${programme}\nid: C1\nobjet: Travaux\nnature: travaux\nphase: PH-QUI-N-EXISTE-PAS\n`;

interface Finding {
  code: string;
  message: string;
  severity: string;
}

function findings(out: string): Finding[] {
  return JSON.parse(out) as Finding[];
}

describe('amo CLI reach: no read outside the folders checked and their project', function () {
  this.timeout(60000);
  let dir: string;
  let project: string;

  before(() => assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-reach-'));
    project = path.join(dir, 'projet');
    fs.mkdirSync(path.join(project, '.git'), { recursive: true });
    fs.mkdirSync(path.join(project, 'operations', 'ecole'), { recursive: true });
    fs.mkdirSync(path.join(project, 'commun'));
    fs.mkdirSync(path.join(dir, 'ailleurs'));
    fs.writeFileSync(path.join(project, 'commun', 'base.programme.yaml'), PROGRAMME);
    fs.writeFileSync(path.join(dir, 'ailleurs', 'secret.programme.yaml'), PROGRAMME);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a programme elsewhere in the project (project root = the folder with .git)', () => {
    const c = path.join(project, 'operations', 'ecole', 'c.consultation.yaml');
    fs.writeFileSync(c, consultation('../../commun/base.programme.yaml'));
    const r = amo(['check', path.join('operations', 'ecole'), '--format', 'json'], project);
    const f = findings(r.out);
    assert.ok(f.some((d) => d.code === 'REF-001' && /PH-QUI-N-EXISTE-PAS/.test(d.message)), `the programme was read and checked: ${JSON.stringify(f)}`);
    assert.ok(!f.some((d) => d.code === 'REF-003'), JSON.stringify(f));
  });

  it('never reads a programme outside the project, by a relative path, an absolute file: URI or a symbolic link', () => {
    const secret = path.join(dir, 'ailleurs', 'secret.programme.yaml');
    fs.symlinkSync(secret, path.join(project, 'commun', 'lien.programme.yaml'));
    const ways = ['../../../ailleurs/secret.programme.yaml', new URL(`file://${secret}`).toString(), '../../commun/lien.programme.yaml'];
    for (const [i, way] of ways.entries()) fs.writeFileSync(path.join(project, 'operations', 'ecole', `c${i}.consultation.yaml`), consultation(way));
    const r = amo(['check', project, '--format', 'json'], dir);
    const f = findings(r.out);
    const outside = f.filter((d) => d.code === 'REF-003');
    assert.strictEqual(outside.length, ways.length, JSON.stringify(f));
    for (const d of outside) {
      assert.strictEqual(d.severity, 'warning');
      assert.match(d.message, /hors de l’espace de travail/);
    }
    // Not read: the phase reference is not checked against it.
    assert.ok(!f.some((d) => d.code === 'REF-001'), JSON.stringify(f));
  });

  it('amo render does not print a programme read from outside the project', () => {
    const c = path.join(project, 'operations', 'ecole', 'c.consultation.yaml');
    fs.writeFileSync(c, consultation('../../../ailleurs/secret.programme.yaml'));
    const r = amo(['render', c, '-d', 'rc', '-o', '-'], project);
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(!r.out.includes('Louise-Michel'), 'the outside programme reached the document');
    // Inside the project, the same programme is printed.
    fs.writeFileSync(c, consultation('../../commun/base.programme.yaml'));
    assert.ok(amo(['render', c, '-d', 'rc', '-o', '-'], project).out.includes('Louise-Michel'));
  });

  it('takes no configuration from above the project root', () => {
    fs.writeFileSync(path.join(dir, 'amo.config.json'), JSON.stringify({ rules: { '*': 'off' } }));
    const c = path.join(project, 'operations', 'ecole', 'c.consultation.yaml');
    fs.writeFileSync(c, consultation('../../commun/base.programme.yaml'));
    const r = amo(['check', project, '--format', 'json'], dir);
    assert.ok(findings(r.out).some((d) => d.code === 'REF-001'), 'a configuration above the project silenced it');
    // The project's own configuration applies.
    fs.writeFileSync(path.join(project, 'amo.config.json'), JSON.stringify({ rules: { 'REF-001': 'off' } }));
    assert.ok(!findings(amo(['check', project, '--format', 'json'], dir).out).some((d) => d.code === 'REF-001'));
  });
});
