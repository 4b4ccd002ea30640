/**
 * XLSX exports (docs/deliverables.md): the RAO with live formulas, the risk register, the planning and the analysis
 * grid that `amo import` reads back. Pure apart from exceljs: documents come in as text, bytes go out.
 */
import type ExcelJS from 'exceljs';
import type { ParsedDocument } from '../language-service/parse';
import type { TextDocumentLike } from '../language-service/types';
import { isObj, type Obj } from '../language-service/util/data';
import { sourceDoc, type BuildInput, type SourceDoc } from '../render/context';
import type { RenderEnv } from '../render';
import { isXlsxDeliverable, xlsxDeliverablesOf, type XlsxDeliverable } from '../render/deliverables';
import { addGridSheets } from './grid';
import { addRaoSheets } from './raoXlsx';
import { addPlanningSheet, addRiskSheet } from './registersXlsx';
import { newWorkbook, toBuffer } from './workbook';

// Which deliverables are workbooks is said by render/deliverables.ts (the `xlsx` format of its table).
export { isXlsxDeliverable, xlsxDeliverablesOf, type XlsxDeliverable };

export interface XlsxOutcome {
  bytes?: Buffer;
  error?: string;
}

/** The workbook of one deliverable of `doc`; never throws on user input. */
export async function renderXlsx(env: RenderEnv, doc: TextDocumentLike, id: XlsxDeliverable): Promise<XlsxOutcome> {
  const parsed = env.service.parse(doc);
  if (!parsed.kind) return { error: 'Ce fichier n’est ni un programme ni une consultation / not an AMO file.' };
  const available = xlsxDeliverablesOf(parsed.kind);
  if (!available.includes(id)) return { error: `Livrable « ${id} » indisponible en XLSX pour ce fichier (${available.join(', ')}) / deliverable not available as XLSX.` };
  if (!parsed.ok || !isObj(parsed.data)) return { error: 'Erreur de syntaxe YAML : corrigez le document avant l’export / YAML syntax error.' };
  const wb = newWorkbook(env.today);
  const error = WORKBOOKS[id](wb, { env, doc, parsed, data: parsed.data as Obj });
  return error ? { error } : { bytes: await toBuffer(wb) };
}

interface WorkbookInput {
  env: RenderEnv;
  doc: TextDocumentLike;
  parsed: ParsedDocument;
  data: Obj;
}

/** The sheets of each workbook, keyed by the table's `xlsx` deliverables (a missing one does not type-check); returns why nothing could be written. */
const WORKBOOKS: Record<XlsxDeliverable, (wb: ExcelJS.Workbook, w: WorkbookInput) => string | undefined> = {
  rao: (wb, w) => (addRaoSheets(wb, w.data) ? undefined : 'Aucune offre à analyser : renseignez « offres » / no offer to analyse.'),
  grille: (wb, w) => (addGridSheets(wb, w.data) ? undefined : 'Aucun critère : renseignez « criteres » / no criteria.'),
  risques: (wb, w) => {
    addRiskSheet(wb, { doc: sourceDoc(w.parsed), today: w.env.today });
    return undefined;
  },
  planning: (wb, w) => {
    const input: BuildInput = { doc: sourceDoc(w.parsed), today: w.env.today, consultations: consultationsOf(w.env, w.doc) };
    addPlanningSheet(wb, input);
    return undefined;
  },
};

function consultationsOf(env: RenderEnv, programme: TextDocumentLike): SourceDoc[] {
  const out: SourceDoc[] = [];
  for (const c of env.consultations?.() ?? []) {
    if (env.service.getProgrammeUri(c) !== programme.uri) continue;
    const parsed = env.service.parse(c);
    if (parsed.kind === 'consultation' && parsed.ok && isObj(parsed.data)) out.push(sourceDoc(parsed));
  }
  return out.sort((a, b) => a.parsed.uri.localeCompare(b.parsed.uri));
}
