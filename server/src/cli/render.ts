import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createLanguageService, docKindOf, type TextDocumentLike } from '../language-service';
import { fileUri, findConfig, inReach, reachFolders, readFileUri, today as systemToday } from '../node/nodeWorkspace';
import { findChromium, htmlToPdf, withPdfInfo } from '../node/pdf';
import { buildDeliverable, DELIVERABLE_TABLE, deliverablesOf, isDeliverableId, offeredDeliverables, renderHtmlDocument, type DeliverableId, type RenderEnv } from '../render';
import { deliverableChoices, deliverableSpec, EXPORT_FORMATS, FILE_PATTERN, missingData, type DeliverableSpec, type ExportFormat } from '../render/deliverables';
import type { DocKind } from '../language-service/types';
import { errorCount } from '../render/conformity';
import { renderDocx } from '../render/docx';
import { isXlsxDeliverable, renderXlsx, xlsxDeliverablesOf } from '../office';
import type { CliIO } from './main';
import { amoFileStem, kindOfFileName } from '../language-service/fileNames';

/** "rao et grille": ids in French prose. */
function frList(ids: readonly string[]): string {
  return ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} et ${ids[ids.length - 1]}`;
}

/** One line of `amo render --help` per deliverable of DELIVERABLE_TABLE: id, labels, formats, and whether it needs data. */
export function deliverableHelpLine(d: DeliverableSpec): string {
  return `    ${d.id.padEnd(10)} ${d.labels.fr} / ${d.labels.en} (${d.formats.join(', ')})${d.offeredWhen ? ' — si le fichier en a les données / when the file has its data' : ''}`;
}

/** `amo render --help`: the usage, then the deliverables by file kind, all from DELIVERABLE_TABLE. */
export function renderHelp(): string {
  const kinds = (Object.keys(FILE_PATTERN) as DocKind[]).map((k) => `  ${FILE_PATTERN[k]}\n${DELIVERABLE_TABLE.filter((d) => d.kind === k).map(deliverableHelpLine).join('\n')}`);
  return `Usage:\n${RENDER_USAGE}\n\nLivrables par type de fichier / deliverables by file kind (--deliverable, par défaut all : tous ceux que le fichier permet) :\n${kinds.join('\n')}\n\n-o : un fichier pour un livrable, un dossier pour plusieurs (par défaut : le dossier du fichier) ; « -o - » : un livrable HTML sur la sortie standard.\n-o: a file for one deliverable, a folder for several (default: the file's folder).\n--strict : n'écrit rien et sort en 1 si le fichier a des erreurs / writes nothing and exits 1 when the file has errors.`;
}

export const RENDER_USAGE = `  amo render <fichier> [--deliverable ${deliverableChoices()}] [--format ${EXPORT_FORMATS.join('|')}]
             [-o chemin|-] [--force] [--strict] [--chromium chemin]
             (xlsx : ${frList(xlsxDeliverablesOf('consultation'))} d'une consultation, ${frList(xlsxDeliverablesOf('programme'))} d'un programme)`;

const FORMATS = EXPORT_FORMATS;
type Format = ExportFormat;

/** `ecole.programme.yaml` → `ecole`: the stem of default output names (`ecole-risques.html`). */
function stem(file: string): string {
  return amoFileStem(path.basename(file));
}

/** Consultations next to a programme (same folder), for the planning's legal milestones. */
/** The files a rendered document may make `amo` read: under its folder and its project root (docs/robustness.md). */
function workspaceOf(file: string): { readText: typeof readFileUri; mayRead(uri: string): boolean } {
  const reach = reachFolders([file]);
  return { readText: readFileUri, mayRead: (uri) => inReach(uri, reach) };
}

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
  let values: { deliverable?: string; format?: string; output?: string; force?: boolean; strict?: boolean; chromium?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { deliverable: { type: 'string', short: 'd' }, format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, strict: { type: 'boolean' }, chromium: { type: 'string' } },
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
    io.err(`amo: format inconnu « ${format} » (html, docx, pdf, xlsx) / unknown format.`);
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
  const wanted = values.deliverable ?? 'all';
  if (format === 'xlsx') return runXlsx(io, file, uri, text, kind, wanted, values);
  // A deliverable of this kind that is not written in this format (the table's formats; runXlsx says it for xlsx): say which it has.
  const spec = deliverableSpec(wanted);
  if (spec && spec.kind === kind && !spec.formats.includes(format)) {
    io.err(`amo: livrable « ${wanted} » indisponible au format ${format} ; formats : ${spec.formats.join(', ')} / deliverable not available as ${format}.`);
    return 2;
  }
  const service = createLanguageService({ workspace: workspaceOf(file), today: io.today ?? systemToday, log: (m) => io.err(m) });
  // One wording for « not available for this file », whether the deliverable belongs to the other kind or lacks its data.
  const offeredIds = offeredDeliverables({ service, readText: readFileUri, today: '' }, { uri, text }).map((d) => d.id);
  if (wanted !== 'all' && (!isDeliverableId(wanted) || !offeredIds.includes(wanted))) {
    const missing = missingData(wanted);
    const why = isDeliverableId(wanted) && deliverablesOf(kind).some((d) => d.id === wanted) && missing ? ` (${missing})` : '';
    io.err(`amo: livrable « ${wanted} » indisponible pour ce fichier${why} ; choisissez parmi : ${[...offeredIds, 'all'].join(', ')} / deliverable not available for this file.`);
    return 2;
  }
  const found = findConfig(uri);
  const env: RenderEnv = { service, readText: readFileUri, today: (io.today ?? systemToday)(), consultations: () => siblingConsultations(file), config: found.config };
  // Honest documents: a file with errors is rendered marked "non conforme", and said so; --strict renders nothing.
  const errors = service.getDiagnostics({ uri, text }, { config: found.config }).filter((d) => d.severity === 1).length;
  if (errors) {
    const where = positionals[0];
    if (values.strict) {
      io.err(`amo: ${where} : ${errorCount(errors)} (amo check) ; rien n’est rendu (--strict) / ${errorCount(errors, 'en')}, nothing rendered (--strict).`);
      return 1;
    }
    io.err(`amo: ${where} : ${errorCount(errors)} (amo check) ; les documents sont marqués « Projet — document non conforme » / ${errorCount(errors, 'en')}: documents are marked "Draft — non-compliant document".`);
  }
  // `all`: the deliverables this file has data for (no PV de réception for a consultation without reception).
  const ids: DeliverableId[] = wanted === 'all' ? offeredDeliverables(env, { uri, text }).map((d) => d.id) : [wanted as DeliverableId];
  const toStdout = values.output === '-';
  if (toStdout && (ids.length !== 1 || format !== 'html')) {
    io.err('amo: « -o - » (sortie standard) n’accepte qu’un livrable au format html / stdout takes one html deliverable.');
    return 2;
  }
  const targets = new Map<DeliverableId, string>();
  if (!toStdout) {
    // -o is a file for one deliverable and a folder for several, always.
    const single = ids.length === 1 && values.output !== undefined;
    if (values.output !== undefined) {
      const out = path.resolve(io.cwd, values.output);
      const isDir = /[\\/]$/.test(values.output) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
      if (single && isDir) {
        io.err(`amo: -o « ${values.output} » est un dossier ; pour un seul livrable, -o désigne le fichier à écrire (par exemple ${path.join(values.output, `${stem(file)}-${ids[0]}.${format}`)}) / for one deliverable, -o is the output file.`);
        return 2;
      }
      if (!single && (new RegExp(`\\.(${FORMATS.join('|')})$`, 'i').test(values.output) || (fs.existsSync(out) && !isDir))) {
        io.err(`amo: -o « ${values.output} » désigne un fichier, mais ${ids.length} livrables sont à écrire (${ids.join(', ')}) : indiquez un dossier, ou un seul livrable avec --deliverable / several deliverables go to a folder.`);
        return 2;
      }
    }
    const dir = single ? undefined : values.output ? path.resolve(io.cwd, values.output) : path.dirname(file);
    for (const id of ids) targets.set(id, single ? path.resolve(io.cwd, values.output as string) : path.join(dir as string, `${stem(file)}-${id}.${format}`));
    const existing = [...targets.values()].filter((t) => fs.existsSync(t));
    if (existing.length && !values.force) {
      io.err(`amo: fichier(s) existant(s), rien n’est écrit (ajoutez --force pour remplacer) / existing file(s), nothing written: ${existing.map((t) => path.relative(io.cwd, t) || t).join(', ')}`);
      return 2;
    }
  }
  // Usage errors first (above), then what the machine lacks.
  let chromium: string | undefined;
  if (format === 'pdf') {
    chromium = findChromium(values.chromium);
    if (!chromium) {
      io.err(`amo: export PDF impossible : aucun Chromium trouvé${values.chromium ? ` à « ${values.chromium} »` : ' (chromium, chromium-browser, google-chrome sur le PATH)'}. Installez-le ou indiquez --chromium <chemin> / no Chromium found.`);
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
      outputs.push({ id, bytes: format === 'docx' ? await renderDocx(r.model) : format === 'pdf' ? withPdfInfo(await htmlToPdf(html, chromium as string), { title: `${r.model.title} — ${r.model.subtitle}`, author: r.model.author, subject: r.model.title }) : html });
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

/** `amo render --format xlsx`: the workbooks of rao and grille (consultation), risques and planning (programme). */
async function runXlsx(io: CliIO, file: string, uri: string, text: string, kind: 'programme' | 'consultation', wanted: string, values: { output?: string; force?: boolean }): Promise<number> {
  const available = xlsxDeliverablesOf(kind);
  if (wanted !== 'all' && (!isXlsxDeliverable(wanted) || !available.includes(wanted))) {
    io.err(`amo: livrable « ${wanted} » indisponible en XLSX pour ce fichier (${[...available, 'all'].join(', ')}) / deliverable not available as XLSX.`);
    return 2;
  }
  if (values.output === '-') {
    io.err('amo: « -o - » (sortie standard) n’accepte qu’un livrable au format html / stdout takes one html deliverable.');
    return 2;
  }
  const ids = wanted === 'all' ? [...available] : [wanted as (typeof available)[number]];
  const single = ids.length === 1 && values.output !== undefined;
  const dir = single ? undefined : values.output ? path.resolve(io.cwd, values.output) : path.dirname(file);
  const targets = ids.map((id) => ({ id, target: single ? path.resolve(io.cwd, values.output as string) : path.join(dir as string, `${stem(file)}-${id}.xlsx`) }));
  const existing = targets.filter((t) => fs.existsSync(t.target));
  if (existing.length && !values.force) {
    io.err(`amo: fichier(s) existant(s), rien n’est écrit (ajoutez --force pour remplacer) / existing file(s), nothing written: ${existing.map((t) => path.relative(io.cwd, t.target) || t.target).join(', ')}`);
    return 2;
  }
  const service = createLanguageService({ workspace: workspaceOf(file), today: io.today ?? systemToday, log: (m) => io.err(m) });
  const env: RenderEnv = { service, readText: readFileUri, today: (io.today ?? systemToday)(), consultations: () => siblingConsultations(file) };
  const outputs: { target: string; bytes: Buffer }[] = [];
  for (const { id, target } of targets) {
    const r = await renderXlsx(env, { uri, text }, id);
    if (!r.bytes) {
      io.err(`amo: ${path.basename(file)}: ${id}: ${r.error ?? 'rendu impossible / cannot render'}`);
      return 1;
    }
    outputs.push({ target, bytes: r.bytes });
  }
  for (const o of outputs) {
    try {
      fs.mkdirSync(path.dirname(o.target), { recursive: true });
      fs.writeFileSync(o.target, o.bytes, { flag: values.force ? 'w' : 'wx' });
    } catch (err) {
      io.err(`amo: écriture impossible / cannot write ${o.target}: ${(err as Error).message}`);
      return 2;
    }
    io.out(`${path.relative(io.cwd, o.target) || o.target}`);
  }
  return 0;
}
