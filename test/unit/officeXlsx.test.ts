import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { lotRankings, offerId } from '../../server/src/language-service/model/lotRanking';
import { detectOab } from '../../server/src/language-service/scoring';
import { num, obj, str, type Obj } from '../../server/src/language-service/util/data';
import { renderXlsx } from '../../server/src/office';
import { safeText, unescapeText } from '../../server/src/office/workbook';
import type { RenderEnv } from '../../server/src/render';
import { makeService } from '../helpers/service';
import { columnOf, evaluate, loadRaw, rowOf, type Raw } from '../helpers/xlsxEval';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const TODAY = '2025-01-15';

function env(): RenderEnv {
  return { service: makeService(), readText: () => undefined, today: TODAY };
}

async function xlsx(uri: string, text: string, id: 'rao' | 'grille' | 'risques' | 'planning'): Promise<Buffer> {
  const r = await renderXlsx(env(), { uri, text }, id);
  assert.ok(r.bytes, r.error);
  return r.bytes;
}

/** Lines (methods, eliminatory note, sub-criteria without weights, TTC fallback, OAB rules) the examples do not all cover. */
const SYNTHETIC = (method: string, detection: string, base = 'HT'): string => `id: CSL-X
objet: Travaux
nature: travaux
procedure: {type: MAPA}
notation_prix: {methode: ${method}, note_max: 20, base: ${base}}
note_eliminatoire: {critere: VT, seuil: 8}
oab: {detection: "${detection}"}
lots:
  - {id: L1, valeur_estimee_ht: 100000}
  - id: L2
    criteres:
      - {id: P2, type: prix, fourchette: {min: 30, max: 50}}
      - id: Q2
        type: qualite
        ponderation: 60
        sous_criteres: [{id: Q2-A}, {id: Q2-B}]
criteres:
  - {id: PRIX, type: prix, ponderation: 55}
  - id: VT
    type: qualite
    ponderation: 35
    sous_criteres: [{id: VT-A, ponderation: 2}, {id: VT-B, ponderation: 1}]
  - {id: DEL, type: delai, ponderation: 10}
offres:
  - {id: A, candidat: "=HYPERLINK(\\"http://x\\",\\"clic\\")", lot: L1, prix_ht: 90000, prix_ttc: 108000, notes: {VT-A: 15, VT-B: 12, DEL: 14}}
  - {id: B, candidat: Beta, lot: L1, prix_ht: 100000, prix_ttc: 120000, notes: {VT-A: 12, VT-B: 18, DEL: 18}}
  - {id: C, candidat: Gamma, lot: L1, prix_ht: 70000, notes: {VT-A: 5, VT-B: 6, DEL: 20}}
  - {id: D, candidat: Delta, lot: L1, prix_ht: 125000, prix_ttc: 150000, notes: {VT: 16}, statut: recevable}
  - {id: E, candidat: "@Epsilon", lot: L1, prix_ht: 60000, prix_ttc: 72000, notes: {VT-A: 20, VT-B: 20, DEL: 20}, statut: irreguliere}
  - {id: F, candidat: Phi, lot: L1, prix_ht: 95000, prix_ttc: 114000, notes: {VT-A: 14, VT-B: 14}, statut: anormalement_basse}
  - {id: G, candidat: Gimel, lot: L2, prix_ht: 50000, prix_ttc: 60000, notes: {Q2-A: 10, Q2-B: 14}}
  - {id: H, candidat: Heth, lot: L2, prix_ht: 50000, prix_ttc: 60000, notes: {Q2-A: 14, Q2-B: 10}}
  - {id: I, candidat: Iota, lot: L2, prix_ht: 65000, prix_ttc: 78000, notes: {Q2-A: 16, Q2-B: 16}}
`;

const CASES: { name: string; text: string }[] = [
  ...fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.consultation.yaml'))
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') }))
    // The examples that record offers (a contest has projects, the furniture accord-cadre is still open).
    .filter((c) => /^offres:/m.test(c.text)),
  { name: 'classique, deux moyennes, TTC manquant', text: SYNTHETIC('classique', 'méthode des deux moyennes (20 % / 10 %)', 'TTC') },
  { name: 'lineaire, 1,5 écart-type', text: SYNTHETIC('lineaire', 'moyenne moins 1,5 écart-type') },
  { name: 'moyenne, 15 % sous l’estimation', text: SYNTHETIC('moyenne', '15 % sous l’estimation') },
  { name: 'autre, 20 % sous la moyenne', text: SYNTHETIC('autre', '20 % sous la moyenne') },
];

const close = (a: unknown, b: number | undefined, what: string): void => {
  if (b === undefined) {
    assert.ok(a === '' || a === null || a === 0, `${what}: expected nothing, got ${String(a)}`);
    return;
  }
  assert.strictEqual(typeof a, 'number', `${what}: expected ${b}, got ${JSON.stringify(a)}`);
  assert.ok(Math.abs((a as number) - b) < 1e-7, `${what}: xlsx ${String(a)} vs tool ${b}`);
};

