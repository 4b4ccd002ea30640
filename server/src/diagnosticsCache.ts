import type { Range, SymbolInformation } from 'vscode-languageserver';
import type { AmoDiagnostic } from './language-service';
import { textHash } from './language-service/util/hash';

/**
 * The workspace's problems and definitions kept across restarts (docs/architecture.md, "The on-disk cache"):
 * for each unopened file validated in the background, its diagnostics and the symbols it defines, under a key
 * made of everything they depend on — the file's text, the text of the programme it names (a consultation),
 * and the environment: the server's version and build, today's date, and the locale, rule configuration and
 * trust the file is validated with. A second start serves a file whose key is unchanged without parsing it;
 * any change of one of these validates it again. Stored by the host (node/diskCache.ts) in a folder the client
 * gives, never inside the workspace.
 */

/** Where the host keeps the cache: one JSON text. */
export interface CacheStore {
  load(): string | undefined;
  save(json: string): void;
}

/** A symbol as stored: its location's URI is the entry's own (left out: it was most of the file's size). */
type StoredSymbol = Omit<SymbolInformation, 'location'> & { range: Range };

interface Entry {
  /** Hash of the file's text. */
  text: string;
  /** Hash of the environment (see `environment`). */
  env: string;
  /** The programme a consultation names, and the hash of its text when validated ('' when unreadable). */
  programme?: string;
  programmeText?: string;
  diagnostics: AmoDiagnostic[];
  symbols?: { hash: string; symbols: StoredSymbol[] };
}

type Symbols = { hash: string; symbols: SymbolInformation[] };

const FORMAT = 2;

/** Hash of what diagnostics depend on besides the texts: version and build of the server, date, options. */
export function environment(parts: { version: string; build: string; today: string; options: unknown }): string {
  return textHash(JSON.stringify([parts.version, parts.build, parts.today, parts.options]));
}

export class DiagnosticsCache {
  private entries = new Map<string, Entry>();
  private loaded = false;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `readProgramme`: a programme's current text (open buffer first, within the reach), undefined when unreadable. */
  constructor(
    private readonly store: CacheStore,
    private readonly readProgramme: (uri: string) => string | undefined,
    private readonly log: (message: string) => void,
    /** Delay of the write after a change (the first pass writes once, at its end or after this pause). */
    private readonly saveDelayMs = 3000,
  ) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const json = this.store.load();
      if (json === undefined) return;
      const data = JSON.parse(json) as { format?: unknown; entries?: unknown };
      if (data.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null) return;
      for (const [uri, e] of Object.entries(data.entries as Record<string, Entry>)) {
        if (e && typeof e.text === 'string' && typeof e.env === 'string' && Array.isArray(e.diagnostics)) this.entries.set(uri, e);
      }
    } catch (err) {
      // A damaged cache is no cache: everything is validated again.
      this.log(`Diagnostics cache ignored: ${err instanceof Error ? err.message : String(err)}`);
      this.entries.clear();
    }
  }

  private programmeHash(uri: string): string {
    const text = this.readProgramme(uri);
    return text === undefined ? '' : textHash(text);
  }

  /** The cached result for this text in this environment, when nothing it depends on changed. */
  lookup(uri: string, text: string, env: string): { diagnostics: AmoDiagnostic[]; programme?: string; symbols?: Symbols } | undefined {
    this.load();
    const e = this.entries.get(uri);
    if (!e || e.env !== env || e.text !== textHash(text)) return undefined;
    if (e.programme !== undefined && e.programmeText !== this.programmeHash(e.programme)) return undefined;
    const symbols = e.symbols && { hash: e.symbols.hash, symbols: e.symbols.symbols.map(({ range, ...rest }) => ({ ...rest, location: { uri, range } })) };
    return { diagnostics: e.diagnostics, programme: e.programme, symbols };
  }

  /** Records a file's result (validated from its disk text). */
  put(uri: string, text: string, env: string, result: { diagnostics: AmoDiagnostic[]; programme?: string; symbols?: Symbols }): void {
    this.load();
    const { diagnostics, programme } = result;
    const symbols = result.symbols && { hash: result.symbols.hash, symbols: result.symbols.symbols.map(({ location, ...rest }) => ({ ...rest, range: location.range })) };
    this.entries.set(uri, { text: textHash(text), env, diagnostics, symbols, ...(programme !== undefined ? { programme, programmeText: this.programmeHash(programme) } : {}) });
    this.changed();
  }

  /** A file gone from the workspace (deleted, or opened: its buffer is the editor's business). */
  drop(uri: string): void {
    this.load();
    if (this.entries.delete(uri)) this.changed();
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.saveDelayMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Writes the cache now if it changed (after the pause, and at shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      this.store.save(JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.entries) }));
    } catch (err) {
      this.log(`Diagnostics cache not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  get size(): number {
    this.load();
    return this.entries.size;
  }
}
