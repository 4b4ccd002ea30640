/**
 * A language server driven over stdio as an editor would drive it, with what the benchmarks read of the
 * process: CPU time and peak resident memory from /proc. Works for any stdio server (ours and
 * yaml-language-server alike).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification arrived. */
  at: number;
  /** Running count of notifications for this URI. */
  seq: number;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Answers workspace/configuration: the settings of one section. */
  settings(section: string | undefined): unknown;
  /** Sent in workspace/didChangeConfiguration after `initialized`. */
  configuration?: unknown;
  /** Declares LSP 3.17 pull diagnostics (textDocument.diagnostic, workspace.diagnostics) in `initialize`. */
  pull?: boolean;
  /** `initializationOptions` of `initialize`. */
  initializationOptions?: unknown;
}

export class BenchServer {
  readonly proc: ChildProcess;
  readonly connection: MessageConnection;
  readonly spawnedAt = performance.now();
  private readonly published = new Map<string, Published>();
  private readonly counts = new Map<string, number>();
  private waiters: (() => void)[] = [];
  configurationRequests = 0;
  /** `amo/validationStatus` (ours only): the milliseconds the server spent validating each version, by URI. */
  readonly validationMs = new Map<string, Map<number, number>>();
  capabilities: InitializeResult['capabilities'] = {};
  readonly stderr: string[] = [];

  constructor(readonly spec: ServerSpec) {
    this.proc = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr?.on('data', (b: Buffer) => {
      if (this.stderr.length < 200) this.stderr.push(b.toString());
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const seq = (this.counts.get(p.uri) ?? 0) + 1;
      this.counts.set(p.uri, seq);
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics, at: performance.now(), seq });
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
      return params.items.map((it) => spec.settings(it.section));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('amo/validationStatus', (p: { uri: string; version: number; durationMs: number }) => {
      let m = this.validationMs.get(p.uri);
      if (!m) this.validationMs.set(p.uri, (m = new Map()));
      m.set(p.version, p.durationMs);
    });
    // Logs, telemetry, other status notifications: read and dropped.
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** initialize + initialized (+ the configuration); resolves with the milliseconds from spawn to the initialize result. */
  async initialize(rootUri: string): Promise<number> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      initializationOptions: this.spec.initializationOptions,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      locale: 'fr',
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, ...(this.spec.pull ? { diagnostics: { refreshSupport: true } } : {}) },
        textDocument: {
          ...(this.spec.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          definition: { linkSupport: true },
        },
      },
    });
    const ms = performance.now() - this.spawnedAt;
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    if (this.spec.configuration !== undefined) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.configuration });
    return ms;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** One incremental change: `text` replaces [start, end) (LSP positions). */
  change(uri: string, version: number, start: Position, end: Position, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Notifications received so far for `uri`. */
  publishCount(uri: string): number {
    return this.counts.get(uri) ?? 0;
  }

  /**
   * The first diagnostics of `uri` that satisfy `accept` (a version for servers that send one, or a
   * notification after a count for those that do not). Event-driven, with a deadline.
   */
  async diagnostics(uri: string, accept: (p: Published) => boolean, timeoutMs: number): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      if (p && accept(p)) return p;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms. Stderr: ${this.stderr.join('').slice(0, 2000)}`);
      await this.wait(left);
    }
  }

  /** Waits for any notification or configuration request, or `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** CPU time of the whole process (every thread), user + system, in milliseconds (10 ms resolution). */
  cpuMs(): number {
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }

  /** Current resident set size (VmRSS), in MB. */
  rssMb(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
  }

  /** Peak resident set size (VmHWM), in MB. */
  peakRssMb(): number {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    // Give the process time to exit by itself (a --cpu-prof profile is written at exit).
    if (this.proc.exitCode === null) await new Promise((resolve) => {
      const t = setTimeout(resolve, 5000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve(undefined);
      });
    });
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
