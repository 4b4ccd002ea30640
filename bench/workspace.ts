/**
 * Workspace diagnostics benchmark (amo.validation.scope: workspace): a generated workspace of N operations,
 * each a copy of the school example (programme + works consultation) and of the faulty pair, so that every
 * operation has files with and without errors. Measures, with no file opened: time from `initialized` to
 * the problems of every file published, peak server RSS, and a cold `workspace/symbol` afterwards.
 *
 *   npx tsx bench/workspace.ts                 # 50 and 500 operations (200 and 2,000 files), push then pull
 *   npx tsx bench/workspace.ts --ops 100 --mode pull --edits 0 [--out FILE]
 *   npx tsx bench/workspace.ts --mode push --edits 0 --cache   # then a second start served by the on-disk cache
 *
 * Push: the problems published (`publishDiagnostics`); pull (LSP 3.17): streamed by one `workspace/diagnostic`
 * with a partial-result token, as VS Code asks. Meanwhile a 10k-line programme of the workspace is opened and
 * edited (`--edits N`, 20): each edit waits for its own diagnostics, as in scenario.ts.
 *
 * Writes bench/results/workspace-<YYYY-MM-DD>[-edits].json (-edits: with edits). No timing verdict: budgets are read from the table.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { generateProgramme } from './generate';
import { BenchServer } from './lsp';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/node/processOptions';

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

interface RunOptions {
  /** LSP 3.17 pull: the workspace's problems streamed by one workspace/diagnostic, open documents pulled. */
  pull: boolean;
  /** Single-character edits of an open 10k-line programme during the first pass (0: none). */
  edits: number;
  /** The on-disk cache: the server restarted once the pass is done, and the second start measured. */
  cache: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor((s.length - 1) / 2)] * 10) / 10 : NaN;
}

