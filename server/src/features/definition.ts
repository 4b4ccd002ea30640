import type { Feature } from './types';
import { runSafe } from '../runner';
import { requestDocument } from './request';

/** Go to definition and find references, for every id, across programme and consultations. */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true, referencesProvider: true },
  register(ctx) {
    ctx.connection.onDefinition((params, token) =>
      runSafe(ctx.log, 'definition', token, [], () => {
        const doc = requestDocument(ctx, params, { position: true });
        return doc ? ctx.service.getDefinition(doc, params.position) : [];
      }),
    );
    ctx.connection.onReferences((params, token) =>
      runSafe(ctx.log, 'references', token, [], () => {
        const doc = requestDocument(ctx, params, { position: true, context: true });
        return doc ? ctx.service.getReferences(doc, params.position, { includeDeclaration: params.context.includeDeclaration }) : [];
      }),
    );
  },
};