/** Checks every figure of the RAO sheets, recomputed by HyperFormula, against lotRankings(data). */
function checkAgainstTool(sheets: Map<string, Raw>, ev: ReturnType<typeof evaluate>, data: Obj, label: string): number {
  const lots = lotRankings(data);
  const names = [...sheets.keys()];
  assert.strictEqual(names.length, lots.length, `${label}: one sheet per lot`);
  let checked = 0;
  lots.forEach((lot, li) => {
    const name = names[li];
    const raw = sheets.get(name) as Raw;
    const col = (l: string | RegExp): number => columnOf(raw, 2, l);
    const param = (l: string): unknown => ev.value(name, rowOf(raw, l), 2);
    close(param('Pmin (offres classées)'), lot.score.stats?.pmin, `${label} ${name} Pmin`);
    assert.strictEqual(param('Base retenue (TTC si toutes les offres ont un prix TTC)'), lot.setup.base, `${label} ${name} base`);
    const sample = lot.offers.filter(({ o }) => !['irreguliere', 'inacceptable', 'inappropriee'].includes(str(o.statut) ?? '') && num(o.prix_ht) !== undefined);
    const oab = detectOab(str(obj(data.oab).detection), sample.map(({ o, i }) => ({ id: offerId(o, i), price: num(o.prix_ht) as number })), num(lot.lot?.valeur_estimee_ht));
    close(param('Seuil d’anomalie'), oab.threshold, `${label} ${name} seuil OAB`);
    lot.offers.forEach(({ o, i }, k) => {
      const row = 3 + k;
      const s = lot.score.offers[k];
      const id = offerId(o, i);
      assert.strictEqual(ev.value(name, row, 1), id);
      for (const c of lot.criteria) {
        close(ev.value(name, row, col(new RegExp(`^${c.id} points`))), s.notes[c.id].points, `${label} ${id} ${c.id} points`);
        checked++;
      }
      close(ev.value(name, row, col(/^Total sur/)), s.total, `${label} ${id} total`);
      close(ev.value(name, row, col('Rang')), s.rank, `${label} ${id} rang`);
      const below = ev.value(name, row, col('Sous le seuil OAB'));
      const sampled = sample.some((x) => x.i === i);
      assert.strictEqual(below, !sampled || oab.threshold === undefined ? '' : oab.below.includes(id) ? 'oui' : 'non', `${label} ${id} OAB`);
      checked += 2;
    });
  });
  return checked;
}

describe('XLSX export: the RAO with live formulas (recomputed by HyperFormula)', () => {
  for (const c of CASES) {
    it(`${c.name}: every price note, points, total, rank and OAB flag recomputes to the tool's figures`, async () => {
      const data = parse(c.text) as Obj;
      const bytes = await xlsx(`file:///w/${c.name.replace(/\W+/g, '-')}.consultation.yaml`, c.text, 'rao');
      const sheets = await loadRaw(bytes);
      const ev = evaluate(sheets);
      const n = checkAgainstTool(sheets, ev, data, c.name);
      assert.ok(n > 5, 'figures checked');
    });
  }

  it('changing a price in the sheet recomputes as the tool does on the changed document', async () => {
    const text = SYNTHETIC('classique', 'moyenne moins un écart-type');
    const bytes = await xlsx('file:///w/x.consultation.yaml', text, 'rao');
    const sheets = await loadRaw(bytes);
    const ev = evaluate(sheets);
    const name = [...sheets.keys()][0];
    const raw = sheets.get(name) as Raw;
    // Offer B (row 4) drops to 50 000 € HT: it becomes Pmin and changes every price note and the ranking.
    ev.hf.setCellContents({ sheet: ev.sheet(name), row: 3, col: columnOf(raw, 2, 'Prix HT') - 1 }, 50000);
    const changed = parse(text) as Obj;
    ((changed.offres as Obj[])[1] as Obj).prix_ht = 50000;
    const lot = lotRankings(changed)[0];
    assert.strictEqual(lot.score.offers[1].rank, 1, 'the test moves B to the first rank');
    checkAgainstTool(new Map([[name, raw]]), ev, { ...changed, lots: [(changed.lots as Obj[])[0]] }, 'B à 50 000 €');
  });

  it('sheets print A4 landscape fitted to width, with frozen headers and French money formats', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'mediatheque-prevert-travaux.consultation.yaml'), 'utf8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx('file:///w/m.consultation.yaml', text, 'rao')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.strictEqual(ws.pageSetup.orientation, 'landscape');
    assert.strictEqual(ws.pageSetup.paperSize, 9);
    assert.strictEqual(ws.pageSetup.fitToWidth, 1);
    assert.strictEqual(ws.pageSetup.fitToHeight, 0);
    assert.deepStrictEqual([ws.views[0].state, (ws.views[0] as { ySplit?: number }).ySplit], ['frozen', 2]);
    assert.strictEqual(ws.getCell('D3').numFmt, '#,##0.00 "€"');
    assert.ok((ws.getColumn(2).width ?? 0) >= 20);
  });

  it('text never starts a formula: names starting with = + - @ are escaped, and no cell of text is a formula', async () => {
    const text = SYNTHETIC('classique', 'moyenne moins un écart-type');
    const sheets = await loadRaw(await xlsx('file:///w/x.consultation.yaml', text, 'rao'));
    const raw = [...sheets.values()][0];
    assert.strictEqual(raw[2][1], `'=HYPERLINK("http://x","clic")`);
    assert.strictEqual(raw[6][1], "'@Epsilon");
    assert.strictEqual(safeText('-12'), "'-12");
    assert.strictEqual(safeText('\tcmd'), "'\tcmd");
    assert.strictEqual(safeText('Beta'), 'Beta');
    assert.strictEqual(unescapeText("'=1+1"), '=1+1');
    // The only formulas of the grid are ours: none holds a document's text.
    const formulas = [...sheets.values()].flat(2).filter((v): v is string => typeof v === 'string' && v.startsWith('='));
    assert.ok(formulas.length > 20);
    assert.ok(formulas.every((f) => !/HYPERLINK|Epsilon|cmd\|/i.test(f)), formulas.find((f) => /HYPERLINK|Epsilon/.test(f)));
  });
});

