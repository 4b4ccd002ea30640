import { FileChangeType, type FileEvent, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docKindOf } from './language-service';

/** The AMO documents the server knows, for cross-file references and workspace symbols. */
export interface KnownDocuments {
  /** Open AMO documents plus those found in the workspace folders (scanned on the first call). */
  list(): string[];
  /** The workspace folders to scan (initialize); forgets a previous scan. */
  setFolders(folderUris: string[]): void;
  /** Keeps the scan current from `workspace/didChangeWatchedFiles` events, without scanning again. */
  onFileEvents(changes: FileEvent[]): void;
}

/**
 * `scan` is the host's file search (Node: `listAmoFiles`); without it only open documents are known.
 * The scan runs lazily, once: a server that is never asked for references never walks the disk.
 */
export function createKnownDocuments(documents: TextDocuments<TextDocument>, scan?: (folderUris: string[]) => string[]): KnownDocuments {
  let folders: string[] = [];
  /** comparable form → URI, as the scan or the file events spell it. */
  let scanned: Map<string, string> | undefined;
  return {
    setFolders(uris) {
      folders = uris;
      scanned = undefined;
    },
    list() {
      scanned ??= new Map((scan ? scan(folders) : []).map((uri) => [comparable(uri), uri]));
      // The editor may spell a URI differently from the scan (percent-encoding): its spelling wins.
      const byPath = new Map(scanned);
      for (const d of documents.all()) if (docKindOf(d.uri)) byPath.set(comparable(d.uri), d.uri);
      return [...byPath.values()];
    },
    onFileEvents(changes) {
      // Before the first scan there is nothing to keep current: the scan will see the files as they are.
      if (!scanned) return;
      for (const c of changes) {
        if (!docKindOf(c.uri)) continue;
        if (c.type === FileChangeType.Deleted) scanned.delete(comparable(c.uri));
        else scanned.set(comparable(c.uri), c.uri);
      }
    },
  };
}

/** One spelling per file: percent-decoded, Windows drive letter in lower case. */
function comparable(uri: string): string {
  let s = uri;
  try {
    s = decodeURIComponent(uri);
  } catch {
    // a malformed escape: keep the URI as it is
  }
  return s.replace(/^file:\/\/\/([A-Za-z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}:`);
}
