import { isScalar } from 'yaml';
import { nodeAt, pairAt, type ParsedDocument } from '../language-service/parse';
import type { Path } from '../language-service/types';
import type { Line } from './model';

/** Where each rendered element comes from: the 0-based line of a YAML path. */
export interface SourceLines {
  /** The line of the key of `path` (or of the item, for list indexes); undefined when absent. */
  at(...path: Path): Line;
}

/** Source lines of a parse; `undefined` documents (a missing programme) give no lines. */
export function sourceLines(parsed: ParsedDocument | undefined): SourceLines {
  if (!parsed) return { at: () => undefined };
  return {
    at(...path) {
      let offset: number | undefined;
      const last = path[path.length - 1];
      if (typeof last === 'string') {
        const pair = pairAt(parsed.doc, path);
        if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      if (offset === undefined) offset = nodeAt(parsed.doc, path)?.range?.[0];
      return offset === undefined ? undefined : parsed.lines.positionAt(offset).line;
    },
  };
}
