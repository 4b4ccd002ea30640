import { SymbolInformation, type DocumentSymbol } from 'vscode-languageserver';
import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/** Outline (document symbols) and "Go to symbol in workspace" (every id of every known AMO file). */
export const symbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: { label: 'AMO' }, workspaceSymbolProvider: true },
  register(ctx) {
    ctx.connection.onDocumentSymbol((params, token) =>
      runSafe(ctx.log, 'documentSymbol', token, [], async () => {
        const doc = requestDocument(ctx, params);
        if (!doc) return [];
        const symbols = ctx.service.getDocumentSymbols(doc, { locale: await ctx.localeFor(doc.uri) });
        if (ctx.clientCapabilities().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols;
        return flatten(doc.uri, symbols);
      }),
    );
    ctx.connection.onWorkspaceSymbol((params, token) => runSafe(ctx.log, 'workspaceSymbol', token, [], () => ctx.service.getWorkspaceSymbols(params.query)));
  },
};

/** For clients without hierarchical symbols: a flat list with the parent's name as container. */
function flatten(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [SymbolInformation.create(s.name, s.kind, s.range, uri, container), ...flatten(uri, s.children ?? [], s.name)]);
}
