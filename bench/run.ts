/**
 * Benchmarks of the AMO language server side by side with yaml-language-server (same documents, our JSON
 * schemas associated through its `yaml.schemas` setting), with the budgets of bench/README.md.
 *
 *   npm run bench                       1k, 10k and 50k lines; writes bench/results/<YYYY-MM-DD>.json
 *   npm run bench -- --sizes 1k,10k     chosen sizes
 *   npm run bench:smoke                 1k only, a few edits, no timing verdict (CI): fails only when a
 *                                       server does not answer or the injected diagnostics do not match
 * Our server is measured as users run it: the production bundles (`node esbuild.mjs --production`, as the
 * VSIX ships them) built into bench/.work/dist-min, started with the options the VS Code client gives it
 * (server/src/node/processOptions.ts: V8 flags, malloc threshold).
 * Other options: --no-yls, --no-build (measure dist/ as it is), --edits N, --requests N, --strict (exit 1
 * on a FAIL budget), --out FILE, --profile (our server runs under `node --cpu-prof`, profiles written to
 * bench/.work/prof/ for Chrome DevTools or `node bench/profileSummary.cjs FILE`), --plain (our server
 * without the client's process options: the "before" of processOptions.ts), --server-flags "…" (more node
 * options), --delay N (`amo.validation.delay` sent to our server; default 50, its default), --server FILE
 * (measure another build of our server: A/B experiments).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as esbuild from 'esbuild';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/node/processOptions';
import { globalBudgets, printBudgets, sizeBudgets, type BudgetRow, type GlobalFigures } from './budgets';
import { generateSet, writeSet } from './generate';
import type { ServerSpec } from './lsp';
import { runScenario, type ScenarioResult, type Stat } from './scenario';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(__dirname, '.work');
/** The production bundles, as the VSIX ships them. */
const DIST_MIN = path.join(WORK, 'dist-min');
const TODAY = '2026-11-28';

interface Options {
  sizes: string[];
  smoke: boolean;
  yls: boolean;
  build: boolean;
  strict: boolean;
  edits: number;
  requests: number;
  out?: string;
  profile: boolean;
  /** Extra `node` options for our server (experiments: --server-flags "--optimize-for-size"). */
  serverFlags: string[];
  /** `amo.validation.delay` sent to our server (experiments; default: its default, 50). */
  delay?: number;
  /** Our server without the process options the client gives it (processOptions.ts). */
  plain: boolean;
  /** Another server bundle to measure (experiments). */
  server?: string;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    sizes: smoke ? ['1k'] : (value('--sizes') ?? '1k,10k,50k').split(',').map((s) => s.trim()),
    yls: !argv.includes('--no-yls'),
    build: !argv.includes('--no-build'),
    strict: argv.includes('--strict'),
    edits: Number(value('--edits') ?? (smoke ? 4 : 50)),
    requests: Number(value('--requests') ?? (smoke ? 3 : 20)),
    out: value('--out'),
    profile: argv.includes('--profile'),
    serverFlags: (value('--server-flags') ?? '').split(' ').filter(Boolean),
    delay: value('--delay') === undefined ? undefined : Number(value('--delay')),
    plain: argv.includes('--plain'),
    server: value('--server'),
  };
}

/** Which server bundle is measured. */
function serverBundle(opts: Options): string {
  if (opts.server) return path.resolve(opts.server);
  if (opts.profile) return path.join(WORK, 'dist-prof', 'server.js');
  return opts.build ? path.join(DIST_MIN, 'server.js') : path.join(ROOT, 'dist', 'server.js');
}

function ours(opts: Options): ServerSpec {
  // As the VS Code client starts it (client.ts), unless --plain.
  const product = opts.plain ? [] : [...SERVER_EXEC_ARGV];
  const prof = [...product, ...opts.serverFlags, ...(opts.profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(WORK, 'prof')] : [])];
  const delay = opts.delay ?? 50;
  return {
    name: 'amo',
    command: process.execPath,
    args: [...prof, serverBundle(opts), '--stdio'],
    env: { AMO_TODAY: TODAY, ...(opts.plain ? {} : SERVER_ENV) },
    // The server's default debounce, sent as the client would send the setting.
    // The per-document scenario measures the open files only; the workspace pass has its own bench (workspace.ts).
    settings: (section) => (section === 'amo' ? { validation: { delay, scope: 'openFiles' } } : {}),
  };
}

function yamlLanguageServer(): ServerSpec {
  const schema = (kind: string): string => pathToFileURL(path.join(ROOT, 'schemas', `${kind}.schema.json`)).toString();
  // `yaml.schemas` maps a schema URL to the globs of the files it validates; no schema store (no network).
  const yaml = {
    schemas: { [schema('programme')]: '*.programme.yaml', [schema('consultation')]: '*.consultation.yaml' },
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    yamlVersion: '1.2',
  };
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: (section) => (section === 'yaml' ? yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
    configuration: { yaml },
  };
}

