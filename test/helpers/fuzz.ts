/**
 * Shared pieces of the robustness tests (properties, hostile inputs, soak): the corpus of real AMO files,
 * mutations of them as fast-check arbitraries, range checks and a side-effect-free service.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { allCodes, createLanguageService, type LanguageService } from '../../server/src/language-service';
import { ROOT, TEST_TODAY, uriOf } from './service';

/** Cases per property: 200 by default (CI), more with AMO_FUZZ_RUNS=5000 (`npm run fuzz`). */
export const FUZZ_RUNS = Math.max(1, Number(process.env.AMO_FUZZ_RUNS) || 200);

/**
 * The seed of this run. `npm test` (and so CI) uses a fixed seed, so that a red build is the code's doing
 * and replays anywhere; exploration uses fresh seeds (`npm run fuzz` sets AMO_FUZZ_SEED=random) and every
 * failure it finds becomes a fix plus a regression test. AMO_FUZZ_SEED=<n> replays a failure.
 */
export const CI_FUZZ_SEED = 20261128;
const seedSetting = process.env.AMO_FUZZ_SEED;
export const FUZZ_SEED =
  seedSetting === 'random' ? Math.floor(Math.random() * 0x7fffffff) : seedSetting ? Number(seedSetting) : CI_FUZZ_SEED;

/** A generous bound per document to catch hangs (not a performance test: benchmarks measure speed). */
export const TIME_BOUND_MS = 2000;

export interface CorpusFile {
  uri: string;
  name: string;
  text: string;
}

/** The examples and every golden fixture: real AMO files to mutate. */
export function loadCorpus(): CorpusFile[] {
  const dirs = ['examples', 'examples/erreurs', 'test/fixtures/rules'];
  return dirs.flatMap((d) => {
    const dir = path.join(ROOT, d);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => /\.(programme|consultation)\.ya?ml$/.test(f))
      .sort()
      .map((f) => ({ uri: uriOf(path.join(dir, f)), name: `${d}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  });
}

/**
 * A service over an in-memory workspace (no disk access at all, whatever a mutated `programme:` names),
 * with rule failures collected in `logs` (a rule that throws is a bug the property must report).
 */
export function memoryService(files: ReadonlyMap<string, string>): { service: LanguageService; logs: string[] } {
  const logs: string[] = [];
  const service = createLanguageService({
    workspace: { readText: (uri) => files.get(uri), listDocuments: () => [...files.keys()] },
    today: () => TEST_TODAY,
    log: (m) => logs.push(m),
  });
  return { service, logs };
}

/** Values that stress types and scalars: huge numbers, NaN-like strings, dates that are not, unicode, YAML syntax. */
export const HOSTILE_VALUES: readonly string[] = [
  '0', '-0', '1e308', '-1e308', '1e309', '4.9e-324', '.nan', '.inf', '-.inf', 'NaN', '"NaN"', 'Infinity', '-Infinity',
  '9007199254740993', '99999999999999999999999999999999', '0x1F', '0o17', '1_000', '+12', '12.', '-1', '1.5e-10',
  'true', 'false', 'yes', 'null', '~', '""', "''", '[]', '{}', '[1, [2, [3]]]', '{a: {b: {c: 1}}}', '[{}, [], ~]',
  '2027-02-30', '2027-13-45', '0000-00-00', '9999-12-31', '2026-08-21T00:00:00Z', '"2026-08-21"', '2026-8-1',
  'é', 'e\u0301\u0301\u0301', '🏗️👷‍♀️', '\u202Eطلب\u202C', 'שלום עולם', '\u0000', '"\\0"', '"\\u0000"', '\uFEFF',
  '"\\uD800"', '\uD800', '\uDC00x', '\u2028', '\u0085', '&a x', '*a', '*nope', '&b [*a]', '!!binary aGVsbG8=', '!!str 12',
  '!local x', '!!map {}', '!!int "x"', '|\n  block', '>-\n  folded', '"unterminated', "'unterminated", '{', '[', '}',
  ']', '#', '- x', '? x', ':', ': :', '%YAML 1.2', '---', '...', '- - -', 'a: b: c', '"a" "b"', '@x', '`x`',
  `"${'x'.repeat(20000)}"`, 'x'.repeat(5000), '<script>alert(1)</script>', '${process.exit(1)}', '__proto__', 'constructor',
];

/** Characters and short strings to insert anywhere: combining marks, emoji, RTL, NUL, BOM, line and YAML indicators. */
export const HOSTILE_INSERTS: readonly string[] = [
  '\u0301', '\u0300\u0301\u0302', '🏗️', '👩‍👩‍👧‍👦', '\u202E', '\u200F', '\u200B', '\u0000', '\uFEFF', '\uD800', '\uDC00',
  '\t', '\r', '\r\n', '\n', '\u2028', '\u0085', '\x7F', '\x1B[31m', '\\', '"', "'", ':', ': ', '#', '&', '*', '!', '|',
  '>', '%', '@', '`', '{', '}', '[', ']', ',', '?', '- ', '---\n', '...\n', '<<: *a\n', '__proto__: 1\n',
];

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; to: number }
  | { kind: 'value'; at: number; value: string }
  | { kind: 'block-value'; at: number; items: number; map: boolean }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'indent'; at: number; delta: number; tab: boolean }
  | { kind: 'nest'; at: number; depth: number; style: 'flow-seq' | 'flow-map' | 'compact-seq' | 'block-map' }
  | { kind: 'crlf' }
  | { kind: 'bom' };

const nat = fc.nat({ max: 1_000_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: nat }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: nat }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('swap' as const), at: nat, to: nat }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('value' as const), at: nat, value: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ maxLength: 12 })) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('block-value' as const), at: nat, items: fc.integer({ min: 0, max: 4 }), map: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: nat,
      text: fc.oneof(fc.constantFrom(...HOSTILE_INSERTS), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 })),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: nat }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('indent' as const), at: nat, delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      at: nat,
      depth: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1000, max: 12000 })),
      style: fc.constantFrom('flow-seq' as const, 'flow-map' as const, 'compact-seq' as const, 'block-map' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'crlf' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'bom' as const }), weight: 1 },
);

