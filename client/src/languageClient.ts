/**
 * vscode-languageclient, bundled apart as dist/languageClient.js (esbuild.mjs): with the protocol it is
 * about 60 % of the extension's code, and activation does not need it. client.ts requires this bundle when
 * the server is first started, in the task after activation.
 */
export { LanguageClient, RevealOutputChannelOn, State, TransportKind } from 'vscode-languageclient/node';
// With the library's own copy of vscode-jsonrpc: a request type made by another copy is refused by it
// ("Unknown parameter structure"), so custom requests are made here too (AmoClient.render).
export { RenderRequest } from '../../server/src/protocol';
