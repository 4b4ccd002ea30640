import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type FileEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type AmoConfig, type AmoDiagnostic, type Locale, type TextDocumentLike } from './language-service';
import { FEATURES } from './features';
import type { Feature, FeatureContext } from './features/types';
import { createKnownDocuments } from './knownDocuments';
import { DocumentSettings } from './settings';
import { ValidationScheduler } from './validation';
import { DiagnosticsHub, registerPullDiagnostics } from './diagnosticsHub';
import { DiagnosticsCache, environment, type CacheStore } from './diagnosticsCache';
import type { CacheLookup } from './workspaceValidation';
import { progressReporter } from './workDoneProgress';
import { WorkspaceValidator } from './workspaceValidation';
import { AMO_VERSION } from './version';
import { AMO_FILE_GLOBS } from './language-service/fileNames';
import { wellFormedDocumentEvents } from './documentSync';

/** What the server needs from its host (Node today; a browser host would read files differently). */
export interface ServerRuntime {
  readFile(uri: string): string | undefined;
  /** URIs of the AMO files under these folder URIs (cross-file references); absent: only open documents are known. */
  listAmoFiles?(folderUris: string[]): string[];
  findConfig(documentUri: string, root?: string): { config: AmoConfig; error?: string };
  today?: () => string;
  /**
   * Diagnostics of a document over the validated size (syntax only), computed off the main thread;
   * undefined when a newer text replaced the job. Absent: validated on the main thread (limits.ts).
   */
  validateLarge?(doc: TextDocumentLike, options: { locale: Locale; config?: AmoConfig; trusted?: boolean }): Promise<AmoDiagnostic[] | undefined>;
  /**
   * Called once the client is initialized, for a host that reads files through the client (the browser
   * server, browser/main.ts): when it has (re)read files, `refresh` lists the workspace's files again
   * and validates the open documents again.
   */
  attach?(refresh: () => void): void;
  /** `workspace/didChangeWatchedFiles`, before the server handles it (a host that keeps files in memory). */
  onFileEvents?(changes: FileEvent[]): void;
  /**
   * Whether a document may make the server read `uri` from the host (a consultation's `programme:`), given the
   * workspace folders and the open documents (docs/robustness.md, "Reach"). The Node host resolves symbolic
   * links and, without a workspace folder, takes the open documents' folders and project roots. Absent: `uri`
   * must lie under a workspace folder (URI prefix).
   */
  mayRead?(uri: string, reach: { folders: readonly string[]; open: readonly string[] }): boolean;
  /** Features only this host can serve, after the common ones (the Node host: XLSX export and import). */
  features?: readonly Feature[];
  /**
   * The on-disk cache's store in the folder the client gives (`initializationOptions.cacheFolder`), or undefined
   * when the folder cannot hold it (inside a workspace folder, not creatable). Absent: no cache (the browser).
   */
  cacheStore?(folder: string, workspaceFolders: readonly string[]): CacheStore | undefined;
  /** Identifies this build of the server (a rule changed without a version change invalidates the cache). */
  build?: string;
}

