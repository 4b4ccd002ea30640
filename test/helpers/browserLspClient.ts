import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type InitializeResult,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { isServedFile, WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD } from '../../server/src/workspaceProtocol';
import type { LspDriver } from './protocolCases';
import { uriOf } from './service';

/** What the page (browserServerPage) gives the test: messages from the worker, in order. */
export class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
  deliver(message: Message): void {
    this.callback?.(message);
  }
}

/** Posts to the worker through the page, one message after the other. */
export class PageWriter extends AbstractMessageWriter {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly page: Page) {
    super();
  }
  write(message: Message): Promise<void> {
    this.queue = this.queue.then(() => this.page.evaluate((m) => (globalThis as unknown as { __amoToServer(m: unknown): void }).__amoToServer(m), message as unknown as Record<string, unknown>));
    return this.queue;
  }
  end(): void {}
}

/**
 * An LSP client, as VS Code's web extension host would be, for the browser server running as a web
 * worker in a page of headless Chromium. It answers the server's workspace requests as
 * client/src/workspaceFiles.ts does, from the files of `folder` on disk.
 */
export class BrowserLspClient implements LspDriver {
  readonly connection: ProtocolConnection;
  private readonly reader = new PageReader();
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  readonly logs: string[] = [];
  /** Every workspace request the server made (method and URIs). */
  readonly workspaceRequests: { method: string; uris?: string[] }[] = [];
  settings: unknown = {};

  constructor(
    readonly page: Page,
    private readonly folder: string,
  ) {
    this.connection = createProtocolConnection(this.reader, new PageWriter(page));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest(WORKSPACE_FILES_METHOD, () => {
      this.workspaceRequests.push({ method: WORKSPACE_FILES_METHOD });
      return { uris: listFiles(this.folder) };
    });
    this.connection.onRequest(WORKSPACE_READ_METHOD, (params: { uris: string[] }) => {
      this.workspaceRequests.push({ method: WORKSPACE_READ_METHOD, uris: params.uris });
      return { texts: params.uris.map((u) => readServed(u, this.folder)) };
    });
    this.connection.listen();
  }

  /** Called by the page for each message of the worker (exposed by the test before the page loads). */
  fromServer(message: Message): void {
    this.reader.deliver(message);
  }

  async initialize(options: { locale?: string; rootUri?: string; capabilities?: ClientCapabilities } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'ws' }] : null,
      locale: options.locale,
      capabilities: { ...options.capabilities, workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...options.capabilities?.workspace } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  replace(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async diagnostics(uri: string, accept: (d: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      if (p && accept(p)) return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms (last: ${JSON.stringify(p?.diagnostics.map((d) => d.code))}). Server log: ${this.logs.join('\n')}`);
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
      /* the page may already be closed */
    }
    this.connection.dispose();
  }
}

export function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !['node_modules', '.git', 'dist'].includes(e.name)) walk(full);
      else if (e.isFile() && isServedFile(e.name)) out.push(uriOf(full));
    }
  };
  walk(folder);
  return out;
}

/** As workspaceFiles.ts: only AMO documents and amo.config.json inside the folder; null otherwise. */
export function readServed(uri: string, folder: string): string | null {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'file:' || !isServedFile(url.pathname)) return null;
    const file = fileURLToPath(url);
    if (!file.startsWith(`${path.resolve(folder)}${path.sep}`)) return null;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The page that hosts the worker: `?today=` pins the date as AMO_TODAY does for the Node server.
 * `viaBlob`: started as VS Code's web extension host starts an extension's worker — a blob: worker that
 * `importScripts` the bundle (so that it keeps the host's origin); the worker's location is then the
 * blob's, without the query, and the date is the system's.
 */
export function browserServerPage(workerUrl: string, options: { viaBlob?: boolean } = {}): string {
  const start = options.viaBlob
    ? `new Worker(URL.createObjectURL(new Blob([${JSON.stringify(`importScripts(${JSON.stringify(workerUrl)});`)}], { type: 'application/javascript' })))`
    : `new Worker(${JSON.stringify(workerUrl)})`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>AMO browser server</title></head><body><script>
const worker = ${start};
worker.onmessage = (e) => window.__amoFromServer(e.data);
worker.onerror = (e) => window.__amoWorkerError(String(e.message));
window.__amoToServer = (m) => worker.postMessage(m);
</script></body></html>`;
}
