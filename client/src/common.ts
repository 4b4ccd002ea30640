/**
 * What the desktop client (client.ts, Node extension host) and the web client (browserClient.ts, web
 * extension host) share: the client options and the language client's life cycle across restarts.
 * No Node module here, and no value import of vscode-languageclient: each host brings its own build of
 * the library (`/node` or `/browser`) through its ClientHost.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions, RevealOutputChannelOn, State } from 'vscode-languageclient';
import type { RenderParams, RenderResult, RenderRequest } from '../../server/src/protocol';

/** The two document languages served by the AMO language server. */
export const AMO_LANGUAGES = ['amo-programme', 'amo-consultation'] as const;

/** Configuration section synchronised with the server (`amo.rules`, `amo.locale`, …). */
export const CONFIGURATION_SECTION = 'amo';

/** What the status bar shows of the server. */
export type ServerStatus = 'starting' | 'running' | 'stopped';

/** Options sent in `initialize`; the server reads `initializationOptions.locale` and `.trusted`. */
export interface AmoInitializationOptions {
  locale: 'fr' | 'en';
  /** False in an untrusted workspace: the server then ignores the workspace's amo.config.json. */
  trusted: boolean;
  /** Where the Node server keeps its on-disk cache of the workspace's problems (the extension's workspace storage). */
  cacheFolder?: string;
}

/** `amo.locale`, with `auto` resolved from VS Code's display language. */
export function resolveLocale(): 'fr' | 'en' {
  const setting = vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<string>('locale', 'auto');
  if (setting === 'fr' || setting === 'en') return setting;
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** What the client needs of its build of vscode-languageclient (the same enums in both builds). */
export interface LanguageClientLibrary {
  State: typeof State;
  RevealOutputChannelOn: typeof RevealOutputChannelOn;
  /** `amo/render`, made with the library's own copy of vscode-jsonrpc (client/src/languageClient.ts). */
  RenderRequest: typeof RenderRequest;
}

/** How a host starts the server: a Node process (client.ts) or a web worker (browserClient.ts). */
export interface ClientHost {
  /** The library; the Node host loads it at the first start, not at activation. */
  library(): LanguageClientLibrary;
  /** A new client for start attempt `attempt` (0, then 1 for a retry). */
  createClient(options: LanguageClientOptions, attempt: number): BaseLanguageClient;
  /** How many attempts a start makes: the Node host retries once without its memory options. */
  attempts: number;
  /** Registers the host's own handlers on a new client before it starts (the web host's workspace reads). */
  prepare?(client: BaseLanguageClient): vscode.Disposable[];
}

/** Client options; `programmeWatcher` reports programme files changed on disk (the caller disposes it). */
export function clientOptions(outputChannel: vscode.OutputChannel, library: LanguageClientLibrary, programmeWatcher?: vscode.FileSystemWatcher): LanguageClientOptions {
  // vscode-vfs: the scheme of virtual workspaces (GitHub repositories…), which the manifest
  // declares as supported for open documents. Other schemes (git:, diff views) are left out.
  const schemes = ['file', 'untitled', 'vscode-vfs'];
  return {
    documentSelector: AMO_LANGUAGES.flatMap((language) => schemes.map((scheme) => ({ language, scheme }))),
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      // A consultation depends on its programme file, which may change on disk while closed.
      fileEvents: programmeWatcher,
    },
    // A function, so that a restart after a change of `amo.locale` sends the new value.
    initializationOptions: (): AmoInitializationOptions => ({ locale: resolveLocale(), trusted: vscode.workspace.isTrusted }),
    diagnosticCollectionName: 'amo',
    outputChannel,
    // The status bar reports problems; the log opens on request ("AMO: Show Log").
    revealOutputChannelOn: library.RevealOutputChannelOn.Never,
  };
}

/**
 * Owns the language client across restarts. A client whose start failed cannot be started again
 * (vscode-languageclient 9 keeps the rejected start promise), so a restart builds a new one.
 */
