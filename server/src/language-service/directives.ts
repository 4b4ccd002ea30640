/**
 * Suppression directives: `# amo-disable-line [CODE…]` silences findings on its own line,
 * `# amo-disable-next-line [CODE…]` those on the line below. A file must not be able to hide its own
 * errors with them, so a directive counts only under these rules (docs/format.md):
 *
 * 1. It is a real YAML comment: the `#` starts a comment (at the start of the line or after a blank,
 *    outside every scalar of the parse), not text inside a quoted, plain or block scalar
 *    (`nature: 'zzz # amo-disable-line SCH-004'` silences nothing).
 *    Its codes are the words after `amo-disable-(next-)line` up to the end of the comment or a second `#`.
 * 2. It silences a finding only when the finding's range starts on its target line, and that line reads
 *    as one entry (crowdedLines): one map pair or sequence item, with the entries of its own value when
 *    that value is written in flow style on the line (`- {id: J1, date: …}`). A line with entries side
 *    by side (`[{id: A}, {id: B}]`) or a whole document written on one line is crowded: a directive there
 *    or above it silences nothing.
 * 3. With no code, it silences every code of the line in a trusted workspace and nothing in an untrusted
 *    one (the server passes `trusted: false`, `DiagnosticOptions`).
 *
 * Cost: lines are pre-filtered by a regular expression, read once each; the tree walks (scalars, then
 * entries near the directives' lines) run once per call, and only when some line looks like a directive.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument } from './parse';

/** Cheap pre-filter on a line's text (may match inside a string: directivesOf decides). */
const LOOKS_LIKE = /#\s*amo-disable-(?:next-)?line\b/;
/** A comment token that is a directive; codes up to a second `#`. */
const DIRECTIVE = /^#\s*amo-disable-(next-)?line\b([^#]*)/;

export interface Directive {
  /** 0-based line of the comment. */
  line: number;
  next: boolean;
  /** Codes named; empty: every code (trusted workspaces only). */
  codes: string[];
  /** Offset just after the last code (or the keyword): where a quick fix appends one. */
  end: number;
  /** The codes are separated by commas. */
  commas: boolean;
}

/** The [start, end) ranges of the document's scalars (keys and values; quoted, plain and block), by start. */
function scalarRanges(parsed: ParsedDocument): { starts: number[]; ends: number[] } {
  const ranges: [number, number][] = [];
  const stack: unknown[] = [parsed.doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (n.range) ranges.push([n.range[0], n.range[1]]);
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items as unknown[]) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return { starts: ranges.map((r) => r[0]), ends: ranges.map((r) => r[1]) };
}

/**
 * The directives of a document: only real comments (rule 1), keyed by the line they are written on. A
 * comment starts at a `#` at the start of a line or after a space or tab, outside every scalar (the
 * parse's ranges: a quoted, plain or block scalar holds its `#`); the first such `#` of a line starts
 * its comment, and a directive is a comment that begins with `amo-disable-(next-)line`. The parse's tree
 * is walked once, and only when the text holds something that looks like a directive.
 */
export function directivesOf(parsed: ParsedDocument): Map<number, Directive> {
  const out = new Map<number, Directive>();
  const looks = new RegExp(LOOKS_LIKE.source, 'g');
  const candidates = new Set<number>();
  for (let m = looks.exec(parsed.text); m; m = looks.exec(parsed.text)) candidates.add(parsed.lines.positionAt(m.index).line);
  if (!candidates.size) return out;
  const { starts, ends } = scalarRanges(parsed);
  const insideScalar = (offset: number): boolean => {
    // The last scalar starting at or before `offset` (scalars do not overlap).
    let lo = 0;
    let hi = starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && offset < ends[k];
  };
  for (const line of candidates) {
    const text = parsed.lines.lineText(line);
    const base = parsed.lines.offsetAt({ line, character: 0 });
    for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
      if (i > 0 && text[i - 1] !== ' ' && text[i - 1] !== '\t') continue;
      if (insideScalar(base + i)) continue;
      // The comment of this line starts here: a directive or not, it runs to the end of the line.
      const m = DIRECTIVE.exec(text.slice(i));
      if (m) out.set(line, { line, next: Boolean(m[1]), codes: m[2].split(/[\s,]+/).filter(Boolean), end: base + i + m[0].replace(/\s+$/, '').length, commas: m[2].includes(',') });
      break;
    }
  }
  return out;
}

/** A map pair or a sequence item: where it starts and ends, and the node it holds. */
interface Entry {
  start: number;
  end: number;
  value: unknown;
}

/** Per line, the collections with entries starting on it, outermost first (see crowdedLines). */
interface LineChain {
  links: { coll: unknown; count: number; first: Entry }[];
  crowded: boolean;
}