/** The production bundles (`node esbuild.mjs --production`, as `npm run package` builds them) in bench/.work/dist-min. */
function productionBuild(): void {
  fs.rmSync(DIST_MIN, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production', '--outdir', DIST_MIN], { cwd: ROOT, stdio: 'inherit' });
}

/** Sizes of the production bundles, in bytes. */
function minifiedSizes(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fs.readdirSync(DIST_MIN)) if (f.endsWith('.js')) out[f.replace(/\.js$/, '')] = fs.statSync(path.join(DIST_MIN, f)).size;
  return out;
}

interface ActivationRun {
  loadMs: number;
  activateSyncMs: number;
  languageClientLoadMs?: number;
}

/** Median over seven fresh processes of bench/activation.cjs on the production client. */
function activation(): ActivationRun {
  const runs = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'activation.cjs'), path.join(DIST_MIN, 'client.js')], { encoding: 'utf8' })) as ActivationRun);
  const med = (xs: number[]): number => Math.round([...xs].sort((a, b) => a - b)[xs.length >> 1] * 10) / 10;
  const lazy = runs.map((r) => r.languageClientLoadMs).filter((x): x is number => x !== undefined);
  return { loadMs: med(runs.map((r) => r.loadMs)), activateSyncMs: med(runs.map((r) => r.activateSyncMs)), languageClientLoadMs: lazy.length ? med(lazy) : undefined };
}