function nested(depth: number, style: 'flow-seq' | 'flow-map' | 'compact-seq' | 'block-map', indent: string): string {
  switch (style) {
    case 'flow-seq':
      return '['.repeat(depth) + ']'.repeat(depth);
    case 'flow-map':
      return '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
    case 'compact-seq':
      return `\n${indent}  ${'- '.repeat(depth)}x`;
    default: {
      // Block maps need one more indentation per level: cap the depth so the text stays under a megabyte.
      const d = Math.min(depth, 1200);
      let s = '';
      for (let i = 1; i <= d; i++) s += `\n${indent}${' '.repeat(i)}k:`;
      return `${s} 1`;
    }
  }
}

/** Applies one mutation to a text. Pure; indices are taken modulo the sizes. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = 'at' in m ? m.at % Math.max(1, lines.length) : 0;
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swap': {
      const j = m.to % Math.max(1, lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'value':
    case 'block-value':
    case 'nest': {
      const line = lines[i] ?? '';
      const kv = /^(\s*(?:- )?[^:#\s][^:#]*:)(?:\s.*)?$/.exec(line);
      const head = kv ? kv[1] : line.replace(/\S.*$/, '') + 'x:';
      const indent = /^\s*/.exec(line)![0];
      let value: string;
      if (m.kind === 'value') value = ` ${m.value.replace(/\n/g, `\n${indent}`)}`;
      else if (m.kind === 'nest') value = ` ${nested(m.depth, m.style, indent)}`.replace(/^ \n/, '\n');
      else value = Array.from({ length: m.items }, (_, k) => `\n${indent}  ${m.map ? `k${k}: ${k}` : `- ${k}`}`).join('');
      lines[i] = head + value;
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'indent': {
      const line = lines[i] ?? '';
      lines[i] = m.delta >= 0 ? (m.tab ? '\t' : ' ').repeat(m.delta) + line : line.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return '\uFEFF' + text;
  }
}

/** A corpus file with 1 to 6 mutations applied, keeping the file's name (hence its kind). */
export function mutatedDocArb(corpus: readonly CorpusFile[]): fc.Arbitrary<{ uri: string; text: string; from: string; mutations: Mutation[] }> {
  return fc
    .record({ file: fc.constantFrom(...corpus), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }) })
    .map(({ file, mutations }) => ({ uri: file.uri, from: file.name, mutations, text: mutations.reduce(mutate, file.text) }));
}

