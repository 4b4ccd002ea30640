/**
 * The deliverables, declared once (docs/deliverables.md is generated from this table by
 * `npm run deliverables:doc`). Everything else is derived from DELIVERABLE_TABLE: the deliverables a file
 * offers (render/index.ts), the preview tabs and the export picker (they show what `amo/render` offers),
 * `amo render --help` and its usage line (cli/render.ts), which formats each deliverable accepts (the CLI
 * checks, the XLSX workbooks of office/index.ts, keyed by the ids this table gives `xlsx`), the docs and
 * the README's usage line (test/unit/render/deliverablesTable.test.ts). Ids are lower-case letters only:
 * the webview validates them as such.
 */
import type { DocKind } from '../language-service/types';
import type { Obj } from '../language-service/util/data';
import type { BuildInput } from './context';
import { buildDashboard, hasFollowUp } from './dashboard';
import type { DocModel } from './model';
import { buildPlanning } from './planning';
import { buildProgrammeDossier } from './programmeDossier';
import { buildRao } from './rao';
import { buildRcCriteria } from './rcCriteria';
import { hasReception } from './reception';
import { buildReceptionDecision } from './receptionDecision';
import { buildReceptionPv } from './receptionPv';
import { buildReserveLog } from './reserveLog';
import { buildRiskRegister } from './riskRegister';

/** The file kinds a deliverable is written to. `html`, `docx` and `pdf` come from its document model; `xlsx` from office/. */
export type ExportFormat = 'html' | 'docx' | 'pdf' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'docx', 'pdf', 'xlsx'];

/** One deliverable. */
export interface DeliverableSpec {
  id: string;
  /** The kind of file it is made from. */
  kind: DocKind;
  labels: { fr: string; en: string };
  /** The file kinds it is exported to. A deliverable with `html` has a `build`; the others exist only as a workbook. */
  formats: readonly ExportFormat[];
  /** Its document model (HTML preview, DOCX, PDF); absent for a workbook-only deliverable. */
  build?: (input: BuildInput) => DocModel;
  /** When it is offered: absent, always for its kind; else only when the data passes `test` (`missing` says why not, in French). */
  offeredWhen?: { test: (data: Obj) => boolean; missing: string; en: string };
}

const DOCUMENT = ['html', 'docx', 'pdf'] as const;
const DOCUMENT_AND_XLSX = ['html', 'docx', 'pdf', 'xlsx'] as const;
const FOLLOW_UP = {
  test: hasFollowUp,
  missing: 'aucune donnée de suivi (statut, réception ou revue d’un livrable, date réelle d’un jalon, historique d’un risque, indicateur)',
  en: 'when a deliverable has a status, reception or review, a milestone an actual date, a risk a history, or an indicator is recorded',
};
const RECEPTION = { test: hasReception, missing: 'aucun bloc « reception » dans la consultation', en: 'when the consultation has a « reception » block' };

export const DELIVERABLE_TABLE = [
  { id: 'programme', kind: 'programme', labels: { fr: 'Dossier de programme', en: 'Programme dossier' }, formats: DOCUMENT, build: buildProgrammeDossier },
  { id: 'risques', kind: 'programme', labels: { fr: 'Registre des risques', en: 'Risk register' }, formats: DOCUMENT_AND_XLSX, build: buildRiskRegister },
  { id: 'planning', kind: 'programme', labels: { fr: 'Planning', en: 'Planning' }, formats: DOCUMENT_AND_XLSX, build: buildPlanning },
  { id: 'suivi', kind: 'programme', labels: { fr: 'Tableau de bord de suivi', en: 'Follow-up dashboard' }, formats: DOCUMENT, build: buildDashboard, offeredWhen: FOLLOW_UP },
  { id: 'rc', kind: 'consultation', labels: { fr: 'RC — critères d’attribution', en: 'RC — award criteria' }, formats: DOCUMENT, build: buildRcCriteria },
  { id: 'rao', kind: 'consultation', labels: { fr: 'Rapport d’analyse des offres', en: 'Offers analysis report' }, formats: DOCUMENT_AND_XLSX, build: buildRao },
  {
    id: 'reception',
    kind: 'consultation',
    labels: { fr: 'PV des opérations préalables à la réception', en: 'Pre-acceptance inspection report' },
    formats: DOCUMENT,
    build: buildReceptionPv,
    offeredWhen: RECEPTION,
  },
  { id: 'decision', kind: 'consultation', labels: { fr: 'Décision de réception', en: 'Acceptance decision' }, formats: DOCUMENT, build: buildReceptionDecision, offeredWhen: RECEPTION },
  { id: 'reserves', kind: 'consultation', labels: { fr: 'Journal de levée des réserves', en: 'Reserve-lifting log' }, formats: DOCUMENT, build: buildReserveLog, offeredWhen: RECEPTION },
  { id: 'grille', kind: 'consultation', labels: { fr: 'Grille d’analyse pour la commission technique', en: 'Analysis grid for the technical committee' }, formats: ['xlsx'] },
] as const satisfies readonly DeliverableSpec[];

