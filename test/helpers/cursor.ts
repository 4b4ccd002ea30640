/**
 * `|` marks the cursor in a test document: `withCursor('phase: PH-|ACT')` gives the text without the
 * marker and the cursor's offset. Exactly one single `|` is allowed; write `||` for a literal `|`
 * (a YAML block scalar).
 */
export function withCursor(marked: string): { text: string; offset: number } {
  let text = '';
  let offset = -1;
  for (let i = 0; i < marked.length; i++) {
    if (marked[i] !== '|') {
      text += marked[i];
    } else if (marked[i + 1] === '|') {
      text += '|';
      i++;
    } else {
      if (offset >= 0) throw new Error(`More than one cursor marker '|' in test text: ${marked}`);
      offset = text.length;
    }
  }
  if (offset < 0) throw new Error(`No cursor marker '|' in test text: ${marked}`);
  return { text, offset };
}

/** The LSP position (line, UTF-16 character) of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
