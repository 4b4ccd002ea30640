import * as path from 'path';
import { parseArgs } from 'util';
import { parseConfig, type AmoConfig, type Locale } from '../language-service';
import { reachFolders, today as systemToday } from '../node/nodeWorkspace';
import { checkParallel, checkSequential, isCheckWorker, jobCount, serveChecks, type CheckOptions, type FileCheck } from './check';
import { readFailureMessage, readRegularFile } from '../node/safeRead';
import { collectFiles } from './files';
import { toJson, toSarif, toText, type FileResult } from './formats';
import { IMPORT_USAGE, runImport } from './import';
import { RENDER_USAGE, renderHelp, runRender } from './render';
import { AMO_VERSION } from '../version';
import { escapeTerminal } from '../language-service/util/controlChars';

const VERSION = AMO_VERSION;

const USAGE = `Usage:
  amo check [fichiers|dossiers…] [--format text|json|sarif] [--locale fr|en] [--config amo.config.json] [--jobs N]
${RENDER_USAGE}
${IMPORT_USAGE}
  amo --help | --version

Vérifie les programmes (*.programme.yaml) et consultations (*.consultation.yaml) : syntaxe, schéma,
règles du Code de la commande publique et du Livre IV, références entre fichiers.
Checks AMO programmes and consultations: syntax, schema, French public procurement rules, references.

Codes de sortie / exit codes: 0 aucune erreur / no error, 1 erreur(s) / error(s), 2 usage ou fichier illisible / usage or unreadable file.`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  today?: () => string;
}

export function runCli(argv: string[], given: CliIO): number | Promise<number> {
  // Every message quotes something a user or a file chose (a path, an amo.config.json value): its control,
  // bidi and NUL characters are escaped before they reach the terminal. Standard output is escaped where it
  // is written (formats.ts), since `amo render -o -` writes a document there.
  const io: CliIO = { ...given, err: (s) => given.err(escapeTerminal(s)) };
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.out(VERSION);
    return 0;
  }
  // `amo check --help`, `amo render -h`: the usage, not an "unknown option" error.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command === 'render' ? renderHelp() : USAGE);
    return 0;
  }
  if (command === 'render') return runRender(rest, io);
  if (command === 'import') return runImport(rest, io);
  if (command !== 'check') {
    io.err(`amo: commande inconnue « ${command} » / unknown command '${command}'.\n\n${USAGE}`);
    return 2;
  }
  let values: { format?: string; locale?: string; config?: string; jobs?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f' }, locale: { type: 'string', short: 'l' }, config: { type: 'string', short: 'c' }, jobs: { type: 'string', short: 'j' } },
    }));
  } catch (err) {
    io.err(`amo: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    io.err(`amo: format inconnu « ${format} » (text, json, sarif) / unknown format.`);
    return 2;
  }
  const requestedJobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (requestedJobs !== undefined && !(Number.isInteger(requestedJobs) && requestedJobs >= 1 && requestedJobs <= 64)) {
    io.err(`amo: --jobs attend un entier de 1 à 64 / --jobs takes an integer from 1 to 64 (« ${String(values.jobs)} »).`);
    return 2;
  }
  const locale = (values.locale ?? 'fr') as Locale;
  if (locale !== 'fr' && locale !== 'en') {
    io.err(`amo: langue inconnue « ${String(values.locale)} » (fr, en) / unknown locale.`);
    return 2;
  }
  let explicit: AmoConfig | undefined;
  if (values.config) {
    try {
      const read = readRegularFile(path.resolve(io.cwd, values.config), 1_000_000);
      if (!('text' in read)) throw new Error(readFailureMessage(read.error));
      const { config, problems } = parseConfig(JSON.parse(read.text));
      if (problems.length) {
        io.err(`amo: ${values.config}: ${problems.map((p) => (locale === 'en' ? p.en : p.fr)).join(' ')}`);
        return 2;
      }
      explicit = config;
    } catch (err) {
      io.err(`amo: configuration illisible / unreadable configuration ${values.config}: ${(err as Error).message}`);
      return 2;
    }
  }
  const inputs = (positionals.length ? positionals : ['.']).map((p) => path.resolve(io.cwd, p));
  const { files, errors } = collectFiles(inputs);
  // A checked file reads only under the folders given and their project root (docs/robustness.md, "Reach").
  const options: CheckOptions = { cwd: io.cwd, locale, explicit, today: (io.today ?? systemToday)(), reach: reachFolders(inputs) };
  const jobs = jobCount(requestedJobs, files.length);
  // Threads run the CLI bundle itself (dist/cli.js); from sources (tests under tsx) there is no bundle to start.
  const script = __filename.endsWith('.js') ? __filename : undefined;
  // Output in the order of the files, whatever thread checked them: identical with any --jobs.
  const finish = (checks: FileCheck[]): number => {
    const results: FileResult[] = [];
    for (const c of checks) {
      for (const m of c.logs) io.err(m);
      errors.push(...c.errors);
      if (c.result) results.push(c.result);
    }
    if (format === 'json') io.out(toJson(results));
    else if (format === 'sarif') io.out(toSarif(results, locale, VERSION));
    else io.out(toText(results, locale));
    for (const e of errors) io.err(`amo: ${e}`);
    if (errors.length) return 2;
    if (files.length === 0) {
      io.err('amo: aucun fichier *.programme.yaml ou *.consultation.yaml trouvé / no AMO file found.');
      return 2;
    }
    return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
  };
  if (jobs > 1 && script) {
    return checkParallel(files, options, jobs, script).then(finish, (err: Error) => {
      io.err(`amo: échec d’un fil de vérification / a check thread failed: ${err.message}`);
      return 2;
    });
  }
  return finish(checkSequential(files, options));
}

/** Runs the CLI on the process's arguments and sets its exit code. */
export function main(): void {
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    cwd: process.cwd(),
  });
  void Promise.resolve(code).then((c) => (process.exitCode = c));
}

// In a thread of `amo check --jobs` (check.ts), this bundle serves files instead of running the CLI.
if (isCheckWorker()) serveChecks();
else if (require.main === module) main();
