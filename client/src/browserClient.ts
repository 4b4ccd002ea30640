import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, State } from 'vscode-languageclient/browser';
import { RenderRequest } from '../../server/src/protocol';
import { AmoClient, type ClientHost, type LanguageClientLibrary } from './common';
import { registerWorkspaceFiles } from './workspaceFiles';

/** A dedicated worker (the project compiles without the DOM library: what is used, typed here). */
type ServerWorker = ConstructorParameters<typeof LanguageClient>[3] & { terminate(): void };
declare const Worker: new (url: string) => ServerWorker;

/** vscode-languageclient/browser leaves the worker running after the client stops: it is ended here. */
class WorkerLanguageClient extends LanguageClient {
  constructor(
    options: ConstructorParameters<typeof LanguageClient>[2],
    private readonly serverWorker: ServerWorker,
  ) {
    super('amo', 'AMO Authoring', options, serverWorker);
  }

  override async dispose(timeout?: number): Promise<void> {
    try {
      await super.dispose(timeout);
    } finally {
      this.serverWorker.terminate();
    }
  }
}

const library: LanguageClientLibrary = { State, RevealOutputChannelOn, RenderRequest };

/**
 * The web host (vscode.dev, github.dev): the server runs as a web worker (dist/web/server.js), and reads
 * the workspace's other files through this client (workspaceFiles.ts). One attempt: no process options.
 */
export function browserClientHost(context: vscode.ExtensionContext): ClientHost {
  return {
    library: () => library,
    attempts: 1,
    createClient: (options) => {
      const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
      return new WorkerLanguageClient(options, worker);
    },
    prepare: (client) => registerWorkspaceFiles(client),
  };
}

export function createBrowserClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): AmoClient {
  return new AmoClient(output, browserClientHost(context));
}
