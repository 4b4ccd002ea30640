import * as assert from 'assert';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { lotRankings } from '../../server/src/language-service/model/lotRanking';
import type { Obj } from '../../server/src/language-service/util/data';
import { renderXlsx } from '../../server/src/office';
import { planImport } from '../../server/src/office/importOffers';
import { minimalEdit } from '../../server/src/office/minimalEdit';
import { guardZip, readCsv, readXlsx, SheetError } from '../../server/src/office/sheetRead';
import { buildDeliverable, renderHtml, type RenderEnv } from '../../server/src/render';
import { renderDocx } from '../../server/src/render/docx';
import { makeService } from '../helpers/service';
import { readZip } from '../helpers/zip';
import { columnOf, evaluate, loadRaw } from '../helpers/xlsxEval';

const TODAY = '2025-01-15';
const URI = 'file:///w/rt.consultation.yaml';

/** A small consultation with comments, a flow offer and a block offer. */
const RT = `id: CSL-RT
objet: Travaux de test
nature: travaux
procedure: {type: MAPA}
notation_prix: {methode: classique, note_max: 20, base: HT}
# Critères : prix 60, valeur technique 40 (sous-critères 3 et 1).
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - id: VT
    type: qualite
    ponderation: 40
    sous_criteres:
      - {id: VT-A, ponderation: 3}
      - {id: VT-B, ponderation: 1}
offres:
  # Offre de la société Alpha
  - {id: O1, candidat: Alpha, prix_ht: 100000}
  - id: O2
    candidat: Bravo   # saisie à l'ouverture des plis
    prix_ht: 120000
# Fin du fichier
`;

function env(): RenderEnv {
  return { service: makeService(), readText: () => undefined, today: TODAY };
}

async function grid(text: string): Promise<ExcelJS.Workbook> {
  const r = await renderXlsx(env(), { uri: URI, text }, 'grille');
  assert.ok(r.bytes, r.error);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
  return wb;
}