/** Whether `uri` lies under one of the folder URIs (the default reach of a host that does not say). */
export function underFolders(uri: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    const base = f.endsWith('/') ? f : `${f}/`;
    return uri.startsWith(base) && !/(^|\/)\.\.?(\/|$)|%2e%2e|%2f|%5c/i.test(uri.slice(base.length));
  });
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  /** The reach of documents (docs/robustness.md): an open document is always readable, then the workspace folders. */
  const mayRead = (uri: string, from?: string): boolean => {
    if (documents.get(uri) !== undefined) return true;
    // A virtual document (vscode-vfs:, untitled:…) never makes the server read the local disk.
    if (from !== undefined && !from.startsWith('file:') && uri.startsWith('file:')) return false;
    return runtime.mayRead ? runtime.mayRead(uri, { folders: workspaceFolders, open: documents.keys() }) : underFolders(uri, workspaceFolders);
  };
  const features: readonly Feature[] = [...FEATURES, ...(runtime.features ?? [])];
  const known = createKnownDocuments(documents, runtime.listAmoFiles);
  const log = (m: string): void => connection.console.error(m);
  /** A file's text: its open buffer, else the host's read. */
  const readText = (uri: string): string | undefined => documents.get(uri)?.getText() ?? runtime.readFile(uri);
  const today = (): string => (runtime.today ? runtime.today() : new Date().toISOString().slice(0, 10));
  const service = createLanguageService({ workspace: { readText, listDocuments: () => known.list(), mayRead }, today, log });

  let clientCapabilities: ClientCapabilities = {};
  let hasWatchCapability = false;
  const settings = new DocumentSettings({ connection, findConfig: runtime.findConfig, folderPathOf, log });
  let refreshSupport = false;
  const hub = new DiagnosticsHub({
    versionOf: (uri) => documents.get(uri)?.version,
    pending: (uri): boolean => validation.pending(uri),
    validateNow: (uri): void => validation.schedule(uri, 0),
    push: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    refresh: () => {
      if (refreshSupport) void connection.languages.diagnostics.refresh();
    },
  });
  const validation = new ValidationScheduler({ connection, hub, documents, service, settings, validateLarge: runtime.validateLarge, log });
  /** Set at initialize when the client gives a cache folder the host accepts (diagnosticsCache.ts). */
  let cache: DiagnosticsCache | undefined;
  async function fromCache(uri: string, text: string): Promise<CacheLookup | undefined> {
    if (!cache) return undefined;
    const c = cache;
    const env = environment({ version: AMO_VERSION, build: runtime.build ?? '', today: today(), options: await validation.optionsOf(uri) });
    const hit = c.lookup(uri, text, env);
    if (hit?.symbols) service.symbolIndex.restore(uri, hit.symbols.hash, hit.symbols.symbols);
    return {
      hit,
      save: (diagnostics, programme) => c.put(uri, text, env, { diagnostics, programme, symbols: service.symbolIndex.indexed(uri) }),
    };
  }
  const workspaceFiles = new WorkspaceValidator({
    list: () => known.list(),
    isOpen: (uri) => documents.get(uri) !== undefined,
    readText: (uri) => runtime.readFile(uri),
    diagnose: async (uri, text) => (await validation.diagnose(uri, text)) ?? [],
    programmeOf: (uri, text) => service.getProgrammeUri({ uri, text }),
    publish: (uri, diagnostics) => hub.deliver(uri, undefined, diagnostics),
    forget: (uri) => service.forget(uri),
    progress: progressReporter(connection, () => clientCapabilities),
    log,
    busy: () => validation.busy(),
    fromCache,
    uncache: (uri) => cache?.drop(uri),
  });

  /** The workspace folder that holds `uri` (the innermost), as a path: where the config lookup stops. */
  function folderPathOf(uri: string): string | undefined {
    const folder = workspaceFolders.filter((f) => f.startsWith('file:') && underFolders(uri, [f])).sort((a, b) => b.length - a.length)[0];
    return folder ? decodeURIComponent(new URL(folder).pathname) : undefined;
  }

  /** `amo.validation.scope`: the workspace's files in the background unless `openFiles`. */
  async function applyScope(): Promise<void> {
    workspaceFiles.setEnabled((await settings.workspace()).validation?.scope !== 'openFiles');
  }

  function revalidateAll(): void {
    validation.all();
    workspaceFiles.revalidate();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientCapabilities = caps;
    settings.pull = Boolean(caps.workspace?.configuration);
    hasWatchCapability = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    const init = (params.initializationOptions ?? {}) as { locale?: string; trusted?: boolean; cacheFolder?: unknown };
    // Untrusted workspace (VS Code): severities from the workspace's amo.config.json are ignored and a
    // `# amo-disable-line` without codes silences nothing, so that a repository cannot hide its own errors.
    // Other editors do not send the flag: trusted.
    settings.trusted = init.trusted !== false;
    const requested = init.locale ?? params.locale ?? 'fr';
    settings.clientLocale = requested.toLowerCase().startsWith('en') ? 'en' : 'fr';
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
    known.setFolders(workspaceFolders);
    const store = typeof init.cacheFolder === 'string' ? runtime.cacheStore?.(init.cacheFolder, workspaceFolders) : undefined;
    if (store) cache = new DiagnosticsCache(store, (uri) => (mayRead(uri) ? readText(uri) : undefined), log);
    // LSP 3.17 pull diagnostics when the client pulls (VS Code, Neovim…); pushed otherwise (diagnosticsHub.ts).
    hub.documentPull = caps.textDocument?.diagnostic !== undefined;
    refreshSupport = caps.workspace?.diagnostics?.refreshSupport === true;
    // The identifier names VS Code's collection of pulled problems: not the push collection's name (`amo`,
    // client/src/common.ts), or clearing a pushed file would clear its pulled problems too (same owner).
    const pull = hub.documentPull ? { diagnosticProvider: { identifier: 'amo-pull', interFileDependencies: true, workspaceDiagnostics: true } } : {};
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, pull, ...features.map((f) => f.capabilities));
    return {
      capabilities,
      serverInfo: { name: 'amo-language-server', version: AMO_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (settings.pull) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (hasWatchCapability) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [...AMO_FILE_GLOBS.map((globPattern) => ({ globPattern })), { globPattern: '**/amo.config.json' }],
      });
    }
    void applyScope();
    runtime.attach?.(() => {
      known.setFolders(workspaceFolders);
      revalidateAll();
    });
  });

  /**
   * TextDocuments fires onDidChangeContent right after onDidOpen, for the same version: the open has scheduled its
   * validation already. Taken for an edit, it validated every opened document twice (the second run scheduled
   * after a settings round trip, once the first had started): for a heavy text, a second parse of seconds in the
   * worker, in front of the user's first keystroke.
   */
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    workspaceFiles.onOpen(e.document.uri);
    validation.schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    if (!opening.delete(e.document.uri)) void validation.afterChange(e.document.uri);
    for (const c of validation.dependents(e.document.uri)) void validation.afterChange(c);
    // Unopened consultations of an edited programme read its buffer: checked again in the background.
    workspaceFiles.revalidate(workspaceFiles.dependentsOf(e.document.uri));
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    settings.forget(uri);
    validation.closed(uri);
    service.forget(uri);
    // In workspace scope, a closed file keeps showing the problems of its disk text.
    if (workspaceFiles.isEnabled) workspaceFiles.onClose(uri);
    else hub.deliver(uri, undefined, []);
    hub.wake(uri);
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    revalidateAll();
    void applyScope();
  });

  connection.onDidChangeWatchedFiles((change) => {
    runtime.onFileEvents?.(change.changes);
    known.onFileEvents(change.changes);
    workspaceFiles.onFileEvents(change.changes);
    for (const ev of change.changes) {
      if (ev.uri.endsWith('amo.config.json')) {
        revalidateAll();
        return;
      }
      for (const c of validation.dependents(ev.uri)) validation.schedule(c, 0);
    }
  });

  const featureContext: FeatureContext = {
    connection,
    documents,
    service,
    log,
    localeFor: (uri) => settings.localeOf(uri),
    configFor: (uri) => settings.config(uri),
    clientCapabilities: () => clientCapabilities,
    readText,
    today,
    listDocuments: () => known.list(),
    trusted: () => settings.trusted,
  };
  for (const f of features) f.register(featureContext);
  registerPullDiagnostics(connection, hub);
  // The cache is written after a pause in the changes, and at shutdown whatever is pending.
  connection.onShutdown(() => cache?.flush());

  documents.listen(wellFormedDocumentEvents(connection, (m) => connection.console.warn(m)));
  connection.listen();
}