export class AmoClient implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private clientResources: vscode.Disposable[] = [];
  private readonly statusEmitter = new vscode.EventEmitter<ServerStatus>();
  private currentStatus: ServerStatus = 'starting';
  /** Counts the stops: a start that was waiting when the client was stopped (deactivation) gives up. */
  private stops = 0;

  /** Fires when the server starts, runs or stops. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    readonly outputChannel: vscode.OutputChannel,
    private readonly host: ClientHost,
  ) {}

  get status(): ServerStatus {
    return this.currentStatus;
  }

  /** The current language client, if any (for custom requests and tests); check `status` first. */
  get languageClient(): BaseLanguageClient | undefined {
    return this.client;
  }

  /** Whether the running server serves XLSX export and offer import (`experimental.amoOffice`: the Node server, not the browser worker). */
  get hasOffice(): boolean {
    const experimental = this.client?.initializeResult?.capabilities.experimental as { amoOffice?: unknown } | undefined;
    return experimental?.amoOffice === true;
  }

  /** `amo/render` (preview, export) on the current client; check `status` first. */
  render(params: RenderParams): Promise<RenderResult> {
    if (!this.client) return Promise.reject(new Error('The AMO language server is not running.'));
    return this.client.sendRequest(this.host.library().RenderRequest, params);
  }

  /** Starts the server; failures are logged and shown in the status bar, never thrown. */
  async start(): Promise<void> {
    if (this.client) return;
    const stops = this.stops;
    this.setStatus('starting');
    // The language client library is loaded in the task after activation (client.ts).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (this.client || stops !== this.stops) return;
    for (let attempt = 0; attempt < this.host.attempts; attempt++) {
      // A runtime whose V8 does not know one of the memory options (processOptions.ts) exits at once: once more without them.
      if (attempt > 0) await this.stop();
      const r = await this.launch(attempt);
      if (r === 'done' || this.client !== r.client) return;
      this.outputChannel.appendLine(vscode.l10n.t('The AMO language server could not start: {0}', String(r.error)));
    }
    this.setStatus('stopped');
  }

  /** One start of a new client: `done` (running, or replaced by a restart meanwhile), or the client and its error. */
  private async launch(attempt: number): Promise<'done' | { client: BaseLanguageClient; error: unknown }> {
    const library = this.host.library();
    // The client does not dispose the watchers it is given.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.programme.{yaml,yml}');
    const client = this.host.createClient(clientOptions(this.outputChannel, library, watcher), attempt);
    this.client = client;
    this.clientResources = [watcher, client.onDidChangeState((e) => this.setStatus(toStatus(library, e.newState))), ...(this.host.prepare?.(client) ?? [])];
    this.setStatus('starting');
    try {
      await client.start();
      // A restart during the start replaced this client: its state no longer matters.
      if (this.client === client) this.setStatus(toStatus(library, client.state));
      return 'done';
    } catch (error) {
      return { client, error };
    }
  }

  /** Stops the current server (if any) and starts a new one. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    this.stops++;
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientResources) d.dispose();
    this.clientResources = [];
    if (!client) return;
    const states = this.host.library().State;
    if (client.state === states.Starting) {
      // A client cannot be stopped while it starts: let the start settle first.
      await client.start().catch(() => undefined);
    }
    // Only a running client can be stopped; one whose start failed has no connection left.
    if (client.state === states.Running) {
      try {
        await client.dispose();
      } catch (error) {
        this.outputChannel.appendLine(vscode.l10n.t('The AMO language server did not stop cleanly: {0}', String(error)));
      }
    }
    this.setStatus('stopped');
  }

  dispose(): void {
    void this.stop();
    this.statusEmitter.dispose();
  }

  private setStatus(status: ServerStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statusEmitter.fire(status);
  }
}

function toStatus(library: LanguageClientLibrary, state: State): ServerStatus {
  switch (state) {
    case library.State.Running:
      return 'running';
    case library.State.Starting:
      return 'starting';
    default:
      return 'stopped';
  }
}
