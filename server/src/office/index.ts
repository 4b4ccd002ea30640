/**
 * XLSX exports (issue #16): the RAO with live formulas, the risk register, the planning and the analysis
 * grid that `amo import` reads back. Pure apart from exceljs: documents come in as text, bytes go out.
 */
import type { TextDocumentLike } from '../language-service/types';
import { isObj, type Obj } from '../language-service/util/data';
import { sourceDoc, type BuildInput, type SourceDoc } from '../render/context';
import type { RenderEnv } from '../render';
import { addGridSheets } from './grid';
import { addRaoSheets } from './raoXlsx';
import { addPlanningSheet, addRiskSheet } from './registersXlsx';
import { newWorkbook, toBuffer } from './workbook';

export type XlsxDeliverable = 'rao' | 'grille' | 'risques' | 'planning';

export const XLSX_DELIVERABLES: Readonly<Record<'programme' | 'consultation', readonly XlsxDeliverable[]>> = {
  programme: ['risques', 'planning'],
  consultation: ['rao', 'grille'],
};

export function isXlsxDeliverable(v: string): v is XlsxDeliverable {
  return v === 'rao' || v === 'grille' || v === 'risques' || v === 'planning';
}

export interface XlsxOutcome {
  bytes?: Buffer;
  error?: string;
}

/** The workbook of one deliverable of `doc`; never throws on user input. */
export async function renderXlsx(env: RenderEnv, doc: TextDocumentLike, id: XlsxDeliverable): Promise<XlsxOutcome> {
  const parsed = env.service.parse(doc);
  if (!parsed.kind) return { error: 'Ce fichier n’est ni un programme ni une consultation / not an AMO file.' };
  if (!XLSX_DELIVERABLES[parsed.kind].includes(id)) return { error: `Livrable « ${id} » indisponible en XLSX pour ce fichier (${XLSX_DELIVERABLES[parsed.kind].join(', ')}) / deliverable not available as XLSX.` };
  if (!parsed.ok || !isObj(parsed.data)) return { error: 'Erreur de syntaxe YAML : corrigez le document avant l’export / YAML syntax error.' };
  const data = parsed.data as Obj;
  const wb = newWorkbook(env.today);
  if (id === 'rao') {
    if (!addRaoSheets(wb, data)) return { error: 'Aucune offre à analyser : renseignez « offres » / no offer to analyse.' };
  } else if (id === 'grille') {
    if (!addGridSheets(wb, data)) return { error: 'Aucun critère : renseignez « criteres » / no criteria.' };
  } else {
    const input: BuildInput = { doc: sourceDoc(parsed), today: env.today };
    if (id === 'risques') addRiskSheet(wb, input);
    else {
      input.consultations = consultationsOf(env, doc);
      addPlanningSheet(wb, input);
    }
  }
  return { bytes: await toBuffer(wb) };
}

function consultationsOf(env: RenderEnv, programme: TextDocumentLike): SourceDoc[] {
  const out: SourceDoc[] = [];
  for (const c of env.consultations?.() ?? []) {
    if (env.service.getProgrammeUri(c) !== programme.uri) continue;
    const parsed = env.service.parse(c);
    if (parsed.kind === 'consultation' && parsed.ok && isObj(parsed.data)) out.push(sourceDoc(parsed));
  }
  return out.sort((a, b) => a.parsed.uri.localeCompare(b.parsed.uri));
}
