import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/language-service/lineIndex';

/**
 * Applies LSP TextEdits to a text as an editor would: all ranges refer to the original text, they must
 * not overlap (touching is allowed), edits at the same position keep their order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k].start < spans[k - 1].end) throw new Error(`Overlapping edits: ${JSON.stringify(spans[k - 1])} and ${JSON.stringify(spans[k])}`);
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text of `uri` after a code action's workspace edit (unchanged when the action does not touch it). */
export function applyAction(action: CodeAction, uri: string, text: string): string {
  return applyEdits(text, action.edit?.changes?.[uri] ?? []);
}
