/**
 * The title block of every deliverable (title, subtitle, operation, buyer, date, version or status lines),
 * composed in one place: each builder names the lines it prints, in order, and this module says where
 * each comes from. The HTML and DOCX back ends print `title`, `subtitle` and `meta` (html.ts, docx.ts);
 * the « non conforme » banner is added over any deliverable by conformity.ts.
 */
import { obj, str, type Obj } from '../language-service/util/data';
import type { BuildInput } from './context';
import type { DeliverableId } from './deliverables';
import { dateFr } from './format';
import type { DocModel } from './model';

export interface MetaLine {
  label: string;
  value: string;
}

/**
 * A line of the title block: a named one, or any `{label, value}` of the deliverable's own.
 * - `operation`: the operation's title (a consultation's: its programme's; absent without a programme);
 * - `buyer`: the maître d’ouvrage of the operation (absent for a consultation without its programme);
 * - `reference`: the operation's id (programme);
 * - `consultation`: the consultation's id;
 * - `situation`: « Situation au » the date of the render; `edited`: « Édité le » that date.
 */
export type HeaderLine = 'operation' | 'buyer' | 'reference' | 'consultation' | 'situation' | 'edited' | MetaLine | readonly MetaLine[];

export interface HeaderSpec {
  deliverable: DeliverableId;
  title: string;
  lines: readonly HeaderLine[];
  /** Leave out the lines whose value is unknown (« — »), as the acceptance documents do. */
  omitUnknown?: boolean;
  /** The date the document speaks at (an acceptance at its own date); the render's date by default. */
  date?: string;
}

export type DocumentHeader = Pick<DocModel, 'deliverable' | 'title' | 'subtitle' | 'meta' | 'date'>;

/** The operation block of the file's programme: the document itself, or a consultation's programme when it was read. */
function operationOf(input: BuildInput): Obj | undefined {
  if (input.doc.parsed.kind === 'programme') return obj(input.doc.data.operation);
  return input.programme ? obj(input.programme.data.operation) : undefined;
}

function lineOf(input: BuildInput, line: HeaderLine): MetaLine[] {
  if (typeof line !== 'string') return Array.isArray(line) ? [...(line as readonly MetaLine[])] : [line as MetaLine];
  const op = operationOf(input);
  switch (line) {
    case 'operation':
      return op ? [{ label: 'Opération', value: str(op.intitule) ?? '—' }] : [];
    case 'buyer':
      return op ? [{ label: 'Maître d’ouvrage', value: str(op.maitre_ouvrage) ?? '—' }] : [];
    case 'reference':
      return [{ label: 'Référence', value: str(op?.id) ?? '—' }];
    case 'consultation':
      return [{ label: 'Consultation', value: str(input.doc.data.id) ?? '—' }];
    case 'situation':
      return [{ label: 'Situation au', value: dateFr(input.today) }];
    case 'edited':
      return [{ label: 'Édité le', value: dateFr(input.today) }];
  }
}

/**
 * The subtitle: what the document is about — a programme's operation, a consultation's object (its id
 * when it has none), else the kind of file.
 */
export function subtitleOf(input: BuildInput): string {
  const { data } = input.doc;
  if (input.doc.parsed.kind === 'programme') return str(obj(data.operation).intitule) ?? 'Opération';
  return str(data.objet) ?? str(data.id) ?? 'Consultation';
}

/** The title block of a deliverable: spread it into the DocModel, then add `blocks`. */
export function documentHeader(input: BuildInput, spec: HeaderSpec): DocumentHeader {
  const meta = spec.lines.flatMap((l) => lineOf(input, l));
  return {
    deliverable: spec.deliverable,
    title: spec.title,
    subtitle: subtitleOf(input),
    meta: spec.omitUnknown ? meta.filter((m) => m.value !== '—') : meta,
    date: spec.date ?? input.today,
  };
}
