import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/** Hover: schema documentation, catalogue entries with their basis, and facts computed from the document. */
export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover((params, token) =>
      runSafe(ctx.log, 'hover', token, null, async () => {
        // The text is taken before waiting for the settings: the position belongs to that version.
        const doc = requestDocument(ctx, params, { position: true });
        if (!doc) return null;
        const locale = await ctx.localeFor(doc.uri);
        return ctx.service.getHover(doc, params.position, { locale });
      }),
    );
  },
};
