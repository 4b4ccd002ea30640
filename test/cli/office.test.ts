import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { ROOT, TEST_TODAY } from '../helpers/service';
import { readZip } from '../helpers/zip';

function amo(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amo render --format xlsx and amo import (CLI)', function () {
  this.timeout(60000);
  let dir: string;
  let consultation: string;
  let original: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cli-office-'));
    consultation = path.join(dir, 'media.consultation.yaml');
    original = fs.readFileSync(path.join(ROOT, 'examples', 'mediatheque-prevert-travaux.consultation.yaml'), 'utf8');
    fs.writeFileSync(consultation, original);
    fs.copyFileSync(path.join(ROOT, 'examples', 'mediatheque-prevert.programme.yaml'), path.join(dir, 'mediatheque-prevert.programme.yaml'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the RAO and the grid of a consultation, the registers of a programme, as XLSX workbooks', () => {
    const r = amo(['render', consultation, '--format', 'xlsx'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(r.out.trim().split('\n'), ['media-rao.xlsx', 'media-grille.xlsx']);
    const rao = readZip(fs.readFileSync(path.join(dir, 'media-rao.xlsx')));
    assert.match(rao.get('xl/workbook.xml')?.toString() ?? '', /RAO LOT-01/);
    assert.match(rao.get('xl/worksheets/sheet1.xml')?.toString() ?? '', /<f>IF\(\$B\$\d+=&quot;TTC&quot;/);
    const p = amo(['render', 'mediatheque-prevert.programme.yaml', '--format', 'xlsx'], dir);
    assert.strictEqual(p.code, 0, p.err);
    assert.deepStrictEqual(p.out.trim().split('\n'), ['mediatheque-prevert-risques.xlsx', 'mediatheque-prevert-planning.xlsx']);
    const bad = amo(['render', consultation, '--format', 'xlsx', '-d', 'rc'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /indisponible en XLSX pour ce fichier \(rao, grille, all\)/);
  });

  it('imports a filled grid: --dry-run previews and writes nothing, then the import writes the change', async () => {
    const grid = path.join(dir, 'grille.xlsx');
    assert.strictEqual(amo(['render', consultation, '-d', 'grille', '--format', 'xlsx', '-o', grid], dir).code, 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(grid);
    const ws = wb.getWorksheet('Grille LOT-01') as ExcelJS.Worksheet;
    ws.getCell('D4').value = 97000;
    await wb.xlsx.writeFile(grid);
    const dry = amo(['import', grid, consultation, '--dry-run'], dir);
    assert.strictEqual(dry.code, 0, dry.err);
    assert.match(dry.out, /OFF-01-VLD : prix_ht 98400 → 97000/);
    assert.match(dry.out, /rien n’est écrit/);
    assert.strictEqual(fs.readFileSync(consultation, 'utf8'), original);
    const done = amo(['import', grid, consultation], dir);
    assert.strictEqual(done.code, 0, done.err);
    assert.strictEqual(fs.readFileSync(consultation, 'utf8'), original.replace('prix_ht: 98400', 'prix_ht: 97000'));
  });

  it('a sheet with an error: exit 1, the cell named, nothing written', () => {
    const csv = path.join(dir, 'offres.csv');
    fs.writeFileSync(csv, 'id;candidat;lot;prix_ht;VT-INCONNU\nOFF-01-VLD;Val de Loire Désamiantage;LOT-01;abc;12\n');
    const r = amo(['import', csv, consultation], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /offres\.csv!E1 : critère ou colonne inconnu « VT-INCONNU »/);
    assert.match(r.err, /rien n’est écrit/);
    assert.strictEqual(fs.readFileSync(consultation, 'utf8'), original);
  });
});
