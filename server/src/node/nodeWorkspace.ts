import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { CONFIG_FILE, parseConfig, type AmoConfig } from '../language-service';

/** Reads a file: URI from disk; undefined for other schemes, missing or unreadable files. */
export function readFileUri(uri: string): string | undefined {
  try {
    if (!uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(uri);
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(path.resolve(file)).toString();
}

/**
 * The nearest `amo.config.json` above a document, stopping at `root` when given.
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
        const { config, problems } = parseConfig(JSON.parse(fs.readFileSync(candidate, 'utf8')));
        return { file: candidate, config, error: problems.length ? problems.map((p) => p.en).join(' ') : undefined };
      } catch (err) {
        return { file: candidate, config: {}, error: `${candidate}: ${(err as Error).message}` };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stop && path.resolve(dir) === stop)) return { config: {} };
    dir = parent;
  }
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
