/**
 * The browser server (dist/web/server.js, a web worker in headless Chromium) beside the Node server
 * (dist/server.js over stdio, with the client's process options): edit→diagnostics on the generated
 * 10k-line programme and consultation, both production bundles (`esbuild.mjs --production`, what the
 * VSIX ships) built into bench/.work/dist-web-min. Budget: the browser's median within 1.5×
 * the Node server's. Also: the server-reported validation time (no transport), the transport's round trip
 * (a request the server does not know, answered at once), and the sizes of the web bundles.
 *
 *   npx tsx bench/browser.ts [--sizes 10k] [--edits 50] [--rounds 2] [--no-build] [--out FILE]
 *
 * Both are driven from this process: the worker's messages go through the page (Chrome DevTools
 * protocol), which the round trip measures; the Node server's through its pipes.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser } from 'playwright-core';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/node/processOptions';
import { WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD } from '../server/src/workspaceProtocol';
import { browserServerPage, listFiles, PageReader, PageWriter, readServed } from '../test/helpers/browserLspClient';
import { generateSet, writeSet, type GeneratedDoc } from './generate';
import { stat, type Stat } from './scenario';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'bench', '.work', 'dist-web-min');
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://amo.test';
const TODAY = '2026-11-28';
const BUDGET_RATIO = 1.5;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

interface Driven {
  name: 'node' | 'browser';
  connection: MessageConnection;
  dispose(): Promise<void>;
}

function nodeServer(): Driven {
  const proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(DIST, 'server.js'), '--stdio'], { env: { ...process.env, ...SERVER_ENV, AMO_TODAY: TODAY }, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  return {
    name: 'node',
    connection,
    dispose: async () => {
      connection.dispose();
      proc.kill();
    },
  };
}

async function browserServer(browser: Browser, dir: string): Promise<Driven> {
  const context = await browser.newContext();
  const bundle = fs.readFileSync(path.join(DIST, 'web', 'server.js'), 'utf8');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/index.html`) return route.fulfill({ contentType: 'text/html', body: browserServerPage(`${ORIGIN}/web/server.js?today=${TODAY}`) });
    if (url.startsWith(`${ORIGIN}/web/server.js?`)) return route.fulfill({ contentType: 'text/javascript', body: bundle });
    return route.abort();
  });
  const page = await context.newPage();
  const reader = new PageReader();
  await page.exposeFunction('__amoFromServer', (m: unknown) => reader.deliver(m as never));
  await page.exposeFunction('__amoWorkerError', (m: string) => console.error(`worker: ${m}`));
  await page.goto(`${ORIGIN}/index.html`);
  const connection = createMessageConnection(reader, new PageWriter(page));
  // The client's side of the browser server's workspace (client/src/workspaceFiles.ts), from the files on disk.
  connection.onRequest(WORKSPACE_FILES_METHOD, () => ({ uris: listFiles(dir) }));
  connection.onRequest(WORKSPACE_READ_METHOD, (p: { uris: string[] }) => ({ texts: p.uris.map((u) => readServed(u, dir)) }));
  return {
    name: 'browser',
    connection,
    dispose: async () => {
      connection.dispose();
      await context.close();
    },
  };
}

interface DocFigures {
  name: string;
  lines: number;
  openToDiagnosticsMs: number;
  editToDiagnostics: Stat;
  validation: Stat;
}

interface RunFigures {
  server: 'node' | 'browser';
  round: number;
  roundTrip: Stat;
  docs: DocFigures[];
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

async function drive(server: Driven, dir: string, docs: [GeneratedDoc, string][], edits: number, round: number): Promise<RunFigures> {
  const c = server.connection;
  const published = new Map<string, { version?: number; at: number }>();
  const validated = new Map<string, number>();
  let waiters: (() => void)[] = [];
  c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(`${p.uri}#${p.version}`, { version: p.version, at: performance.now() });
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  });
  c.onNotification('amo/validationStatus', (p: { uri: string; version: number; durationMs: number }) => validated.set(`${p.uri}#${p.version}`, p.durationMs));
  c.onNotification(() => undefined);
  c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'amo' ? { validation: { delay: 50 } } : {})));
  c.onRequest('client/registerCapability', () => null);
  c.listen();
  const until = async (key: string): Promise<number> => {
    const deadline = performance.now() + 120_000;
    for (;;) {
      const p = published.get(key);
      if (p) return p.at;
      if (performance.now() > deadline) throw new Error(`${server.name}: no diagnostics for ${key}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  };
  const rootUri = pathToFileURL(dir).toString();
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    locale: 'fr',
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await c.sendNotification('initialized', {});
  // The transport alone: a request the server does not know is refused at once (MethodNotFound).
  const trips: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await c.sendRequest('amo/bench/unknown', {}).catch(() => undefined);
    trips.push(performance.now() - t);
  }
  const out: DocFigures[] = [];
  for (const [doc, file] of docs) {
    const uri = pathToFileURL(file).toString();
    let text = doc.text;
    let t = performance.now();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: doc.name.includes('programme') ? 'amo-programme' : 'amo-consultation', version: 1, text } });
    const openToDiagnosticsMs = (await until(`${uri}#1`)) - t;
    const at = positionAt(text, doc.editOffset);
    const waits: number[] = [];
    const validations: number[] = [];
    for (let v = 2; v < 2 + edits; v++) {
      const insert = v % 2 === 0;
      const end = insert ? at : { line: at.line, character: at.character + 1 };
      text = insert ? text.slice(0, doc.editOffset) + 'x' + text.slice(doc.editOffset) : text.slice(0, doc.editOffset) + text.slice(doc.editOffset + 1);
      t = performance.now();
      await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end }, text: insert ? 'x' : '' }] });
      waits.push((await until(`${uri}#${v}`)) - t);
    }
    // The server sends its validation time just after the diagnostics: read once the edits are done.
    await new Promise((r) => setTimeout(r, 200));
    for (let v = 2; v < 2 + edits; v++) {
      const ms = validated.get(`${uri}#${v}`);
      if (ms !== undefined) validations.push(ms);
    }
    out.push({ name: doc.name, lines: doc.lines, openToDiagnosticsMs: Math.round(openToDiagnosticsMs * 10) / 10, editToDiagnostics: stat(waits), validation: stat(validations) });
  }
  await Promise.race([c.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
  return { server: server.name, round, roundTrip: stat(trips), docs: out };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`${CHROMIUM} is absent: nothing to measure (apt-get install -y chromium).`);
    return;
  }
  const sizes = arg('sizes', '10k').split(',');
  const edits = Number(arg('edits', '50'));
  const rounds = Number(arg('rounds', '2'));
  if (!process.argv.includes('--no-build')) {
    fs.rmSync(DIST, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production', '--outdir', DIST], { cwd: ROOT, stdio: 'inherit' });
  }
  const bundleBytes = Object.fromEntries(['web/client.js', 'web/server.js', 'client.js', 'languageClient.js', 'server.js'].map((f) => [f, fs.statSync(path.join(DIST, f)).size]));
  const gzipBytes = Object.fromEntries(['web/client.js', 'web/server.js'].map((f) => [f, Number(execFileSync('sh', ['-c', `gzip -9 -c '${path.join(DIST, f)}' | wc -c`]).toString().trim())]));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const chromiumVersion = browser.version();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const results: (RunFigures & { size: string })[] = [];
  try {
    for (const size of sizes) {
      const set = generateSet(size);
      const dir = path.join(os.tmpdir(), 'amo-bench-browser', size);
      fs.rmSync(dir, { recursive: true, force: true });
      const files = writeSet(set, dir);
      const docs: [GeneratedDoc, string][] = [
        [set.programme, files.programme],
        [set.consultation, files.consultation],
      ];
      // Alternated, so that a load from other processes weighs on both alike.
      for (let round = 1; round <= rounds; round++) {
        for (const make of [() => Promise.resolve(nodeServer()), () => browserServer(browser, dir)]) {
          const server = await make();
          try {
            const r = await drive(server, dir, docs, edits, round);
            results.push({ size, ...r });
            console.log(
              `${size} ${r.server.padEnd(7)} round ${round}: round trip ${r.roundTrip.median} ms; ` +
                r.docs.map((d) => `${d.name}: open→diagnostics ${d.openToDiagnosticsMs} ms, edit→diagnostics ${d.editToDiagnostics.median} / ${d.editToDiagnostics.p95} ms (validation ${d.validation.median} / ${d.validation.p95})`).join('; '),
            );
          } finally {
            await server.dispose();
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  // Verdict per size and document: the mean over the rounds of each round's median, browser / node.
  const verdicts: { size: string; doc: string; node: number; browser: number; ratio: number; pass: boolean }[] = [];
  for (const size of sizes) {
    for (const doc of results.find((r) => r.size === size)?.docs.map((d) => d.name) ?? []) {
      const med = (server: string): number => {
        const xs = results.filter((r) => r.size === size && r.server === server).map((r) => r.docs.find((d) => d.name === doc)!.editToDiagnostics.median);
        return stat(xs).mean;
      };
      const node = med('node');
      const b = med('browser');
      const ratio = Math.round((b / node) * 100) / 100;
      verdicts.push({ size, doc, node, browser: b, ratio, pass: ratio <= BUDGET_RATIO });
    }
  }
  for (const v of verdicts) console.log(`${v.pass ? 'PASS' : 'FAIL'} ${v.size} ${v.doc}: edit→diagnostics browser ${v.browser} ms vs node ${v.node} ms = ${v.ratio}× (≤ ${BUDGET_RATIO}×)`);
  console.log(`web bundles: client.js ${bundleBytes['web/client.js']} B (${gzipBytes['web/client.js']} gzip), server.js ${bundleBytes['web/server.js']} B (${gzipBytes['web/server.js']} gzip)`);
  const out = arg('out', path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-browser.json`));
  const record = {
    date: new Date().toISOString(),
    machine: { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, chromium: chromiumVersion, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    options: { sizes, edits, rounds, delay: 50 },
    bundleBytes,
    gzipBytes,
    verdicts,
    results,
  };
  fs.writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`written: ${path.relative(ROOT, out)}`);
  if (process.argv.includes('--strict') && verdicts.some((v) => !v.pass)) process.exitCode = 1;
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
