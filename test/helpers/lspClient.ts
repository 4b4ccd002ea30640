import { spawn, type ChildProcess } from 'child_process';
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
import { ROOT, TEST_TODAY } from './service';

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
