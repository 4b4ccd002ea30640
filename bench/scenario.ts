/**
 * One benchmark scenario: a server, a programme and a consultation of one size, driven as an editor would
 * drive them. Every figure is a wall time measured in this process, except `cpuPerEditMs` and `peakRssMb`,
 * read from /proc for the server process.
 */
import { pathToFileURL } from 'url';
import type { Position } from 'vscode-languageserver-protocol';
import { countMismatches, type GeneratedDoc, type GeneratedSet } from './generate';
import { BenchServer, type ServerSpec } from './lsp';

export interface Stat {
  n: number;
  median: number;
  p95: number;
  mean: number;
}

export interface DocResult {
  name: string;
  lines: number;
  chars: number;
  openToDiagnosticsMs: number;
  diagnostics: number;
  /** Injected code → [injected, reported]; only for the server that knows the codes (ours). */
  injectedMismatch?: Record<string, [number, number]>;
  editToDiagnostics: Stat;
  /** Server CPU (user + system, all threads) per edit: the whole edit phase divided by the edits. */
  cpuPerEditMs: number;
  /** The server's own account of each edit's validation (`amo/validationStatus`, ours only): wall time of the validation, without the debounce. */
  validation?: Stat;
  /** Per-edit CPU samples (10 ms resolution of /proc): their median and 95th percentile. */
  cpuPerEdit: Stat;
  completion: Stat | null;
  hover: Stat | null;
  definition: Stat | null;
  documentSymbols: Stat | null;
  render: Stat | null;
  /** Resident and peak memory of the server (MB) after the open, after the edits, after the requests. */
  memory: { afterOpen: [number, number]; afterEdits: [number, number]; afterRequests: [number, number] };
}

export interface ScenarioResult {
  server: string;
  size: string;
  initializeMs: number;
  docs: DocResult[];
  peakRssMb: number;
}

export interface ScenarioOptions {
  edits: number;
  requests: number;
  dir: string;
  /** Check the injected diagnostic codes (our server only). */
  checkCodes: boolean;
  log: (line: string) => void;
}

export function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, median: round(at(0.5)), p95: round(at(0.95)), mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) };
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** LSP position of a UTF-16 offset (the generated text has `\n` line breaks only). */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

async function timed(n: number, f: () => Promise<unknown>): Promise<Stat> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return stat(xs);
}

export async function runScenario(spec: ServerSpec, set: GeneratedSet, files: { programme: string; consultation: string }, opts: ScenarioOptions): Promise<ScenarioResult> {
  const server = new BenchServer(spec);
  try {
    const rootUri = pathToFileURL(opts.dir).toString();
    const initializeMs = await server.initialize(rootUri);
    // Let the server ask for its settings before the first document (yaml-language-server associates
    // the schemas from them).
    const deadline = performance.now() + 5000;
    while (server.configurationRequests === 0 && performance.now() < deadline) await server.wait(50);
    const docs: DocResult[] = [];
    for (const [doc, file, languageId] of [
      [set.programme, files.programme, 'amo-programme'],
      [set.consultation, files.consultation, 'amo-consultation'],
    ] as const) {
      docs.push(await runDocument(server, doc, pathToFileURL(file).toString(), spec.name === 'yaml-language-server' ? 'yaml' : languageId, opts));
    }
    return { server: spec.name, size: set.label, initializeMs: round(initializeMs), docs, peakRssMb: round(server.peakRssMb()) };
  } finally {
    await server.dispose();
  }
}

