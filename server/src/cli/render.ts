import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createLanguageService, docKindOf, type TextDocumentLike } from '../language-service';
import { fileUri, readFileUri, today as systemToday } from '../node/nodeWorkspace';
import { findChromium, htmlToPdf } from '../node/pdf';
import { buildDeliverable, deliverablesOf, isDeliverableId, offeredDeliverables, renderHtmlDocument, type DeliverableId, type RenderEnv } from '../render';
import { renderDocx } from '../render/docx';
import type { CliIO } from './main';
import { amoFileStem, kindOfFileName } from '../language-service/fileNames';

export const RENDER_USAGE = `  amo render <fichier> [--deliverable programme|risques|planning|suivi|rc|rao|reception|reserves|all] [--format html|docx|pdf]
             [-o chemin|-] [--force] [--chromium chemin]`;

const FORMATS = ['html', 'docx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** `ecole.programme.yaml` → `ecole`: the stem of default output names (`ecole-risques.html`). */
function stem(file: string): string {
  return amoFileStem(path.basename(file));
}

/** Consultations next to a programme (same folder), for the planning's legal milestones. */
function siblingConsultations(file: string): TextDocumentLike[] {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => kindOfFileName(n) === 'consultation').sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const uri = fileUri(path.join(dir, n));
    const text = readFileUri(uri);
    return text === undefined ? [] : [{ uri, text }];
  });
}

/**
 * `amo render`: writes deliverables of one file as HTML (self-contained), DOCX or PDF.
 * Exit codes: 0 written; 1 the document cannot be rendered (YAML syntax error); 2 usage, unreadable
 * input, existing output without --force, no Chromium for PDF, write failure.
 */
export async function runRender(args: string[], io: CliIO): Promise<number> {
  let values: { deliverable?: string; format?: string; output?: string; force?: boolean; chromium?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { deliverable: { type: 'string', short: 'd' }, format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, chromium: { type: 'string' } },
    }));
  } catch (err) {
    io.err(`amo: ${(err as Error).message}\n\nUsage:\n${RENDER_USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.err(`amo render : indiquez un et un seul fichier / give exactly one file.\n\nUsage:\n${RENDER_USAGE}`);
    return 2;
  }
  const format = (values.format ?? 'html') as Format;
  if (!FORMATS.includes(format)) {
    io.err(`amo: format inconnu « ${format} » (html, docx, pdf) / unknown format.`);
    return 2;
  }
  const file = path.resolve(io.cwd, positionals[0]);
  const kind = docKindOf(file);
  const uri = fileUri(file);
  const text = readFileUri(uri);
  if (text === undefined || !kind) {
    io.err(text === undefined ? `amo: ${positionals[0]}: fichier introuvable ou illisible / no such file or unreadable` : `amo: ${positionals[0]}: ni *.programme.yaml ni *.consultation.yaml / not an AMO file`);
    return 2;
  }
  const available = deliverablesOf(kind).map((d) => d.id);
  const wanted = values.deliverable ?? 'all';
  if (wanted !== 'all' && (!isDeliverableId(wanted) || !available.includes(wanted))) {
    io.err(`amo: livrable « ${wanted} » indisponible pour ce fichier (${[...available, 'all'].join(', ')}) / deliverable not available.`);
    return 2;
  }
  const service = createLanguageService({ workspace: { readText: readFileUri }, today: io.today ?? systemToday, log: (m) => io.err(m) });
  const env: RenderEnv = { service, readText: readFileUri, today: (io.today ?? systemToday)(), consultations: () => siblingConsultations(file) };
  // `all`: the deliverables this file has data for (no PV de réception for a consultation without reception).
  const ids: DeliverableId[] = wanted === 'all' ? offeredDeliverables(env, { uri, text }).map((d) => d.id) : [wanted as DeliverableId];
  const toStdout = values.output === '-';
  if (toStdout && (ids.length !== 1 || format !== 'html')) {
    io.err('amo: « -o - » (sortie standard) n’accepte qu’un livrable au format html / stdout takes one html deliverable.');
    return 2;
  }
  let chromium: string | undefined;
  if (format === 'pdf') {
    chromium = findChromium(values.chromium);
    if (!chromium) {
      io.err(`amo: export PDF impossible : aucun Chromium trouvé${values.chromium ? ` à « ${values.chromium} »` : ' (chromium, chromium-browser, google-chrome sur le PATH)'}. Installez-le ou indiquez --chromium <chemin> / no Chromium found.`);
      return 2;
    }
  }
  const targets = new Map<DeliverableId, string>();
  if (!toStdout) {
    const single = ids.length === 1 && values.output !== undefined;
    const dir = single ? undefined : values.output ? path.resolve(io.cwd, values.output) : path.dirname(file);
    for (const id of ids) targets.set(id, single ? path.resolve(io.cwd, values.output as string) : path.join(dir as string, `${stem(file)}-${id}.${format}`));
    const existing = [...targets.values()].filter((t) => fs.existsSync(t));
    if (existing.length && !values.force) {
      io.err(`amo: fichier(s) existant(s), rien n’est écrit (ajoutez --force pour remplacer) / existing file(s), nothing written: ${existing.map((t) => path.relative(io.cwd, t) || t).join(', ')}`);
      return 2;
    }
  }

  const outputs: { id: DeliverableId; bytes: Buffer | string }[] = [];
  for (const id of ids) {
    const r = buildDeliverable(env, { uri, text }, id);
    if (!r.model) {
      io.err(`amo: ${positionals[0]}: ${r.error ?? 'rendu impossible / cannot render'}`);
      return 1;
    }
    const html = format === 'docx' ? '' : renderHtmlDocument(r.model);
    try {
      outputs.push({ id, bytes: format === 'docx' ? await renderDocx(r.model) : format === 'pdf' ? await htmlToPdf(html, chromium as string) : html });
    } catch (err) {
      io.err(`amo: ${id}: ${(err as Error).message}`);
      return 2;
    }
  }
  if (toStdout) {
    io.out(String(outputs[0].bytes));
    return 0;
  }
  for (const o of outputs) {
    const target = targets.get(o.id) as string;
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, o.bytes, { flag: values.force ? 'w' : 'wx' });
    } catch (err) {
      io.err(`amo: écriture impossible / cannot write ${target}: ${(err as Error).message}`);
      return 2;
    }
    io.out(`${path.relative(io.cwd, target) || target}`);
  }
  return 0;
}
