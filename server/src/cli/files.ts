import * as fs from 'fs';
import * as path from 'path';
import { AMO_FILE_NAME } from '../language-service/fileNames';
import { readFailureMessage } from '../node/safeRead';

const SKIP = new Set(['node_modules', '.git', 'dist', '.cache', '.vscode-test']);

export interface Collected {
  files: string[];
  /** Arguments that could not be read: a clear message each (exit code 2). */
  errors: string[];
}

/** Expands files and folders into AMO files; folders are scanned recursively for the two suffixes. */
export function collectFiles(args: string[]): Collected {
  const files: string[] = [];
  const errors: string[] = [];
  // A link or special file with an AMO name is never skipped silently: a link to a regular file is
  // checked, anything else (dangling link, FIFO, socket, device, link to a folder) is reported (exit 2).
  // Links to folders are not followed while scanning (no cycles).
  const linkOrSpecial = (p: string): void => {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) files.push(p);
    else errors.push(`${p}: ${readFailureMessage(stat ? 'not-a-file' : 'not-found')}`);
  };
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(`${dir}: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission refusée / permission denied' : (err as Error).message}`);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !SKIP.has(e.name)) walk(p);
      else if (e.isFile() && AMO_FILE_NAME.test(e.name)) files.push(p);
      else if (!e.isDirectory() && AMO_FILE_NAME.test(e.name)) linkOrSpecial(p);
    }
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      errors.push(`${arg}: fichier ou dossier introuvable / no such file or directory`);
      continue;
    }
    if (stat.isDirectory()) walk(arg);
    else if (AMO_FILE_NAME.test(arg)) files.push(arg);
    else errors.push(`${arg}: ni *.programme.yaml ni *.consultation.yaml / not an AMO file (*.programme.yaml, *.consultation.yaml)`);
  }
  return { files: [...new Set(files)], errors };
}
