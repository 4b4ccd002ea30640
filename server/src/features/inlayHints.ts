import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/** Inlay hints (criticality, weight totals, durations) and the code lens with the sum of the weights. */
export const inlayHintsFeature: Feature = {
  capabilities: { inlayHintProvider: true, codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.languages.inlayHint.on((params, token) =>
      runSafe(ctx.log, 'inlay hints', token, [], async () => {
        const doc = requestDocument(ctx, params, { range: true });
        if (!doc) return [];
        return ctx.service.getInlayHints(doc, params.range, { locale: await ctx.localeFor(doc.uri) });
      }),
    );
    ctx.connection.onCodeLens((params, token) =>
      runSafe(ctx.log, 'code lenses', token, [], async () => {
        const doc = requestDocument(ctx, params);
        if (!doc) return [];
        return ctx.service.getCodeLenses(doc, { locale: await ctx.localeFor(doc.uri) });
      }),
    );
  },
};
