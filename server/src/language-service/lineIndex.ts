import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Maps UTF-16 offsets (what JavaScript strings and the `yaml` package use) to LSP positions and back.
 * Built once per document version; lookups are O(log lines).
 */
export class LineIndex {
  private readonly starts: number[];

  /** `starts`: the line starts of `text`, when the caller has them (see `edited`). */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? lineStartsOf(text, 0, text.length, [0]);
  }

  /**
   * The index of `text`, which is `previous.text` with [start, oldEnd) replaced by [start, newEnd) of
   * `text`: only the lines around the edit are scanned again. Takes over `previous`'s table (the lines
   * after the edit are moved in place): `previous` must not be used afterwards.
   */
  static edited(previous: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const starts = previous.starts;
    // A line starts after \n, or after \r not followed by \n: one character of margin on each side.
    const from = Math.max(0, start - 1);
    const first = upperBound(starts, from);
    const last = upperBound(starts, oldEnd + 1);
    const fresh = lineStartsOf(text, from, Math.min(text.length, newEnd + 1), []);
    const delta = newEnd - oldEnd;
    starts.splice(first, last - first, ...fresh);
    for (let i = first + fresh.length; i < starts.length; i++) starts[i] += delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break (between \r and \n) maps to the end of the line, never past it.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}

/** Appends to `out` the line starts in (from, to]: offsets after \n, or after \r not followed by \n. */
function lineStartsOf(text: string, from: number, to: number, out: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) {
        // The start is after the \n, when it is in range.
        if (i + 1 < to) out.push(i + 2);
        i++;
      } else out.push(i + 1);
    } else if (c === 10 /* \n */) {
      out.push(i + 1);
    }
  }
  return out;
}

/** The first index whose value is greater than `x` (the values are ascending). */
function upperBound(values: number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
