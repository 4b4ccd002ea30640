import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { officeFeature } from '../features/office';
import * as fs from 'fs';
import * as path from 'path';
import { findConfig, listAmoFiles, readFileUri, serverMayRead, today } from './nodeWorkspace';
import { createOffThreadValidator } from './offThread';
import { diskCacheStore } from './diskCache';

// Transport (--stdio, --node-ipc, --socket=N) is chosen from the command line by createConnection.
const connection = createConnection(ProposedFeatures.all);

// Nothing may write to stdout but the protocol: route console and stray rejections to the client's log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${err.stack ?? err.message}`));

// Huge documents are validated in a worker thread (dist/syntaxWorker.js, bundled beside this file).
const workerFile = path.join(__dirname, 'syntaxWorker.js');
const offThread = fs.existsSync(workerFile) ? createOffThreadValidator(workerFile, today, (m) => connection.console.error(m)) : undefined;

// XLSX export and import (exceljs, Node streams and zlib) exist on this host only.
// This bundle's size and time: another build (a rule changed) does not take the cache of this one.
const build = ((st) => (st ? `${st.size}-${Math.round(st.mtimeMs)}` : ''))(fs.statSync(__filename, { throwIfNoEntry: false }));

startServer(connection, { readFile: readFileUri, findConfig, today, listAmoFiles, mayRead: serverMayRead, validateLarge: offThread?.validate, features: [officeFeature], cacheStore: diskCacheStore, build });
