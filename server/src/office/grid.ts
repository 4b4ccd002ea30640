/**
 * The analysis grid (`amo render --deliverable grille --format xlsx`): one sheet per lot, generated from
 * the criteria in force for that lot, that the technical committee fills and that `amo import` reads back
 * without a mapping step. Row 3 holds the machine keys of the columns (GRID_MARKER in A3, then `candidat`,
 * `lot`, `prix_ht`, `prix_ttc`, `statut` and the ids of the criteria and sub-criteria to note); row 2 the
 * labels. The offers already in the consultation are pre-filled; blank rows follow for new ones.
 */
import type ExcelJS from 'exceljs';
import { consultationModel } from '../language-service/model/build';
import { priceSetup } from '../language-service/model/lotRanking';
import type { CriteriaSetM, CriterionM } from '../language-service/model/types';
import { num, obj, str, type Obj } from '../language-service/util/data';
import { addSheet, FMT, put, styleHeader } from './workbook';

/** A3 of a grid sheet: the key of the offer id column, and the sign that the sheet is ours. */
export const GRID_MARKER = 'id';
export const GRID_KEY_ROW = 3;
export const GRID_FIXED_KEYS = ['id', 'candidat', 'lot', 'prix_ht', 'prix_ttc', 'statut'] as const;
export const BLANK_ROWS = 20;

export interface NoteColumn {
  id: string;
  label: string;
}

/** The ids an offer of this set is noted on: sub-criteria where there are, else the criterion; price computed unless `autre`. */
export function noteColumns(data: Obj, set: CriteriaSetM): NoteColumn[] {
  const computedPrice = priceSetup(data, []).method !== undefined;
  const out: NoteColumn[] = [];
  const w = (x: CriterionM): string => (x.weight === undefined ? '' : ` (${x.weight})`);
  for (const c of set.criteria) {
    if (c.priceOrCost && computedPrice) continue;
    if (!c.sub.length) out.push({ id: c.name, label: `${c.name} — ${c.libelle ?? ''}${w(c)}` });
    for (const s of c.sub) out.push({ id: s.name, label: `${s.name} — ${s.libelle ?? ''}${w(s)}` });
  }
  return out;
}

/** Every criterion and sub-criterion id of a set (what an imported note may name). */
export function knownNoteIds(set: CriteriaSetM): Set<string> {
  const ids = new Set<string>();
  for (const c of set.criteria) {
    ids.add(c.name);
    for (const s of c.sub) ids.add(s.name);
  }
  return ids;
}

/** The lots of the grid: each lot with its criteria set, or the whole consultation. */
export function gridLots(data: Obj): { lotId?: string; title: string; set: CriteriaSetM }[] {
  const { criteriaSets: sets, lots } = consultationModel(data);
  if (!sets.length) return [];
  const common = sets.find((s) => s.lotId === undefined) ?? sets[0];
  if (!lots.length) return [{ title: 'Marché unique', set: common }];
  return lots.map((l) => ({ lotId: l.id, title: `Lot ${l.id ?? '?'}${str(l.o.intitule) ? ` — ${str(l.o.intitule)}` : ''}`, set: sets.find((s) => s.lotId !== undefined && s.lotId === l.id) ?? common }));
}

/** Adds the grid sheets; false when the consultation has no criteria. */
export function addGridSheets(wb: ExcelJS.Workbook, data: Obj): boolean {
  const lots = gridLots(data);
  const nmax = num(obj(data.notation_prix).note_max) ?? 20;
  for (const lot of lots) {
    const ws = addSheet(wb, lot.lotId ? `Grille ${lot.lotId}` : 'Grille', GRID_KEY_ROW, 2);
    const notes = noteColumns(data, lot.set);
    const labels = ['Offre (identifiant)', 'Candidat', 'Lot', 'Prix HT', 'Prix TTC', 'Statut (recevable, irreguliere, inacceptable, inappropriee, anormalement_basse)', ...notes.map((c) => c.label)];
    const keys = [...GRID_FIXED_KEYS, ...notes.map((c) => c.id)];
    ws.getCell(1, 1).value = `Grille d’analyse — ${lot.title} — notes sur ${nmax} ; ne modifiez pas la ligne 3 (clés lues par « amo import »)`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    labels.forEach((l, j) => put(ws, 2, j + 1, l));
    keys.forEach((k, j) => put(ws, GRID_KEY_ROW, j + 1, k));
    styleHeader(ws.getRow(2));
    ws.getRow(2).height = 60;
    ws.getRow(GRID_KEY_ROW).font = { color: { argb: 'FF666666' }, size: 8 };
    keys.forEach((_k, j) => (ws.getColumn(j + 1).width = j === 1 ? 28 : j === 5 ? 16 : j < 6 ? 14 : 16));
    const model = consultationModel(data);
    const offers = (lot.lotId === undefined ? model.offers : model.offersByLot.get(lot.lotId) ?? []).map((o) => o.o);
    const rows = offers.length + BLANK_ROWS;
    for (let k = 0; k < rows; k++) {
      const r = GRID_KEY_ROW + 1 + k;
      const o = offers[k];
      put(ws, r, 1, o ? str(o.id) : undefined);
      put(ws, r, 2, o ? str(o.candidat) : undefined);
      put(ws, r, 3, lot.lotId);
      put(ws, r, 4, o ? num(o.prix_ht) : undefined, FMT.money);
      put(ws, r, 5, o ? num(o.prix_ttc) : undefined, FMT.money);
      put(ws, r, 6, o ? str(o.statut) : undefined);
      notes.forEach((c, j) => put(ws, r, 7 + j, o ? num(obj(o.notes)[c.id]) : undefined, FMT.decimal));
      for (let j = 0; j < notes.length; j++) {
        ws.getCell(r, 7 + j).dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, nmax], showErrorMessage: true, errorTitle: 'Note', error: `Note entre 0 et ${nmax}` };
      }
      for (const c of [4, 5]) ws.getCell(r, c).dataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, error: 'Montant positif' };
    }
  }
  return lots.length > 0;
}
