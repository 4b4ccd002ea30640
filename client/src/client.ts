import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/node/processOptions';
import { AmoClient, type AmoInitializationOptions, type ClientHost } from './common';

export { AMO_LANGUAGES, AmoClient, CONFIGURATION_SECTION, resolveLocale, type AmoInitializationOptions, type ServerStatus } from './common';

type LanguageClientModule = typeof import('./languageClient');
let languageClientModule: LanguageClientModule | undefined;

/**
 * vscode-languageclient, loaded at the first start of the server rather than with the extension: it is a
 * bundle of its own (dist/languageClient.js, esbuild.mjs), so that activation only loads what registers
 * the commands, the status bar and the preview (bench/activation.cjs measures both).
 */
function languageClientLibrary(): LanguageClientModule {
  // A literal path, beside dist/client.js; esbuild leaves it to Node (esbuild.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageClientModule ??= require('./languageClient.js') as LanguageClientModule;
  return languageClientModule;
}

/**
 * The server over IPC. `tuned`: with the memory options of processOptions.ts (V8 flags, malloc threshold),
 * which keep its peak memory near its live data; false for the retry of a runtime that refuses them.
 */
export function serverOptions(context: vscode.ExtensionContext, tuned = true): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  const { TransportKind } = languageClientLibrary();
  const execArgv = tuned ? [...SERVER_EXEC_ARGV] : [];
  const env = tuned ? { ...SERVER_ENV } : undefined;
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6010'], env } },
  };
}

/**
 * The Node server keeps the workspace's problems across restarts in the extension's workspace storage (outside
 * the workspace; none without a workspace). The browser server has no cache.
 */
function withCacheFolder(options: LanguageClientOptions, context: vscode.ExtensionContext): LanguageClientOptions {
  const base = options.initializationOptions;
  const cacheFolder = context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
  if (!cacheFolder || typeof base !== 'function') return options;
  return { ...options, initializationOptions: (): AmoInitializationOptions => ({ ...(base() as AmoInitializationOptions), cacheFolder }) };
}

/** The desktop host: the server as a Node process, tuned first, then once more without its options. */
export function nodeClientHost(context: vscode.ExtensionContext): ClientHost {
  return {
    library: languageClientLibrary,
    attempts: 2,
    createClient: (options, attempt) => new (languageClientLibrary().LanguageClient)('amo', 'AMO Authoring', serverOptions(context, attempt === 0), withCacheFolder(options, context)),
  };
}

/** The client of the desktop extension (extension.ts). */
export function createNodeClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): AmoClient {
  return new AmoClient(output, nodeClientHost(context));
}
