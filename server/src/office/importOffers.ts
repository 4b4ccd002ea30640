/**
 * `amo import`: the offers of a spreadsheet (our analysis grid, or any sheet through a saved column
 * mapping) written into the consultation as a MINIMAL text edit: only the scalars that change are
 * replaced, missing keys are inserted into the offer's own map (flow or block), new offers are appended
 * to `offres` in the style of the first one. Comments and layout elsewhere are untouched. Nothing is
 * produced when anything is wrong: every error is collected, with its cell. The result is verified by
 * parsing it again (yaml Document API) and comparing with the intended data.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { consultationModel } from '../language-service/model/build';
import { list, obj, str, type Obj } from '../language-service/util/data';
import { GRID_FIXED_KEYS, gridLots, knownNoteIds } from './grid';
import { cellAddress, type Sheet, type SheetCell } from './sheetRead';
import { looksLikeFormula, unescapeText } from './workbook';

/** A column mapping for sheets that are not our grid (saved beside the consultation, `<nom>.import.json`). */
export interface ImportMapping {
  /** Sheet name (default: every sheet). */
  feuille?: string;
  /** 1-based row of the headers (default 1). */
  ligne_entete?: number;
  /** Lot of every row when the sheet has no lot column. */
  lot?: string;
  /** Header text → key (`id`, `candidat`, `lot`, `prix_ht`, `prix_ttc`, `statut` or a criterion / sub-criterion id). */
  colonnes: Record<string, string>;
}

export interface ImportChange {
  offer: string;
  /** `prix_ht`, `notes.VT-A`…, or `offre` for a new offer. */
  field: string;
  before?: string | number;
  after: string | number;
}

export interface ImportResult {
  errors: string[];
  changes: ImportChange[];
  newOffers: number;
  /** The consultation's new text, when there is no error. */
  text?: string;
}

const STATUTS = ['recevable', 'irreguliere', 'inacceptable', 'inappropriee', 'anormalement_basse'];
const MAX_ERRORS = 50;

/** Parses the mapping file's JSON; throws a bilingual message. */
export function parseMapping(json: unknown): ImportMapping {
  const m = obj(json);
  const cols = obj(m.colonnes);
  if (!Object.keys(cols).length || !Object.values(cols).every((v) => typeof v === 'string')) throw new Error('correspondance invalide : « colonnes » doit associer des en-têtes à des clés / invalid mapping: "colonnes" must map headers to keys');
  if (m.ligne_entete !== undefined && !(Number.isInteger(m.ligne_entete) && (m.ligne_entete as number) >= 1 && (m.ligne_entete as number) <= 100)) throw new Error('correspondance invalide : « ligne_entete » entre 1 et 100 / invalid header row');
  return { feuille: str(m.feuille), ligne_entete: m.ligne_entete as number | undefined, lot: str(m.lot), colonnes: cols as Record<string, string> };
}

