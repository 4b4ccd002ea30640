import * as fs from 'fs';
import { MAX_PARSED_LENGTH } from '../language-service/limits';

/**
 * Files larger than this are not read. A UTF-8 file never has more UTF-16 code units than bytes, so every
 * file that passes is also within the service's parse limit; larger ones would not be analysed anyway.
 */
export const MAX_FILE_BYTES = MAX_PARSED_LENGTH;

export type ReadFailure = 'not-found' | 'not-a-file' | 'too-large' | 'unreadable';
export type ReadResult = { text: string } | { error: ReadFailure; detail?: string };

/**
 * Reads a text file from disk without ever blocking or exhausting memory, whatever a workspace or a
 * document names: regular files only (a directory, FIFO, socket or device such as /dev/zero is refused
 * before any read: opened non-blocking, then checked with fstat on the same descriptor), at most
 * `maxBytes` (counted while reading too, for /proc-like files that announce size 0). A leading BOM is
 * dropped, as editors do, so that positions match what the user sees.
 */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever (undefined on Windows: 0).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable', detail: code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: 'not-a-file' };
    if (stat.size > maxBytes) return { error: 'too-large', detail: `${stat.size} bytes` };
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { error: 'too-large', detail: `more than ${maxBytes} bytes` };
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    return { error: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/** A short bilingual reason for a failed read, for the CLI and logs. */
export function readFailureMessage(failure: ReadFailure): string {
  switch (failure) {
    case 'not-found':
      return 'fichier introuvable / no such file';
    case 'not-a-file':
      return 'pas un fichier ordinaire (dossier, tube ou périphérique), non lu / not a regular file (folder, pipe or device), not read';
    case 'too-large':
      return `fichier trop volumineux (plus de ${MAX_FILE_BYTES / 1_000_000} Mo), non vérifié / file too large (over ${MAX_FILE_BYTES / 1_000_000} MB), not checked`;
    default:
      return 'fichier illisible / unreadable file';
  }
}