async function runDocument(server: BenchServer, doc: GeneratedDoc, uri: string, languageId: string, opts: ScenarioOptions): Promise<DocResult> {
  const versioned = server.spec.name !== 'yaml-language-server';
  const timeout = 120_000;
  let text = doc.text;
  let before = server.publishCount(uri);
  let t = performance.now();
  await server.open(uri, languageId, text);
  const first = await server.diagnostics(uri, (p) => (versioned ? p.version === 1 : p.seq > before), timeout);
  const openToDiagnosticsMs = first.at - t;
  const mem = (): [number, number] => [server.rssMb(), Math.round(server.peakRssMb() * 10) / 10];
  const afterOpen = mem();
  const codes = first.diagnostics.map((d) => (d.code === undefined ? undefined : String(d.code)));
  const injectedMismatch = opts.checkCodes ? countMismatches(doc, codes) : undefined;
  opts.log(`    ${doc.name}: first diagnostics in ${round(openToDiagnosticsMs)} ms (${first.diagnostics.length})${injectedMismatch && Object.keys(injectedMismatch).length ? ` MISMATCH ${JSON.stringify(injectedMismatch)}` : ''}`);

  // Single-character edits in a text value near the middle: insert a character, then delete it, each
  // edit waiting for the diagnostics of its own version.
  const waits: number[] = [];
  const cpus: number[] = [];
  const at = positionAt(text, doc.editOffset);
  const cpuStart = server.cpuMs();
  for (let v = 2; v < 2 + opts.edits; v++) {
    const insert = v % 2 === 0;
    const end = insert ? at : { line: at.line, character: at.character + 1 };
    text = insert ? text.slice(0, doc.editOffset) + 'x' + text.slice(doc.editOffset) : text.slice(0, doc.editOffset) + text.slice(doc.editOffset + 1);
    before = server.publishCount(uri);
    const cpu = server.cpuMs();
    t = performance.now();
    await server.change(uri, v, at, end, insert ? 'x' : '');
    const p = await server.diagnostics(uri, (q) => (versioned ? q.version === v : q.seq > before), timeout);
    waits.push(p.at - t);
    cpus.push(server.cpuMs() - cpu);
  }
  const cpuPerEditMs = opts.edits ? round((server.cpuMs() - cpuStart) / opts.edits) : 0;
  // The status notification follows the diagnostics: give the last one a moment to arrive.
  await server.wait(20);
  const reported = server.validationMs.get(uri);
  const validationSamples = Array.from({ length: opts.edits }, (_, i) => reported?.get(2 + i)).filter((x): x is number => x !== undefined);
  const validation = validationSamples.length ? stat(validationSamples) : undefined;
  const afterEdits = mem();

  const caps = server.capabilities;
  const td = { uri };
  const completionAt = positionAt(text, doc.completionOffset);
  const refAt = positionAt(text, doc.refOffset);
  const n = opts.requests;
  const completion = caps.completionProvider ? await timed(n, () => server.request('textDocument/completion', { textDocument: td, position: completionAt, context: { triggerKind: 1 } })) : null;
  const hover = caps.hoverProvider ? await timed(n, () => server.request('textDocument/hover', { textDocument: td, position: refAt })) : null;
  const definition = caps.definitionProvider ? await timed(n, () => server.request('textDocument/definition', { textDocument: td, position: refAt })) : null;
  const documentSymbols = caps.documentSymbolProvider ? await timed(Math.max(1, Math.ceil(n / 2)), () => server.request('textDocument/documentSymbol', { textDocument: td })) : null;
  // `amo/render` is a custom request: tried when the server is ours, n/a when it says it does not know it.
  let render: Stat | null = null;
  if (versioned) {
    try {
      render = await timed(Math.max(1, Math.ceil(n / 4)), () => server.request('amo/render', { uri, format: 'html' }));
    } catch {
      render = null;
    }
  }
  const memory = { afterOpen, afterEdits, afterRequests: mem() };
  opts.log(`      memory (RSS / peak, MB): after open ${afterOpen.join(' / ')}, after edits ${afterEdits.join(' / ')}, after requests ${memory.afterRequests.join(' / ')}`);
  return {
    name: doc.name,
    lines: doc.lines,
    chars: doc.text.length,
    openToDiagnosticsMs: round(openToDiagnosticsMs),
    diagnostics: first.diagnostics.length,
    injectedMismatch,
    editToDiagnostics: stat(waits),
    validation,
    cpuPerEditMs,
    cpuPerEdit: stat(cpus),
    completion,
    hover,
    definition,
    documentSymbols,
    render,
    memory,
  };
}