type Entry = (typeof DELIVERABLE_TABLE)[number];
/** Every deliverable, document or workbook. */
export type AnyDeliverableId = Entry['id'];
/** The deliverables with a document model (preview, HTML, DOCX, PDF). */
export type DeliverableId = Extract<Entry, { build: unknown }>['id'];
type XlsxOf<E> = E extends { id: infer I; formats: readonly (infer F)[] } ? ('xlsx' extends F ? I : never) : never;
/** The deliverables written as a workbook. */
export type XlsxDeliverable = XlsxOf<Entry>;

/** What `amo/render` sends for each deliverable offered (preview tabs, export picker). */
export interface DeliverableInfo {
  id: DeliverableId;
  /** French label ("Dossier de programme"): the deliverables are French documents. */
  label: string;
  /** The file kinds it can be exported to. */
  formats: readonly ExportFormat[];
}

/** A deliverable written only as a workbook (the analysis grid), for the export picker. */
export interface WorkbookInfo {
  id: XlsxDeliverable;
  label: string;
}

/** A document deliverable with its builder (the type says `build` is there). */
export type DocumentSpec = DeliverableSpec & { id: DeliverableId; build: (input: BuildInput) => DocModel };

const ALL: readonly DeliverableSpec[] = DELIVERABLE_TABLE;

export const ALL_DELIVERABLES: readonly DeliverableId[] = ALL.filter(isDocument).map((d) => d.id as DeliverableId);

function isDocument(d: DeliverableSpec): d is DocumentSpec {
  return d.build !== undefined;
}

/** The table entry of an id, if there is one. */
export function deliverableSpec(id: string): DeliverableSpec | undefined {
  return ALL.find((d) => d.id === id);
}

export function isDeliverableId(v: unknown): v is DeliverableId {
  return typeof v === 'string' && (ALL_DELIVERABLES as readonly string[]).includes(v);
}

export function isXlsxDeliverable(v: unknown): v is XlsxDeliverable {
  return typeof v === 'string' && !!deliverableSpec(v)?.formats.includes('xlsx');
}

/** The document deliverables of a kind, whatever its data (none for an unknown kind). */
export function documentSpecsOf(kind: DocKind | undefined): readonly DocumentSpec[] {
  return ALL.filter((d): d is DocumentSpec => isDocument(d) && d.kind === kind);
}

/** The entries of a kind that are written in `format`, in table order. */
export function specsIn(kind: DocKind, format: ExportFormat): readonly DeliverableSpec[] {
  return ALL.filter((d) => d.kind === kind && d.formats.includes(format));
}

/** The XLSX workbooks of a kind (`amo render --format xlsx`, all). */
export function xlsxDeliverablesOf(kind: DocKind): readonly XlsxDeliverable[] {
  return specsIn(kind, 'xlsx').map((d) => d.id as XlsxDeliverable);
}

export function infoOf(d: DocumentSpec): DeliverableInfo {
  return { id: d.id, label: d.labels.fr, formats: d.formats };
}

/** The deliverables of a document kind, whatever its data (none for an unknown kind). */
export function deliverablesOf(kind: DocKind | undefined): readonly DeliverableInfo[] {
  return documentSpecsOf(kind).map(infoOf);
}

/** The workbook-only deliverables of a kind (no document model: no preview tab, XLSX only). */
export function workbooksOf(kind: DocKind | undefined): WorkbookInfo[] {
  return ALL.filter((d) => d.kind === kind && !isDocument(d)).map((d) => ({ id: d.id as XlsxDeliverable, label: d.labels.fr }));
}

/** What is missing for a deliverable offered only when the document has its data (undefined for the others). */
export function missingData(id: string): string | undefined {
  return deliverableSpec(id)?.offeredWhen?.missing;
}

/** The file names a kind is read from, as `amo render --help` and the docs show them. */
export const FILE_PATTERN: Readonly<Record<DocKind, string>> = { programme: '*.programme.yaml', consultation: '*.consultation.yaml' };

/** The `--deliverable` choices of `amo render`, in table order, then `all`. */
export function deliverableChoices(): string {
  return [...ALL.map((d) => d.id), 'all'].join('|');
}

/** The command line that writes a deliverable (`amo render --help`, docs/deliverables.md). */
export function usageLine(d: DeliverableSpec): string {
  return `amo render <fichier>${FILE_PATTERN[d.kind].slice(1)} --deliverable ${d.id} --format ${d.formats.join('|')}`;
}