const YAML_TOKENS = [
  'operation', 'phases', 'criteres', 'ponderation', 'programme', 'id', ':', ': ', '- ', '\n', '\n  ', '\n    ', '[', ']', '{', '}',
  ',', '"', "'", '#', '&a ', '*a', '!!str ', '|', '>', '?', '---', '...', '%YAML', '\t', '\r\n', '100', '2027-01-11', 'é', '🏗️',
];

/** Texts from nothing: random code units, random UTF-8 and Latin-1 bytes, YAML token soup. */
export const randomTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 300 }).map((t) => t.join('')),
);

/** The LSP lines of a text (\n, \r\n and \r end a line, as in LineIndex and editors). */
export function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function positionInside(p: Position, lines: readonly string[], what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
  assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
  assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} outside 0..${lines[p.line].length} on line ${p.line}`);
}

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Asserts 0 ≤ line < lineCount, 0 ≤ character ≤ line length for both ends, and start ≤ end. */
export function assertRangeInside(r: Range, lines: readonly string[], what: string): void {
  assert.ok(r && r.start && r.end, `${what}: missing range`);
  positionInside(r.start, lines, `${what} start`);
  positionInside(r.end, lines, `${what} end`);
  assert.ok(before(r.start, r.end), `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
}

export function assertPositionInside(p: Position, lines: readonly string[], what: string): void {
  positionInside(p, lines, what);
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

const CODES = new Set(allCodes().map((r) => r.id));

/** Every code the diagnostics may carry: those of docs/rules.md. */
export function isDocumentedCode(code: string): boolean {
  return CODES.has(code);
}

/** The offset of an LSP position in a text (lines as lspLines; characters clamped to the line). */
function offsetAt(text: string, p: Position): number {
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let line = 0; line < p.line; line++) {
    const m = re.exec(text);
    if (!m) return text.length;
    start = m.index + m[0].length;
  }
  const m = re.exec(text);
  const end = m ? m.index : text.length;
  return Math.min(start + p.character, end);
}

/** Applies non-overlapping TextEdits as an editor does (overlap is an LSP violation: it throws). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k].start < spans[k - 1].end) throw new Error(`Overlapping edits ${JSON.stringify(spans[k - 1])} and ${JSON.stringify(spans[k])}`);
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text edits of a WorkspaceEdit per URI (`changes` and `documentChanges` alike). */
export function editsByUri(edit: WorkspaceEdit | undefined): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  const add = (uri: string, edits: readonly TextEdit[]): void => void out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) add(uri, edits);
  for (const dc of edit?.documentChanges ?? []) if ('textDocument' in dc) add(dc.textDocument.uri, dc.edits as TextEdit[]);
  return out;
}

/** Runs a fast-check property with this run's seed; a failure names the seed and how to replay it. */
export function check<T>(title: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, runs = FUZZ_RUNS): void {
  const details = fc.check(fc.property(arb, predicate), { numRuns: runs, seed: FUZZ_SEED });
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const shown = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 2000 ? `${v.slice(0, 2000)}…(${v.length} chars)` : v));
    assert.fail(
      `${title}: property failed after ${details.numRuns} case(s) with seed ${details.seed} (path ${details.counterexamplePath}).\n` +
        `Replay: AMO_FUZZ_SEED=${details.seed} npx mocha --no-config -r tsx/cjs test/unit/properties.test.ts\n${error}\nCounterexample: ${shown.slice(0, 6000)}`,
    );
  }
}

/** `check` for an async predicate (exports build their files asynchronously); no shrinking (each case costs whole exports): the first failure is reported with its seed. */
export async function checkAsync<T>(title: string, arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, runs = FUZZ_RUNS, replay = 'test/unit/properties.test.ts'): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arb, predicate), { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true });
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const shown = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 2000 ? `${v.slice(0, 2000)}…(${v.length} chars)` : v));
    assert.fail(
      `${title}: property failed after ${details.numRuns} case(s) with seed ${details.seed} (path ${details.counterexamplePath}).\n` +
        `Replay: AMO_FUZZ_SEED=${details.seed} npx mocha --no-config -r tsx/cjs ${replay}\n${error}\nCounterexample: ${shown.slice(0, 6000)}`,
    );
  }
}
