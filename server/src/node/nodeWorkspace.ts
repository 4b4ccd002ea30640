import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { CONFIG_FILE, parseConfig, type AmoConfig } from '../language-service';
import { readRegularFile } from './safeRead';
import { AMO_FILE_NAME } from '../language-service/fileNames';

/** Configuration files larger than this are refused (a real one is a few hundred bytes). */
const MAX_CONFIG_BYTES = 1_000_000;

/**
 * Reads a file: URI from disk; undefined for other schemes, missing or unreadable files, and for what
 * readRegularFile refuses (directories, pipes, devices, files over 8 MB): nothing named by a document can
 * block the server or exhaust its memory.
 */
export function readFileUri(uri: string): string | undefined {
  try {
    if (!uri.startsWith('file:')) return undefined;
    const r = readRegularFile(fileURLToPath(uri));
    return 'text' in r ? r.text : undefined;
  } catch {
    return undefined;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(path.resolve(file)).toString();
}

/**
 * The nearest `amo.config.json` above a document, never above its project: the walk stops at `root` when given
 * (the workspace folder) and at the first folder that holds `.git` (the project root), so that a configuration
 * in a parent folder of the project (`{"*": "off"}` in a home folder) never applies to it.
 * Only JSON data is read: no workspace code is ever loaded.
 */
export function findConfig(documentUri: string, root?: string): { file?: string; config: AmoConfig; error?: string } {
  if (!documentUri.startsWith('file:')) return { config: {} };
  let dir = path.dirname(fileURLToPath(documentUri));
  const stop = root ? path.resolve(root) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) {
      try {
        const read = readRegularFile(candidate, MAX_CONFIG_BYTES);
        if (!('text' in read)) throw new Error(`${read.error}${read.detail ? ` (${read.detail})` : ''}`);
        const { config, problems } = parseConfig(JSON.parse(read.text));
        return { file: candidate, config, error: problems.length ? problems.map((p) => p.en).join(' ') : undefined };
      } catch (err) {
        return { file: candidate, config: {}, error: `${candidate}: ${(err as Error).message}` };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stop && path.resolve(dir) === stop) || isProjectRoot(dir, false)) return { config: {} };
    dir = parent;
  }
}

/** Whether `dir` is a project root: it holds `.git` (a repository) or, with `config`, an `amo.config.json`. */
function isProjectRoot(dir: string, config = true): boolean {
  return fs.existsSync(path.join(dir, '.git')) || (config && fs.existsSync(path.join(dir, CONFIG_FILE)));
}

/** The project root of a folder: the nearest folder, from it upwards, holding `.git` or an `amo.config.json`. */
export function projectRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (isProjectRoot(d)) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** A path with its symbolic links resolved (as far as it exists: a missing file keeps its lexical path). */
export function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realPath(parent), path.basename(p));
  }
}

/**
 * The CLI's reach (docs/robustness.md): the folders given (a file: its folder) and the project root of each.
 * A consultation checked there never makes `amo` read a file elsewhere (`programme: ../../../etc/x.programme.yaml`).
 */
export function reachFolders(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(input);
    let dir = abs;
    try {
      if (!fs.statSync(abs).isDirectory()) dir = path.dirname(abs);
    } catch {
      dir = path.dirname(abs);
    }
    out.add(realPath(dir));
    const root = projectRoot(dir);
    if (root) out.add(realPath(root));
  }
  return [...out];
}

/** Whether a file: URI names a file inside one of `folders` once symbolic links are resolved. */
export function inReach(uri: string, folders: readonly string[]): boolean {
  if (!uri.startsWith('file:')) return false;
  let file: string;
  try {
    file = realPath(fileURLToPath(uri));
  } catch {
    return false;
  }
  return folders.some((f) => {
    const rel = path.relative(f, file);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  });
}

/**
 * The server's reach on this host: under the workspace folders (symbolic links resolved); without a workspace
 * folder (a file opened alone), under the open documents' folders and their project roots, as the CLI does.
 */
export function serverMayRead(uri: string, reach: { folders: readonly string[]; open: readonly string[] }): boolean {
  const folders = reach.folders.length ? realFolders(reach.folders) : reachFolders(filePaths(reach.open));
  return inReach(uri, folders);
}

const filePaths = (uris: readonly string[]): string[] => uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));

/** The workspace folders' real paths, resolved once per list of folders (the server keeps one list per initialize). */
const realFoldersOf = new WeakMap<readonly string[], string[]>();
function realFolders(folders: readonly string[]): string[] {
  let real = realFoldersOf.get(folders);
  if (!real) realFoldersOf.set(folders, (real = filePaths(folders).map(realPath)));
  return real;
}

/**
 * Today's date for dated rules (ISO). `AMO_TODAY=YYYY-MM-DD` pins it, for reproducible CI runs and tests;
 * otherwise the system date (UTC).
 */
export function today(): string {
  const pinned = process.env.AMO_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 10);
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist']);
/** A workspace with more AMO files than this is cut short (a guard against scanning a whole disk). */
const MAX_AMO_FILES = 20000;

/**
 * URIs of the `*.programme.yaml|yml` and `*.consultation.yaml|yml` files under the given folder URIs
 * (file: only), skipping node_modules, .git and dist. Symbolic links are not followed (no cycles).
 */
export function listAmoFiles(folderUris: string[]): string[] {
  const out: string[] = [];
  const stack = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  while (stack.length && out.length < MAX_AMO_FILES) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: its files are simply unknown
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) stack.push(path.join(dir, e.name));
      } else if (e.isFile() && AMO_FILE_NAME.test(e.name)) out.push(fileUri(path.join(dir, e.name)));
    }
  }
  return out;
}
