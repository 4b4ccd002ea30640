/**
 * The language server in a web worker (vscode.dev, github.dev, the web extension host): the same server
 * and language service as the Node process (server.ts), over `postMessage`, with the workspace read
 * through the client (clientWorkspace.ts). Bundled by esbuild.mjs as dist/web/server.js (platform
 * browser, no Node built-ins). Huge documents are validated on this worker's thread: there is no
 * second worker here (limits.ts keeps their validation to the syntax).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { ClientWorkspace } from './clientWorkspace';

/** The worker's global scope (the project compiles without the DOM library: what is used, typed here). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & {
  location: { search: string };
  addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown }) => void): void;
};

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));

/**
 * Today's date for dated rules (ISO): `?today=YYYY-MM-DD` on the worker's URL pins it, as AMO_TODAY does
 * for the Node server (tests, reproducible runs); otherwise the system date (UTC).
 */
function today(): string {
  const pinned = new URLSearchParams(self.location.search).get('today');
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 10);
}

const log = (m: string): void => connection.console.error(m);
self.addEventListener('unhandledrejection', (e: { reason: unknown }) => log(`Unhandled rejection: ${String(e.reason)}`));

const workspace = new ClientWorkspace(connection, log);
startServer(connection, {
  readFile: (uri) => workspace.readFile(uri),
  listAmoFiles: () => workspace.listAmoFiles(),
  findConfig: (uri) => workspace.findConfig(uri),
  today,
  attach: (refresh) => workspace.attach(refresh),
  onFileEvents: (changes) => workspace.onFileEvents(changes),
});
