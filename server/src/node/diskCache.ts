import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CacheStore } from '../diagnosticsCache';

/** The cache file in the folder the client gives (VS Code: the extension's workspace storage). */
export const CACHE_FILE = 'amo-diagnostics-cache.json';
/** A cache file larger than this is ignored (and not written): 2,000 files of the example pair take 20 MB. */
const MAX_CACHE_BYTES = 200 * 1024 * 1024;

/** `child` is `parent` or inside it (real paths). */
function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The on-disk store of diagnosticsCache.ts, or undefined when `folder` cannot hold it: not an absolute path, or
 * inside a workspace folder (the cache is never written into the user's files), or not creatable. This file is
 * the server's own, outside the workspace: it is read directly, not through safeRead.ts (which bounds the
 * workspace's files to 6 MB), as a regular file of at most MAX_CACHE_BYTES.
 */
export function diskCacheStore(folder: string, workspaceFolderUris: readonly string[]): CacheStore | undefined {
  if (!path.isAbsolute(folder)) return undefined;
  const dir = real(folder);
  for (const uri of workspaceFolderUris) {
    if (!uri.startsWith('file:')) continue;
    if (inside(dir, real(fileURLToPath(uri)))) return undefined;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch {
    return undefined;
  }
  const file = path.join(dir, CACHE_FILE);
  return {
    load: () => {
      try {
        const st = fs.statSync(file);
        if (!st.isFile() || st.size > MAX_CACHE_BYTES) return undefined;
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    save: (json) => {
      if (json.length > MAX_CACHE_BYTES) return;
      // Written beside, then renamed: a server killed mid-write leaves the previous cache, never half of one.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, json);
      fs.renameSync(tmp, file);
    },
  };
}