/** A number from a cell: numbers, or text such as « 1 234,50 € » or "12.5". */
function numberOf(c: SheetCell): number | undefined {
  if (c.kind === 'number') return Number.isFinite(c.value) ? c.value : undefined;
  if (c.kind !== 'text') return undefined;
  const t = c.value.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

function textOf(c: SheetCell): string | undefined {
  if (c.kind === 'text') return unescapeText(c.value.trim());
  if (c.kind === 'number') return String(c.value);
  return undefined;
}

interface Row {
  sheet: Sheet;
  r: number;
  values: Map<string, { c: number; cell: SheetCell }>;
  lotDefault?: string;
}

/** The header row and its keys, for our grid (row whose first cell is `id` among the first 10) or by the mapping. */
function headerOf(sheet: Sheet, mapping: ImportMapping | undefined, errors: string[]): { r: number; keys: (string | undefined)[] } | undefined {
  if (mapping) {
    const r = (mapping.ligne_entete ?? 1) - 1;
    const row = sheet.rows[r] ?? [];
    const keys = row.map((c) => (c.kind === 'text' ? mapping.colonnes[c.value.trim()] : undefined));
    for (const h of Object.keys(mapping.colonnes)) if (!row.some((c) => c.kind === 'text' && c.value.trim() === h)) errors.push(`${sheet.name} : colonne « ${h} » de la correspondance absente de la ligne ${r + 1} / mapped column not found`);
    return { r, keys };
  }
  for (let r = 0; r < Math.min(10, sheet.rows.length); r++) {
    const first = sheet.rows[r]?.[0];
    if (first?.kind === 'text' && first.value.trim() === 'id') return { r, keys: sheet.rows[r].map((c) => (c.kind === 'text' ? c.value.trim() : undefined)) };
  }
  return undefined;
}

export function planImport(yamlText: string, sheets: Sheet[], mapping?: ImportMapping): ImportResult {
  const errors: string[] = [];
  const fail = (): ImportResult => ({ errors: errors.slice(0, MAX_ERRORS).concat(errors.length > MAX_ERRORS ? [`… et ${errors.length - MAX_ERRORS} autre(s) erreur(s) / more errors`] : []), changes: [], newOffers: 0 });
  const doc = parseDocument(yamlText);
  if (doc.errors.length || !isMap(doc.contents)) {
    errors.push(`consultation illisible (erreur YAML) : corrigez-la avant l’import / the consultation does not parse: ${doc.errors[0]?.message ?? 'not a mapping'}`);
    return fail();
  }
  const data = doc.toJS() as Obj;
  const lots = gridLots(data);
  if (!lots.length) {
    errors.push('la consultation n’a pas de critères / the consultation has no criteria');
    return fail();
  }
  const model = consultationModel(data);
  const hasLots = model.lots.length > 0;
  const lotIds = new Set(lots.map((l) => l.lotId).filter((x): x is string => !!x));
  const offers = model.offers.map((o) => o.o);
  const byId = new Map(model.offers.map((o) => [o.id, o.index] as const).filter((x): x is [string, number] => x[0] !== undefined));
  const allNoteIds = new Set(lots.flatMap((l) => [...knownNoteIds(l.set)]));
  const nmax = typeof obj(data.notation_prix).note_max === 'number' ? (obj(data.notation_prix).note_max as number) : 20;

  // 1. The rows of every sheet that is ours or named by the mapping.
  const rows: Row[] = [];
  const used = mapping?.feuille ? sheets.filter((s) => s.name === mapping.feuille) : sheets;
  if (mapping?.feuille && !used.length) errors.push(`feuille « ${mapping.feuille} » introuvable (${sheets.map((s) => s.name).join(', ')}) / sheet not found`);
  for (const sheet of used) {
    const h = headerOf(sheet, mapping, errors);
    if (!h) continue;
    const cols = new Map<string, number>();
    h.keys.forEach((k, c) => {
      if (!k) return;
      const addr = cellAddress(sheet, h.r, c);
      if (!(GRID_FIXED_KEYS as readonly string[]).includes(k) && !allNoteIds.has(k)) errors.push(`${addr} : critère ou colonne inconnu « ${k} » / unknown criterion or column`);
      else if (cols.has(k)) errors.push(`${addr} : colonne « ${k} » en double / duplicate column`);
      else cols.set(k, c);
    });
    if (!cols.has('id')) errors.push(`${sheet.name} : pas de colonne « id » (identifiant de l’offre) / no id column`);
    sheet.rows.forEach((cells, r) => {
      if (r <= h.r) {
        cells.forEach((cell, c) => cell.kind === 'merged' && errors.push(`${cellAddress(sheet, r, c)} : cellule fusionnée refusée / merged cell`));
        return;
      }
      const values = new Map<string, { c: number; cell: SheetCell }>();
      cells.forEach((cell, c) => {
        if (cell.kind === 'merged') errors.push(`${cellAddress(sheet, r, c)} : cellule fusionnée refusée, défusionnez / merged cell refused`);
      });
      for (const [k, c] of cols) values.set(k, { c, cell: cells[c] ?? { kind: 'empty' } });
      const filled = [...values.entries()].filter(([k, v]) => v.cell.kind !== 'empty' && k !== 'lot');
      if (filled.length) rows.push({ sheet, r, values, lotDefault: mapping?.lot });
    });
  }
  if (!rows.length && !errors.length) errors.push('aucune ligne d’offre trouvée (grille AMO : ligne des clés commençant par « id » ; sinon une correspondance de colonnes) / no offer row found');

  // 2. Each row against the consultation.
  interface Planned {
    index?: number;
    fields: Map<string, string | number>;
    notes: Map<string, number>;
    id: string;
  }
  const planned: Planned[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const at = (k: string): string => cellAddress(row.sheet, row.r, row.values.get(k)?.c ?? 0);
    const get = (k: string): SheetCell => row.values.get(k)?.cell ?? { kind: 'empty' };
    let bad = false;
    const err = (k: string, m: string): void => {
      errors.push(`${at(k)} : ${m}`);
      bad = true;
    };
    for (const [k, { cell }] of row.values) {
      if (cell.kind === 'formula') err(k, `formule refusée (« =${(cell.value ?? '').slice(0, 40)} ») : collez les valeurs / formulas are refused, paste values`);
      else if (cell.kind === 'other') err(k, `contenu non pris en charge (date, lien, texte enrichi, booléen ou erreur) / unsupported cell content`);
    }
    if (bad) continue;
    const id = textOf(get('id'));
    if (!id) {
      err('id', 'identifiant d’offre manquant / missing offer id');
      continue;
    }
    if (looksLikeFormula(id) || id.length > 100 || [...id].some((ch) => ch.charCodeAt(0) < 32)) {
      err('id', `identifiant refusé « ${id.slice(0, 40)} » (commence comme une formule ou contient des caractères de contrôle) / refused id (formula-like)`);
      continue;
    }
    const first = seen.get(id);
    if (first) {
      err('id', `offre « ${id} » en double (déjà en ${first}) / duplicate offer`);
      continue;
    }
    seen.set(id, at('id'));
    const index = byId.get(id);
    const current = index === undefined ? undefined : offers[index];
    const p: Planned = { index, id, fields: new Map(), notes: new Map() };
    const cand = textOf(get('candidat'));
    if (current && cand !== undefined && cand === str(current.candidat)) {
      // The candidate of the consultation, exported escaped by our grid: nothing to check further.
    } else if (cand !== undefined && looksLikeFormula(cand)) err('candidat', `nom de candidat refusé « ${cand.slice(0, 40)} » : il commence comme une formule / candidate name looks like a formula`);
    else if (current && cand !== undefined && cand !== (str(current.candidat) ?? '')) err('candidat', `candidat inconnu pour l’offre ${id} : « ${cand} » au lieu de « ${str(current.candidat) ?? ''} » / unknown candidate for this offer`);
    else if (!current && !cand) err('candidat', `nouvelle offre ${id} sans candidat / new offer without a candidate`);
    else if (!current && cand) p.fields.set('candidat', cand);
    const lot = textOf(get('lot')) ?? row.lotDefault;
    if (hasLots) {
      if (!lot && !current) err('lot', `nouvelle offre ${id} sans lot / new offer without a lot`);
      else if (lot && !lotIds.has(lot)) err('lot', `lot inconnu « ${lot} » (${[...lotIds].join(', ')}) / unknown lot`);
      else if (lot && current && lot !== str(current.lot)) err('lot', `l’offre ${id} est du lot ${str(current.lot) ?? '—'}, pas ${lot} / offer belongs to another lot`);
      else if (lot && !current) p.fields.set('lot', lot);
    } else if (lot) err('lot', `la consultation n’a pas de lots (« ${lot} ») / the consultation has no lots`);
    const lotEntry = lots.find((l) => l.lotId === (lot ?? str(current?.lot))) ?? (hasLots ? undefined : lots[0]);
    const noteIds = lotEntry ? knownNoteIds(lotEntry.set) : new Set<string>();
    for (const k of ['prix_ht', 'prix_ttc']) {
      const cell = get(k);
      if (cell.kind === 'empty') continue;
      const n = numberOf(cell);
      if (n === undefined || n < 0) err(k, `montant non numérique ou négatif « ${textOf(cell) ?? ''} » / not a non-negative number`);
      else if (n !== current?.[k]) p.fields.set(k, n);
    }
    const statut = textOf(get('statut'));
    if (statut !== undefined) {
      if (!STATUTS.includes(statut)) err('statut', `statut inconnu « ${statut.slice(0, 40)} » (${STATUTS.join(', ')}) / unknown status`);
      else if (statut !== (str(current?.statut) ?? (current ? 'recevable' : undefined))) p.fields.set('statut', statut);
    }
    for (const [k, { cell }] of row.values) {
      if ((GRID_FIXED_KEYS as readonly string[]).includes(k) || cell.kind === 'empty') continue;
      if (lotEntry && !noteIds.has(k)) {
        err(k, `le critère « ${k} » n’est pas un critère du lot ${lotEntry.lotId ?? ''} / not a criterion of this lot`);
        continue;
      }
      const n = numberOf(cell);
      if (n === undefined || n < 0 || n > nmax) err(k, `note non numérique ou hors de 0..${nmax} « ${textOf(cell) ?? ''} » / note not a number in range`);
      else if (n !== obj(current?.notes)[k]) p.notes.set(k, n);
    }
    if (!bad && (p.fields.size || p.notes.size || !current)) planned.push(p);
  }
  if (errors.length) return fail();

  // 3. The edits.
  const changes: ImportChange[] = [];
  const edits: Edit[] = [];
  const seq = doc.get('offres', true);
  const fresh = planned.filter((p) => p.index === undefined);
  for (const p of planned) {
    if (p.index === undefined) continue;
    const o = offers[p.index];
    const node = (seq as YAMLSeq).items[p.index];
    if (!isMap(node)) {
      errors.push(`offre ${p.id} : pas une table YAML / not a mapping`);
      continue;
    }
    const missing: [string, string][] = [];
    for (const [k, v] of p.fields) {
      changes.push({ offer: p.id, field: k, before: o[k] as number | string | undefined, after: v });
      replaceOrCollect(yamlText, node, k, scalarText(v), edits, missing);
    }
    if (p.notes.size) {
      const notesPair = node.items.find((x) => isScalar(x.key) && x.key.value === 'notes');
      for (const [k, v] of p.notes) changes.push({ offer: p.id, field: `notes.${k}`, before: obj(o.notes)[k] as number | undefined, after: v });
      if (notesPair && isMap(notesPair.value)) {
        const nm: [string, string][] = [];
        for (const [k, v] of p.notes) replaceOrCollect(yamlText, notesPair.value, k, String(v), edits, nm);
        if (nm.length) edits.push(insertPairs(yamlText, notesPair.value, nm));
      } else if (notesPair) errors.push(`offre ${p.id} : « notes » n’est pas une table / notes is not a mapping`);
      else missing.push(['notes', `{${[...p.notes].map(([k, v]) => `${keyText(k)}: ${v}`).join(', ')}}`]);
    }
    if (missing.length) edits.push(insertPairs(yamlText, node, missing));
  }
  if (fresh.length) {
    const lines = fresh.map((p) => {
      changes.push({ offer: p.id, field: 'offre', after: `nouvelle offre (${String(p.fields.get('candidat'))})` });
      const parts = [`id: ${scalarText(p.id)}`, ...[...p.fields].map(([k, v]) => `${k}: ${scalarText(v)}`)];
      if (p.notes.size) parts.push(`notes: {${[...p.notes].map(([k, v]) => `${keyText(k)}: ${v}`).join(', ')}}`);
      return `{${parts.join(', ')}}`;
    });
    const e = appendOffers(yamlText, doc, lines);
    if (typeof e === 'string') errors.push(e);
    else edits.push(e);
  }
  if (errors.length) return fail();
  const text = applyEdits(yamlText, edits);

  // 4. Verification: the new text parses and holds exactly the intended data.
  const expected = structuredClone(data);
  const eo = list(expected.offres) as Obj[];
  for (const p of planned) {
    const target: Obj = p.index === undefined ? { id: p.id } : eo[p.index];
    for (const [k, v] of p.fields) target[k] = v;
    if (p.notes.size) target.notes = { ...obj(target.notes), ...Object.fromEntries(p.notes) };
    if (p.index === undefined) eo.push(target);
  }
  if (!expected.offres && eo.length) expected.offres = eo;
  const check = parseDocument(text);
  if (check.errors.length || !sameData(check.toJS(), expected)) {
    return { errors: ['modification YAML non vérifiable : rien n’est écrit (signalez ce fichier) / the edit could not be verified, nothing written'], changes: [], newOffers: 0 };
  }
  return { errors: [], changes, newOffers: fresh.length, text };
}

interface Edit {
  at: number;
  end: number;
  text: string;
}

function scalarText(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return /^[\p{L}\p{N}][\p{L}\p{N} _.'’()/-]*$/u.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/^[\d.+-]/.test(v) && !/\s$/.test(v) ? v : JSON.stringify(v);
}

function keyText(k: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(k) ? k : JSON.stringify(k);
}

/** Replaces the scalar of `key` in `map`, or collects the pair to insert. */
function replaceOrCollect(text: string, map: YAMLMap, key: string, value: string, edits: Edit[], missing: [string, string][]): void {
  const pair = map.items.find((x) => isScalar(x.key) && x.key.value === key) as Pair<Scalar, unknown> | undefined;
  if (pair && isScalar(pair.value) && pair.value.range) {
    edits.push({ at: pair.value.range[0], end: pair.value.range[1], text: value });
  } else if (pair && pair.value === null && pair.key.range) {
    // `key:` with no value: the value goes after the colon.
    const colon = text.indexOf(':', pair.key.range[1]);
    edits.push({ at: colon + 1, end: colon + 1, text: ` ${value}` });
  } else missing.push([keyText(key), value]);
}

function columnOf(text: string, at: number): number {
  return at - (text.lastIndexOf('\n', at - 1) + 1);
}

/** One insertion of pairs at the end of a map, in its style (flow: `, k: v` before `}`; block: new lines). */
function insertPairs(text: string, map: YAMLMap, pairs: [string, string][]): Edit {
  const range = map.range as [number, number, number];
  if (map.flow) {
    let close = range[1] - 1;
    while (close > range[0] && text[close] !== '}') close--;
    const last = map.items[map.items.length - 1];
    const end = last ? ((last.value as Scalar | null)?.range?.[1] ?? (last.key as Scalar).range?.[1] ?? close) : close;
    const body = pairs.map(([k, v]) => `${k}: ${v}`).join(', ');
    return { at: end, end, text: last ? `, ${body}` : body };
  }
  const firstKey = map.items[0]?.key as Scalar | undefined;
  const indent = ' '.repeat(firstKey?.range ? columnOf(text, firstKey.range[0]) : 2);
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return { at: end, end, text: pairs.map(([k, v]) => `\n${indent}${k}: ${v}`).join('') };
}

/** New offers at the end of `offres` (a block sequence), or a new `offres` at the end of the file. */
function appendOffers(text: string, doc: Document, items: string[]): Edit | string {
  const seq = doc.get('offres', true);
  if (seq === undefined || seq === null) {
    const sep = text.endsWith('\n') ? '' : '\n';
    return { at: text.length, end: text.length, text: `${sep}\noffres:\n${items.map((x) => `  - ${x}\n`).join('')}` };
  }
  if (!isSeq(seq) || seq.flow || !seq.items.length || !seq.range) return '« offres » doit être une liste en blocs (« - … ») pour ajouter des offres / offres must be a block list to append offers';
  const firstItem = seq.items[0] as { range?: [number, number, number] };
  const dash = text.lastIndexOf('-', firstItem.range?.[0] ?? seq.range[0]);
  const indent = ' '.repeat(Math.max(0, columnOf(text, dash)));
  let end = seq.range[1];
  while (end > seq.range[0] && /\s/.test(text[end - 1])) end--;
  return { at: end, end, text: items.map((x) => `\n${indent}- ${x}`).join('') };
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  // From the end of the text; of two edits at one place, the later one is applied first so that it ends up after.
  const order = edits.map((e, k) => ({ e, k })).sort((a, b) => b.e.at - a.e.at || b.e.end - a.e.end || b.k - a.k);
  for (const { e } of order) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, sortKeys) === JSON.stringify(b, sortKeys);
}

function sortKeys(_k: string, v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Obj).sort(([x], [y]) => x.localeCompare(y))) : v;
}