/** Sets the cells of a grid row by key (row 3 holds the keys). */
function fill(ws: ExcelJS.Worksheet, row: number, values: Record<string, ExcelJS.CellValue>): void {
  const keys = (ws.getRow(3).values as unknown[]).slice(1);
  for (const [k, v] of Object.entries(values)) {
    const c = keys.indexOf(k);
    assert.ok(c >= 0, `no key ${k}`);
    ws.getCell(row, c + 1).value = v;
  }
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importWb(text: string, wb: ExcelJS.Workbook) {
  return planImport(text, await readXlsx(await bytes(wb)));
}

describe('amo import: the analysis grid read back', () => {
  it('round trip: export the grid, fill it, import it; a minimal YAML edit and the RAO figures computed by hand in every format', async () => {
    const wb = await grid(RT);
    const ws = wb.worksheets[0];
    fill(ws, 4, { 'VT-A': 16, 'VT-B': 12 });
    fill(ws, 5, { prix_ht: 80000, 'VT-A': 12, 'VT-B': 20 });
    fill(ws, 6, { id: 'O3', candidat: 'Charlie', prix_ht: 90000, 'VT-A': 20, 'VT-B': 20 });
    const r = await importWb(RT, wb);
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.newOffers, 1);
    assert.strictEqual(
      r.text,
      RT.replace('  - {id: O1, candidat: Alpha, prix_ht: 100000}', '  - {id: O1, candidat: Alpha, prix_ht: 100000, notes: {VT-A: 16, VT-B: 12}}').replace(
        '    prix_ht: 120000',
        '    prix_ht: 80000\n    notes: {VT-A: 12, VT-B: 20}\n  - {id: O3, candidat: Charlie, prix_ht: 90000, notes: {VT-A: 20, VT-B: 20}}',
      ),
    );
    // By hand (classique, Pmin = 80 000): O1 price 16 → 48 + VT (16×3+12)/4 = 15 → 30 = 78;
    // O2 price 20 → 60 + VT (12×3+20)/4 = 14 → 28 = 88; O3 price 20 × 80/90 → 53,33 + VT 20 → 40 = 93,33.
    const text = r.text as string;
    const lot = lotRankings(parse(text) as Obj)[0];
    const totals = lot.score.offers.map((o) => [o.id, Math.round(o.total * 100) / 100, o.rank]);
    assert.deepStrictEqual(totals, [['O1', 78, 3], ['O2', 88, 2], ['O3', 93.33, 1]]);
    const model = buildDeliverable(env(), { uri: URI, text }, 'rao').model;
    assert.ok(model);
    const html = renderHtml(model);
    for (const s of ['93,33', '88,00', '78,00', 'Charlie']) assert.ok(html.includes(s), `HTML has ${s}`);
    const docx = readZip(await renderDocx(model)).get('word/document.xml')?.toString() ?? '';
    for (const s of ['93,33', '88,00', '78,00']) assert.ok(docx.includes(s), `DOCX has ${s}`);
    const rao = await renderXlsx(env(), { uri: URI, text }, 'rao');
    const sheets = await loadRaw(rao.bytes as Buffer);
    const ev = evaluate(sheets);
    const [name, raw] = [...sheets][0];
    const tcol = columnOf(raw, 2, /^Total sur/);
    const rcol = columnOf(raw, 2, 'Rang');
    const got = [3, 4, 5].map((row) => [Math.round((ev.value(name, row, tcol) as number) * 100) / 100, ev.value(name, row, rcol)]);
    assert.deepStrictEqual(got, [[78, 3], [88, 2], [93.33, 1]]);
  });

  it('an unchanged grid changes nothing', async () => {
    const r = await importWb(RT, await grid(RT));
    assert.deepStrictEqual([r.errors, r.changes, r.text], [[], [], RT]);
  });

  it('CSV with the grid keys as header, French numbers', () => {
    const csv = 'id;candidat;prix_ht;VT-A;VT-B\nO1;Alpha;"100 000,00 €";15,5;12\n';
    const r = planImport(RT, readCsv(csv));
    assert.deepStrictEqual(r.errors, []);
    assert.match(r.text as string, /\{id: O1, candidat: Alpha, prix_ht: 100000, notes: \{VT-A: 15.5, VT-B: 12\}\}/);
  });

  it('a foreign sheet through a saved column mapping', () => {
    const csv = 'Entreprise,N° offre,Montant HT,Méthodo,Moyens\nBravo,O2,99000,14,13\n';
    const r = planImport(RT, readCsv(csv), { colonnes: { Entreprise: 'candidat', 'N° offre': 'id', 'Montant HT': 'prix_ht', Méthodo: 'VT-A', Moyens: 'VT-B' } });
    assert.deepStrictEqual(r.errors, []);
    assert.match(r.text as string, /prix_ht: 99000\n {4}notes: \{VT-A: 14, VT-B: 13\}/);
    assert.deepStrictEqual(r.changes.map((c) => `${c.offer} ${c.field} ${String(c.before)}→${c.after}`), ['O2 prix_ht 120000→99000', 'O2 notes.VT-A undefined→14', 'O2 notes.VT-B undefined→13']);
  });
});