function machine(): Record<string, unknown> {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  const git = (args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    nproc: os.availableParallelism(),
    cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    yamlLanguageServer: (JSON.parse(fs.readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8')) as { version: string }).version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyTree: Boolean(git(['status', '--porcelain'])),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const ms = (s: Stat | null | undefined): string => (s ? `${s.median} / ${s.p95}` : 'n/a');
const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? `${Math.round((b / a) * 10) / 10}×` : '');

/** One table per size: ours and yaml-language-server, and how many times faster (or smaller) ours is. */
function printTable(size: string, a: ScenarioResult, b: ScenarioResult | undefined, log: (s: string) => void): void {
  const rows: [string, string, string, string][] = [['spawn→initialize', `${a.initializeMs}`, b ? `${b.initializeMs}` : 'n/a', ratio(a.initializeMs, b?.initializeMs)]];
  a.docs.forEach((d, i) => {
    const y = b?.docs[i];
    const kind = d.name.includes('programme') ? 'programme' : 'consultation';
    rows.push([`${kind} (${d.lines} lines, ${(d.chars / 1e6).toFixed(2)} MB)`, '', '', '']);
    rows.push(['  open→first diagnostics', `${d.openToDiagnosticsMs}`, y ? `${y.openToDiagnosticsMs}` : 'n/a', ratio(d.openToDiagnosticsMs, y?.openToDiagnosticsMs)]);
    rows.push(['  diagnostics at open (count)', `${d.diagnostics}`, y ? `${y.diagnostics}` : 'n/a', '']);
    rows.push([`  edit→diagnostics, median / p95 (${d.editToDiagnostics.n})`, ms(d.editToDiagnostics), y ? ms(y.editToDiagnostics) : 'n/a', ratio(d.editToDiagnostics.median, y?.editToDiagnostics.median)]);
    rows.push(['  of which validation (server-reported), median / p95', ms(d.validation), 'n/a', '']);
    rows.push(['  server CPU per edit (mean)', `${d.cpuPerEditMs}`, y ? `${y.cpuPerEditMs}` : 'n/a', ratio(d.cpuPerEditMs, y?.cpuPerEditMs)]);
    rows.push(['  completion, median / p95', ms(d.completion), y ? ms(y.completion) : 'n/a', ratio(d.completion?.median, y?.completion?.median)]);
    rows.push(['  hover, median / p95', ms(d.hover), y ? ms(y.hover) : 'n/a', ratio(d.hover?.median, y?.hover?.median)]);
    rows.push(['  definition, median / p95', ms(d.definition), y ? ms(y.definition) : 'n/a', ratio(d.definition?.median, y?.definition?.median)]);
    rows.push(['  document symbols, median / p95', ms(d.documentSymbols), y ? ms(y.documentSymbols) : 'n/a', ratio(d.documentSymbols?.median, y?.documentSymbols?.median)]);
    rows.push(['  preview render (amo/render), median / p95', ms(d.render), 'n/a', '']);
  });
  // The programme is opened and edited first: the peak after its edits is that of the programme alone.
  const alone = (r: ScenarioResult | undefined): number | undefined => r?.docs[0]?.memory.afterEdits[1];
  rows.push(['peak RSS (MB), programme alone, after its edits', `${alone(a)}`, b ? `${alone(b)}` : 'n/a', ratio(alone(a), alone(b))]);
  rows.push(['peak RSS (MB), both documents open', `${a.peakRssMb}`, b ? `${b.peakRssMb}` : 'n/a', ratio(a.peakRssMb, b?.peakRssMb)]);
  const w = Math.max(...rows.map((r) => r[0].length));
  log(`\n== ${size} (ms unless stated)`);
  log(`${''.padEnd(w)}  ${'amo'.padEnd(14)} ${'yaml-ls'.padEnd(14)} ours ×`);
  for (const r of rows) log(`${r[0].padEnd(w)}  ${r[1].padEnd(14)} ${r[2].padEnd(14)} ${r[3]}`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const log = (s: string): void => console.log(s);
  if (opts.build) productionBuild();
  // Profiles need readable names: a bundle of our own, never minified, whatever dist/ holds.
  if (opts.profile) {
    const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', keepNames: true, sourcemap: true, logLevel: 'silent', outdir: path.join(WORK, 'dist-prof') } as const;
    await esbuild.build({ ...common, entryPoints: { server: path.join(ROOT, 'server/src/node/main.ts'), syntaxWorker: path.join(ROOT, 'server/src/node/syntaxWorker.ts') } });
  }
  const info = machine();
  log(`AMO bench${opts.smoke ? ' (smoke)' : ''}: ${info.nproc} cores, ${info.cpu}, ${info.node}, load ${String(info.loadAverageAtStart)}`);
  const oursSpec = ours(opts);
  log(`our server: ${path.relative(ROOT, serverBundle(opts))} ${oursSpec.args.slice(0, -2).join(' ')}${opts.plain ? ' (--plain)' : ` ${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`}`);
  const results: { size: string; ours: ScenarioResult; yls?: ScenarioResult }[] = [];
  const rows: BudgetRow[] = [];
  let broken = false;
  for (const size of opts.sizes) {
    const set = generateSet(size);
    // Not under bench/.work: yaml-language-server's globs (picomatch) skip folders whose name starts with a dot.
    const dir = path.join(os.tmpdir(), 'amo-bench', size);
    const files = writeSet(set, dir);
    const scenario = { edits: opts.edits, requests: opts.requests, dir, log };
    log(`\n-- ${size}: amo`);
    const a = await runScenario(oursSpec, set, files, { ...scenario, checkCodes: true });
    if (a.docs.some((d) => d.injectedMismatch && Object.keys(d.injectedMismatch).length)) broken = true;
    let b: ScenarioResult | undefined;
    if (opts.yls) {
      log(`-- ${size}: yaml-language-server`);
      b = await runScenario(yamlLanguageServer(), set, files, { ...scenario, checkCodes: false });
    }
    results.push({ size, ours: a, yls: b });
    printTable(size, a, b, log);
    rows.push(...sizeBudgets(size, a, b));
  }
  const global: GlobalFigures = {};
  if (!opts.smoke && fs.existsSync(path.join(DIST_MIN, 'client.js'))) {
    global.minified = minifiedSizes();
    global.activation = activation();
    rows.push(...globalBudgets(global));
  }
  const dev: Record<string, number> = {};
  for (const f of ['server.js', 'client.js', 'cli.js', 'preview.js']) if (fs.existsSync(path.join(ROOT, 'dist', f))) dev[f] = fs.statSync(path.join(ROOT, 'dist', f)).size;
  if (rows.length) {
    log(opts.smoke ? '\nBudgets (smoke run: informative only)' : '\nBudgets');
    printBudgets(rows, log);
  }
  const server = { bundle: path.relative(ROOT, serverBundle(opts)), args: oursSpec.args.slice(0, -2), env: opts.plain ? {} : SERVER_ENV };
  const record = { date: new Date().toISOString(), machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) }, options: opts, server, results, budgets: rows, minifiedBytes: global.minified, devBuildBytes: dev, activation: global.activation };
  const out = opts.out ?? (opts.smoke ? path.join(WORK, 'smoke.json') : path.join(__dirname, 'results', `${new Date().toISOString().slice(0, 10)}.json`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(record, null, 2) + '\n');
  log(`\nResults written to ${path.relative(ROOT, out)}`);
  if (broken) {
    log('FAILED: the diagnostics of the injected codes do not match the injected counts.');
    process.exitCode = 1;
  } else if (opts.strict && rows.some((r) => r.status === 'FAIL')) {
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
