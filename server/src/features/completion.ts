import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/**
 * Completion of keys, values, ids and whole blocks from the schemas and catalogues. Triggered by `:`
 * (a value right after a key), ` ` (after `key:` or `- `) and `-` (inside an id such as `SEL-`); the
 * service answers an empty list where a trigger opens nothing.
 */
export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCompletion((params, token) =>
      runSafe(ctx.log, 'completion', token, null, async () => {
        // The text is taken before waiting for the settings: the position belongs to that version.
        const doc = requestDocument(ctx, params, { position: true });
        if (!doc) return null;
        const locale = await ctx.localeFor(doc.uri);
        return ctx.service.getCompletions(doc, params.position, { locale, triggerCharacter: params.context?.triggerCharacter });
      }),
    );
  },
};
