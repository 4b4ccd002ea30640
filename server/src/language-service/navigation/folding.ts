import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { nodeSpan } from './yamlSpans';

/**
 * Folding ranges: every map, sequence or block scalar spanning two lines or more (from the line of its key,
 * so that `phases:` folds its list), and every run of two or more full-line comments.
 */
export function getFoldingRanges(parsed: ParsedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const blocks: [number, number][] = [];
  const lineOf = (offset: number): number => parsed.lines.positionAt(offset).line;

  const fold = (startLine: number, node: unknown): void => {
    const span = nodeSpan(parsed.text, node);
    if (!span) return;
    const endLine = lineOf(span[1]);
    if (endLine <= startLine) return;
    out.push({ startLine, endLine });
    if (isScalar(node)) blocks.push([startLine + 1, endLine]);
  };

  // An explicit stack: deep documents cannot overflow the call stack.
  const stack: { node: Node; startLine?: number }[] = [];
  const root = parsed.doc.contents as Node | null;
  if (root && (isMap(root) || isSeq(root))) stack.push({ node: root, startLine: -1 });
  while (stack.length) {
    const { node, startLine } = stack.pop()!;
    const span = nodeSpan(parsed.text, node);
    if (!span) continue;
    // The root collection is the whole document: no fold for it.
    if (startLine !== -1) fold(startLine ?? lineOf(span[0]), node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !pair.value) continue;
        const keyLine = isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : undefined;
        const value = pair.value as Node;
        if (isMap(value) || isSeq(value)) stack.push({ node: value, startLine: keyLine });
        else if (isScalar(value) && keyLine !== undefined) fold(keyLine, value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isMap(item) || isSeq(item)) stack.push({ node: item as Node });
        else if (isScalar(item) && item.range) fold(lineOf(item.range[0]), item);
      }
    }
  }
  out.push(...commentBlocks(parsed, blocks));
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Runs of full-line comments, skipping lines inside block scalars (a `#` there is text). */
function commentBlocks(parsed: ParsedDocument, blocks: [number, number][]): FoldingRange[] {
  const inBlock = new Uint8Array(parsed.lines.lineCount);
  for (const [s, e] of blocks) inBlock.fill(1, s, e + 1);
  const out: FoldingRange[] = [];
  let start = -1;
  for (let line = 0; line <= parsed.lines.lineCount; line++) {
    const isComment = line < parsed.lines.lineCount && !inBlock[line] && /^\s*#/.test(parsed.lines.lineText(line));
    if (isComment && start < 0) start = line;
    if (!isComment && start >= 0) {
      if (line - 1 > start) out.push({ startLine: start, endLine: line - 1, kind: FoldingRangeKind.Comment });
      start = -1;
    }
  }
  return out;
}
