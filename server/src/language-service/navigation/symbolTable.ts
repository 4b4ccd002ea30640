import { isScalar, isSeq } from 'yaml';
import { getIdIndex, type IdKind, type IdOccurrence } from '../idIndex';
import { nodeAt, type ParsedDocument } from '../parse';

/** An id occurrence with what it names: a definition and every reference to it share one `key`. */
export interface IdSymbol extends IdOccurrence {
  role: 'definition' | 'reference';
  /**
   * Where the id is unique (REF-002 scopes): `''` for the document, `phases.<i>` for deliverables and
   * milestones, the path of the criteria list (`criteres`, `lots.<i>.criteres`) for criteria and sub-criteria.
   */
  scope: string;
  /** `kind|scope|id`. For a consultation's `phase` (external), the key the phase has in the programme. */
  key: string;
  /** A phase reference that matches a phase `code`, not an id (REF-001 accepts both): found, never renamed. */
  viaCode?: boolean;
}

/** The resolved ids of one parse: built once per document version, shared by every navigation feature. */
export interface SymbolTable {
  /** Every occurrence, sorted by offset (occurrences never overlap). */
  all: IdSymbol[];
  /** key → definitions (more than one only for a REF-002 duplicate; the first one is "the" definition). */
  definitions: Map<string, IdSymbol[]>;
  /** key → references to it, in document order. */
  references: Map<string, IdSymbol[]>;
  /** Phase code → the first phase that has it, for references by code. */
  phaseCodes: Map<string, IdSymbol>;
}

export function symbolKey(kind: IdKind, scope: string, id: string): string {
  return `${kind}|${scope}|${id}`;
}

const cache = new WeakMap<ParsedDocument, SymbolTable>();

/** The symbol table of a parse (cached with the parse, so once per document version). */
export function getSymbolTable(parsed: ParsedDocument): SymbolTable {
  let table = cache.get(parsed);
  if (!table) {
    table = buildSymbolTable(parsed);
    cache.set(parsed, table);
  }
  return table;
}

/** The occurrence whose text holds `offset` (end inclusive, so a cursor right after the id counts). */
export function symbolAt(table: SymbolTable, offset: number): IdSymbol | undefined {
  let lo = 0;
  let hi = table.all.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (table.all[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const s = found >= 0 ? table.all[found] : undefined;
  return s && offset <= s.end ? s : undefined;
}

/** The phase a reference names: by id first, else by code. */
export function resolvePhase(table: SymbolTable, id: string): { def: IdSymbol; viaCode: boolean } | undefined {
  const byId = table.definitions.get(symbolKey('phase', '', id))?.[0];
  if (byId) return { def: byId, viaCode: false };
  const byCode = table.phaseCodes.get(id);
  return byCode ? { def: byCode, viaCode: true } : undefined;
}

function definitionScope(occ: IdOccurrence): string {
  const p = occ.path;
  if (occ.kind === 'livrable' || occ.kind === 'jalon') return `phases.${String(p[1])}`;
  if (occ.kind === 'critere') return p[0] === 'lots' ? `lots.${String(p[1])}.criteres` : 'criteres';
  return '';
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildSymbolTable(parsed: ParsedDocument): SymbolTable {
  const index = getIdIndex(parsed);
  const definitions = new Map<string, IdSymbol[]>();
  const references = new Map<string, IdSymbol[]>();
  const all: IdSymbol[] = [];
  for (const occ of index.definitions) {
    const scope = definitionScope(occ);
    const sym = symbol(occ, 'definition', scope, symbolKey(occ.kind, scope, occ.id));
    push(definitions, sym.key, sym);
    all.push(sym);
  }
  const phaseCodes = new Map<string, IdSymbol>();
  for (const defs of definitions.values()) {
    const d = defs[0];
    if (d.kind !== 'phase') continue;
    const code = nodeAt(parsed.doc, [...d.path.slice(0, -1), 'code']);
    if (isScalar(code) && typeof code.value === 'string' && !phaseCodes.has(code.value)) phaseCodes.set(code.value, d);
  }
  const table: SymbolTable = { all, definitions, references, phaseCodes };
  const criteria = criteriaScopes(parsed, table);
  for (const occ of index.references) {
    const sym = resolveReference(table, occ, criteria);
    push(references, sym.key, sym);
    all.push(sym);
  }
  all.sort((a, b) => a.start - b.start);
  return table;
}

/** Which criteria list a reference uses: an offer's notes use its lot's own list when the lot has one. */
interface CriteriaScopes {
  forOffer(offerIndex: number): string;
  forEliminatory(id: string): string;
}

function criteriaScopes(parsed: ParsedDocument, table: SymbolTable): CriteriaScopes {
  const lotScopes = new Map<string, string>();
  const ownLists: string[] = [];
  for (const [key, defs] of table.definitions) {
    if (!key.startsWith('lot|')) continue;
    const lotPath = defs[0].path.slice(0, -1);
    if (!isSeq(nodeAt(parsed.doc, [...lotPath, 'criteres']))) continue;
    const scope = `lots.${String(lotPath[1])}.criteres`;
    lotScopes.set(defs[0].id, scope);
    ownLists.push(scope);
  }
  const offerScopes = new Map<number, string>();
  return {
    forOffer(i) {
      let scope = offerScopes.get(i);
      if (scope === undefined) {
        const lot = nodeAt(parsed.doc, ['offres', i, 'lot']);
        const id = isScalar(lot) && lot.value != null ? String(lot.value) : undefined;
        scope = (id !== undefined && lotScopes.get(id)) || 'criteres';
        offerScopes.set(i, scope);
      }
      return scope;
    },
    // The eliminatory score may name a criterion of any list (REF-001): the consultation's first.
    forEliminatory(id) {
      if (table.definitions.has(symbolKey('critere', 'criteres', id))) return 'criteres';
      return ownLists.find((s) => table.definitions.has(symbolKey('critere', s, id))) ?? 'criteres';
    },
  };
}

function resolveReference(table: SymbolTable, occ: IdOccurrence, criteria: CriteriaScopes): IdSymbol {
  if (occ.kind === 'critere') {
    const scope = occ.path[0] === 'offres' ? criteria.forOffer(occ.path[1] as number) : criteria.forEliminatory(occ.id);
    return symbol(occ, 'reference', scope, symbolKey('critere', scope, occ.id));
  }
  if (occ.kind === 'phase' && !occ.external) {
    const hit = resolvePhase(table, occ.id);
    if (hit?.viaCode) return symbol(occ, 'reference', '', hit.def.key, true);
  }
  return symbol(occ, 'reference', '', symbolKey(occ.kind, '', occ.id));
}

/** Built field by field: one object shape for every symbol (thousands per large document). */
function symbol(occ: IdOccurrence, role: IdSymbol['role'], scope: string, key: string, viaCode = false): IdSymbol {
  return { kind: occ.kind, id: occ.id, start: occ.start, end: occ.end, path: occ.path, external: occ.external, role, scope, key, viaCode };
}
