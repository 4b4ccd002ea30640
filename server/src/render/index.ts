/**
 * Deliverables of AMO documents: from a parsed programme or consultation to a document model
 * (model.ts), rendered as HTML (html.ts) or DOCX (docx.ts). Pure: files come in through `readText`,
 * the date through `today`; shared by the preview (server), the exports and the CLI.
 */
import type { LanguageService } from '../language-service/languageService';
import type { ParsedDocument } from '../language-service/parse';
import type { TextDocumentLike } from '../language-service/types';
import { programmeModel } from '../language-service/model/build';
import { isObj, obj, str, type Obj } from '../language-service/util/data';
import type { AmoConfig } from '../language-service/types';
import { conformityBlocks, conformityOf } from './conformity';
import { typesetModel } from './typeset';
import { sourceDoc, type BuildInput, type SourceDoc } from './context';
import { documentSpecsOf, infoOf, missingData, type DeliverableId, type DeliverableInfo, type DocumentSpec } from './deliverables';
import type { DocModel } from './model';

export { ALL_DELIVERABLES, DELIVERABLE_TABLE, deliverablesOf, isDeliverableId, type DeliverableId, type DeliverableInfo } from './deliverables';
export { renderHtml, renderHtmlDocument } from './html';
export type { DocModel } from './model';

export interface RenderEnv {
  /** Parses (and caches) documents; the same service as diagnostics. */
  service: LanguageService;
  /** Reads another document (a consultation's programme): open buffer first, then disk. */
  readText(uri: string): string | undefined;
  /** ISO date of the render (overdue actions, "édité le"). */
  today: string;
  /** Candidate consultations for a programme's planning (open documents, sibling files); those naming it are used. */
  consultations?: () => TextDocumentLike[];
  /** Rule configuration of the file (amo.config.json): the error count that marks a document "non conforme" is the one `amo check` gives. */
  config?: AmoConfig;
  /** False in an untrusted workspace: the error count ignores directives without codes, as the diagnostics do. */
  trusted?: boolean;
}

export interface RenderOutcome {
  model?: DocModel;
  deliverable?: DeliverableId;
  /** The deliverables offered for this document: its kind's, those needing data only when it is there (empty when the kind is unknown). */
  deliverables: readonly DeliverableInfo[];
  /** Why nothing was rendered: not an AMO file, YAML syntax error, unknown deliverable. */
  error?: string;
}

/**
 * The deliverables offered for a parsed document: those of its kind whose data is present. A document
 * that does not parse shows the unconditional ones, plus `keep` (the deliverable being viewed) so that
 * a syntax error while typing reports the error instead of dropping the preview's tab.
 */
function offered(parsed: ParsedDocument, keep?: DeliverableId): readonly DeliverableInfo[] {
  const data = usable(parsed) ? (parsed.data as Obj) : undefined;
  return documentSpecsOf(parsed.kind)
    .filter((d) => !d.offeredWhen || d.id === keep || (data !== undefined && d.offeredWhen.test(data)))
    .map(infoOf);
}

/** The deliverables offered for a document (for `amo render --deliverable all` and pickers). */
export function offeredDeliverables(env: RenderEnv, doc: TextDocumentLike): readonly DeliverableInfo[] {
  return offered(env.service.parse(doc));
}

function syntaxError(parsed: ParsedDocument): string {
  const p = parsed.problems.find((x) => x.severity === 'error');
  if (!p) return 'Le document ne contient pas de données YAML exploitables.';
  return `Erreur de syntaxe YAML ligne ${parsed.lines.positionAt(p.start).line + 1} : ${p.message.fr}`;
}

function usable(parsed: ParsedDocument): boolean {
  return parsed.ok && isObj(parsed.data);
}

/**
 * The document model of a deliverable of `doc` (the first of its kind when `requested` is undefined).
 * Never throws on user input: a broken document gives `error` and no model.
 */
export function buildDeliverable(env: RenderEnv, doc: TextDocumentLike, requested?: DeliverableId): RenderOutcome {
  const parsed = env.service.parse(doc);
  if (!parsed.kind) return { deliverables: [], error: 'Ce fichier n’est ni un programme (*.programme.yaml) ni une consultation (*.consultation.yaml).' };
  const ofKind = documentSpecsOf(parsed.kind).some((d) => d.id === requested);
  const deliverables = offered(parsed, !usable(parsed) && ofKind ? requested : undefined);
  const deliverable = requested ?? deliverables[0].id;
  if (!deliverables.some((d) => d.id === deliverable)) {
    const missing = missingData(deliverable);
    const why = ofKind && missing ? ` (${missing})` : '';
    return { deliverables, error: `Livrable « ${deliverable} » indisponible pour ce fichier${why} ; choisissez parmi : ${deliverables.map((d) => d.id).join(', ')}.` };
  }
  if (!usable(parsed)) return { deliverables, deliverable, error: syntaxError(parsed) };
  const input: BuildInput = { doc: sourceDoc(parsed), today: env.today };
  if (parsed.kind === 'consultation') input.programme = programmeOf(env, doc);
  if (parsed.kind === 'programme' && deliverable === 'planning') input.consultations = consultationsOf(env, doc);
  // Offered, so of this kind: its table entry has a builder.
  const spec = documentSpecsOf(parsed.kind).find((d) => d.id === deliverable) as DocumentSpec;
  const model = spec.build(input);
  model.author = authorOf(input);
  // Honest documents: a file with errors gives a document marked "non conforme", with its refused values.
  const conformity = conformityOf(env.service.getDiagnostics(doc, { config: env.config, trusted: env.trusted }), doc.text);
  if (conformity) {
    model.conformity = conformity;
    model.blocks = [...conformityBlocks(conformity), ...model.blocks];
  }
  return { model: typesetModel(model), deliverable, deliverables };
}

/** The author of a deliverable: the RAO's « rapport.auteur », else the programme's AMO actor ("Nom (Organisme)"). */
function authorOf(input: BuildInput): string | undefined {
  const declared = str(obj(input.doc.data.rapport).auteur)?.trim();
  if (declared) return declared;
  const prog = input.doc.parsed.kind === 'programme' ? input.doc.data : input.programme?.data;
  const amo = (prog ? programmeModel(prog).actors : []).find((a) => /^(amo|assistan)/i.test((a.role ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim()));
  if (!amo) return undefined;
  const nom = amo.nom;
  const org = amo.organisme;
  return nom && org ? `${nom} (${org})` : nom ?? org;
}

function programmeOf(env: RenderEnv, doc: TextDocumentLike): SourceDoc | undefined {
  const uri = env.service.getProgrammeUri(doc);
  const text = uri && uri !== doc.uri ? env.readText(uri) : undefined;
  if (!uri || text === undefined) return undefined;
  const parsed = env.service.parse({ uri, text });
  return parsed.kind === 'programme' && usable(parsed) ? sourceDoc(parsed) : undefined;
}

function consultationsOf(env: RenderEnv, programme: TextDocumentLike): SourceDoc[] {
  const out: SourceDoc[] = [];
  for (const c of env.consultations?.() ?? []) {
    if (env.service.getProgrammeUri(c) !== programme.uri) continue;
    const parsed = env.service.parse(c);
    if (parsed.kind === 'consultation' && usable(parsed)) out.push(sourceDoc(parsed));
  }
  return out.sort((a, b) => a.parsed.uri.localeCompare(b.parsed.uri));
}
