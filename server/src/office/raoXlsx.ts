/**
 * The RAO as a workbook with live formulas: one sheet per lot (the lots of language-service/lotRanking.ts),
 * where the price score by the consultation's method, the criterion notes from sub-criteria, the weighted
 * points, the total, the ranking (RANK, on the offers that are ranked) and the OAB threshold are Excel
 * formulas over the prices and notes, so that changing a price in Excel recomputes as the tool does
 * (test/unit/officeXlsx.test.ts recomputes them with HyperFormula and compares with scoring.ts).
 * The tool's own figures are stored as the formulas' cached results.
 */
import type ExcelJS from 'exceljs';
import { consultationModel } from '../language-service/model/build';
import { admissible, eliminatoire, lotRankings, offerId, type LotRanking } from '../language-service/model/lotRanking';
import { detectOab, oabIndicator } from '../language-service/scoring';
import { num, obj, str, type Obj } from '../language-service/util/data';
import { addr, addSheet, FMT, fstr, put, styleHeader, type CellValue } from './workbook';

interface Col {
  key: string;
  label: string;
  width: number;
  fmt?: string;
  /** The value of the column for offer k (row r). */
  value: (k: number, r: number) => CellValue;
}

const NOT_OFFERS = ['irreguliere', 'inacceptable', 'inappropriee'];

