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
import { createLanguageService, mergeConfigs, parseConfig, type AmoConfig, type AmoDiagnostic, type Locale, type TextDocumentLike } from './language-service';
import { MAX_VALIDATED_LENGTH } from './language-service/limits';
import { FEATURES } from './features';
import type { Feature, FeatureContext } from './features/types';
import { ValidationStatusNotification } from './protocol';
import { createKnownDocuments } from './knownDocuments';
import { configuredDelay, ValidationTimes } from './validationDelay';
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
}

interface AmoSettings {
  rules?: unknown;
  locale?: string;
  validation?: { delay?: number; scope?: string };
}

const DEFAULT_DELAY_MS = 50;

/** Whether `uri` lies under one of the folder URIs (the default reach of a host that does not say). */
export function underFolders(uri: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    const base = f.endsWith('/') ? f : `${f}/`;
    return uri.startsWith(base) && !/(^|\/)\.\.?(\/|$)|%2e%2e|%2f|%5c/i.test(uri.slice(base.length));
  });
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
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
  const service = createLanguageService({
    workspace: { readText: (uri) => documents.get(uri)?.getText() ?? runtime.readFile(uri), listDocuments: () => known.list(), mayRead },
    today: runtime.today,
    log,
  });

  let clientLocale: Locale = 'fr';
  let clientCapabilities: ClientCapabilities = {};
  let hasConfigurationCapability = false;
  let hasWatchCapability = false;
  let workspaceFolders: string[] = [];
  let workspaceTrusted = true;
  let globalSettings: AmoSettings = {};
  const settingsCache = new Map<string, Promise<AmoSettings>>();
  /** consultation URI → programme URI it names (for revalidation when the programme changes). */
  const dependsOn = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose pending validation follows an edit: only those runs feed the adaptive debounce. */
  const afterEdit = new Set<string>();
  const validationTimes = new ValidationTimes();
  let progress: { report(percentage: number, message?: string): void; done(): void } | undefined;
  let progressStarting = false;
  const workspaceFiles = new WorkspaceValidator({
    list: () => known.list(),
    isOpen: (uri) => documents.get(uri) !== undefined,
    readText: (uri) => runtime.readFile(uri),
    async diagnose(uri, text) {
      const settings = await settingsFor(uri);
      const options = { locale: localeOf(settings), config: await configFor(uri, settings), trusted: workspaceTrusted };
      const doc = { uri, text };
      if (text.length > MAX_VALIDATED_LENGTH && runtime.validateLarge) return (await runtime.validateLarge(doc, options)) ?? [];
      return service.getDiagnostics(doc, options);
    },
    programmeOf: (uri, text) => service.getProgrammeUri({ uri, text }),
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    forget: (uri) => service.forget(uri),
    progress: (done, total) => reportProgress(done, total),
    log,
  });

  /** `$/progress` of the first pass over the workspace, when the client shows it. */
  function reportProgress(done: number, total: number): void {
    if (!clientCapabilities.window?.workDoneProgress) return;
    if (!progress && !progressStarting && done < total) {
      progressStarting = true;
      void connection.window.createWorkDoneProgress().then((p) => {
        p.begin('AMO', 0, `${done}/${total}`);
        progress = p;
        progressStarting = false;
      }, () => (progressStarting = false));
      return;
    }
    if (!progress) return;
    if (done >= total) {
      progress.done();
      progress = undefined;
    } else progress.report(Math.round((done / total) * 100), `${done}/${total}`);
  }

  /** `amo.validation.scope`: the workspace's files in the background unless `openFiles`. */
  async function applyScope(): Promise<void> {
    const s = hasConfigurationCapability
      ? await connection.workspace.getConfiguration({ section: 'amo' }).then((v: unknown) => (v && typeof v === 'object' ? (v as AmoSettings) : {}), () => ({}) as AmoSettings)
      : globalSettings;
    workspaceFiles.setEnabled(s.validation?.scope !== 'openFiles');
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientCapabilities = caps;
    hasConfigurationCapability = Boolean(caps.workspace?.configuration);
    hasWatchCapability = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    const init = (params.initializationOptions ?? {}) as { locale?: string; trusted?: boolean };
    // Untrusted workspace (VS Code): severities from the workspace's amo.config.json are ignored and a
    // `# amo-disable-line` without codes silences nothing, so that a repository cannot hide its own errors.
    // Other editors do not send the flag: trusted.
    workspaceTrusted = init.trusted !== false;
    const requested = init.locale ?? params.locale ?? 'fr';
    clientLocale = requested.toLowerCase().startsWith('en') ? 'en' : 'fr';
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
    known.setFolders(workspaceFolders);
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...features.map((f) => f.capabilities));
    return {
      capabilities,
      serverInfo: { name: 'amo-language-server', version: AMO_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
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

  function settingsFor(uri: string): Promise<AmoSettings> {
    if (!hasConfigurationCapability) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'amo' }).then(
        (v: unknown) => (v && typeof v === 'object' ? (v as AmoSettings) : {}),
        () => ({}),
      );
      settingsCache.set(uri, s);
    }
    return s;
  }

  function localeOf(settings: AmoSettings): Locale {
    return settings.locale === 'fr' || settings.locale === 'en' ? settings.locale : clientLocale;
  }

  /** The workspace folder that holds `uri` (the innermost), as a path: where the config lookup stops. */
  function folderPathOf(uri: string): string | undefined {
    const folder = workspaceFolders.filter((f) => f.startsWith('file:') && underFolders(uri, [f])).sort((a, b) => b.length - a.length)[0];
    return folder ? decodeURIComponent(new URL(folder).pathname) : undefined;
  }

  async function configFor(uri: string, settings?: AmoSettings): Promise<AmoConfig> {
    const s = settings ?? (await settingsFor(uri));
    const fileConfig = workspaceTrusted ? runtime.findConfig(uri, folderPathOf(uri)) : { config: {} };
    if (fileConfig.error) log(`amo.config.json: ${fileConfig.error}`);
    return mergeConfigs(fileConfig.config, parseConfig({ rules: s.rules }).config);
  }

  async function validate(uri: string, measured = false): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    // Drop the run when the user typed meanwhile: a newer validation is already scheduled.
    if (!current || current.version !== version) return;
    try {
      const started = performance.now();
      const config = await configFor(uri, settings);
      const text = { uri, text: current.getText() };
      const options = { locale: localeOf(settings), config, trusted: workspaceTrusted };
      // A huge document would hold every request for seconds: its syntax is checked in a worker when the host has one.
      const diagnostics = text.text.length > MAX_VALIDATED_LENGTH && runtime.validateLarge ? await runtime.validateLarge(text, options) : service.getDiagnostics(text, options);
      if (!diagnostics || documents.get(uri)?.version !== version) return;
      const prog = service.getProgrammeUri(text);
      if (prog) dependsOn.set(uri, prog);
      else dependsOn.delete(uri);
      const durationMs = performance.now() - started;
      // What a validation of this document costs after an edit sets the next debounce (validationDelay.ts).
      if (measured) validationTimes.record(uri, durationMs);
      await connection.sendDiagnostics({ uri, version, diagnostics });
      void connection.sendNotification(ValidationStatusNotification, {
        uri,
        version,
        errors: diagnostics.filter((d) => d.severity === 1).length,
        warnings: diagnostics.filter((d) => d.severity === 2).length,
        durationMs: Math.round(durationMs * 10) / 10,
      });
    } catch (err) {
      log(`Validation of ${uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  /** Validates `uri` after `delay` ms, replacing a pending run; `edit`: the run follows an edit of the text. */
  function schedule(uri: string, delay: number, edit = false): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    // A run for another reason (open, settings, a file on disk) that replaces one after an edit is not timed either.
    if (edit) afterEdit.add(uri);
    else afterEdit.delete(uri);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const measured = afterEdit.delete(uri);
        void validate(uri, measured);
      }, delay),
    );
  }

  async function scheduleWithSettings(uri: string, immediate: boolean): Promise<void> {
    const s = await settingsFor(uri);
    const configured = configuredDelay(s.validation?.delay, DEFAULT_DELAY_MS);
    // After an edit: the configured delay at most, less when this document validates fast (validationDelay.ts).
    if (immediate) schedule(uri, 0);
    else schedule(uri, validationTimes.delay(uri, configured), true);
  }

  /** Consultations open in the editor that name `programmeUri`. */
  function dependents(programmeUri: string): string[] {
    return [...dependsOn].filter(([c, p]) => p === programmeUri && documents.get(c)).map(([c]) => c);
  }

  documents.onDidOpen((e) => {
    workspaceFiles.onOpen(e.document.uri);
    void scheduleWithSettings(e.document.uri, true);
  });
  documents.onDidChangeContent((e) => {
    void scheduleWithSettings(e.document.uri, false);
    for (const c of dependents(e.document.uri)) void scheduleWithSettings(c, false);
    // Unopened consultations of an edited programme read its buffer: checked again in the background.
    workspaceFiles.revalidate(workspaceFiles.dependentsOf(e.document.uri));
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    afterEdit.delete(e.document.uri);
    validationTimes.forget(e.document.uri);
    dependsOn.delete(e.document.uri);
    // The programme may still be read from disk by a consultation: its disk text replaces the buffer.
    for (const c of dependents(e.document.uri)) schedule(c, 0);
    service.forget(e.document.uri);
    // In workspace scope, a closed file keeps showing the problems of its disk text.
    if (workspaceFiles.isEnabled) workspaceFiles.onClose(e.document.uri);
    else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  function revalidateAll(): void {
    for (const d of documents.all()) schedule(d.uri, 0);
    workspaceFiles.revalidate();
  }

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    if (!hasConfigurationCapability) {
      const s = (change.settings as { amo?: AmoSettings } | undefined)?.amo;
      globalSettings = s ?? {};
    }
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
      for (const c of dependents(ev.uri)) schedule(c, 0);
    }
  });

  const featureContext: FeatureContext = {
    connection,
    documents,
    service,
    log,
    localeFor: async (uri) => localeOf(await settingsFor(uri)),
    configFor: (uri) => configFor(uri),
    clientCapabilities: () => clientCapabilities,
    readText: (uri) => documents.get(uri)?.getText() ?? runtime.readFile(uri),
    today: () => (runtime.today ? runtime.today() : new Date().toISOString().slice(0, 10)),
    listDocuments: () => known.list(),
    trusted: () => workspaceTrusted,
  };
  for (const f of features) f.register(featureContext);

  documents.listen(wellFormedDocumentEvents(connection, (m) => connection.console.warn(m)));
  connection.listen();
}
