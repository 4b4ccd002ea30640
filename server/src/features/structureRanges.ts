import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature } from './types';

/** Folding ranges and smart selection ("expand selection"), from the YAML structure. */
export const structureRangesFeature: Feature = {
  capabilities: { foldingRangeProvider: true, selectionRangeProvider: true },
  register(ctx) {
    ctx.connection.onFoldingRanges((params, token) =>
      runSafe(ctx.log, 'foldingRange', token, [], () => {
        const doc = requestDocument(ctx, params);
        if (!doc) return [];
        const ranges = ctx.service.getFoldingRanges(doc);
        // The client may cap the number of ranges (LSP `rangeLimit`): keep those that start first.
        const limit = ctx.clientCapabilities().textDocument?.foldingRange?.rangeLimit;
        return limit !== undefined && ranges.length > limit ? ranges.slice(0, limit) : ranges;
      }),
    );
    ctx.connection.onSelectionRanges((params, token) =>
      runSafe(ctx.log, 'selectionRange', token, [], () => {
        const doc = requestDocument(ctx, params, { positions: true });
        return doc ? ctx.service.getSelectionRanges(doc, params.positions) : [];
      }),
    );
  },
};