/** Adds the sheet of one lot; returns nothing, the workbook holds it. */
function lotSheet(wb: ExcelJS.Workbook, data: Obj, lot: LotRanking): void {
  const title = lot.lot ? `Lot ${lot.lotId ?? '?'}${str(lot.lot.intitule) ? ` — ${str(lot.lot.intitule)}` : ''}` : 'Marché unique';
  const ws = addSheet(wb, lot.lotId ? `RAO ${lot.lotId}` : 'RAO', 2, 2);
  const n = lot.offers.length;
  const first = 3;
  const last = first + n - 1;
  const { setup, score } = lot;
  const scored = score.offers;
  // Parameters below the table: their addresses are known before the columns are written.
  const p0 = last + 3;
  const P = { nmax: p0 + 1, method: p0 + 2, baseAsked: p0 + 3, base: p0 + 4, pmin: p0 + 5, pmax: p0 + 6, pmoy: p0 + 7, elimId: p0 + 8, elimSeuil: p0 + 9, maxTotal: p0 + 10, oabRule: p0 + 11, oabMean: p0 + 12, oabSigma: p0 + 13, oabK: p0 + 14, oabMean2: p0 + 15, oabPct: p0 + 16, estimate: p0 + 17, oabThreshold: p0 + 18 };
  const pv = (k: keyof typeof P): string => addr(P[k], 2, true);

  const cols: Col[] = [];
  const at = (key: string): number => cols.findIndex((c) => c.key === key) + 1;
  const ref = (key: string, r: number): string => addr(r, at(key));
  const range = (key: string): string => `${addr(first, at(key), true)}:${addr(last, at(key), true)}`;
  const o = (k: number): Obj => lot.offers[k].o;

  cols.push({ key: 'id', label: 'Offre', width: 16, value: (k) => offerId(o(k), lot.offers[k].i) });
  cols.push({ key: 'candidat', label: 'Candidat', width: 28, value: (k) => str(o(k).candidat) ?? '' });
  cols.push({ key: 'statut', label: 'Statut', width: 16, value: (k) => str(o(k).statut) ?? 'recevable' });
  cols.push({ key: 'ht', label: 'Prix HT', width: 15, fmt: FMT.money, value: (k) => num(o(k).prix_ht) });
  cols.push({ key: 'ttc', label: 'Prix TTC', width: 15, fmt: FMT.money, value: (k) => num(o(k).prix_ttc) });
  cols.push({ key: 'prix', label: 'Prix (base retenue)', width: 15, fmt: FMT.money, value: (_k, r) => ({ formula: `IF(${pv('base')}="TTC",IF(${ref('ttc', r)}="","",${ref('ttc', r)}),IF(${ref('ht', r)}="","",${ref('ht', r)}))` }) });

  const elim = eliminatoire(data);
  /** Cell holding, for row r, the note the note éliminatoire is compared with (set while the criteria are laid out). */
  let elimRef: ((r: number) => string) | undefined;
  const points: string[] = [];
  // The criteria of the lot's set as the model reads them (the model keeps the ranking's order of sets: setIndex).
  consultationModel(data).criteriaSets[lot.setIndex].criteria.forEach((c) => {
    const cid = c.name;
    const w = c.weight;
    const priced = c.priceOrCost && setup.method !== undefined;
    const subs = c.sub.map((s) => ({ id: s.name, weight: s.weight }));
    let noteKey = `n:${cid}`;
    if (priced) {
      const f = (r: number): string => {
        const p = ref('prix', r);
        const [nm, mn, mx, my] = [pv('nmax'), pv('pmin'), pv('pmax'), pv('pmoy')];
        const body = setup.method === 'classique' ? `IF(${p}>0,${nm}*${mn}/${p},${nm})` : setup.method === 'lineaire' ? `IF(${mx}=${mn},${nm},${nm}*(${mx}-${p})/(${mx}-${mn}))` : `IF(${my}=${mn},${nm},MAX(0,${nm}*(1-(${p}-${mn})/(2*(${my}-${mn})))))`;
        return `IF(OR(${p}="",${mn}=""),"",${body})`;
      };
      cols.push({ key: noteKey, label: `${cid} note (${setup.method})`, width: 12, fmt: FMT.score, value: (k, r) => ({ formula: f(r), result: scored[k].notes[cid]?.note ?? '' }) });
    } else if (subs.length === 0) {
      cols.push({ key: noteKey, label: `${cid} note`, width: 11, fmt: FMT.score, value: (k) => num(obj(o(k).notes)[cid]) });
    } else {
      for (const sub of subs) cols.push({ key: `n:${sub.id}`, label: `${sub.id} note`, width: 11, fmt: FMT.score, value: (k) => num(obj(o(k).notes)[sub.id]) });
      // The criterion's own note counts only when none of its sub-criteria is noted (scoring.ts criterionNote).
      const direct = lot.offers.some(({ o: x }) => num(obj(x.notes)[cid]) !== undefined);
      if (direct) cols.push({ key: `d:${cid}`, label: `${cid} note saisie`, width: 11, fmt: FMT.score, value: (k) => num(obj(o(k).notes)[cid]) });
      const weights = subs.map((x) => x.weight);
      const weighted = weights.every((x) => x !== undefined && x >= 0);
      const ws_ = weighted ? (weights as number[]) : subs.map(() => 1);
      const wsum = ws_.reduce((a, b) => a + b, 0);
      noteKey = `c:${cid}`;
      cols.push({
        key: noteKey,
        label: `${cid} note`,
        width: 11,
        fmt: FMT.score,
        value: (k, r) => {
          const mean = wsum === 0 ? '""' : `(${subs.map((x, j) => `${ref(`n:${x.id}`, r)}*${ws_[j]}`).join('+')})/${wsum}`;
          const noted = `COUNT(${subs.map((x) => ref(`n:${x.id}`, r)).join(',')})`;
          const formula = direct ? `IF(AND(${noted}=0,${ref(`d:${cid}`, r)}<>""),${ref(`d:${cid}`, r)},${mean})` : mean;
          return { formula, result: scored[k].notes[cid]?.note ?? '' };
        },
      });
      if (elim && subs.some((x) => x.id === elim.id)) elimRef = (r) => ref(`n:${elim.id}`, r);
      if (elim?.id === cid && direct) elimRef = (r) => `IF(${ref(`d:${cid}`, r)}<>"",${ref(`d:${cid}`, r)},${ref(noteKey, r)})`;
    }
    if (elim?.id === cid && !elimRef && !priced) {
      const key = noteKey;
      elimRef = (r) => ref(key, r);
    }
    const key = noteKey;
    cols.push({
      key: `p:${cid}`,
      label: `${cid} points (${w ?? 0})`,
      width: 11,
      fmt: FMT.score,
      value: (k, r) => ({ formula: w === undefined ? '0' : `IF(${ref(key, r)}="",0,${w}*${ref(key, r)}/${pv('nmax')})`, result: scored[k].notes[cid]?.points ?? 0 }),
    });
    points.push(`p:${cid}`);
  });
  cols.push({ key: 'total', label: `Total sur ${score.maxTotal}`, width: 11, fmt: FMT.score, value: (k, r) => ({ formula: points.length ? `${points.map((p) => ref(p, r)).join('+')}` : '0', result: scored[k].total }) });
  cols.push({ key: 'adm', label: 'Recevable', width: 10, fmt: FMT.integer, value: (k, r) => ({ formula: `IF(OR(${ref('statut', r)}="",${ref('statut', r)}="recevable"),1,0)`, result: admissible(o(k)) ? 1 : 0 }) });
  // A note éliminatoire on a sub-criterion id or on a priced criterion's entered note: the value compared is fixed.
  const elimNote = (k: number): number | undefined => {
    if (!elim) return undefined;
    const notes = obj(o(k).notes);
    return num(notes[elim.id]) ?? scored[k].notes[elim.id]?.note;
  };
  cols.push({
    key: 'elim',
    label: 'Éliminée',
    width: 10,
    fmt: FMT.integer,
    value: (k, r) => {
      if (!elim) return { formula: '0', result: 0 };
      const v = elimRef ? elimRef(r) : String(elimNote(k) ?? '""');
      return { formula: `IF(${v}="",0,IF(${v}<${pv('elimSeuil')},1,0))`, result: scored[k].excluded === 'eliminatoire' ? 1 : 0 };
    },
  });
  cols.push({ key: 'ranked', label: 'Classée', width: 9, fmt: FMT.integer, value: (k, r) => ({ formula: `IF(AND(${ref('adm', r)}=1,${ref('elim', r)}=0),1,0)`, result: scored[k].excluded ? 0 : 1 }) });
  cols.push({ key: 'rank', label: 'Rang', width: 7, fmt: FMT.integer, value: (k, r) => ({ formula: `IF(${ref('ranked', r)}=1,RANK(ROUND(${ref('total', r)},9),${range('rtotal')},0),"")`, result: scored[k].rank ?? '' }) });
  cols.push({ key: 'rprice', label: 'Prix des offres classées', width: 15, fmt: FMT.money, value: (_k, r) => ({ formula: `IF(AND(${ref('ranked', r)}=1,${ref('prix', r)}<>""),${ref('prix', r)},"")` }) });
  cols.push({ key: 'rtotal', label: 'Total des offres classées', width: 11, fmt: FMT.score, value: (_k, r) => ({ formula: `IF(${ref('ranked', r)}=1,ROUND(${ref('total', r)},9),"")` }) });
  cols.push({ key: 'oabp', label: 'Prix HT examiné (OAB)', width: 15, fmt: FMT.money, value: (_k, r) => ({ formula: `IF(AND(${ref('ht', r)}<>"",${NOT_OFFERS.map((s) => `${ref('statut', r)}<>${fstr(s)}`).join(',')}),${ref('ht', r)},"")` }) });
  cols.push({ key: 'below', label: 'Sous le seuil OAB', width: 10, value: (_k, r) => ({ formula: `IF(OR(${ref('oabp', r)}="",${pv('oabThreshold')}=""),"",IF(${ref('oabp', r)}<${pv('oabThreshold')},"oui","non"))` }) });

  ws.getCell(1, 1).value = `${title} — analyse des offres (formules actives)`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  cols.forEach((c, j) => {
    put(ws, 2, j + 1, c.label);
    ws.getColumn(j + 1).width = c.width;
  });
  styleHeader(ws.getRow(2));
  ws.getRow(2).height = 42;
  for (let k = 0; k < n; k++) {
    const r = first + k;
    cols.forEach((c, j) => put(ws, r, j + 1, c.value(k, r), c.fmt));
  }

  // Parameters and statistics: the formulas above read them; they can be changed in Excel.
  const ind = oabIndicator(str(obj(data.oab).detection));
  const oab = detectOab(
    str(obj(data.oab).detection),
    lot.offers.filter(({ o: x }) => !NOT_OFFERS.includes(str(x.statut) ?? '') && num(x.prix_ht) !== undefined).map(({ o: x, i }) => ({ id: offerId(x, i), price: num(x.prix_ht) as number })),
    num(lot.lot?.valeur_estimee_ht),
  );
  const stat = (col: string, fn: string): CellValue => ({ formula: `IF(COUNT(${range(col)})=0,"",${fn}(${range(col)}))` });
  const rows: [keyof typeof P, string, CellValue, string?][] = [
    ['nmax', 'Note maximale (Nmax)', setup.nmax, FMT.decimal],
    ['method', 'Méthode de notation du prix', setup.declared ?? 'classique'],
    ['baseAsked', 'Base demandée', str(obj(data.notation_prix).base) === 'TTC' ? 'TTC' : 'HT'],
    ['base', 'Base retenue (TTC si toutes les offres ont un prix TTC)', { formula: `IF(AND(${pv('baseAsked')}="TTC",COUNT(${range('ttc')})=${n}),"TTC","HT")`, result: setup.base }],
    ['pmin', 'Pmin (offres classées)', { ...(stat('rprice', 'MIN') as object), result: score.stats?.pmin ?? '' } as CellValue, FMT.money],
    ['pmax', 'Pmax (offres classées)', { ...(stat('rprice', 'MAX') as object), result: score.stats?.pmax ?? '' } as CellValue, FMT.money],
    ['pmoy', 'Pmoy (offres classées)', { ...(stat('rprice', 'AVERAGE') as object), result: score.stats?.pmoy ?? '' } as CellValue, FMT.money],
    ['elimId', 'Note éliminatoire : critère', elim?.id ?? '—'],
    ['elimSeuil', 'Note éliminatoire : seuil', elim?.seuil, FMT.decimal],
    ['maxTotal', 'Total maximal', score.maxTotal, FMT.decimal],
    ['oabRule', 'Détection des offres anormalement basses', oab.formula],
    ['oabMean', 'Moyenne des prix HT examinés', { ...(stat('oabp', 'AVERAGE') as object), result: oab.mean ?? '' } as CellValue, FMT.money],
    ['oabSigma', 'Écart-type σ (population)', { ...(stat('oabp', 'STDEVP') as object), result: oab.sigma ?? '' } as CellValue, FMT.money],
    ['oabK', 'k (seuil = moyenne − k σ)', ind.k, FMT.decimal],
    ['oabMean2', 'Seconde moyenne (offres ≤ 1,2 × moyenne)', { formula: `IF(${pv('oabMean')}="","",AVERAGEIF(${range('oabp')},"<="&(1.2*${pv('oabMean')})))`, result: oab.mean2 ?? '' }, FMT.money],
    ['oabPct', 'Pourcentage (%)', ind.pct, FMT.decimal],
    ['estimate', 'Estimation HT du lot', num(lot.lot?.valeur_estimee_ht), FMT.money],
    ['oabThreshold', 'Seuil d’anomalie', { formula: thresholdFormula(ind.indicator, pv), result: oab.threshold ?? '' }, FMT.money],
  ];
  put(ws, p0, 1, 'Paramètres et statistiques du lot').font = { bold: true };
  for (const [key, label, value, fmt] of rows) {
    put(ws, P[key], 1, label);
    put(ws, P[key], 2, value, fmt);
  }
  put(ws, P.oabThreshold + 2, 1, 'Le seuil n’est qu’un indice : il déclenche la demande de précisions (R2152-3), jamais un rejet automatique. Totaux = Σ pondération × note / Nmax ; classement sur les totaux non arrondis.');
}

function thresholdFormula(indicator: string, pv: (k: 'oabMean' | 'oabSigma' | 'oabK' | 'oabMean2' | 'oabPct' | 'estimate') => string): string {
  switch (indicator) {
    case 'caa_20_10':
      return `IF(${pv('oabMean2')}="","",0.9*${pv('oabMean2')})`;
    case 'pct_moyenne':
      return `IF(${pv('oabMean')}="","",${pv('oabMean')}*(1-${pv('oabPct')}/100))`;
    case 'pct_estimation':
      return `IF(${pv('estimate')}="","",${pv('estimate')}*(1-${pv('oabPct')}/100))`;
    default:
      return `IF(${pv('oabMean')}="","",${pv('oabMean')}-${pv('oabK')}*${pv('oabSigma')})`;
  }
}

/** The RAO sheets of a consultation, one per lot analysed; false when there is no offer to analyse. */
export function addRaoSheets(wb: ExcelJS.Workbook, data: Obj): boolean {
  const lots = lotRankings(data);
  for (const lot of lots) lotSheet(wb, data, lot);
  return lots.length > 0;
}
