import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ROOT, TEST_TODAY, uriOf } from './service';

/** A minimal LSP client, as another editor would be: spawns dist/server.js over stdio. */
export class TestLspClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  readonly stderr: string[] = [];

  /** `extraArgs` go to the server, `nodeArgs` to Node (e.g. a heap cap). */
  constructor(extraArgs: string[] = [], nodeArgs: string[] = []) {
    this.proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist', 'server.js'), '--stdio', ...extraArgs], {
      env: { ...process.env, AMO_TODAY: TEST_TODAY },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr?.on('data', (b: Buffer) => this.stderr.push(b.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  settings: unknown = {};

  /** `capabilities` are merged over the default ones (configuration, didChangeConfiguration). */
  async initialize(options: { locale?: string; rootUri?: string; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      capabilities: { ...options.capabilities, workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...options.capabilities?.workspace } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Any request by method name; rejects with the server's ResponseError (code and message). */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  replace(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Waits (event-driven, with a deadline) for diagnostics of `uri` that satisfy `accept`. */
  async diagnostics(uri: string, accept: (d: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      if (p && accept(p)) return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms (last: ${JSON.stringify(p?.diagnostics.map((d) => d.code))}). Server stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* the process may already be gone */
    }
    this.connection.dispose();
    this.proc.kill();
  }
}

export interface ServerOptions {
  /** Files written in the served folder before `initialize` (relative path → text; folders are created). */
  files?: Record<string, string>;
  /** Serve this existing folder (kept afterwards) instead of a new temporary one. */
  dir?: string;
  /** Options of `initialize` (rootUri is the folder unless given); `false` when the test initializes itself. */
  initialize?: Parameters<TestLspClient['initialize']>[0] | false;
  /** Arguments for the server and for Node (e.g. a heap cap). */
  serverArgs?: string[];
  nodeArgs?: string[];
}

export interface ServerSession {
  client: TestLspClient;
  /** The folder served (the workspace root). */
  dir: string;
  /** The `file:` URI of a file of the folder. */
  uri(name: string): string;
  /** What the server answered to `initialize` (undefined with `initialize: false`). */
  init: InitializeResult | undefined;
}

/**
 * Runs `run` against dist/server.js over stdio: a folder (temporary unless `dir` is given) with `files`,
 * a server started and initialized on it, then shut down and the folder removed whatever `run` did.
 */
export async function withServer<T>(options: ServerOptions, run: (s: ServerSession) => Promise<T>): Promise<T> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'amo-lsp-'));
  const client = new TestLspClient(options.serverArgs, options.nodeArgs);
  try {
    for (const [name, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const init = options.initialize === false ? undefined : await client.initialize({ rootUri: uriOf(dir), ...options.initialize });
    return await run({ client, dir, uri: (name) => uriOf(path.join(dir, name)), init });
  } finally {
    await client.dispose();
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
