/**
 * Property-based tests of the language service (fast-check): random mutations of the examples and golden
 * fixtures, and texts from nothing. Invariants: nothing throws, every range lies inside the document,
 * results are deterministic, each document is handled in bounded time, every diagnostic is documented.
 * Features of the facade are exercised when present (checked at run time, so that a method still being
 * written or renamed does not break this file). AMO_FUZZ_RUNS sets the cases per property (200 by
 * default; `npm run fuzz` runs 5,000), AMO_FUZZ_SEED replays a failure.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { Lexer, parseDocument } from 'yaml';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import type { AmoDiagnostic, LanguageService, TextDocumentLike } from '../../server/src/language-service';
import {
  assertPositionInside,
  assertRangeInside,
  check,
  editsByUri,
  applyTextEdits,
  FUZZ_RUNS,
  FUZZ_SEED,
  isDocumentedCode,
  loadCorpus,
  lspLines,
  memoryService,
  mutatedDocArb,
  randomTextArb,
  rangeContains,
  TIME_BOUND_MS,
} from '../helpers/fuzz';

const corpus = loadCorpus();
const files = new Map(corpus.map((f) => [f.uri, f.text]));
const mutated = mutatedDocArb(corpus);
const KINDS = ['file:///virtual/fuzz.programme.yaml', 'file:///virtual/fuzz.consultation.yaml', 'file:///virtual/fuzz.yaml'];
const randomDoc = fc.record({ uri: fc.constantFrom(...KINDS), text: randomTextArb });
/** Either kind of input, so that every property sees both. */
const anyDoc = fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: randomDoc, weight: 1 });

/** A method of the facade by name, or undefined when this build of the service does not have it. */
type Method = (...args: unknown[]) => unknown;
function method(service: LanguageService, name: string): Method | undefined {
  const m = (service as unknown as Record<string, unknown>)[name];
  return typeof m === 'function' ? (m as Method).bind(service) : undefined;
}
const probe = memoryService(files).service;
const has = (name: string): boolean => method(probe, name) !== undefined;
const presence = (name: string): string => (has(name) ? '' : ' (absent from the service: skipped)');

function timed<T>(what: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  assert.ok(ms < TIME_BOUND_MS, `${what} took ${Math.round(ms)} ms (bound ${TIME_BOUND_MS} ms)`);
  return result;
}

/** Diagnostics, with every invariant of a published diagnostic checked. */
function checkedDiagnostics(service: LanguageService, logs: string[], doc: TextDocumentLike): AmoDiagnostic[] {
  const diags = timed('getDiagnostics', () => service.getDiagnostics(doc));
  const lines = lspLines(doc.text);
  for (const d of diags) {
    assertRangeInside(d.range, lines, `${d.code} range`);
    assert.strictEqual(d.source, 'amo', `${d.code}: source`);
    assert.ok(isDocumentedCode(d.code), `code ${d.code} is not in docs/rules.md (allCodes())`);
    assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, `${d.code}: severity ${d.severity}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${d.code}: empty message`);
  }
  assert.deepStrictEqual(logs, [], 'a rule threw (logged by the service)');
  return diags;
}

const positionArb = fc.record({ line: fc.integer({ min: -2, max: 600 }), character: fc.integer({ min: -2, max: 300 }) });

/** Random positions, most of them inside the document, a few beyond its end or negative. */
function positionsIn(text: string, raw: { line: number; character: number }[]): Position[] {
  const lines = lspLines(text);
  return raw.map((p, i) => {
    if (i % 4 === 3) return p; // garbage: past the end, or negative
    const line = Math.abs(p.line) % lines.length;
    return { line, character: Math.abs(p.character) % (lines[line].length + 1) };
  });
}

function comments(text: string): string[] {
  const out: string[] = [];
  for (const tok of new Lexer().lex(text)) if (tok.startsWith('#')) out.push(tok.trimEnd());
  return out.sort();
}

function parsesWithoutSyntaxError(service: LanguageService, doc: TextDocumentLike): boolean {
  return !service.getDiagnostics(doc).some((d) => d.code === 'YAML-001');
}

