/**
 * Workspace diagnostics benchmark (amo.validation.scope: workspace): a generated workspace of N operations,
 * each a copy of the school example (programme + works consultation) and of the faulty pair, so that every
 * operation has files with and without errors. Measures, with no file opened: time from `initialized` to
 * the problems of every file published, peak server RSS, and a cold `workspace/symbol` afterwards.
 *
 *   npx tsx bench/workspace.ts                 # 100 and 1,000 operations (400 and 4,000 files)
 *   npx tsx bench/workspace.ts --ops 100       # chosen sizes
 *
 * Writes bench/results/workspace-<YYYY-MM-DD>.json. No timing verdict: budgets are read from the table.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { BenchServer } from './lsp';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = [
  'examples/ecole-jules-ferry.programme.yaml',
  'examples/ecole-jules-ferry-travaux.consultation.yaml',
  'examples/erreurs/ecole-erreurs.programme.yaml',
  'examples/erreurs/ecole-erreurs.consultation.yaml',
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

async function run(ops: number): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-bench-ws-'));
  const uris: string[] = [];
  for (let i = 0; i < ops; i++) {
    const op = path.join(dir, `operation-${String(i).padStart(4, '0')}`);
    fs.mkdirSync(op);
    for (const s of SOURCES) {
      const to = path.join(op, path.basename(s));
      fs.copyFileSync(path.join(ROOT, s), to);
      uris.push(pathToFileURL(to).toString());
    }
  }
  const server = new BenchServer({
    name: 'amo',
    command: process.execPath,
    args: [path.join(ROOT, 'dist', 'server.js'), '--stdio'],
    env: { AMO_TODAY: '2026-11-28' },
    settings: (section) => (section === 'amo' ? { validation: { scope: 'workspace' } } : {}),
  });
  try {
    await server.initialize(pathToFileURL(dir).toString());
    const started = performance.now();
    for (const uri of uris) await server.diagnostics(uri, () => true, 600_000);
    const allKnownMs = performance.now() - started;
    const rss = peakRssMb(server.pid);
    const t = performance.now();
    await server.connection.sendRequest('workspace/symbol', { query: '' });
    const symbolsMs = performance.now() - t;
    return { operations: ops, files: uris.length, allProblemsKnownMs: Math.round(allKnownMs), workspaceSymbolsMs: Math.round(symbolsMs), peakRssMb: rss, peakRssAfterSymbolsMb: peakRssMb(server.pid) };
  } finally {
    server.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
  const sizes = (arg('--ops') ?? '100,1000').split(',').map(Number);
  const rows: Record<string, number>[] = [];
  for (const n of sizes) {
    const r = await run(n);
    rows.push(r);
    console.log(`${r.operations} operations, ${r.files} files: all problems known ${r.allProblemsKnownMs} ms, cold workspace symbols ${r.workspaceSymbolsMs} ms, peak RSS ${r.peakRssMb} MB (${r.peakRssAfterSymbolsMb} MB after symbols)`);
  }
  const out = path.join(ROOT, 'bench', 'results', `workspace-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(out, JSON.stringify({ node: process.version, cpus: os.cpus().length, results: rows }, null, 2) + '\n');
  console.log(`Results written to ${path.relative(ROOT, out)}`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
