import type { Position, Range } from 'vscode-languageserver';
import type { TextDocumentLike } from '../language-service';
import { isObj } from '../language-service/util/data';
import type { FeatureContext } from './types';

/** What a request's params must hold, beyond `textDocument.uri`, for its handler to run. */
export interface ParamShape {
  position?: true;
  positions?: true;
  range?: true;
  /** `context` (references, code actions: an object). */
  context?: true;
  /** `options` (formatting: an object). */
  options?: true;
  newName?: true;
}

export function isPosition(v: unknown): v is Position {
  return isObj(v) && Number.isInteger(v.line) && Number.isInteger(v.character);
}

export function isRange(v: unknown): v is Range {
  return isObj(v) && isPosition(v.start) && isPosition(v.end);
}

/** The text of an open document now; undefined when it is not open (requests answer only for open documents). */
export function openDocument(ctx: FeatureContext, uri: string): TextDocumentLike | undefined {
  const doc = ctx.documents.get(uri);
  return doc ? { uri: doc.uri, text: doc.getText() } : undefined;
}

/**
 * The one entry of the feature handlers (docs/robustness.md, "Handler errors"): the open document a request is
 * about, when its params have the shape LSP gives them (`textDocument.uri`, and what `shape` asks for). Malformed
 * params — `{}`, an array, a position of `0.5`, no `context` — give undefined and the handler its empty result:
 * the handler never reads a field that is not there, so nothing is thrown and nothing reaches the log.
 */
export function requestDocument(ctx: FeatureContext, params: unknown, shape: ParamShape = {}): TextDocumentLike | undefined {
  if (!isObj(params) || !isObj(params.textDocument) || typeof params.textDocument.uri !== 'string') return undefined;
  if (shape.position && !isPosition(params.position)) return undefined;
  if (shape.positions && !(Array.isArray(params.positions) && params.positions.every(isPosition))) return undefined;
  if (shape.range && !isRange(params.range)) return undefined;
  if (shape.context && !isObj(params.context)) return undefined;
  if (shape.options && !isObj(params.options)) return undefined;
  if (shape.newName && typeof params.newName !== 'string') return undefined;
  return openDocument(ctx, params.textDocument.uri);
}
