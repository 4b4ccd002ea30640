import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { nodeAt, type ParsedDocument } from './parse';
import type { Path } from './types';

/** What an id names. References point to one of these kinds. */
export type IdKind = 'acteur' | 'objectif' | 'besoin' | 'phase' | 'livrable' | 'jalon' | 'risque' | 'decomposition' | 'financement' | 'lot' | 'critere' | 'offre';

export interface IdOccurrence {
  kind: IdKind;
  id: string;
  /** Offsets of the id text in the document. */
  start: number;
  end: number;
  path: Path;
  /** For a reference in a consultation to the programme (phase), true. */
  external?: boolean;
}

export interface IdIndex {
  definitions: IdOccurrence[];
  references: IdOccurrence[];
}

function scalarOcc(kind: IdKind, node: unknown, path: Path, external = false): IdOccurrence | undefined {
  if (!isScalar(node) || node.range == null || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
  const s = node as Scalar;
  const id = String(s.value);
  // Quoted scalars: point inside the quotes, so that a rename keeps them.
  const quoted = s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE';
  const start = (s.range as [number, number, number])[0] + (quoted ? 1 : 0);
  return { kind, id, start, end: start + id.length, path, external };
}

function items(parsed: ParsedDocument, path: Path): { node: Node; path: Path }[] {
  const seq = nodeAt(parsed.doc, path);
  if (!isSeq(seq)) return [];
  return seq.items.map((n, i) => ({ node: n as Node, path: [...path, i] }));
}

function field(node: Node, key: string): unknown {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair?.value;
}

function defs(parsed: ParsedDocument, kind: IdKind, path: Path, out: IdOccurrence[]): void {
  for (const it of items(parsed, path)) {
    const occ = scalarOcc(kind, field(it.node, 'id'), [...it.path, 'id']);
    if (occ) out.push(occ);
  }
}

const cache = new WeakMap<ParsedDocument, IdIndex>();

/** The id index of a parse, built once and shared by every feature (definition, rename, completion…). */
export function getIdIndex(parsed: ParsedDocument): IdIndex {
  let idx = cache.get(parsed);
  if (!idx) {
    idx = buildIdIndex(parsed);
    cache.set(parsed, idx);
  }
  return idx;
}

/** Every id definition and reference of a document. */
export function buildIdIndex(parsed: ParsedDocument): IdIndex {
  const definitions: IdOccurrence[] = [];
  const references: IdOccurrence[] = [];
  if (!parsed.kind) return { definitions, references };
  if (parsed.kind === 'programme') {
    defs(parsed, 'acteur', ['acteurs'], definitions);
    defs(parsed, 'objectif', ['objectifs'], definitions);
    defs(parsed, 'besoin', ['besoins'], definitions);
    defs(parsed, 'phase', ['phases'], definitions);
    defs(parsed, 'risque', ['risques'], definitions);
    defs(parsed, 'decomposition', ['enveloppe_financiere', 'decomposition'], definitions);
    defs(parsed, 'financement', ['financement'], definitions);
    for (const ph of items(parsed, ['phases'])) {
      defs(parsed, 'livrable', [...ph.path, 'livrables'], definitions);
      defs(parsed, 'jalon', [...ph.path, 'jalons'], definitions);
    }
    for (const r of items(parsed, ['risques'])) {
      const owner = scalarOcc('acteur', field(r.node, 'proprietaire'), [...r.path, 'proprietaire']);
      if (owner) references.push(owner);
      // An action's `responsable` is free text, "preferably an acteurs[] id" (schema): a reference when it is one.
      for (const a of items(parsed, [...r.path, 'actions'])) {
        const who = scalarOcc('acteur', field(a.node, 'responsable'), [...a.path, 'responsable']);
        if (who) references.push(who);
      }
      for (const p of items(parsed, [...r.path, 'phases'])) {
        const occ = scalarOcc('phase', p.node, p.path);
        if (occ) references.push(occ);
      }
    }
    return { definitions, references };
  }
  defs(parsed, 'lot', ['lots'], definitions);
  defs(parsed, 'offre', ['offres'], definitions);
  const criteriaLists: Path[] = [['criteres'], ...items(parsed, ['lots']).map((l) => [...l.path, 'criteres'])];
  for (const list of criteriaLists) {
    defs(parsed, 'critere', list, definitions);
    for (const c of items(parsed, list)) defs(parsed, 'critere', [...c.path, 'sous_criteres'], definitions);
  }
  const phase = scalarOcc('phase', nodeAt(parsed.doc, ['phase']), ['phase'], true);
  if (phase) references.push(phase);
  const ne = scalarOcc('critere', nodeAt(parsed.doc, ['note_eliminatoire', 'critere']), ['note_eliminatoire', 'critere']);
  if (ne) references.push(ne);
  for (const o of items(parsed, ['offres'])) {
    const lot = scalarOcc('lot', field(o.node, 'lot'), [...o.path, 'lot']);
    if (lot) references.push(lot);
    const notes = field(o.node, 'notes');
    if (isMap(notes)) {
      for (const p of notes.items) {
        const occ = isPair(p) ? scalarOcc('critere', p.key, [...o.path, 'notes', String((p.key as Scalar).value)]) : undefined;
        if (occ) references.push(occ);
      }
    }
  }
  return { definitions, references };
}
