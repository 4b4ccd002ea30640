/**
 * The intermediate document model of a deliverable: headings, paragraphs, lists, tables and figures,
 * built from a document's data and rendered by two back ends (HTML, DOCX). Plain data, no markup:
 * every string here is user text or a label, escaped by the back end that writes it.
 */
import type { Conformity } from './conformity';

/** 0-based source line of the YAML node an element comes from (for reveal and scroll-sync). */
export type Line = number | undefined;

/** A run of text; `strong`/`em` are the only inline styles. */
export interface Span {
  text: string;
  strong?: boolean;
  em?: boolean;
  /** Monospace (ids, codes, file references). */
  code?: boolean;
}

export type Inline = string | Span;

export type Tone = 'ok' | 'warn' | 'crit' | 'muted' | 'info';

export interface Cell {
  text: string;
  align?: 'left' | 'right' | 'center';
  strong?: boolean;
  tone?: Tone;
  /** A class of the risk scale (faible…critique), coloured in tables and heat maps. */
  level?: RiskLevel;
  colSpan?: number;
  line?: Line;
}

export interface Row {
  cells: Cell[];
  line?: Line;
  /** `total`: bold totals; `sub`: a nested (sub-criterion) row; `flag`: a row that needs attention; `sign`: a tall row left blank for a signature; `blank`: a box to fill in by hand. */
  kind?: 'total' | 'sub' | 'flag' | 'muted' | 'sign' | 'blank';
}

export interface Table {
  kind: 'table';
  columns: { label: string; align?: 'left' | 'right' | 'center'; width?: number }[];
  rows: Row[];
  caption?: string;
  line?: Line;
  /** Printed on a landscape page (true) or kept portrait (false); undefined: decided from the columns' content (layout.ts isWide). */
  wide?: boolean;
}

export interface Heading {
  kind: 'heading';
  level: 1 | 2 | 3;
  text: string;
  line?: Line;
}

export interface Paragraph {
  kind: 'paragraph';
  content: Inline[];
  /** `note`: explanations and formulas; `warning`: something the reader must act on; `legal`: a legal reminder. */
  tone?: 'note' | 'warning' | 'legal';
  line?: Line;
}

export interface List {
  kind: 'list';
  items: { content: Inline[]; line?: Line }[];
  ordered?: boolean;
  line?: Line;
}

/** Label/value pairs (identification blocks). */
export interface Facts {
  kind: 'facts';
  items: { label: string; value: string; line?: Line }[];
  line?: Line;
}

export type RiskLevel = 'faible' | 'modere' | 'eleve' | 'critique';

export interface HeatMapSpec {
  type: 'heatmap';
  /** Number of levels of each axis (4 or 5). */
  probabilite: number;
  impact: number;
  /** cells[p-1][i-1]: the risk ids at that probability and impact, with their source lines. */
  cells: { id: string; line?: Line }[][][];
  /** levels[p-1][i-1]: the class of P × I at that cell. */
  levels: RiskLevel[][];
}

export interface GanttItem {
  label: string;
  code?: string;
  start: string;
  end: string;
  line?: Line;
  marks: { date: string; label: string; kind: 'livrable' | 'jalon'; line?: Line }[];
}

export interface GanttSpec {
  type: 'gantt';
  from: string;
  to: string;
  rows: GanttItem[];
  /** Computed legal milestones drawn as vertical lines (only those inside [from, to]). */
  milestones: { date: string; label: string }[];
}

/** Milestones of the follow-up: planned date, actual date, and the slippage between them. */
export interface TimelineSpec {
  type: 'timeline';
  from: string;
  to: string;
  rows: {
    label: string;
    planned: string;
    actual?: string;
    /** Days late (> 0) or early (< 0): actual − planned, or today − planned for an overdue milestone not achieved. */
    slip?: number;
    state: 'on_time' | 'late' | 'early' | 'overdue' | 'pending';
    line?: Line;
  }[];
}

/** The deliverable statuses of the follow-up (programme `phases[].livrables[].statut`). */
export type FollowUpStatus = 'attendu' | 'recu' | 'en_revue' | 'valide' | 'refuse';

/** One horizontal bar split by status (deliverables by status). */
export interface StackedBarSpec {
  type: 'stackedbar';
  segments: { key: FollowUpStatus; label: string; value: number }[];
}

/** Counts per date, one line per series (open and critical risks). */
export interface LineChartSpec {
  type: 'linechart';
  /** Ascending ISO dates (x axis). */
  dates: string[];
  series: { key: 'open' | 'critical'; label: string; values: number[] }[];
  /** Index in `dates` of the current values (today), drawn as such. */
  current?: number;
}

/** One sparkline per indicator, with its target as a dashed line. */
export interface SparklinesSpec {
  type: 'sparklines';
  rows: {
    label: string;
    unit?: string;
    target?: number;
    sens: 'au_plus' | 'au_moins';
    /** Measures by ascending date. */
    points: { date: string; value: number }[];
    /** Whether the last measure meets the target (undefined without target or measure). */
    ok?: boolean;
    line?: Line;
  }[];
}

export interface Figure {
  kind: 'figure';
  spec: HeatMapSpec | GanttSpec | TimelineSpec | StackedBarSpec | LineChartSpec | SparklinesSpec;
  caption: string;
  /** What back ends without drawings (DOCX) show instead: a table with the same information. */
  fallback: Table;
  line?: Line;
}

export type Block = Heading | Paragraph | List | Facts | Table | Figure;

export interface DocModel {
  /** Deliverable id (programme, risques, planning, suivi, rc, rao, reception, reserves). */
  deliverable: string;
  /** Title of the deliverable ("Dossier de programme"). */
  title: string;
  /** What it is about (the operation or the consultation's object). */
  subtitle: string;
  /** Facts printed under the title (maître d'ouvrage, dates…). */
  meta: { label: string; value: string }[];
  blocks: Block[];
  /** ISO date the figures were computed at (overdue actions, legal milestones). */
  date: string;
  /** Author of the document properties (DOCX, HTML meta): the report's author or the programme's AMO. */
  author?: string;
  /** Set when the source file has errors: every page says "Projet — document non conforme" (conformity.ts). */
  conformity?: Conformity;
}

// Small constructors, to keep the builders readable.

export function heading(level: 1 | 2 | 3, text: string, line?: Line): Heading {
  return { kind: 'heading', level, text, line };
}

export function para(content: Inline | Inline[], options: { tone?: Paragraph['tone']; line?: Line } = {}): Paragraph {
  return { kind: 'paragraph', content: Array.isArray(content) ? content : [content], ...options };
}

export function strong(text: string): Span {
  return { text, strong: true };
}

export function code(text: string): Span {
  return { text, code: true };
}

export function cell(text: string, options: Omit<Cell, 'text'> = {}): Cell {
  return { text, ...options };
}

export function num(text: string, options: Omit<Cell, 'text' | 'align'> = {}): Cell {
  return { text, align: 'right', ...options };
}

/** The plain text of inline content (for headings lists and tests). */
export function plain(content: Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? c : c.text)).join('');
}