/**
 * The lines among `targets` a directive cannot silence (rule 2). A line can be silenced when it reads as
 * one entry: the collections with entries starting on it form one chain, each inside the single entry
 * of the one before that starts on the line (`- id: A`, `a: {b: 1}`, `- - x`), and only the innermost
 * may have several entries there, when it is the value of the entry before it (a record written on its
 * line, `- {id: J1, date: …}`, or `nature: [a, b]`). Crowded: two entries side by side (`{a: 1, b: 2}` as
 * a document, `[{id: A}, {id: B}]`, items of a flow sequence continued on the line), entries nested under
 * one of several (`- {id: A, lots: [L1]}`), and any line of a document written on one line (its root is a
 * collection that begins and ends there). One pass over the tree in document order.
 */
export function crowdedLines(parsed: ParsedDocument, targets: ReadonlySet<number>): Set<number> {
  const crowded = new Set<number>();
  if (!targets.size) return crowded;
  const lineOf = (offset: number): number => parsed.lines.positionAt(offset).line;
  const root = parsed.doc.contents as Node | null;
  if ((isMap(root) || isSeq(root)) && root.range && root.items.length > 0) {
    const line = lineOf(root.range[0]);
    if (targets.has(line) && lineOf(root.range[1]) === line) crowded.add(line);
  }
  const chains = new Map<number, LineChain>();
  const see = (coll: unknown, e: Entry): void => {
    const line = lineOf(e.start);
    if (!targets.has(line)) return;
    let chain = chains.get(line);
    if (!chain) chains.set(line, (chain = { links: [], crowded: false }));
    if (chain.crowded) return;
    const last = chain.links[chain.links.length - 1];
    if (last?.coll === coll) last.count++;
    else if (chain.links.some((l) => l.coll === coll)) chain.crowded = true; // a sibling after a deeper collection
    else if (last && !(last.count === 1 && e.start >= last.first.start && e.start < last.first.end)) chain.crowded = true; // beside, not inside, the line's entry
    else chain.links.push({ coll, count: 1, first: e });
  };
  // Pre-order, in document order: an entry is seen before the entries it contains and after those before it.
  type Task = { node: unknown } | { coll: unknown; entry: Entry; inside: unknown[] };
  const stack: Task[] = [{ node: root }];
  while (stack.length) {
    const t = stack.pop()!;
    if (!('node' in t)) {
      see(t.coll, t.entry);
      for (let i = t.inside.length - 1; i >= 0; i--) stack.push({ node: t.inside[i] });
      continue;
    }
    const n = t.node;
    if (!isMap(n) && !isSeq(n)) continue;
    const entries: Task[] = [];
    for (const item of n.items as unknown[]) {
      if (isPair(item)) {
        const k = item.key as Node | null;
        const v = item.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        if (start !== undefined) entries.push({ coll: n, entry: { start, end: v?.range?.[1] ?? k?.range?.[1] ?? start, value: v }, inside: [k, v] });
      } else if ((isScalar(item) || isAlias(item) || isMap(item) || isSeq(item)) && item.range) {
        entries.push({ coll: n, entry: { start: item.range[0], end: item.range[1], value: item }, inside: [item] });
      }
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]);
  }
  for (const [line, chain] of chains) {
    const k = chain.links.length;
    const last = chain.links[k - 1];
    // Several entries on the line: only as the value of the entry before them, itself on the line.
    if (chain.crowded || (last.count > 1 && (k < 2 || chain.links[k - 2].first.value !== last.coll))) crowded.add(line);
  }
  return crowded;
}

/**
 * Whether the finding starting on `line` with `code` is silenced (rules 1–3). Built once per
 * toDiagnostics; the tree walks happen on the first finding whose line or the line above looks like a directive.
 */
export function suppressor(parsed: ParsedDocument, trusted = true): (line: number, code: string) => boolean {
  const looks = new Map<number, boolean>();
  const looksLike = (line: number): boolean => {
    let v = looks.get(line);
    if (v === undefined) looks.set(line, (v = LOOKS_LIKE.test(parsed.lines.lineText(line))));
    return v;
  };
  let index: { directives: Map<number, Directive>; crowded: Set<number> } | undefined;
  const build = (): { directives: Map<number, Directive>; crowded: Set<number> } => {
    const directives = directivesOf(parsed);
    const targets = new Set([...directives.values()].map((d) => (d.next ? d.line + 1 : d.line)));
    return { directives, crowded: crowdedLines(parsed, targets) };
  };
  const silences = (d: Directive | undefined, next: boolean, code: string): boolean =>
    d !== undefined && d.next === next && (d.codes.length ? d.codes.includes(code) : trusted);
  return (line, code) => {
    if (!looksLike(line) && !(line > 0 && looksLike(line - 1))) return false;
    index ??= build();
    if (index.crowded.has(line)) return false;
    return silences(index.directives.get(line), false, code) || (line > 0 && silences(index.directives.get(line - 1), true, code));
  };
}
