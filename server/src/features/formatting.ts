import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/** Document and range formatting: conservative re-indentation with the editor's tabSize, comments kept. */
export const formattingFeature: Feature = {
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true },
  register(ctx) {
    ctx.connection.onDocumentFormatting((params, token) =>
      runSafe(ctx.log, 'formatting', token, [], () => {
        const doc = requestDocument(ctx, params, { options: true });
        return doc ? ctx.service.format(doc, { tabSize: params.options.tabSize }) : [];
      }),
    );
    ctx.connection.onDocumentRangeFormatting((params, token) =>
      runSafe(ctx.log, 'range formatting', token, [], () => {
        const doc = requestDocument(ctx, params, { options: true, range: true });
        return doc ? ctx.service.format(doc, { tabSize: params.options.tabSize }, params.range) : [];
      }),
    );
  },
};
