import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findChromium } from '../../server/src/node/pdf';
import { ROOT, TEST_TODAY } from '../helpers/service';
import { readZip } from '../helpers/zip';

function amo(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amo render (CLI)', function () {
  this.timeout(60000);
  let dir: string;
  let programme: string;
  let consultation: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cli-render-'));
    programme = path.join(dir, 'ecole.programme.yaml');
    consultation = path.join(dir, 'ecole-travaux.consultation.yaml');
    fs.copyFileSync(path.join(ROOT, 'examples', 'ecole-jules-ferry.programme.yaml'), programme);
    const c = fs.readFileSync(path.join(ROOT, 'examples', 'ecole-jules-ferry-travaux.consultation.yaml'), 'utf8').replace('./ecole-jules-ferry.programme.yaml', './ecole.programme.yaml');
    fs.writeFileSync(consultation, c);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every deliverable of a programme as self-contained HTML next to it (exit 0)', () => {
    const r = amo(['render', programme]);
    assert.strictEqual(r.code, 0, r.err);
    for (const d of ['programme', 'risques', 'planning']) {
      const html = fs.readFileSync(path.join(dir, `ecole-${d}.html`), 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.ok(!/<script/i.test(html));
    }
    // The sibling consultation names the programme: its legal milestones are in the planning.
    assert.match(fs.readFileSync(path.join(dir, 'ecole-planning.html'), 'utf8'), /CSL-ECOLE-JF-TRAVAUX : fin de validité des offres/);
    assert.strictEqual(r.out.trim().split('\n').length, 3);
  });

  it('writes one deliverable as DOCX to -o, a Word file with the RAO figures', () => {
    const out = path.join(dir, 'sortie', 'rao.docx');
    const r = amo(['render', consultation, '--deliverable', 'rao', '--format', 'docx', '-o', out]);
    assert.strictEqual(r.code, 0, r.err);
    const xml = readZip(fs.readFileSync(out)).get('word/document.xml')?.toString() ?? '';
    assert.match(xml, /85,18/);
    assert.match(xml, /Heading1/);
  });

  it('prints one HTML deliverable on stdout with -o -', () => {
    const r = amo(['render', consultation, '-d', 'rc', '-o', '-']);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /Règlement de la consultation — critères d’attribution/);
  });

  it('refuses to overwrite an existing file unless --force (exit 2, nothing written)', () => {
    const out = path.join(dir, 'rc.html');
    fs.writeFileSync(out, 'mine');
    const r = amo(['render', consultation, '-d', 'rc', '-o', out]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /existant.*--force/);
    assert.strictEqual(fs.readFileSync(out, 'utf8'), 'mine');
    assert.strictEqual(amo(['render', consultation, '-d', 'rc', '-o', out, '--force']).code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /<!DOCTYPE html>/);
  });

  it('exit codes: 1 on a YAML syntax error, 2 on usage errors and missing files', () => {
    const broken = path.join(dir, 'casse.programme.yaml');
    fs.writeFileSync(broken, 'operation: {id: [\n');
    const r = amo(['render', broken, '-o', path.join(dir, 'x')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /Erreur de syntaxe YAML ligne/);
    assert.strictEqual(amo(['render', programme, '--deliverable', 'rao']).code, 2, 'deliverable of the other kind');
    assert.strictEqual(amo(['render', programme, '--format', 'odt']).code, 2);
    assert.strictEqual(amo(['render']).code, 2);
    assert.strictEqual(amo(['render', path.join(dir, 'absent.programme.yaml')]).code, 2);
    assert.strictEqual(amo(['render', programme, '-o', '-']).code, 2, 'stdout takes one deliverable');
  });

  it('follow-up deliverables: `all` writes the PV des OPR, the décision de réception and the reserve log only for a consultation with a reception', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'render');
    fs.copyFileSync(path.join(fixtures, 'suivi.programme.yaml'), path.join(dir, 'suivi.programme.yaml'));
    const received = path.join(dir, 'demolition.consultation.yaml');
    fs.copyFileSync(path.join(fixtures, 'reception.consultation.yaml'), received);
    const r = amo(['render', received]);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(r.out.trim().split('\n').map((l) => path.basename(l)), ['demolition-rc.html', 'demolition-rao.html', 'demolition-reception.html', 'demolition-decision.html', 'demolition-reserves.html']);
    assert.match(fs.readFileSync(path.join(dir, 'demolition-reception.html'), 'utf8'), /Procès-verbal des opérations préalables à la réception/);
    assert.match(fs.readFileSync(path.join(dir, 'demolition-decision.html'), 'utf8'), /Décision de réception des travaux/);
    const dashboard = amo(['render', path.join(dir, 'suivi.programme.yaml'), '-d', 'suivi', '--format', 'docx', '-o', path.join(dir, 'suivi.docx')]);
    assert.strictEqual(dashboard.code, 0, dashboard.err);
    assert.match(readZip(fs.readFileSync(path.join(dir, 'suivi.docx'))).get('word/document.xml')?.toString() ?? '', /Tableau de bord de suivi/);
    // The example consultation has no reception: the PV is not among `all`, and asking for it says why.
    const none = amo(['render', consultation, '-d', 'reception', '-o', '-']);
    assert.strictEqual(none.code, 2);
    assert.match(none.err, /livrable « reception » indisponible pour ce fichier \(aucun bloc « reception » dans la consultation\) ; choisissez parmi : rc, rao, all/);
  });

  it('PDF: a clear message and exit 2 without Chromium; a PDF with it', function () {
    const none = amo(['render', consultation, '-d', 'rc', '--format', 'pdf', '--chromium', path.join(dir, 'no-such-browser')]);
    assert.strictEqual(none.code, 2);
    assert.match(none.err, /aucun Chromium trouvé/);
    if (!findChromium()) {
      console.log('      (PDF printing skipped: no chromium, chromium-browser or google-chrome on PATH)');
      return;
    }
    const out = path.join(dir, 'rc.pdf');
    const r = amo(['render', consultation, '-d', 'rc', '--format', 'pdf', '-o', out]);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(fs.readFileSync(out).subarray(0, 5).toString('latin1'), '%PDF-');
    // Document information by an incremental update: the AMO as Author, AMO Authoring as Creator, offsets right.
    const pdf = fs.readFileSync(out).toString('latin1');
    const hex = (t: string): string => `FEFF${[...t].map((c) => (c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')).join('')}`;
    assert.ok(pdf.includes(`/Author <${hex('Mme Sophie Lemaire, programmiste')}`), 'Author');
    assert.ok(pdf.includes(`/Creator <${hex('AMO Authoring')}>`), 'Creator');
    const tail = /(\d+) 1\n(\d{10}) 00000 n \ntrailer[\s\S]*startxref\n(\d+)\n%%EOF\n$/.exec(pdf);
    assert.ok(tail, 'an appended xref section');
    assert.strictEqual(pdf.slice(Number(tail[2]), Number(tail[2]) + `${tail[1]} 0 obj`.length), `${tail[1]} 0 obj`);
    assert.strictEqual(pdf.slice(Number(tail[3]), Number(tail[3]) + 4), 'xref');
  });

  it('a file with errors: rendered marked « non conforme », said on stderr; --strict renders nothing and exits 1', () => {
    const erreurs = path.join(dir, 'erreurs.consultation.yaml');
    fs.copyFileSync(path.join(ROOT, 'examples', 'erreurs', 'ecole-erreurs.consultation.yaml'), erreurs);
    const out = path.join(dir, 'rao.html');
    const r = amo(['render', erreurs, '-d', 'rao', '-o', out]);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /erreurs\.consultation\.yaml : \d+\u00a0erreurs \(amo check\) ; les documents sont marqués « Projet — document non conforme »/);
    assert.match(fs.readFileSync(out, 'utf8'), /<p class="amo-nonconforme" role="alert">Projet — document non conforme\u00a0: \d+\u00a0erreurs<\/p>/);
    const strictOut = path.join(dir, 'strict.html');
    const s = amo(['render', erreurs, '-d', 'rao', '--strict', '-o', strictOut]);
    assert.strictEqual(s.code, 1);
    assert.match(s.err, /rien n’est rendu \(--strict\)/);
    assert.ok(!fs.existsSync(strictOut));
    // A clean file: nothing on stderr, --strict changes nothing.
    const clean = amo(['render', consultation, '-d', 'rc', '--strict', '-o', path.join(dir, 'rc.html')]);
    assert.strictEqual(clean.code, 0, clean.err);
    assert.strictEqual(clean.err, '');
  });

  it('-o is a file for one deliverable and a folder for several, always; --help lists the deliverables by file kind', () => {
    const folder = path.join(dir, 'sortie');
    fs.mkdirSync(folder);
    const toDir = amo(['render', consultation, '-d', 'rc', '-o', `${folder}${path.sep}`]);
    assert.strictEqual(toDir.code, 2);
    assert.match(toDir.err, /est un dossier ; pour un seul livrable, -o désigne le fichier à écrire/);
    const toFile = amo(['render', programme, '-o', path.join(dir, 'x.pdf'), '--format', 'pdf']);
    assert.strictEqual(toFile.code, 2);
    assert.match(toFile.err, /désigne un fichier, mais 3 livrables sont à écrire/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.pdf')), 'no folder named x.pdf');
    const several = amo(['render', programme, '-o', folder]);
    assert.strictEqual(several.code, 0, several.err);
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), ['ecole-planning.html', 'ecole-programme.html', 'ecole-risques.html']);
    // The other kind's deliverable and a missing-data one: the same wording, exit 2.
    for (const d of ['rao', 'suivi']) {
      const r = amo(['render', programme, '-d', d, '-o', '-']);
      assert.strictEqual(r.code, 2, d);
      assert.match(r.err, new RegExp(`livrable « ${d} » indisponible pour ce fichier.* ; choisissez parmi : programme, risques, planning, all`));
    }
    const help = amo(['render', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /\*\.programme\.yaml\n {4}programme +Dossier de programme[\s\S]*suivi +Tableau de bord de suivi \/ Follow-up dashboard \(html, docx, pdf\) — si le fichier/);
    assert.match(help.out, /\*\.consultation\.yaml\n {4}rc +RC[\s\S]*decision +Décision de réception/);
    assert.match(help.out, /-o : un fichier pour un livrable, un dossier pour plusieurs/);
    // A deliverable of the file's kind asked in a format it is not written in: its formats are named.
    const grid = amo(['render', path.join(ROOT, 'examples', 'ecole-jules-ferry-travaux.consultation.yaml'), '-d', 'grille', '--format', 'docx', '-o', '-']);
    assert.strictEqual(grid.code, 2);
    assert.match(grid.err, /livrable « grille » indisponible au format docx ; formats : xlsx/);
  });
});
