import { CodeActionKind } from 'vscode-languageserver';
import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/**
 * Quick fixes of AMO diagnostics (weights, criteria, owners, misspellings, references, reserves, reviews…),
 * line suppression, and refactors that need no diagnostic (lift a reserve, add a review).
 */
export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] } },
  register(ctx) {
    ctx.connection.onCodeAction((params, token) =>
      runSafe(ctx.log, 'code actions', token, [], async () => {
        // The text is taken before waiting for the settings: the diagnostics belong to that version.
        const doc = requestDocument(ctx, params, { range: true, context: true });
        if (!doc) return [];
        const locale = await ctx.localeFor(doc.uri);
        return ctx.service.getCodeActions(doc, params.range, params.context.diagnostics, { locale, only: params.context.only });
      }),
    );
  },
};