describe('amo import: hostile and wrong sheets give clear errors and no text', () => {
  const cases: { name: string; set: (ws: ExcelJS.Worksheet) => void; want: RegExp }[] = [
    { name: 'unknown criterion id in the key row', set: (ws) => (ws.getCell(3, 9).value = 'VT-Z'), want: /Grille!I3 : critère ou colonne inconnu « VT-Z »/ },
    { name: 'candidate that does not match the offer', set: (ws) => fill(ws, 4, { candidat: 'Alfa' }), want: /Grille!B4 : candidat inconnu pour l’offre O1 : « Alfa » au lieu de « Alpha »/ },
    { name: 'non-numeric price', set: (ws) => fill(ws, 4, { prix_ht: 'cent mille' }), want: /Grille!D4 : montant non numérique/ },
    { name: 'note out of range', set: (ws) => fill(ws, 4, { 'VT-A': 25 }), want: /Grille!G4 : note non numérique ou hors de 0..20/ },
    { name: 'formula in a note', set: (ws) => fill(ws, 4, { 'VT-A': { formula: '2*8' } as ExcelJS.CellValue }), want: /Grille!G4 : formule refusée/ },
    { name: 'formula injection in a name', set: (ws) => fill(ws, 6, { id: 'O9', candidat: '=HYPERLINK("http://evil","x")' }), want: /Grille!B6 : nom de candidat refusé/ },
    { name: 'DDE injection in an id', set: (ws) => fill(ws, 6, { id: "=cmd|' /C calc'!A0", candidat: 'X' }), want: /Grille!A6 : identifiant refusé/ },
    { name: 'merged cells', set: (ws) => ws.mergeCells('G4:H4'), want: /Grille!H4 : cellule fusionnée refusée/ },
    { name: 'unknown status', set: (ws) => fill(ws, 4, { statut: 'retenue' }), want: /Grille!F4 : statut inconnu « retenue »/ },
    { name: 'duplicate offer', set: (ws) => fill(ws, 6, { id: 'O1' }), want: /Grille!A6 : offre « O1 » en double/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const wb = await grid(RT);
      c.set(wb.worksheets[0]);
      const r = await importWb(RT, wb);
      assert.strictEqual(r.text, undefined);
      assert.ok(r.errors.some((e) => c.want.test(e)), r.errors.join('\n'));
    });
  }

  it('a zip bomb is refused before exceljs inflates it (bounded inflation)', () => {
    // One entry of 200 MB of zeros, deflated to ~200 KB.
    const big = zlib.deflateRawSync(Buffer.alloc(200_000_000));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(big.length, 18);
    local.writeUInt32LE(1000, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(big.length, 20);
    central.writeUInt32LE(1000, 24); // a lying size
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdStart = local.length + name.length + big.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(cdStart, 16);
    const zip = Buffer.concat([local, name, big, central, name, eocd]);
    assert.throws(() => guardZip(zip), (e: Error) => e instanceof SheetError && /bombe ZIP|décompressée/.test(e.message));
  });

  it('a huge sheet and a non-ZIP file are refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Big').getCell(20_001, 1).value = 1;
    await assert.rejects(readXlsx(await bytes(wb)), /trop grande/);
    await assert.rejects(readXlsx(Buffer.from('id;candidat\n')), /pas une archive ZIP/);
    assert.throws(() => readCsv(`${'a;'.repeat(400)}\n`), /colonnes/);
  });

  it('unknown lot, and a consultation that does not parse', () => {
    const lots = RT.replace('criteres:', 'lots:\n  - {id: L1}\ncriteres:').replace('prix_ht: 100000}', 'prix_ht: 100000, lot: L1}');
    const r = planImport(lots, readCsv('id;candidat;lot;prix_ht\nO1;Alpha;L9;1000\n'));
    assert.ok(r.errors.some((e) => /lot inconnu « L9 »/.test(e)), r.errors.join('\n'));
    assert.match(planImport('a: [', readCsv('id\nO1\n')).errors[0], /consultation illisible/);
  });
});

describe('amo import: round trip on an example', () => {
  it('médiathèque travaux: one changed price and note in the grid change exactly those two scalars, comments kept', async () => {
    const fs = await import('fs');
    const path = await import('path');
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'mediatheque-prevert-travaux.consultation.yaml'), 'utf8');
    const r0 = await renderXlsx(env(), { uri: 'file:///w/m.consultation.yaml', text }, 'grille');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r0.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Grille LOT-02') as ExcelJS.Worksheet;
    assert.strictEqual(ws.getCell('A5').value, 'OFF-02-LACROIX');
    fill(ws, 5, { prix_ht: 455000, 'VT-MOYENS': 16 });
    const r = await importWb(text, wb);
    assert.deepStrictEqual(r.errors, []);
    const before = text.split('\n');
    const after = (r.text as string).split('\n');
    assert.strictEqual(after.length, before.length);
    const diff = before.map((l, i) => [l, after[i]]).filter(([a, b]) => a !== b);
    assert.deepStrictEqual(diff, [[
      '  - {id: OFF-02-LACROIX, candidat: Lacroix Construction, lot: LOT-02, prix_ht: 471200, prix_ttc: 565440, notes: {VT-METHODO: 15, VT-MOYENS: 14, VT-PLANNING: 14, ENV: 15}, statut: recevable}',
      '  - {id: OFF-02-LACROIX, candidat: Lacroix Construction, lot: LOT-02, prix_ht: 455000, prix_ttc: 565440, notes: {VT-METHODO: 15, VT-MOYENS: 16, VT-PLANNING: 14, ENV: 15}, statut: recevable}',
    ]]);
  });
});

describe('minimalEdit (the client applies the import as one small replacement)', () => {
  it('keeps the common prefix and suffix', () => {
    assert.deepStrictEqual(minimalEdit('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 20\nc: 3\n'), { start: 9, end: 9, text: '0' });
    assert.deepStrictEqual(minimalEdit('x', 'x'), { start: 1, end: 1, text: '' });
    const a = RT;
    const b = RT.replace('120000', '80000\n    notes: {VT-A: 1}');
    const e = minimalEdit(a, b);
    assert.strictEqual(a.slice(0, e.start) + e.text + a.slice(e.end), b);
  });
});
