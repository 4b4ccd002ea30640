import { programmeModel } from '../language-service/model/build';
import type { ParsedDocument } from '../language-service/parse';
import { list, num, obj, str, type Obj } from '../language-service/util/data';
import { sourceLines, type SourceLines } from './source';

/** A parsed document with its data and source lines. */
export interface SourceDoc {
  parsed: ParsedDocument;
  data: Obj;
  src: SourceLines;
}

/** Everything a deliverable builder needs; no I/O. */
export interface BuildInput {
  doc: SourceDoc;
  /** A consultation's programme (context: operation, phases), when it could be read. */
  programme?: SourceDoc;
  /** For a programme: the consultations that name it (their legal milestones go into the planning). */
  consultations?: SourceDoc[];
  /** ISO date the deliverable is computed at (overdue actions). */
  today: string;
}

export function sourceDoc(parsed: ParsedDocument): SourceDoc {
  return { parsed, data: obj(parsed.data), src: sourceLines(parsed) };
}

/** Strings of a value that may be a string or a list of strings. */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  return list(v)
    .map((x) => str(x))
    .filter((x): x is string => !!x && x.trim().length > 0);
}

/** "Mme Hélène Garnier, maire (Commune de …)" for an `acteurs` id; the id when unknown. */
export function actorName(programme: Obj, id: string | undefined): string {
  if (!id) return '—';
  const a = programmeModel(programme).actors.find((x) => x.id === id);
  return a ? a.nom ?? id : id;
}

/** A number as text, or a dash. */
export function numText(v: unknown, fmt: (n: number) => string): string {
  const n = num(v);
  return n === undefined ? '—' : fmt(n);
}

/** The text of a scalar, or a dash. */
export function orDash(v: unknown): string {
  const s = typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
  return s && s.trim() ? s : '—';
}
