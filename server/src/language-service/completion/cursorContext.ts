import type { ParsedDocument } from '../parse';
import type { PathSegment } from '../types';
import { containerAbove, keysBelow, LineReader, scanLine, unquote, valuePath, type LineInfo } from './lineScan';

/** What the cursor completes, read from the text (robust to the incomplete YAML of a line being typed). */
export interface CursorContext {
  /** `key`: a key of the map at `path`; `item`: a new `- ` item of the sequence at `path`; `value`: the value at `path`. */
  kind: 'key' | 'item' | 'value';
  path: PathSegment[];
  /** Offsets of the word under the cursor: the range a completion replaces. */
  start: number;
  end: number;
  /** The part of the word before the cursor. */
  word: string;
  /** Column where the inserted key or item starts: continuation lines of snippets are indented from it. */
  col: number;
  /** Keys already present in the map (kind `key`). */
  existing: Set<string>;
  /** The first key of a new item, right after `- `. */
  afterDash: boolean;
  /** Inside a flow collection (`{…}`, `[…]`): single-line insertions only. */
  flow: boolean;
  /** The value follows `key:` with no blank: the completion inserts one. */
  needsSpace: boolean;
  /** A colon already follows the word (`tit|re: x`): a key completion inserts the name only. */
  colonAfter: boolean;
  /** Kind `item`: the number of items above (the index of the new item). */
  index: number;
}

const WORD = /[\w\u00C0-\u024F.-]/;

/** The completion context at `offset`, or undefined where nothing can be completed (comments, free text). */
export function cursorContext(parsed: ParsedDocument, offset: number): CursorContext | undefined {
  const pos = parsed.lines.positionAt(offset);
  const r = new LineReader(parsed);
  const text = r.text(pos.line);
  const lineStart = offset - pos.character;
  let s = pos.character;
  while (s > 0 && WORD.test(text[s - 1])) s--;
  // A word starts with a letter or digit: a leading `-` is a sequence indicator being typed.
  while (s < pos.character && (text[s] === '-' || text[s] === '.')) s++;
  let e = pos.character;
  while (e < text.length && WORD.test(text[e])) e++;
  const head = text.slice(0, s);
  if (/(^|\s)#/.test(head)) return undefined;
  const base: CursorContext = {
    kind: 'key', path: [], start: lineStart + s, end: lineStart + e, word: text.slice(s, pos.character), col: s,
    existing: new Set(), afterDash: false, flow: false, needsSpace: false, colonAfter: /^[ \t]*:(\s|$)/.test(text.slice(e)), index: 0,
  };
  const info = scanLine(head);
  const rest = head.slice(info.valueCol);
  const lastIdx = info.entries.length - 1;
  const last = info.entries[lastIdx];
  if (rest.trim() === '') {
    if (!last) {
      const c = containerAbove(r, pos.line, s);
      if (!c) return undefined;
      if (c.dashes > 0 && c.keys.length === 0) return { ...base, kind: 'item', path: c.path, index: c.dashes };
      return { ...base, kind: 'key', path: c.path, existing: new Set([...c.keys, ...keysBelow(r, pos.line, s)]) };
    }
    const path = valuePath(r, pos.line, info, lastIdx);
    if (!path) return undefined;
    if (last.kind === 'dash') return { ...base, kind: 'key', path, afterDash: true, existing: new Set(keysBelow(r, pos.line, s)) };
    return { ...base, kind: 'value', path, needsSpace: !/\s$/.test(head) };
  }
  if ((rest[0] === '{' || rest[0] === '[') && last) {
    const path = valuePath(r, pos.line, info, lastIdx);
    return path && flowContext(base, path, head, info, text.slice(e));
  }
  return undefined;
}

interface Frame {
  kind: 'map' | 'seq';
  keys: string[];
  index: number;
  key?: string;
  afterColon: boolean;
}

/** Inside `{…}` or `[…]` on the cursor line: a small tokenizer of flow syntax up to the cursor. */
function flowContext(base: CursorContext, basePath: PathSegment[], head: string, info: LineInfo, after: string): CursorContext | undefined {
  const frames: Frame[] = [];
  let tok = info.valueCol;
  for (let i = info.valueCol; i < head.length; i++) {
    const ch = head[i];
    const top = frames[frames.length - 1];
    if (ch === '"' || ch === "'") {
      const close = head.indexOf(ch, i + 1);
      if (close < 0) return undefined; // inside a quoted string
      i = close;
    } else if (ch === '{' || ch === '[') {
      frames.push({ kind: ch === '{' ? 'map' : 'seq', keys: [], index: 0, afterColon: false });
      tok = i + 1;
    } else if (ch === '}' || ch === ']') {
      frames.pop();
      if (frames.length === 0) return undefined;
    } else if (ch === ',' && top) {
      if (top.kind === 'map') {
        top.afterColon = false;
        top.key = undefined;
      } else top.index++;
      tok = i + 1;
    } else if (ch === ':' && top?.kind === 'map' && !top.afterColon && (i + 1 === head.length || /[\s,}\]]/.test(head[i + 1]))) {
      top.key = unquote(head.slice(tok, i).trim());
      top.keys.push(top.key);
      top.afterColon = true;
      tok = i + 1;
    }
  }
  const top = frames[frames.length - 1];
  if (!top) return undefined;
  const path = [...basePath];
  for (const f of frames.slice(0, -1)) {
    if (f.kind === 'seq') path.push(f.index);
    else if (f.key !== undefined) path.push(f.key);
    else return undefined;
  }
  const flow = { ...base, flow: true, col: base.start };
  if (top.kind === 'seq') return { ...flow, kind: 'value', path: [...path, top.index], needsSpace: false };
  if (top.afterColon && top.key !== undefined) return { ...flow, kind: 'value', path: [...path, top.key], needsSpace: head.endsWith(':') };
  return { ...flow, kind: 'key', path, existing: new Set([...top.keys, ...flowKeysAfter(after)]) };
}

/** Keys of the current flow map written after the cursor, up to its closing brace. */
function flowKeysAfter(after: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let tok = 0;
  for (let i = 0; i < after.length; i++) {
    const ch = after[i];
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) tok = i + 1;
    else if (ch === ':' && depth === 0 && /[\s,}]/.test(after[i + 1] ?? ' ')) {
      const k = after.slice(tok, i).trim();
      if (k) keys.push(unquote(k));
    }
  }
  return keys;
}