describe(`language service properties (fast-check, ${FUZZ_RUNS} cases each, seed ${FUZZ_SEED})`, function () {
  // Bounded by the cases (~1 min in all at 200); `npm run fuzz` (5,000 cases) needs much longer.
  this.timeout(Math.max(120_000, FUZZ_RUNS * 600));

  it('has a corpus', () => assert.ok(corpus.length >= 4, `${corpus.length} files`));

  it('mutated examples and fixtures: no exception, ranges inside, documented codes, bounded time', () => {
    const { service, logs } = memoryService(files);
    check('mutations', mutated, (doc) => void checkedDiagnostics(service, logs, doc));
  });

  it('random text and bytes: no exception, ranges inside, documented codes, bounded time', () => {
    const { service, logs } = memoryService(files);
    check('random text', randomDoc, (doc) => void checkedDiagnostics(service, logs, doc));
  });

  it('determinism: the same text gives the same diagnostics, again, after another text, and in a fresh service', () => {
    const { service, logs } = memoryService(files);
    check('determinism', fc.tuple(anyDoc, anyDoc), ([doc, other]) => {
      const first = checkedDiagnostics(service, logs, doc);
      assert.deepStrictEqual(service.getDiagnostics(doc), first, 'second call (parse cache)');
      // Another text under the same URI replaces the cached parse; coming back must give the same answer.
      service.getDiagnostics({ uri: doc.uri, text: other.text });
      assert.deepStrictEqual(service.getDiagnostics(doc), first, 'after another text under the same URI');
      assert.deepStrictEqual(memoryService(files).service.getDiagnostics(doc), first, 'fresh service');
    });
  });

  const positional = ['getCompletions', 'getHover', 'getDefinition', 'getReferences', 'prepareRename'];
  const present = positional.filter(has);
  it(`features at random positions: no exception, ranges inside (${present.join(', ') || 'none present'}${present.length < positional.length ? `; absent: ${positional.filter((n) => !has(n)).join(', ')}` : ''})`, function () {
    if (!present.length) this.skip();
    const { service } = memoryService(files);
    check('positional features', fc.record({ doc: anyDoc, raw: fc.array(positionArb, { minLength: 1, maxLength: 4 }) }), ({ doc, raw }) => {
      const lines = lspLines(doc.text);
      for (const pos of positionsIn(doc.text, raw)) {
        const at = `at ${JSON.stringify(pos)}`;
        const completions = method(service, 'getCompletions');
        if (completions) {
          const list = timed('getCompletions', () => completions(doc, pos)) as CompletionList | null;
          for (const item of list?.items ?? []) {
            const te = item.textEdit;
            if (te && 'range' in te) assertRangeInside(te.range, lines, `completion ${item.label} ${at}`);
            if (te && 'insert' in te) {
              assertRangeInside(te.insert, lines, `completion ${item.label} insert ${at}`);
              assertRangeInside(te.replace, lines, `completion ${item.label} replace ${at}`);
            }
            for (const e of item.additionalTextEdits ?? []) assertRangeInside(e.range, lines, `completion ${item.label} additional edit ${at}`);
          }
        }
        const hover = method(service, 'getHover');
        if (hover) {
          const h = timed('getHover', () => hover(doc, pos)) as Hover | null;
          if (h?.range) assertRangeInside(h.range, lines, `hover ${at}`);
        }
        for (const name of ['getDefinition', 'getReferences']) {
          const fn = method(service, name);
          if (!fn) continue;
          const locs = timed(name, () => fn(doc, pos, { includeDeclaration: true })) as Location[] | null;
          for (const l of locs ?? []) if (l.uri === doc.uri) assertRangeInside(l.range, lines, `${name} ${at}`);
        }
        const prepare = method(service, 'prepareRename');
        if (prepare) {
          const r = timed('prepareRename', () => prepare(doc, pos)) as { range?: Range } | null;
          if (r?.range) assertRangeInside(r.range, lines, `prepareRename ${at}`);
        }
      }
    });
  });

  it(`document symbols: ranges inside, selectionRange within range${presence('getDocumentSymbols')}`, function () {
    const symbols = method(probe, 'getDocumentSymbols');
    if (!symbols) this.skip();
    const { service } = memoryService(files);
    const fn = method(service, 'getDocumentSymbols')!;
    check('document symbols', anyDoc, (doc) => {
      const lines = lspLines(doc.text);
      const stack = [...((timed('getDocumentSymbols', () => fn(doc)) as DocumentSymbol[] | null) ?? [])];
      while (stack.length) {
        const s = stack.pop()!;
        assertRangeInside(s.range, lines, `symbol ${s.name} range`);
        assertRangeInside(s.selectionRange, lines, `symbol ${s.name} selectionRange`);
        // VS Code rejects the whole outline when a selectionRange is outside its range.
        assert.ok(rangeContains(s.range, s.selectionRange), `symbol ${s.name}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
        for (const c of s.children ?? []) {
          assert.ok(rangeContains(s.range, c.range), `symbol ${c.name} outside its parent ${s.name}`);
          stack.push(c);
        }
      }
    });
  });

  it(`folding and selection ranges: inside the document, selection chains nested${presence('getFoldingRanges')}`, function () {
    if (!has('getFoldingRanges') && !has('getSelectionRanges')) this.skip();
    const { service } = memoryService(files);
    check('folding and selection', fc.record({ doc: anyDoc, raw: fc.array(positionArb, { minLength: 1, maxLength: 3 }) }), ({ doc, raw }) => {
      const lines = lspLines(doc.text);
      const folding = method(service, 'getFoldingRanges');
      for (const f of ((folding && timed('getFoldingRanges', () => folding(doc))) as FoldingRange[] | undefined) ?? []) {
        assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.length, `folding ${JSON.stringify(f)} with ${lines.length} lines`);
      }
      const selection = method(service, 'getSelectionRanges');
      if (!selection) return;
      const positions = positionsIn(doc.text, raw).filter((p) => p.line >= 0 && p.character >= 0 && p.line < lines.length);
      const chains = timed('getSelectionRanges', () => selection(doc, positions)) as SelectionRange[];
      for (const head of chains ?? []) {
        let chain: SelectionRange | undefined = head;
        while (chain) {
          assertRangeInside(chain.range, lines, 'selection range');
          if (chain.parent) assert.ok(rangeContains(chain.parent.range, chain.range), `selection parent ${JSON.stringify(chain.parent.range)} does not contain ${JSON.stringify(chain.range)}`);
          chain = chain.parent;
        }
      }
    });
  });

  it(`inlay hints and code lenses: positions inside${presence('getInlayHints')}`, function () {
    if (!has('getInlayHints') && !has('getCodeLenses')) this.skip();
    const { service } = memoryService(files);
    check('hints and lenses', anyDoc, (doc) => {
      const lines = lspLines(doc.text);
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
      const hints = method(service, 'getInlayHints');
      for (const h of ((hints && timed('getInlayHints', () => hints(doc, whole))) as { position: Position }[] | undefined) ?? []) assertPositionInside(h.position, lines, 'inlay hint');
      const lenses = method(service, 'getCodeLenses');
      for (const l of ((lenses && timed('getCodeLenses', () => lenses(doc))) as { range: Range }[] | undefined) ?? []) assertRangeInside(l.range, lines, 'code lens');
    });
  });

  it(`format: idempotent, data unchanged, comments kept${presence('format')}`, function () {
    if (!has('format')) this.skip();
    const { service } = memoryService(files);
    const format = method(service, 'format')!;
    check('format', fc.record({ doc: anyDoc, tabSize: fc.constantFrom(2, 4) }), ({ doc, tabSize }) => {
      const edits = timed('format', () => format(doc, { tabSize })) as TextEdit[];
      const lines = lspLines(doc.text);
      for (const e of edits) assertRangeInside(e.range, lines, 'format edit');
      if (!edits.length) return;
      const once = applyTextEdits(doc.text, edits);
      const before = parseDocument(doc.text, { uniqueKeys: true, strict: true });
      const after = parseDocument(once, { uniqueKeys: true, strict: true });
      assert.strictEqual(before.errors.length, 0, 'format edited a document with syntax errors');
      assert.deepStrictEqual(after.errors.map((e) => e.message), [], 'formatted text does not parse');
      assert.deepStrictEqual(after.toJS({ maxAliasCount: -1 }), before.toJS({ maxAliasCount: -1 }), 'format changed the data');
      assert.deepStrictEqual(comments(once), comments(doc.text), 'format lost or changed comments');
      const again = format({ uri: doc.uri, text: once }, { tabSize }) as TextEdit[];
      assert.strictEqual(applyTextEdits(once, again), once, 'format is not idempotent');
    });
  });

  it(`code actions: applying any edit keeps a well-formed document well-formed${presence('getCodeActions')}`, function () {
    if (!has('getCodeActions')) this.skip();
    const { service } = memoryService(files);
    const actions = method(service, 'getCodeActions')!;
    check('code actions', fc.record({ doc: mutated, pick: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }), ({ doc, pick }) => {
      const diags = service.getDiagnostics(doc);
      if (diags.some((d) => d.code === 'YAML-001') || !diags.length) return;
      for (const p of pick) {
        const diag: Diagnostic = diags[p % diags.length];
        const found = timed('getCodeActions', () => actions(doc, diag.range, [diag])) as CodeAction[];
        for (const action of found ?? []) {
          for (const [uri, edits] of editsByUri(action.edit)) {
            const original = uri === doc.uri ? doc.text : files.get(uri);
            assert.ok(original !== undefined, `${action.title}: edits an unknown document ${uri}`);
            const lines = lspLines(original);
            for (const e of edits) assertRangeInside(e.range, lines, `${action.title} edit of ${uri}`);
            const wasOk = uri === doc.uri || parsesWithoutSyntaxError(memoryService(files).service, { uri, text: original });
            if (!wasOk) continue;
            const text = applyTextEdits(original, edits);
            assert.ok(parsesWithoutSyntaxError(memoryService(files).service, { uri, text }), `${action.title} (${diag.code}) broke the YAML of ${uri}:\n${text.slice(0, 3000)}`);
          }
        }
      }
    });
  });
});
