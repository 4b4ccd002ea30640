import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { readFailureMessage, readRegularFile } from '../node/safeRead';
import { parseMapping, planImport, type ImportMapping, type ImportResult } from '../office/importOffers';
import { LIMITS, readCsv, readXlsx, SheetError, type Sheet } from '../office/sheetRead';
import { amoFileStem, kindOfFileName } from '../language-service/fileNames';
import type { CliIO } from './main';

export const IMPORT_USAGE = `  amo import <offres.xlsx|offres.csv> <consultation.yaml> [--dry-run] [--mapping correspondance.json]
             (grille AMO lue sans correspondance ; sinon <consultation>.import.json ou --mapping)`;

/** The mapping given, or `<stem>.import.json` beside the consultation, or none (our grid). */
function findMapping(io: CliIO, consultation: string, given: string | undefined): ImportMapping | undefined | string {
  const file = given ? path.resolve(io.cwd, given) : `${amoFileStem(consultation)}.import.json`;
  if (!given && !fs.existsSync(file)) return undefined;
  const read = readRegularFile(file, 1_000_000);
  if (!('text' in read)) return `${path.relative(io.cwd, file)}: ${readFailureMessage(read.error)}`;
  try {
    return parseMapping(JSON.parse(read.text));
  } catch (err) {
    return `${path.relative(io.cwd, file)}: ${(err as Error).message}`;
  }
}

async function readSheets(file: string): Promise<Sheet[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new SheetError('fichier introuvable / no such file');
  }
  if (!stat.isFile()) throw new SheetError('pas un fichier ordinaire / not a regular file');
  if (stat.size > LIMITS.fileBytes) throw new SheetError(`fichier de ${stat.size} octets refusé (au plus ${LIMITS.fileBytes}) / file too large`);
  const bytes = fs.readFileSync(file);
  if (/\.csv$/i.test(file)) return readCsv(bytes.toString('utf8'), path.basename(file));
  if (/\.xlsx$/i.test(file)) return readXlsx(bytes);
  throw new SheetError('format non pris en charge : .xlsx ou .csv / unsupported format: .xlsx or .csv');
}

export function describe(r: ImportResult): string[] {
  const out = r.changes.map((c) => (c.field === 'offre' ? `+ ${c.offer} : ${c.after}` : `  ${c.offer} : ${c.field} ${c.before === undefined ? '—' : String(c.before)} → ${String(c.after)}`));
  const n = r.changes.filter((c) => c.field !== 'offre').length;
  out.push(`${n} valeur(s) modifiée(s), ${r.newOffers} nouvelle(s) offre(s) / ${n} value(s) changed, ${r.newOffers} new offer(s).`);
  return out;
}

/**
 * `amo import`: reads offers from a spreadsheet into a consultation. Exit codes: 0 written (or previewed
 * with --dry-run, or nothing to change); 1 the sheet has errors (nothing written); 2 usage, unreadable files.
 */
export async function runImport(args: string[], io: CliIO): Promise<number> {
  let values: { 'dry-run'?: boolean; mapping?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', short: 'n' }, mapping: { type: 'string', short: 'm' } } }));
  } catch (err) {
    io.err(`amo: ${(err as Error).message}\n\nUsage:\n${IMPORT_USAGE}`);
    return 2;
  }
  if (positionals.length !== 2 || kindOfFileName(positionals[1]) !== 'consultation') {
    io.err(`amo import : indiquez le tableur puis la consultation (*.consultation.yaml) / give the spreadsheet then the consultation.\n\nUsage:\n${IMPORT_USAGE}`);
    return 2;
  }
  const [sheetFile, consultationFile] = positionals.map((p) => path.resolve(io.cwd, p));
  const read = readRegularFile(consultationFile);
  if (!('text' in read)) {
    io.err(`amo: ${positionals[1]}: ${readFailureMessage(read.error)}`);
    return 2;
  }
  const mapping = findMapping(io, consultationFile, values.mapping);
  if (typeof mapping === 'string') {
    io.err(`amo: correspondance illisible / unreadable mapping ${mapping}`);
    return 2;
  }
  let sheets: Sheet[];
  try {
    sheets = await readSheets(sheetFile);
  } catch (err) {
    io.err(`amo: ${positionals[0]}: ${(err as Error).message}. Rien n’est écrit / nothing written.`);
    return err instanceof SheetError ? 1 : 2;
  }
  const r = planImport(read.text, sheets, mapping);
  if (r.errors.length) {
    for (const e of r.errors) io.err(`amo: ${e}`);
    io.err(`amo: ${r.errors.length} erreur(s) : rien n’est écrit / ${r.errors.length} error(s): nothing written.`);
    return 1;
  }
  for (const line of describe(r)) io.out(line);
  if (values['dry-run'] || !r.changes.length || r.text === undefined) {
    if (values['dry-run']) io.out('Aperçu seulement (--dry-run) : rien n’est écrit / preview only, nothing written.');
    return 0;
  }
  try {
    const tmp = `${consultationFile}.amo-import.tmp`;
    fs.writeFileSync(tmp, r.text, { flag: 'wx' });
    fs.renameSync(tmp, consultationFile);
  } catch (err) {
    io.err(`amo: écriture impossible / cannot write ${positionals[1]}: ${(err as Error).message}`);
    return 2;
  }
  io.out(`${positionals[1]} mis à jour / updated.`);
  return 0;
}
