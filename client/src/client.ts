import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions, State } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/node/processOptions';
import type { RenderParams, RenderResult } from '../../server/src/protocol';

type LanguageClientModule = typeof import('./languageClient');
let languageClientModule: LanguageClientModule | undefined;

/**
 * vscode-languageclient, loaded at the first start of the server rather than with the extension: it is a
 * bundle of its own (dist/languageClient.js, esbuild.mjs), so that activation only loads what registers
 * the commands, the status bar and the preview (bench/activation.cjs measures both).
 */
function languageClientLibrary(): LanguageClientModule {
  // A literal path, beside dist/client.js; esbuild leaves it to Node (esbuild.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageClientModule ??= require('./languageClient.js') as LanguageClientModule;
  return languageClientModule;
}

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
}

/** `amo.locale`, with `auto` resolved from VS Code's display language. */
export function resolveLocale(): 'fr' | 'en' {
  const setting = vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<string>('locale', 'auto');
  if (setting === 'fr' || setting === 'en') return setting;
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Client options; `programmeWatcher` reports programme files changed on disk (the caller disposes it). */
export function clientOptions(outputChannel: vscode.OutputChannel, programmeWatcher?: vscode.FileSystemWatcher): LanguageClientOptions {
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
    revealOutputChannelOn: languageClientLibrary().RevealOutputChannelOn.Never,
  };
}

/**
 * The server over IPC. `tuned`: with the memory options of processOptions.ts (V8 flags, malloc threshold),
 * which keep its peak memory near its live data; false for the retry of a runtime that refuses them.
 */
export function serverOptions(context: vscode.ExtensionContext, tuned = true): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  const { TransportKind } = languageClientLibrary();
  const execArgv = tuned ? [...SERVER_EXEC_ARGV] : [];
  const env = tuned ? { ...SERVER_ENV } : undefined;
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6010'], env } },
  };
}

/**
 * Owns the language client across restarts. A client whose start failed cannot be started again
 * (vscode-languageclient 9 keeps the rejected start promise), so a restart builds a new one.
 */
export class AmoClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientResources: vscode.Disposable[] = [];
  private readonly statusEmitter = new vscode.EventEmitter<ServerStatus>();
  private currentStatus: ServerStatus = 'starting';
  /** Counts the stops: a start that was waiting when the client was stopped (deactivation) gives up. */
  private stops = 0;

  /** Fires when the server starts, runs or stops. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly outputChannel: vscode.OutputChannel,
  ) {}

  get status(): ServerStatus {
    return this.currentStatus;
  }

  /** The current language client, if any (for custom requests and tests); check `status` first. */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** `amo/render` (preview, export) on the current client; check `status` first. */
  render(params: RenderParams): Promise<RenderResult> {
    if (!this.client) return Promise.reject(new Error('The AMO language server is not running.'));
    return this.client.sendRequest(languageClientLibrary().RenderRequest, params);
  }

  /** Starts the server; failures are logged and shown in the status bar, never thrown. */
  async start(): Promise<void> {
    if (this.client) return;
    const stops = this.stops;
    this.setStatus('starting');
    // The language client library is loaded in the task after activation (languageClientLibrary).
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.client || stops !== this.stops) return;
    const first = await this.launch(true);
    if (first === 'done' || this.client !== first.client) return;
    this.outputChannel.appendLine(vscode.l10n.t('The AMO language server could not start: {0}', String(first.error)));
    // A runtime whose V8 does not know one of the memory options (processOptions.ts) exits at once: once more without them.
    await this.stop();
    const second = await this.launch(false);
    if (second === 'done' || this.client !== second.client) return;
    this.outputChannel.appendLine(vscode.l10n.t('The AMO language server could not start: {0}', String(second.error)));
    this.setStatus('stopped');
  }

  /** One start of a new client: `done` (running, or replaced by a restart meanwhile), or the client and its error. */
  private async launch(tuned: boolean): Promise<'done' | { client: LanguageClient; error: unknown }> {
    const { LanguageClient } = languageClientLibrary();
    // The client does not dispose the watchers it is given.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.programme.{yaml,yml}');
    const client = new LanguageClient('amo', 'AMO Authoring', serverOptions(this.context, tuned), clientOptions(this.outputChannel, watcher));
    this.client = client;
    this.clientResources = [watcher, client.onDidChangeState((e) => this.setStatus(toStatus(e.newState)))];
    this.setStatus('starting');
    try {
      await client.start();
      // A restart during the start replaced this client: its state no longer matters.
      if (this.client === client) this.setStatus(toStatus(client.state));
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
    const states = languageClientLibrary().State;
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

function toStatus(state: State): ServerStatus {
  const states = languageClientLibrary().State;
  switch (state) {
    case states.Running:
      return 'running';
    case states.Starting:
      return 'starting';
    default:
      return 'stopped';
  }
}