describe('XLSX export: the registers', () => {
  const programme = fs.readFileSync(path.join(EXAMPLES, 'mediatheque-prevert.programme.yaml'), 'utf8');

  it('risk register: criticality and class recompute from P, I and the critical threshold', async () => {
    const sheets = await loadRaw(await xlsx('file:///w/m.programme.yaml', programme, 'risques'));
    const ev = evaluate(sheets);
    const raw = sheets.get('Risques') as Raw;
    const data = parse(programme) as Obj;
    const risks = (data.risques as Obj[]) ?? [];
    assert.ok(risks.length > 3);
    risks.forEach((r, k) => {
      const c = (num(r.probabilite) as number) * (num(r.impact) as number);
      assert.strictEqual(ev.value('Risques', 3 + k, columnOf(raw, 2, 'Criticité P × I')), c, `${str(r.id)} criticality`);
    });
    // Re-rating a risk in Excel reclassifies it: P = 4, I = 4 is critical on the default threshold.
    ev.hf.setCellContents({ sheet: ev.sheet('Risques'), row: 2, col: 3 }, [[4, 4]]);
    assert.strictEqual(ev.value('Risques', 3, columnOf(raw, 2, 'Classe')), 'Critique');
  });

  it('planning: phases with real dates and durations in weeks', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx('file:///w/m.programme.yaml', programme, 'planning')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Planning') as ExcelJS.Worksheet;
    assert.strictEqual(ws.getCell('A3').value, 'Phase');
    assert.ok(ws.getCell('D3').value instanceof Date, 'start date is a date');
    assert.strictEqual(ws.getCell('D3').numFmt, 'dd/mm/yyyy');
    const data = parse(programme) as Obj;
    assert.ok(ws.rowCount > (data.phases as unknown[]).length);
  });
});

describe('XLSX export: the analysis grid (grille)', () => {
  it('one sheet per lot, keys in row 3 from the lot’s criteria (sub-criteria where there are, price computed), offers pre-filled', async () => {
    const text = SYNTHETIC('classique', 'moyenne moins un écart-type');
    const sheets = await loadRaw(await xlsx('file:///w/x.consultation.yaml', text, 'grille'));
    assert.deepStrictEqual([...sheets.keys()], ['Grille L1', 'Grille L2']);
    const l1 = sheets.get('Grille L1') as Raw;
    assert.deepStrictEqual(l1[2], ['id', 'candidat', 'lot', 'prix_ht', 'prix_ttc', 'statut', 'VT-A', 'VT-B', 'DEL']);
    assert.deepStrictEqual((sheets.get('Grille L2') as Raw)[2], ['id', 'candidat', 'lot', 'prix_ht', 'prix_ttc', 'statut', 'Q2-A', 'Q2-B']);
    assert.deepStrictEqual(l1[3], ['A', `'=HYPERLINK("http://x","clic")`, 'L1', 90000, 108000, null, 15, 12, 14]);
    // Blank rows for new offers carry the lot; no formula anywhere in a grid.
    assert.strictEqual(l1[3 + 6][2], 'L1');
    assert.ok(l1.flat().every((v) => !(typeof v === 'string' && v.startsWith('='))));
  });

  it('with methode autre the price criterion is a column to note', async () => {
    const sheets = await loadRaw(await xlsx('file:///w/x.consultation.yaml', SYNTHETIC('autre', 'x'), 'grille'));
    assert.deepStrictEqual((sheets.get('Grille L1') as Raw)[2].slice(6), ['PRIX', 'VT-A', 'VT-B', 'DEL']);
  });
});