/** The LSP position of an offset. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function run(ops: number, options: RunOptions): Promise<Record<string, number | string>> {
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
  // The document edited during the first pass (outside the waited-for list: it is open, its buffer is validated).
  const edited = generateProgramme(10_000, 'ws', false);
  const editedPath = path.join(dir, edited.name);
  fs.writeFileSync(editedPath, edited.text);
  const editedUri = pathToFileURL(editedPath).toString();
  const cacheFolder = options.cache ? fs.mkdtempSync(path.join(os.tmpdir(), 'amo-bench-cache-')) : undefined;
  const spawnServer = (): BenchServer =>
    new BenchServer({
      name: 'amo',
      command: process.execPath,
      // Started as the VS Code client starts it (processOptions.ts), as bench/run.ts does.
      args: [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist', 'server.js'), '--stdio'],
      env: { AMO_TODAY: '2026-11-28', ...SERVER_ENV },
      settings: (section) => (section === 'amo' ? { validation: { scope: 'workspace' } } : {}),
      pull: options.pull,
      initializationOptions: cacheFolder ? { cacheFolder } : undefined,
    });
  const server = spawnServer();
  try {
    await server.initialize(pathToFileURL(dir).toString());
    const started = performance.now();
    let allKnownAt = NaN;
    const pass = (async () => {
      if (!options.pull) {
        for (const uri of uris) await server.diagnostics(uri, () => true, 600_000);
      } else {
        const seen = new Set<string>();
        const waiting = new Set(uris);
        await new Promise<void>((resolve, reject) => {
          // A stream that stops short fails the run instead of hanging it.
          let stall = setTimeout(stalled, 60_000);
          function stalled(): void {
            reject(new Error(`workspace/diagnostic: ${seen.size} files reported, ${waiting.size} never (${[...waiting].slice(0, 3).join(', ')}…)`));
          }
          server.connection.onProgress({ __brand: 'ws' } as never, 'bench-ws', (value: { items: { uri: string }[] }) => {
            clearTimeout(stall);
            stall = setTimeout(stalled, 60_000);
            for (const r of value.items) {
              seen.add(r.uri);
              waiting.delete(r.uri);
            }
            if (waiting.size === 0) {
              clearTimeout(stall);
              resolve();
            }
          });
          void server.connection.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'bench-ws' }).catch(() => undefined);
        });
      }
      allKnownAt = performance.now();
    })();
    // Edits of an open document while the first pass runs: each waits for the diagnostics of its version.
    const waits: number[] = [];
    let duringPass = 0;
    if (options.edits) {
      let text = edited.text;
      await server.open(editedUri, 'amo-programme', text);
      if (options.pull) await server.request('textDocument/diagnostic', { textDocument: { uri: editedUri } });
      else await server.diagnostics(editedUri, (p) => p.version === 1, 120_000);
      const at = positionAt(text, edited.editOffset);
      for (let v = 2; v < 2 + options.edits; v++) {
        const insert = v % 2 === 0;
        const end = insert ? at : { line: at.line, character: at.character + 1 };
        text = insert ? text.slice(0, edited.editOffset) + 'x' + text.slice(edited.editOffset) : text.slice(0, edited.editOffset) + text.slice(edited.editOffset + 1);
        const t = performance.now();
        await server.change(editedUri, v, at, end, insert ? 'x' : '');
        if (options.pull) await server.request('textDocument/diagnostic', { textDocument: { uri: editedUri } });
        else await server.diagnostics(editedUri, (p) => p.version === v, 120_000);
        waits.push(performance.now() - t);
        if (Number.isNaN(allKnownAt)) duringPass++;
      }
    }
    await pass;
    const allKnownMs = allKnownAt - started;
    const rss = server.peakRssMb();
    const t = performance.now();
    await server.connection.sendRequest('workspace/symbol', { query: '' });
    const symbolsMs = performance.now() - t;
    const rssAfterSymbols = server.peakRssMb();
    let second: Record<string, number> = {};
    if (cacheFolder) {
      // Shut down (the cache is written), then the second start: time to every file's problems, symbols.
      await server.dispose();
      const again = spawnServer();
      try {
        await again.initialize(pathToFileURL(dir).toString());
        const t2 = performance.now();
        for (const uri of uris) await again.diagnostics(uri, () => true, 600_000);
        const known2 = performance.now() - t2;
        const t3 = performance.now();
        await again.connection.sendRequest('workspace/symbol', { query: '' });
        second = { secondStartAllProblemsKnownMs: Math.round(known2), secondStartWorkspaceSymbolsMs: Math.round(performance.now() - t3), secondStartPeakRssMb: Math.round(again.peakRssMb()), cacheFileMb: Math.round(fs.statSync(path.join(cacheFolder, 'amo-diagnostics-cache.json')).size / 1e5) / 10 };
      } finally {
        again.proc.kill();
      }
    }
    return {
      ...second,
      mode: options.pull ? 'pull' : 'push',
      operations: ops,
      files: uris.length,
      allProblemsKnownMs: Math.round(allKnownMs),
      workspaceSymbolsMs: Math.round(symbolsMs),
      peakRssMb: Math.round(rss),
      peakRssAfterSymbolsMb: Math.round(rssAfterSymbols),
      ...(options.edits ? { editsDuringFirstPass: duringPass, editToDiagnosticsMedianMs: median(waits), editToDiagnosticsMaxMs: Math.round(Math.max(...waits)) } : {}),
    };
  } finally {
    server.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    if (cacheFolder) fs.rmSync(cacheFolder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
  const sizes = (arg('--ops') ?? '50,500').split(',').map(Number);
  const modes = (arg('--mode') ?? 'push,pull').split(',');
  const edits = Number(arg('--edits') ?? 20);
  const cache = process.argv.includes('--cache');
  const rows: Record<string, number | string>[] = [];
  for (const n of sizes) {
    for (const mode of modes) {
      const r = await run(n, { pull: mode === 'pull', edits, cache });
      rows.push(r);
      const during = r.editsDuringFirstPass !== undefined ? `; ${r.editsDuringFirstPass} of ${edits} edits of an open 10k programme during the pass, edit → diagnostics median ${r.editToDiagnosticsMedianMs} ms (max ${r.editToDiagnosticsMaxMs})` : '';
      const again = r.secondStartAllProblemsKnownMs !== undefined ? `; second start (cache ${r.cacheFileMb} MB): all problems known ${r.secondStartAllProblemsKnownMs} ms, workspace symbols ${r.secondStartWorkspaceSymbolsMs} ms, peak RSS ${r.secondStartPeakRssMb} MB` : '';
      console.log(`${r.mode}, ${r.operations} operations, ${r.files} files: all problems known ${r.allProblemsKnownMs} ms, cold workspace symbols ${r.workspaceSymbolsMs} ms, peak RSS ${r.peakRssMb} MB (${r.peakRssAfterSymbolsMb} MB after symbols)${during}${again}`);
    }
  }
  const out = arg('--out') ?? path.join(ROOT, 'bench', 'results', `workspace-${new Date().toISOString().slice(0, 10)}${edits ? '-edits' : ''}${cache ? '-cache' : ''}.json`);
  fs.writeFileSync(out, JSON.stringify({ node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg()[0], serverOptions: [...SERVER_EXEC_ARGV, SERVER_ENV], results: rows }, null, 2) + '\n');
  console.log(`Results written to ${path.relative(ROOT, out)}`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
