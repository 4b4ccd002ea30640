import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { AmoDiagnostic } from './language-service';
import { AMO_FILE_NAME } from './language-service/fileNames';

/**
 * Problems of every AMO file of the workspace, opened or not (`amo.validation.scope: workspace`, the
 * default). Files not open in an editor are read from disk and validated in the background, one at a
 * time, yielding to the event loop between files so that an edit or a request in an open document is
 * served first; their diagnostics are published like those of open files. An open document is the
 * editor's business (server.ts validates its buffer); when it is closed, its disk text is validated
 * again instead of its problems being cleared.
 *
 * File events re-check the file and the consultations that name it as their programme. What is kept
 * per unopened file is the diagnostics and the programme it names, not its parse: the language service
 * forgets each file once validated.
 */

export interface WorkspaceValidationHost {
  /** The AMO files of the workspace (URIs). */
  list(): string[];
  isOpen(uri: string): boolean;
  /** The file's text on disk, undefined when unreadable. */
  readText(uri: string): string | undefined;
  diagnose(uri: string, text: string): Promise<AmoDiagnostic[]>;
  /** The programme a consultation names, resolved (undefined for a programme or without link). */
  programmeOf(uri: string, text: string): string | undefined;
  publish(uri: string, diagnostics: AmoDiagnostic[]): void;
  /** The language service lets go of the file's parse (unopened files keep no tree). */
  forget(uri: string): void;
  progress?(done: number, total: number): void;
  log(message: string): void;
  /** An open document's validation is scheduled or running: the pass waits for it (edits first). */
  busy?(): boolean;
  /**
   * The on-disk cache (diagnosticsCache.ts): the result kept for this text when nothing it depends on changed
   * (`hit`), and how to keep the result of this validation (`save`, called once the parse is forgotten).
   */
  fromCache?(uri: string, text: string): Promise<CacheLookup | undefined>;
  /** A file deleted: its cached result goes. */
  uncache?(uri: string): void;
}

export interface CacheLookup {
  hit?: { diagnostics: AmoDiagnostic[]; programme?: string };
  save?(diagnostics: AmoDiagnostic[], programme: string | undefined): void;
}

declare const MessageChannel: (new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(m: unknown): void } }) | undefined;

/**
 * A promise settled on the next turn of the event loop, after pending I/O and messages (edits and requests
 * first): setImmediate in Node; in the browser worker, a MessageChannel message (setTimeout is clamped to
 * 4 ms once nested, which would add seconds over a workspace).
 */
function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => r();
      channel.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** The longest the pass waits for open documents before a file (continuous typing must not stop it for good). */
const MAX_WAIT_MS = 2000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class WorkspaceValidator {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  /** Unopened files whose diagnostics are published (to clear them when the file goes away or opens). */
  private readonly published = new Set<string>();
  /** consultation URI → programme URI, for files validated from disk. */
  private readonly programmeOf = new Map<string, string>();
  private running = false;
  private enabled = false;
  private total = 0;
  private done = 0;

  constructor(private readonly host: WorkspaceValidationHost, private readonly yieldNow: () => Promise<void> = nextTurn) {}

  /** Turns background validation on (first pass over every file) or off (published problems cleared). */
  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    if (on) {
      for (const uri of this.host.list()) this.enqueue(uri);
      void this.run();
    } else {
      this.queue.length = 0;
      this.queued.clear();
      for (const uri of this.published) this.host.publish(uri, []);
      this.published.clear();
    }
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** A file opened in an editor: its buffer is validated by the server from now on. */
  onOpen(uri: string): void {
    this.published.delete(uri);
  }

  /** A file closed: its disk text is what the workspace holds again. */
  onClose(uri: string): void {
    if (!this.enabled) return;
    this.enqueue(uri);
    void this.run();
  }

  /** Files created, changed or deleted on disk: that file and the consultations that name it. */
  onFileEvents(changes: FileEvent[]): void {
    if (!this.enabled) return;
    for (const c of changes) {
      if (c.type === FileChangeType.Deleted) {
        this.programmeOf.delete(c.uri);
        this.host.uncache?.(c.uri);
        if (this.published.delete(c.uri)) this.host.publish(c.uri, []);
      } else this.enqueue(c.uri);
      for (const [consultation, programme] of this.programmeOf) if (programme === c.uri) this.enqueue(consultation);
    }
    void this.run();
  }

  /** Consultations validated from disk that name `programmeUri` (an edited programme re-checks them). */
  dependentsOf(programmeUri: string): string[] {
    return [...this.programmeOf].filter(([, p]) => p === programmeUri).map(([c]) => c);
  }

  /** Re-checks unopened files (settings or amo.config.json changed). */
  revalidate(uris: readonly string[] = [...this.published]): void {
    if (!this.enabled) return;
    for (const u of uris) this.enqueue(u);
    void this.run();
  }

  private enqueue(uri: string): void {
    if (this.queued.has(uri) || !AMO_FILE_NAME.test(uri)) return;
    this.queued.add(uri);
    this.queue.push(uri);
    this.total++;
  }

  /** Waits until the queue is empty (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await this.yieldNow();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length && this.enabled) {
        const uri = this.queue.shift()!;
        this.queued.delete(uri);
        this.done++;
        // Yield before each file: the open documents' validations and requests go first. While one is
        // scheduled or running (a file just opened, the user typing), the pass waits for it: one file from
        // disk (a 10k-line one takes 250 ms in a cold process) would delay its diagnostics.
        await this.yieldNow();
        for (let waited = 0; this.host.busy?.() && waited < MAX_WAIT_MS; waited += 10) await sleep(10);
        if (this.host.isOpen(uri)) continue;
        await this.validateFromDisk(uri);
        this.host.progress?.(this.done, this.total);
      }
    } finally {
      this.running = false;
      if (!this.queue.length) {
        this.total = 0;
        this.done = 0;
      }
    }
  }

  private async validateFromDisk(uri: string): Promise<void> {
    const text = this.host.readText(uri);
    let cache: CacheLookup | undefined;
    let result: { diagnostics: AmoDiagnostic[]; programme: string | undefined } | undefined;
    try {
      if (text === undefined) {
        if (this.published.delete(uri)) this.host.publish(uri, []);
        return;
      }
      cache = await this.host.fromCache?.(uri, text);
      const hit = cache?.hit;
      const diagnostics = hit ? hit.diagnostics : await this.host.diagnose(uri, text);
      // Opened meanwhile: the editor's buffer wins.
      if (this.host.isOpen(uri) || !this.enabled) return;
      const programme = hit ? hit.programme : this.host.programmeOf(uri, text);
      if (programme) this.programmeOf.set(uri, programme);
      else this.programmeOf.delete(uri);
      this.published.add(uri);
      this.host.publish(uri, diagnostics);
      if (!hit) result = { diagnostics, programme };
    } catch (err) {
      this.host.log(`Workspace validation of ${uri} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (!this.host.isOpen(uri)) this.host.forget(uri);
    }
    // After the forget: the service's index then holds what the file defines, kept with its result.
    if (result) cache?.save?.(result.diagnostics, result.programme);
  }
}
