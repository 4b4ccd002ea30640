/**
 * Protocol soak: dist/server.js over stdio receives thousands of random edits (incremental and full),
 * opens and closes, requests at random and garbage positions, requests on closed documents, malformed
 * and out-of-order messages. The server must keep answering, never exit, keep the same text as the
 * client (its outline and diagnostics equal the service's on the client's copy), log no error, and keep
 * its memory bounded: resident memory at the end within 1.3× of what it was after the first 1,000 operations
 * (it levels off). 5,000 operations on the fixed seed of the property tests in CI, like every property test;
 * `npm run soak` runs 20,000 on a random seed; AMO_SOAK_SEED=<n> replays one (AMO_SOAK_EDITS sets the count).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, LogMessageNotification, MessageType, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { createLanguageService } from '../../server/src/language-service';
import { readFileUri } from '../../server/src/node/nodeWorkspace';
import { CI_FUZZ_SEED, HOSTILE_INSERTS, HOSTILE_VALUES, lspLines } from '../helpers/fuzz';
import { TestLspClient } from '../helpers/lspClient';
import { ROOT, TEST_TODAY, uriOf } from '../helpers/service';

const OPERATIONS = Math.max(1100, Number(process.env.AMO_SOAK_EDITS) || 5000);
const seedSetting = process.env.AMO_SOAK_SEED;
const SEED = seedSetting === 'random' ? Math.floor(Math.random() * 0x7fffffff) : Number(seedSetting) || CI_FUZZ_SEED;
/** Resident memory at the end / after the first 1,000 operations, at most (docs/robustness.md: the growth must level off). */
const LEVEL_OFF_RATIO = 1.3;
/**
 * Memory is bounded two ways. The server runs with its V8 heap capped at HEAP_CAP_MB: a leak of JavaScript
 * objects makes it die of out-of-memory, which the test sees (it must never exit). Resident memory may grow
 * by RSS_BOUND_MB at most, for what lives outside the heap (buffers, code). RSS alone is a noisy measure:
 * V8 grows its heap lazily, so the same seed gave +93 MB on an idle machine and +215 MB on a loaded one
 * before the cap; under the cap V8 collects before growing past it.
 */
const HEAP_CAP_MB = 192;
const RSS_BOUND_MB = 150;

