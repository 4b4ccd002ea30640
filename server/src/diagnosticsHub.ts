import type { CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { isObj } from './language-service/util/data';
import { textHash } from './language-service/util/hash';

/** What the hub needs from the server: the open documents' versions, the validation queue, the wire. */
export interface DiagnosticsHubHost {
  /** The version of an open document; undefined when it is not open. */
  versionOf(uri: string): number | undefined;
  /** A validation of this open document is scheduled or running. */
  pending(uri: string): boolean;
  /** Validates this open document now (a pull found no result for its version and none on its way). */
  validateNow(uri: string): void;
  /** `textDocument/publishDiagnostics`. */
  push(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** `workspace/diagnostic/refresh`, when the client supports it. */
  refresh?(): void;
}

interface Entry {
  diagnostics: Diagnostic[];
  /** The document version they describe; undefined for a file validated from disk. */
  version: number | undefined;
  /** A hash of the diagnostics' JSON, computed when a pulling client first needs it (resultIdOf). */
  resultId?: string;
}

interface Stream {
  /** The result id the client holds for each file. */
  known: Map<string, string>;
  /** Files whose entry changed since the stream last sent. */
  dirty: Set<string>;
  wake: () => void;
}

/**
 * One place for every file's diagnostics, however the client takes them (docs/architecture.md, "Push and
 * pull"): a client that pulls (LSP 3.17, `textDocument/diagnostic` and `workspace/diagnostic`) gets them
 * on request, with a result id so that an unchanged file costs one short answer; a client that does not
 * gets them pushed (`publishDiagnostics`) as they are computed. The validation itself (ValidationScheduler,
 * WorkspaceValidator) does not know which: it hands each result to `deliver`.
 *
 * Open documents are pulled by the client when it supports document pull; unopened files are pushed until
 * the client's first workspace pull, then streamed as partial results of that long-running request (its
 * pushed copies cleared, so that no problem shows twice).
 */
/** The result id of a file's diagnostics: the same problems, the same id. */
function resultIdOf(entry: Entry): string {
  return (entry.resultId ??= textHash(JSON.stringify(entry.diagnostics)));
}

/** The result id of no diagnostics (a file the hub has no entry for). */
const EMPTY_RESULT_ID = textHash('[]');

export class DiagnosticsHub {
  private readonly entries = new Map<string, Entry>();
  /** Unopened files whose diagnostics were pushed (cleared when the workspace pull takes over). */
  private readonly pushedUnopened = new Set<string>();
  /** Versions whose validation threw: a pull answers with what is known instead of asking again. */
  private readonly failedVersion = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly streams = new Set<Stream>();
  private workspacePulled = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** The client pulls open documents (textDocument.diagnostic in its capabilities), set at initialize. */
  documentPull = false;

  constructor(private readonly host: DiagnosticsHubHost) {}

  /** A file's diagnostics: of an open document's `version`, or of its disk text (`version` undefined). */
  deliver(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    const previous = this.entries.get(uri);
    const entry: Entry = { diagnostics, version };
    this.entries.set(uri, entry);
    this.failedVersion.delete(uri);
    if (version === undefined ? !this.workspacePulled : !this.documentPull) {
      this.host.push(uri, version, diagnostics);
      if (version === undefined) this.pushedUnopened.add(uri);
      else this.pushedUnopened.delete(uri);
    }
    const asked = (this.waiters.get(uri)?.size ?? 0) > 0;
    this.wake(uri);
    // Nobody pulls (yet): the result ids are not needed, and every keystroke would hash its diagnostics for nothing.
    if (!this.documentPull && !this.workspacePulled) return;
    if (previous && resultIdOf(previous) === resultIdOf(entry)) return;
    for (const s of this.streams) {
      s.dirty.add(uri);
      s.wake();
    }
    // An open document's problems changed without the client asking (a consultation re-checked after its
    // programme changed): a pulling client is told to pull again.
    if (this.documentPull && version !== undefined && !asked && previous !== undefined) this.scheduleRefresh();
  }

  /** The validation of this version threw (logged by the caller): pulls waiting for it get what is known. */
  failed(uri: string, version: number): void {
    this.failedVersion.set(uri, version);
    this.wake(uri);
  }

  /** An open document closed, or a run was dropped: pulls waiting on it look again. */
  wake(uri: string): void {
    const w = this.waiters.get(uri);
    if (!w) return;
    this.waiters.delete(uri);
    for (const f of w) f();
  }

  /** `textDocument/diagnostic`: an open document's diagnostics for its current version (waiting for them). */
  async document(uri: string, previousResultId: string | undefined, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    for (;;) {
      const version = this.host.versionOf(uri);
      const entry = this.entries.get(uri);
      const settled = version === undefined || (entry?.version === version && !this.host.pending(uri)) || this.failedVersion.get(uri) === version;
      if (settled || token?.isCancellationRequested) {
        if (!entry) return { kind: 'full', items: [] };
        const resultId = resultIdOf(entry);
        return previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items: entry.diagnostics };
      }
      if (!this.host.pending(uri)) this.host.validateNow(uri);
      await this.next(uri, token);
    }
  }

  /**
   * `workspace/diagnostic`: every file whose result id differs from the client's, then — with a partial
   * result token — each change as it comes, for as long as the client keeps the request open (it cancels it
   * to start another). Without one, the answer waits for a change and gives what changed.
   */
  async workspace(
    previous: readonly { uri: string; value: string }[],
    token: CancellationToken,
    partial?: (items: WorkspaceDocumentDiagnosticReport[]) => void,
  ): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    this.takeOverFromPush();
    const stream: Stream = { known: new Map(previous.map((p) => [p.uri, p.value])), dirty: new Set(this.entries.keys()), wake: () => undefined };
    // Files the client knows of that have no entry here (deleted, or from before a restart): cleared.
    for (const uri of stream.known.keys()) if (!this.entries.has(uri)) stream.dirty.add(uri);
    this.streams.add(stream);
    try {
      for (;;) {
        const items = this.changes(stream);
        if (items.length && !partial) return { items };
        if (items.length) partial!(items);
        if (token.isCancellationRequested) return { items: [] };
        await new Promise<void>((resolve) => {
          let settled = false;
          const sub = token.onCancellationRequested(done);
          // Changes come in bursts (a first pass, a programme's consultations): one message per 20 ms at most.
          stream.wake = () => setTimeout(done, 20);
          // Called again by a later timer of the same burst, it must not touch the next wait's wake.
          function done(): void {
            if (settled) return;
            settled = true;
            sub.dispose();
            stream.wake = () => undefined;
            resolve();
          }
        });
      }
    } finally {
      this.streams.delete(stream);
    }
  }

  /** What the stream's client does not have yet, as reports; marks them known. */
  private changes(stream: Stream): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of stream.dirty) {
      const entry = this.entries.get(uri);
      const resultId = entry ? resultIdOf(entry) : EMPTY_RESULT_ID;
      if (stream.known.get(uri) === resultId) continue;
      stream.known.set(uri, resultId);
      items.push({ kind: 'full', uri, version: entry?.version ?? null, resultId, items: entry?.diagnostics ?? [] });
    }
    stream.dirty.clear();
    return items;
  }

  /** The first workspace pull: unopened files' pushed problems are cleared (the pull carries them now). */
  private takeOverFromPush(): void {
    if (this.workspacePulled) return;
    this.workspacePulled = true;
    for (const uri of this.pushedUnopened) this.host.push(uri, undefined, []);
    this.pushedUnopened.clear();
  }

  private next(uri: string, token?: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(uri);
      if (!set) this.waiters.set(uri, (set = new Set()));
      const sub = token?.onCancellationRequested(done);
      set.add(done);
      function done(): void {
        sub?.dispose();
        set!.delete(done);
        resolve();
      }
    });
  }

  private scheduleRefresh(): void {
    if (!this.host.refresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.host.refresh?.();
    }, 100);
  }
}

/** The two pull requests, answered from the hub (malformed params: an empty report, never an exception). */
export function registerPullDiagnostics(connection: Connection, hub: DiagnosticsHub): void {
  connection.languages.diagnostics.on(async (params, token) => {
    const uri = isObj(params) && isObj(params.textDocument) ? params.textDocument.uri : undefined;
    if (typeof uri !== 'string') return { kind: 'full', items: [] };
    return hub.document(uri, typeof params.previousResultId === 'string' ? params.previousResultId : undefined, token);
  });
  connection.languages.diagnostics.onWorkspace(async (params, token, _progress, partial) => {
    const raw: unknown = isObj(params) ? params.previousResultIds : undefined;
    const previous = Array.isArray(raw) ? raw.filter((p): p is { uri: string; value: string } => isObj(p) && typeof p.uri === 'string' && typeof p.value === 'string') : [];
    return hub.workspace(previous, token, partial ? (items) => partial.report({ items }) : undefined);
  });
}
