/**
 * Requests from the server to the client for a host without a file system (the browser server, in a
 * web worker): the client reads the workspace with `vscode.workspace.fs` (client/src/workspaceFiles.ts),
 * so that virtual workspaces (vscode.dev, github.dev) get cross-file checks and navigation.
 * Method names only (no RequestType): the client and the server bundle their own copy of vscode-jsonrpc.
 */
import { AMO_FILE_NAME } from './language-service/fileNames';
import { MAX_PARSED_LENGTH } from './language-service/limits';

/** `amo/workspace/files`: the AMO files and `amo.config.json` files of the workspace folders. */
export const WORKSPACE_FILES_METHOD = 'amo/workspace/files';

export interface WorkspaceFilesResult {
  uris: string[];
}

/** `amo/workspace/read`: the texts of these files; null for one that is missing, refused or too large. */
export const WORKSPACE_READ_METHOD = 'amo/workspace/read';

export interface WorkspaceReadParams {
  uris: string[];
}

export interface WorkspaceReadResult {
  texts: (string | null)[];
}

/** Only what the server reads is served: AMO documents (fileNames.ts) and rule configuration files. */
export function isServedFile(path: string): boolean {
  return AMO_FILE_NAME.test(path) || /(?:^|\/)amo\.config\.json$/i.test(path);
}

/** A file larger than this is not read (the Node host's limit, server/src/node/safeRead.ts). */
export const MAX_SERVED_BYTES = MAX_PARSED_LENGTH;

/** A workspace with more files than this is cut short (as the Node host's scan). */
export const MAX_SERVED_FILES = 20000;