/** A small seeded PRNG (mulberry32): the same seed replays the same session. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

const SOURCES = [
  'examples/ecole-jules-ferry.programme.yaml',
  'examples/ecole-jules-ferry-travaux.consultation.yaml',
  'examples/erreurs/ecole-erreurs.programme.yaml',
  'examples/erreurs/ecole-erreurs.consultation.yaml',
  'test/fixtures/rules/base.programme.yaml',
];

describe(`language server soak over stdio (${OPERATIONS} operations, seed ${SEED})`, function () {
  this.timeout(Math.max(90_000, OPERATIONS * 40));
  let client: TestLspClient;
  let dir: string;

  before(function () {
    if (!fs.existsSync('/proc/self/status')) this.skip(); // memory is read from /proc (Linux)
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-soak-'));
    for (const s of SOURCES) fs.copyFileSync(path.join(ROOT, s), path.join(dir, path.basename(s)));
    client = new TestLspClient([], [`--max-old-space-size=${HEAP_CAP_MB}`]);
    await client.initialize({ rootUri: uriOf(dir) });
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering, never exits, keeps the client’s text, bounded memory', async function () {
    const random = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const int = (n: number): number => Math.floor(random() * n);
    const conn = client.connection;
    const pid = client.proc.pid!;
    const where = `seed ${SEED} (replay: AMO_SOAK_SEED=${SEED})`;

    /** The client's copy of every open document, updated exactly as the server's TextDocuments does. */
    const open = new Map<string, TextDocument>();
    const uris = SOURCES.map((s) => uriOf(path.join(dir, path.basename(s))));
    const ghost = uriOf(path.join(dir, 'jamais-ouvert.programme.yaml'));

    async function openDoc(uri: string): Promise<void> {
      const text = fs.readFileSync(new URL(uri), 'utf8');
      open.set(uri, TextDocument.create(uri, 'yaml', 1, text));
      await client.open(uri, text, 1);
    }
    async function change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): Promise<void> {
      const doc = open.get(uri);
      if (doc) open.set(uri, TextDocument.update(doc, changes, version));
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    }
    function randomPosition(doc: TextDocument | undefined, garbage: boolean): { line: number; character: number } {
      if (garbage || !doc) return pick([{ line: -1, character: -1 }, { line: 1e9, character: 5 }, { line: 2, character: 1e9 }, { line: 0.5, character: 0 }]);
      return doc.positionAt(int(doc.getText().length + 1));
    }

    for (const uri of uris) await openDoc(uri);
    for (const uri of uris) await client.diagnostics(uri);
    const rssBefore = rssMb(pid);
    let rssAt1000 = 0;
    // Every error the server logs (window/logMessage, type Error) fails the soak: a malformed request is
    // answered, never an exception in the log.
    const errorLogs: string[] = [];
    conn.onNotification(LogMessageNotification.type, (m) => {
      if (m.type === MessageType.Error) errorLogs.push(m.message.slice(0, 500));
    });

    const requests: Promise<unknown>[] = [];
    const counts: Record<string, number> = {};
    const count = (k: string): void => void (counts[k] = (counts[k] ?? 0) + 1);
    const METHODS = [
      'textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/prepareRename',
      'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange', 'textDocument/codeAction',
      'textDocument/formatting', 'textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/rename', 'workspace/symbol', 'amo/render',
    ];
    function request(method: string, uri: string, garbage: boolean): void {
      const doc = open.get(uri);
      const position = randomPosition(doc, garbage);
      const range = { start: position, end: randomPosition(doc, garbage) };
      const params: Record<string, unknown> = {
        textDocument: { uri },
        position,
        positions: [position],
        range,
        context: { diagnostics: [], includeDeclaration: true, triggerKind: 1 },
        options: { tabSize: 2, insertSpaces: true },
        newName: pick(['NOUVEL-ID', '', 'a b', '\u0000']),
        query: pick(['', 'R-', 'é']),
        uri,
        deliverable: pick(['programme', 'risques', 'nope']),
      };
      count(method);
      // One request in eight is cancelled by the client, at once or a moment later ($/cancelRequest).
      const cancel = random() < 0.125 ? new CancellationTokenSource() : undefined;
      if (cancel) {
        count('cancelled');
        if (random() < 0.5) setImmediate(() => cancel.cancel());
        else cancel.cancel();
      }
      // Any answer will do, a result or an error response: what matters is that one comes.
      requests.push((cancel ? conn.sendRequest(method, params, cancel.token) : conn.sendRequest(method, params)).then(
        () => undefined,
        () => undefined,
      ));
    }

    const started = Date.now();
    let version = 100;
    for (let i = 0; i < OPERATIONS; i++) {
      const uri = pick(uris);
      const doc = open.get(uri);
      const r = random();
      if (r < 0.45 && doc) {
        // Incremental edit: one to three changes at random places, hostile text, deletions.
        const changes: TextDocumentContentChangeEvent[] = [];
        // TextDocument.update changes the instance it is given: work out the positions on a scratch copy.
        const copy = TextDocument.create(uri, 'yaml', 0, doc.getText());
        for (let k = 0; k < 1 + int(3); k++) {
          const len = copy.getText().length;
          const a = int(len + 1);
          const b = Math.min(len, a + (random() < 0.5 ? 0 : int(40)));
          const text = random() < 0.3 ? '' : random() < 0.5 ? pick(HOSTILE_INSERTS) : pick(HOSTILE_VALUES).slice(0, 200);
          const ch = { range: { start: copy.positionAt(a), end: copy.positionAt(b) }, text };
          changes.push(ch);
          TextDocument.update(copy, [ch], copy.version);
        }
        await change(uri, changes, ++version);
        count('incremental edit');
      } else if (r < 0.52 && doc) {
        // Full replacement: the original, a truncation, or garbage.
        const original = fs.readFileSync(new URL(uri), 'utf8');
        const text = pick([original, original.slice(0, int(original.length)), `${pick(HOSTILE_VALUES)}\n`, original.replace(/\n/g, '\r\n')]);
        await change(uri, [{ text }], ++version);
        count('full edit');
      } else if (r < 0.57) {
        if (doc) {
          open.delete(uri);
          await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
          count('close');
        } else {
          await openDoc(uri);
          count('open');
        }
      } else if (r < 0.585) {
        // An ephemeral document: opened, asked for, closed. Its caches must go with it (no growth).
        const eph = uriOf(path.join(dir, `ephemere-${i}${pick(['.programme.yaml', '.consultation.yaml'])}`));
        const text = fs.readFileSync(new URL(pick(uris)), 'utf8');
        await client.open(eph, text, 1);
        await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: eph } });
        await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: eph } });
        count('ephemeral document');
      } else if (r < 0.64) {
        // Malformed or out of order: change of an unopened document, version going backwards, change
        // without a version, close of an unknown document, a second open, unknown notifications.
        const kind = int(6);
        count(`malformed ${kind}`);
        if (kind === 0) await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: ghost, version: 1 }, contentChanges: [{ text: 'x' }] });
        else if (kind === 1 && doc) await change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# v\n' }], 1);
        else if (kind === 2) await conn.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'perdu' }] });
        else if (kind === 3) await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: ghost } });
        else if (kind === 4 && doc) await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: doc.getText() } });
        else await conn.sendNotification('amo/inconnue', { garbage: [1, { a: null }] });
      } else if (r < 0.68) {
        // Invalid JSON-RPC: unknown methods, wrong params, garbage positions.
        const kind = int(4);
        count(`invalid request ${kind}`);
        if (kind === 0) requests.push(conn.sendRequest('amo/nexistePas', {}).then(() => assert.fail('unknown method answered with a result'), () => undefined));
        else if (kind === 1) requests.push(conn.sendRequest('textDocument/hover', {}).catch(() => undefined));
        else if (kind === 2) requests.push(conn.sendRequest('textDocument/completion', [1, 'x', null]).catch(() => undefined));
        else request(pick(METHODS), uri, true);
      } else {
        // A request on an open document, or on a closed one.
        request(pick(METHODS), random() < 0.9 ? uri : ghost, false);
      }
      // Bounded concurrency: let the server catch up every 50 operations.
      if (requests.length >= 50) await Promise.all(requests.splice(0));
      if (i === 999) {
        await Promise.all(requests.splice(0));
        rssAt1000 = rssMb(pid);
      }
      assert.strictEqual(client.proc.exitCode, null, `server exited during operation ${i}, ${where}. stderr: ${client.stderr.join('').slice(-2000)}`);
    }
    await Promise.all(requests.splice(0));

    // Garbage on the wire: a body that is not JSON, then a valid request must still be answered.
    client.proc.stdin!.write('Content-Length: 9\r\n\r\n{garbage}');
    count('invalid JSON body');

    // Settle: reopen everything, make one last incremental edit per document (programmes first, so
    // that consultations validate against their final programme), wait for its diagnostics.
    for (const uri of uris) if (!open.has(uri)) await openDoc(uri);
    const final = new Map<string, number>();
    for (const uri of [...uris].sort((a, b) => Number(b.includes('.programme.')) - Number(a.includes('.programme.')))) {
      const doc = open.get(uri)!;
      const end = doc.positionAt(doc.getText().length);
      final.set(uri, ++version);
      await change(uri, [{ range: { start: end, end }, text: '\n# fin du soak\n' }], version);
      await client.diagnostics(uri, (p) => p.version === version, 30000);
    }
    const ms = Date.now() - started;
    const rssAfter = rssMb(pid);

    // The server keeps answering and is alive.
    const symbols = await Promise.race([
      conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uris[0] } }),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer to the final request, ${where}`)), 10000)),
    ]);
    assert.strictEqual(client.proc.exitCode, null, `server exited, ${where}`);

    // No lost text: the server's outline and diagnostics are those of the client's copy.
    const texts = new Map([...open].map(([u, d]) => [u, d.getText()]));
    const service = createLanguageService({ workspace: { readText: (u) => texts.get(u) ?? readFileUri(u) }, today: () => TEST_TODAY });
    type Sym = { name: string; range?: Range; location?: { range: Range }; children?: Sym[] };
    const expectedSymbols = (service as unknown as { getDocumentSymbols?: (d: unknown) => Sym[] }).getDocumentSymbols?.({ uri: uris[0], text: texts.get(uris[0]) });
    if (expectedSymbols !== undefined) {
      // The test client announces no hierarchical outline: the server flattens it (name and range kept).
      const flat = (xs: Sym[]): { name: string; range?: Range }[] => xs.flatMap((x) => [{ name: x.name, range: x.range ?? x.location?.range }, ...flat(x.children ?? [])]);
      assert.deepStrictEqual(flat(symbols as Sym[]), flat(expectedSymbols), `outline differs: the server lost or garbled text, ${where}`);
    }
    for (const uri of uris) {
      const published = await client.diagnostics(uri, (p) => p.version === final.get(uri));
      const expected = service.getDiagnostics({ uri, text: texts.get(uri)! });
      const shape = (ds: { code?: unknown; range: unknown; message: string }[]) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message }));
      assert.deepStrictEqual(shape(published), shape(expected), `${path.basename(uri)}: published diagnostics differ from the client's text, ${where}`);
      for (const d of published) {
        const lines = lspLines(texts.get(uri)!);
        assert.ok(d.range.start.line < lines.length && d.range.end.character <= lines[d.range.end.line].length, `${d.code} outside ${path.basename(uri)}`);
      }
    }

    const growth = rssAfter - rssBefore;
    const summary = `${OPERATIONS} operations in ${(ms / 1000).toFixed(1)} s; server RSS ${rssBefore} → ${rssAt1000} (1,000 operations) → ${rssAfter} MB (+${growth}, ×${(rssAfter / rssAt1000).toFixed(2)} since 1,000)`;
    this.test!.title += ` [${summary}]`;
    console.log(`      soak: ${summary}; ${JSON.stringify(counts)}`);
    const distinct = [...new Set(errorLogs.map((m) => m.split("\n")[0].replace(/file:\/\/\S+/g, "<uri>")))];
    assert.deepStrictEqual(distinct, [], `the server logged ${errorLogs.length} errors, ${where}`);
    assert.ok(growth < RSS_BOUND_MB, `server memory grew by ${growth} MB (${rssBefore} → ${rssAfter}), bound ${RSS_BOUND_MB} MB, ${where}`);
    assert.ok(rssAfter <= rssAt1000 * LEVEL_OFF_RATIO, `server memory did not level off: ${rssAt1000} MB after 1,000 operations, ${rssAfter} MB after ${OPERATIONS} (bound ×${LEVEL_OFF_RATIO}), ${where}`);
  });
});
