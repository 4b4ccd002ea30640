import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE, docKindOf, parseConfig, type AmoConfig } from '../language-service';
import { WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD, type WorkspaceFilesResult, type WorkspaceReadResult } from '../workspaceProtocol';

/** Files read per `amo/workspace/read` request. */
const BATCH = 64;
/** Configuration files larger than this are refused (as the Node host, node/nodeWorkspace.ts). */
const MAX_CONFIG_CHARS = 1_000_000;

/**
 * The workspace of the browser server: a web worker has no file system, so the files other than the open
 * documents (a consultation's programme, the workspace index for references and rename, amo.config.json)
 * are read through the client (`amo/workspace/files`, `amo/workspace/read`, client/src/workspaceFiles.ts)
 * and kept in memory. The server's runtime is synchronous: a file not read yet is unknown until its text
 * arrives, then the server validates its open documents again (`refresh`). File events keep it current.
 */
export class ClientWorkspace {
  /** comparable URI → text; null: read, and missing or refused. */
  private readonly texts = new Map<string, string | null>();
  /** comparable URI → URI as the client spells it, of the files listed by the client. */
  private readonly files = new Map<string, string>();
  private readonly reading = new Set<string>();
  private refresh: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  /** Lists and reads the workspace's files, then lets the server refresh (ServerRuntime.attach). */
  attach(refresh: () => void): void {
    this.refresh = refresh;
    void this.load();
  }

  private async load(): Promise<void> {
    let listed: WorkspaceFilesResult;
    try {
      listed = await this.connection.sendRequest<WorkspaceFilesResult>(WORKSPACE_FILES_METHOD, {});
    } catch (err) {
      this.log(`${WORKSPACE_FILES_METHOD}: ${err instanceof Error ? err.message : String(err)} (only open documents are known)`);
      return;
    }
    const uris = Array.isArray(listed?.uris) ? listed.uris.filter((u): u is string => typeof u === 'string') : [];
    for (const uri of uris) this.files.set(comparable(uri), uri);
    await this.read(uris.filter((u) => !this.texts.has(comparable(u))));
    this.refresh();
  }

  /** Reads `uris` through the client into memory; true when a text changed. */
  private async read(uris: string[]): Promise<boolean> {
    let changed = false;
    for (let i = 0; i < uris.length; i += BATCH) {
      const batch = uris.slice(i, i + BATCH);
      for (const u of batch) this.reading.add(comparable(u));
      let texts: unknown[] = [];
      try {
        const r = await this.connection.sendRequest<WorkspaceReadResult>(WORKSPACE_READ_METHOD, { uris: batch });
        texts = Array.isArray(r?.texts) ? r.texts : [];
      } catch (err) {
        this.log(`${WORKSPACE_READ_METHOD}: ${err instanceof Error ? err.message : String(err)}`);
      }
      batch.forEach((uri, k) => {
        const key = comparable(uri);
        this.reading.delete(key);
        const text = typeof texts[k] === 'string' ? (texts[k] as string) : null;
        // A first read that finds nothing changes nothing the server saw (the file was already unknown).
        const before = this.texts.get(key) ?? null;
        if (before !== text) changed = true;
        this.texts.set(key, text);
      });
    }
    return changed;
  }

  /** The text of a file, from memory; a file never asked for is read in the background (then `refresh`). */
  readFile(uri: string): string | undefined {
    const key = comparable(uri);
    const text = this.texts.get(key);
    if (text !== undefined) return text ?? undefined;
    if (!this.reading.has(key)) {
      void this.read([uri]).then((changed) => {
        if (changed) this.refresh();
      });
    }
    return undefined;
  }

  /** The AMO documents listed by the client (the folder URIs are the client's: it lists its own folders). */
  listAmoFiles(): string[] {
    return [...this.files.values()].filter((u) => docKindOf(u));
  }

  /** The nearest `amo.config.json` above a document among the workspace's files (JSON data only). */
  findConfig(documentUri: string): { config: AmoConfig; error?: string } {
    let dir = documentUri.replace(/[?#].*$/, '');
    for (;;) {
      const cut = dir.lastIndexOf('/');
      // Stop at the authority: `scheme://authority/` has no folder above it.
      if (cut < 0 || /^[a-z][a-z0-9+.-]*:\/?\/?[^/]*$/i.test(dir.slice(0, cut))) return { config: {} };
      dir = dir.slice(0, cut);
      const candidate = `${dir}/${CONFIG_FILE}`;
      const text = this.texts.get(comparable(candidate));
      if (typeof text !== 'string') continue;
      try {
        if (text.length > MAX_CONFIG_CHARS) throw new Error(`more than ${MAX_CONFIG_CHARS} characters`);
        const { config, problems } = parseConfig(JSON.parse(text));
        return { config, error: problems.length ? problems.map((p) => p.en).join(' ') : undefined };
      } catch (err) {
        return { config: {}, error: `${candidate}: ${(err as Error).message}` };
      }
    }
  }

  /** Keeps memory current from `workspace/didChangeWatchedFiles`; changed files are read again. */
  onFileEvents(changes: FileEvent[]): void {
    const again: string[] = [];
    for (const c of changes) {
      const key = comparable(c.uri);
      if (c.type === FileChangeType.Deleted) {
        this.files.delete(key);
        this.texts.set(key, null);
      } else {
        this.files.set(key, c.uri);
        again.push(c.uri);
      }
    }
    if (again.length) {
      void this.read(again).then((changed) => {
        if (changed) this.refresh();
      });
    }
  }
}

/** One spelling per file: percent-decoded (the editor and a `programme:` path may encode differently). */
function comparable(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
