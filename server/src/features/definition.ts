import type { Feature, FeatureContext } from './types';
import { runSafe } from '../runner';
import type { TextDocumentLike } from '../language-service';

/** The open document as the service wants it, or undefined when it is gone (closed meanwhile). */
export function openDocument(ctx: FeatureContext, uri: string): TextDocumentLike | undefined {
  const doc = ctx.documents.get(uri);
  return doc ? { uri: doc.uri, text: doc.getText() } : undefined;
}

/** Go to definition and find references, for every id, across programme and consultations. */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true, referencesProvider: true },
  register(ctx) {
    ctx.connection.onDefinition((params, token) =>
      runSafe(ctx.log, 'definition', token, [], () => {
        const doc = openDocument(ctx, params.textDocument.uri);
        return doc ? ctx.service.getDefinition(doc, params.position) : [];
      }),
    );
    ctx.connection.onReferences((params, token) =>
      runSafe(ctx.log, 'references', token, [], () => {
        const doc = openDocument(ctx, params.textDocument.uri);
        return doc ? ctx.service.getReferences(doc, params.position, { includeDeclaration: params.context.includeDeclaration }) : [];
      }),
    );
  },
};
