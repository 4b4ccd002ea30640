/**
 * Hostile inputs, each with its documented behaviour (docs/robustness.md): alias bombs, deep nesting,
 * huge documents, binary content, broken programme links, line endings, BOM, tabs, prototype keys.
 * Special files (FIFOs, devices) that could block the process are tested through the CLI bundle in
 * test/cli/hostileFiles.test.ts, where a regression times out instead of hanging the runner.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, type AmoDiagnostic, type LanguageService } from '../../server/src/language-service';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, MAX_PARSED_LENGTH, MAX_VALIDATED_LENGTH } from '../../server/src/language-service/limits';
import { readFileUri } from '../../server/src/node/nodeWorkspace';
import { MAX_FILE_BYTES, readRegularFile } from '../../server/src/node/safeRead';
import { applyTextEdits, assertRangeInside, editsByUri, loadCorpus, lspLines, memoryService } from '../helpers/fuzz';
import { TEST_TODAY, uriOf } from '../helpers/service';

const PROG = 'file:///virtual/hostile.programme.yaml';
const CONS = 'file:///virtual/hostile.consultation.yaml';

/** A service whose workspace records every read (and answers from `files` only). */
function spyService(files: Record<string, string> = {}): { service: LanguageService; reads: string[]; logs: string[] } {
  const reads: string[] = [];
  const logs: string[] = [];
  const service = createLanguageService({
    workspace: { readText: (uri) => (reads.push(uri), files[uri]) },
    today: () => TEST_TODAY,
    log: (m) => logs.push(m),
  });
  return { service, reads, logs };
}

/**
 * Bound for one hostile document: catches hangs and blow-ups (the regressions took 30 s to minutes),
 * generous enough for a loaded 2-core CI machine. Speed itself is measured by the benchmarks.
 */
const HANG_MS = 5000;

/** Diagnostics with the time they took and the heap they left; ranges checked. */
function measure(uri: string, text: string, service = spyService().service): { diags: AmoDiagnostic[]; ms: number; heapMb: number } {
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const diags = service.getDiagnostics({ uri, text });
  const ms = performance.now() - started;
  const heapMb = (process.memoryUsage().heapUsed - heap) / 1e6;
  const lines = lspLines(text);
  for (const d of diags) assertRangeInside(d.range, lines, d.code);
  return { diags, ms, heapMb };
}

const codesOf = (diags: readonly Diagnostic[]): string[] => diags.map((d) => String(d.code));

/** Every feature of the facade that exists, at a few positions: none may throw. */
function exerciseFeatures(service: LanguageService, uri: string, text: string): void {
  const doc = { uri, text };
  const lines = lspLines(text);
  const positions = [
    { line: 0, character: 0 },
    { line: Math.floor(lines.length / 2), character: 3 },
    { line: lines.length - 1, character: lines[lines.length - 1].length },
  ];
  const s = service as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
  const call = (name: string, ...args: unknown[]): unknown => (typeof s[name] === 'function' ? s[name]!.apply(service, args) : undefined);
  for (const p of positions) {
    call('getCompletions', doc, p);
    call('getHover', doc, p);
    call('getDefinition', doc, p);
    call('getReferences', doc, p, { includeDeclaration: true });
    call('prepareRename', doc, p);
  }
  call('getDocumentSymbols', doc);
  call('getFoldingRanges', doc);
  call('getSelectionRanges', doc, positions);
  call('getInlayHints', doc, { start: positions[0], end: positions[2] });
  call('getCodeLenses', doc);
  call('format', doc, {});
  call('getCodeActions', doc, { start: positions[0], end: positions[2] }, []);
}

describe('hostile inputs (documented behaviour)', function () {
  this.timeout(60000);

  describe('aliases', () => {
    it('billion laughs (9 levels of 9 aliases): one YAML-001 on the alias, in bounded time and memory', () => {
      let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      let prev = 'a';
      for (const n of 'bcdefghi') {
        text += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
        prev = n;
      }
      const { diags, ms, heapMb } = measure(PROG, text);
      assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
      assert.match(diags[0].message, /alias/i);
      assert.ok(diags[0].range.start.line >= 1, 'on an alias, not on line 1');
      assert.ok(ms < HANG_MS, `${ms} ms`);
      assert.ok(heapMb < 200, `${heapMb} MB`);
    });

    it(`alias amplification under yaml's own guard (999 aliases of a 1,500-node list): refused (was 33 s and 850 MB; OOM at 250 kB)`, () => {
      const items = Array.from({ length: 500 }, (_, i) => `  - {id: L${i}, libelle: x, echeance: 2027-01-0${(i % 9) + 1}}`).join('\n');
      const phases = Array.from({ length: 999 }, (_, i) => `  - {id: P${i}, code: ESQ, libelle: x, livrables: *a}`).join('\n');
      const { diags, ms } = measure(PROG, `modele: &a\n${items}\nphases:\n${phases}\n`);
      assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
      assert.match(diags[0].message, new RegExp(MAX_ALIAS_EXPANSION.toLocaleString('fr-FR')));
      assert.ok(ms < HANG_MS, `${ms} ms`);
    });

    it('a recursive alias (cyclic data) is refused instead of producing a cyclic object', () => {
      for (const text of ['a: &x [1, *x]\n', 'operation: &x {id: X, parent: *x}\n']) {
        const { diags } = measure(PROG, text);
        assert.deepStrictEqual(codesOf(diags), ['YAML-001'], text);
        assert.match(diags[0].message, /récursif/);
      }
    });

    it('an alias with no anchor before it gets its own message (not "too many aliases")', () => {
      const { diags } = measure(PROG, 'a: *y\nb: &y 1\n');
      assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
      assert.match(diags[0].message, /sans ancre « &y »/);
      assert.strictEqual(diags[0].range.start.line, 0);
    });

    it('legitimate reuse (one criteria block shared by three lots) is accepted and expanded', () => {
      const text = `id: C\nobjet: x\ncriteres_type: &crit\n  - {id: PRIX, type: prix, ponderation: 60}\n  - {id: VT, type: qualite, ponderation: 40}\nlots:\n  - {id: L1, intitule: a, criteres: *crit}\n  - {id: L2, intitule: b, criteres: *crit}\n  - {id: L3, intitule: c, criteres: *crit}\n`;
      const { service } = spyService();
      const parsed = service.parse({ uri: CONS, text });
      assert.ok(parsed.ok, JSON.stringify(parsed.problems));
      const lots = (parsed.data as { lots: { criteres: unknown[] }[] }).lots;
      assert.strictEqual(lots[2].criteres.length, 2);
    });
  });

  describe(`nesting (limit ${MAX_NESTING_DEPTH} levels)`, () => {
    const deep = (n: number): Record<string, string> => ({
      'flow sequence': `operation: ${'['.repeat(n)}${']'.repeat(n)}\n`,
      'flow map': `operation: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
      'unclosed flow': `operation: ${'['.repeat(n)}\n`,
      'compact block sequence': `risques:\n  ${'- '.repeat(n)}x\n`,
      'mixed flow': `risques: ${'[{a: '.repeat(n)}1${'}]'.repeat(n)}\n`,
    });

    for (const [name, text] of Object.entries(deep(10_000))) {
      it(`10,000 levels, ${name}: one YAML-001, no stack overflow in parse, schema, rules or features`, () => {
        const { service, logs } = spyService();
        const { diags, ms } = measure(PROG, text, service);
        assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
        assert.match(diags[0].message, /Imbrication trop profonde/);
        assert.ok(ms < HANG_MS, `${ms} ms`);
        exerciseFeatures(service, PROG, text);
        assert.deepStrictEqual(logs, []);
      });
    }

    it('1,500 levels of indented block maps (1.1 MB of indentation): one YAML-001', () => {
      let text = 'operation:';
      for (let i = 1; i <= 1500; i++) text += `\n${' '.repeat(i)}k${i}:`;
      const { diags } = measure(PROG, `${text} 1\n`);
      assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
      assert.match(diags[0].message, /Imbrication trop profonde/);
    });

    it('a 2,000-level staircase of block maps, and 2,540 `- ` closed by a dedent (RangeError in yaml\'s CST parser, found by fuzzing): YAML-001, no exception', () => {
      const staircase = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\nz: 1\n';
      const dedent = `echelle_risques:\r\n  probabilite:\r\n    ${'- '.repeat(2540)}x\r\n    k0: 0\r\n  impact: 4\r\n`;
      for (const text of [staircase, dedent]) {
        const { service } = spyService();
        const { diags } = measure(PROG, text, service);
        assert.ok(diags.some((d) => d.code === 'YAML-001' && /Imbrication trop profonde/.test(d.message)), JSON.stringify(codesOf(diags)));
        exerciseFeatures(service, PROG, text);
      }
    });

    it('2,000 nested `- - - x` (once a fatal V8 "RegExpCompiler" abort in yaml\'s composer): refused before composing', () => {
      const { diags } = measure(CONS, `${'- '.repeat(2000)}x\n`);
      assert.deepStrictEqual(codesOf(diags), ['YAML-001']);
    });

    it(`exactly ${MAX_NESTING_DEPTH} levels are accepted, ${MAX_NESTING_DEPTH + 1} are not`, () => {
      const at = (n: number): string => `notes: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`;
      const ok = measure(PROG, at(MAX_NESTING_DEPTH)).diags;
      assert.ok(!ok.some((d) => /Imbrication/.test(d.message)), JSON.stringify(ok.map((d) => d.message)));
      const refused = measure(PROG, at(MAX_NESTING_DEPTH + 1)).diags;
      assert.deepStrictEqual(codesOf(refused), ['YAML-001']);
      // The range points at the first collection past the limit.
      assert.strictEqual(refused[0].range.start.character, 'notes: '.length + MAX_NESTING_DEPTH - 1);
    });
  });

  describe('size limits', () => {
    /** A programme that rules would flag (PRG-001…), padded with comment lines to `length` characters. */
    function padded(length: number, extra = ''): string {
      const head = `operation:\n  id: BIG\n  intitule: Gros fichier\n${extra}`;
      const line = `# ${'x'.repeat(97)}\n`;
      return head + line.repeat(Math.ceil((length - head.length) / line.length));
    }

    it(`under ${MAX_VALIDATED_LENGTH.toLocaleString('en')} characters: full validation`, () => {
      const { diags } = measure(PROG, padded(MAX_VALIDATED_LENGTH - 200));
      assert.ok(diags.some((d) => d.code === 'PRG-001'));
      assert.ok(!diags.some((d) => d.code === 'YAML-003'));
    });

    it('over it: syntax only, with a YAML-003 information that says schema and rules are off', () => {
      const { diags, ms } = measure(PROG, padded(MAX_VALIDATED_LENGTH + 200, '  bad: [\n'));
      assert.deepStrictEqual([...new Set(codesOf(diags))].sort(), ['YAML-001', 'YAML-003']);
      const info = diags.find((d) => d.code === 'YAML-003')!;
      assert.strictEqual(info.severity, 3);
      assert.match(info.message, /seule la syntaxe YAML est vérifiée/);
      assert.ok(ms < HANG_MS, `${ms} ms`);
      const clean = measure(PROG, padded(MAX_VALIDATED_LENGTH + 200)).diags;
      assert.deepStrictEqual(codesOf(clean), ['YAML-003']);
    });

    it('over it, features answer as on an empty document, without parsing (only the debounced validation parses)', () => {
      const text = padded(MAX_VALIDATED_LENGTH + 200);
      const { service } = spyService();
      const s = service as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
      const started = performance.now();
      exerciseFeatures(service, PROG, text);
      if (s.getDocumentSymbols) assert.deepStrictEqual(s.getDocumentSymbols({ uri: PROG, text }), []);
      assert.ok(performance.now() - started < HANG_MS, `${performance.now() - started} ms`);
    });

    it(`over ${MAX_PARSED_LENGTH.toLocaleString('en')} characters: not parsed at all, one YAML-003, every feature answers at once`, () => {
      const text = `operation: [\n${'#'.repeat(MAX_PARSED_LENGTH)}\n`;
      const { service } = spyService();
      const { diags, ms } = measure(PROG, text, service);
      assert.deepStrictEqual(codesOf(diags), ['YAML-003']);
      assert.match(diags[0].message, /n’est pas analysé/);
      assert.ok(ms < HANG_MS, `${ms} ms`);
      const started = performance.now();
      exerciseFeatures(service, PROG, text);
      assert.ok(performance.now() - started < HANG_MS);
    });

    it('a 5 MB programme: syntax only, YAML-003, within a few seconds (timing in docs/robustness.md)', function () {
      const example = loadCorpus().find((f) => f.name === 'examples/ecole-jules-ferry.programme.yaml')!.text;
      const risks = example.slice(example.indexOf('\nrisques:\n') + 10, example.indexOf('\nenergie:'));
      let body = example.slice(0, example.indexOf('\nenergie:')) + '\n';
      for (let i = 0; body.length < 5_000_000; i++) body += risks.replace(/id: (R-[A-Z0-9-]+)/g, `id: $1-${i}`) + '\n';
      const { diags, ms } = measure(PROG, body);
      assert.deepStrictEqual(codesOf(diags), ['YAML-003']);
      assert.ok(ms < 30000, `${ms} ms`);
      this.test!.title += ` [${(body.length / 1e6).toFixed(1)} MB in ${Math.round(ms)} ms]`;
    });
  });

  describe('binary and odd content', () => {
    const cases: Record<string, string> = {
      'NUL bytes': 'operation:\n  id: X\u0000\u0000\n',
      'PNG header': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('latin1'),
      'random bytes as UTF-8': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('utf8'),
      'lone surrogates': 'operation:\n  id: "\uD800"\n  intitule: \uDC00x\n',
      'U+FFFE and U+FFFF': '\uFFFE\uFFFF: [\n',
      'classic Mac line endings (CR only)': 'operation:\r  id: X\r  intitule: Y\r',
      'a 1 MB single line': `operation: {id: X, intitule: "${'x'.repeat(1_000_000)}"}\n`,
      'control characters': 'operation:\n  id: \x1B[31mX\x07\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(`${name}: diagnostics with ranges inside, no exception, features answer`, () => {
        const { service, logs } = spyService();
        for (const uri of [PROG, CONS]) {
          measure(uri, text, service);
          exerciseFeatures(service, uri, text);
        }
        assert.deepStrictEqual(logs, []);
      });
    }

    it('prototype keys (__proto__, constructor.prototype) pollute nothing', () => {
      const text = '__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 2}}\noperation: {__proto__: {polluted: 3}, id: X}\n';
      measure(PROG, text);
      assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
      assert.strictEqual(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    });

    it('Object.prototype names as values and codes (constructor, __proto__, toString…): no rule or quick fix throws, no "[native code]" shown (found by fuzzing: CSL-025 threw)', () => {
      const corpus = loadCorpus().filter((f) => f.name.startsWith('examples/'));
      const files = new Map(corpus.map((f) => [f.uri, f.text]));
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        for (const f of corpus) {
          // Every scalar value of a `key: value` line or of a flow map becomes the name.
          const text = f.text
            .split('\n')
            .map((l) => l.replace(/^(\s*(?:- )?[a-z_]+:)\s+[^\s#{[|>][^#]*$/, `$1 ${name}`).replace(/(\{|, )([a-z_]+): ([^,}]+)/g, `$1$2: ${name}`))
            .join('\n');
          const { service, logs } = memoryService(files);
          const doc = { uri: f.uri, text };
          const diags = service.getDiagnostics(doc);
          assert.deepStrictEqual(logs, [], `${name} in ${f.name}`);
          const s = service as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
          const lines = lspLines(text);
          for (let line = 0; line < lines.length; line++) {
            const hover = s.getHover?.(doc, { line, character: lines[line].indexOf(':') + 2 }) as { contents: unknown } | null | undefined;
            assert.ok(!/native code|\[object Object\]/.test(JSON.stringify(hover?.contents ?? '')), `${name}: hover on line ${line + 1}: ${JSON.stringify(hover?.contents)}`);
          }
          for (const d of diags.slice(0, 20)) s.getCodeActions?.(doc, d.range, [d]);
          const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
          s.getCodeActions?.(doc, range, [{ code: name, source: 'amo', message: 'x', range }]);
        }
      }
    });

    it('language-specific tags (!!js/function) are never executed: YAML-002 unresolved tag', () => {
      const { diags } = measure(PROG, 'x: !!js/function "function(){ globalThis.amoPwned = 1 }"\ny: !!python/object:os.system ["id"]\n');
      assert.ok(diags.some((d) => d.code === 'YAML-002' && /Unresolved tag/.test(d.message)), JSON.stringify(diags));
      assert.strictEqual((globalThis as Record<string, unknown>).amoPwned, undefined);
    });
  });

  describe('programme links', () => {
    const withProgramme = (p: string): string => `programme: ${p}\nid: C\nobjet: Travaux\n`;

    it('a missing or unreadable programme file: REF-003 on the value', () => {
      const { diags } = measure(CONS, withProgramme('./absent.programme.yaml'));
      const ref = diags.find((d) => d.code === 'REF-003');
      assert.ok(ref);
      assert.strictEqual(ref.range.start.character, 'programme: '.length);
      assert.strictEqual(ref.severity, 1);
    });

    it('a consultation that names itself: REF-004, nothing read', () => {
      const { service, reads } = spyService();
      const { diags } = measure(CONS, withProgramme('./hostile.consultation.yaml'), service);
      assert.match(diags.find((d) => d.code === 'REF-004')?.message ?? '', /elle-même/);
      assert.deepStrictEqual(reads, []);
    });

    it('a programme with a `programme:` key naming itself: an unknown key, nothing read, no loop', () => {
      const { service, reads } = spyService();
      const { diags } = measure(PROG, 'programme: ./hostile.programme.yaml\noperation: {id: X}\n', service);
      assert.ok(diags.some((d) => d.code === 'SCH-002'));
      assert.deepStrictEqual(reads, []);
    });

    it('a path to a folder, a device, /proc or another kind of file: REF-004, never read', () => {
      for (const p of ['./', '.', '/tmp', '/dev/zero', '/dev/random', 'file:///dev/zero', '/proc/self/fd/0', '/proc/kmsg', './other.consultation.yaml', 'C:\\Windows\\win.ini']) {
        const { service, reads } = spyService();
        const { diags } = measure(CONS, withProgramme(JSON.stringify(p)), service);
        assert.ok(diags.some((d) => d.code === 'REF-004'), `${p}: ${JSON.stringify(codesOf(diags))}`);
        assert.deepStrictEqual(reads, [], p);
        exerciseFeatures(service, CONS, withProgramme(JSON.stringify(p)));
        assert.deepStrictEqual(reads, [], `${p} (features)`);
      }
    });

    it('a remote URL: handed to the workspace provider, which reads file: URIs only (REF-003, no network)', () => {
      const { service, reads } = spyService();
      const { diags } = measure(CONS, withProgramme('http://127.0.0.1:9/x.programme.yaml'), service);
      assert.deepStrictEqual(reads, ['http://127.0.0.1:9/x.programme.yaml']);
      assert.ok(diags.some((d) => d.code === 'REF-003'));
      assert.strictEqual(readFileUri('http://127.0.0.1:9/x.programme.yaml'), undefined);
    });

    it('a programme with syntax errors or too large to parse: REF-004 with the reason', () => {
      const prog = 'file:///virtual/p.programme.yaml';
      const broken = measure(CONS, withProgramme('./p.programme.yaml'), spyService({ [prog]: 'operation: [' }).service).diags;
      assert.match(broken.find((d) => d.code === 'REF-004')?.message ?? '', /erreurs de syntaxe/);
      const huge = measure(CONS, withProgramme('./p.programme.yaml'), spyService({ [prog]: ' '.repeat(MAX_PARSED_LENGTH + 1) }).service).diags;
      assert.match(huge.find((d) => d.code === 'REF-004')?.message ?? '', /trop volumineux/);
    });
  });

  describe('the Node runtime reads regular files only, within the size limit', () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-hostile-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a folder, a missing file and a device are refused (undefined), without reading', () => {
      fs.mkdirSync(path.join(dir, 'dossier.programme.yaml'));
      assert.strictEqual(readFileUri(uriOf(path.join(dir, 'dossier.programme.yaml'))), undefined);
      assert.strictEqual(readFileUri(uriOf(path.join(dir, 'absent.programme.yaml'))), undefined);
      assert.deepStrictEqual(readRegularFile('/dev/zero'), { error: 'not-a-file' });
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.programme.yaml'));
      assert.strictEqual(readFileUri(uriOf(path.join(dir, 'zero.programme.yaml'))), undefined);
    });

    it(`a file over ${MAX_FILE_BYTES / 1e6} MB is refused from its size (a sparse 1 GB file costs nothing)`, () => {
      const big = path.join(dir, 'big.programme.yaml');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 1_000_000_000);
      const started = performance.now();
      assert.deepStrictEqual(readRegularFile(big), { error: 'too-large', detail: '1000000000 bytes' });
      assert.ok(performance.now() - started < HANG_MS);
      fs.truncateSync(big, MAX_FILE_BYTES + 1);
      assert.strictEqual(readFileUri(uriOf(big)), undefined);
    });

    it('a /proc file that announces size 0 is read up to its end, bounded', function () {
      if (!fs.existsSync('/proc/self/status')) this.skip();
      const r = readRegularFile('/proc/self/status');
      assert.ok('text' in r && /VmRSS/.test(r.text));
    });

    it('drops a leading BOM, as editors do, so that CLI and editor positions agree', () => {
      const f = path.join(dir, 'bom.programme.yaml');
      fs.writeFileSync(f, '\uFEFFoperation:\n  id: X\n');
      assert.strictEqual(readFileUri(uriOf(f)), 'operation:\n  id: X\n');
    });
  });

  describe('line endings, BOM and tabs', () => {
    const corpus = loadCorpus();
    const shape = (diags: readonly AmoDiagnostic[]) => diags.map((d) => ({ code: d.code, range: d.range, message: d.message }));

    it('Windows line endings (CRLF): the same diagnostics, same ranges, for every example and fixture', () => {
      const files = new Map(corpus.map((f) => [f.uri, f.text]));
      for (const f of corpus) {
        const lf = memoryService(files).service.getDiagnostics({ uri: f.uri, text: f.text });
        const crlfText = f.text.replace(/\r?\n/g, '\r\n');
        const crlf = memoryService(files).service.getDiagnostics({ uri: f.uri, text: crlfText });
        for (const d of crlf) assertRangeInside(d.range, lspLines(crlfText), `${f.name} ${d.code}`);
        assert.deepStrictEqual(shape(crlf), shape(lf), f.name);
      }
    });

    it('Windows line endings: quick fixes keep the document well-formed and add no bare LF', () => {
      const files = new Map(corpus.map((f) => [f.uri, f.text.replace(/\r?\n/g, '\r\n')]));
      const { service } = memoryService(files);
      const actionsOf = (service as unknown as { getCodeActions?: (...a: unknown[]) => CodeAction[] }).getCodeActions;
      if (typeof actionsOf !== 'function') return;
      let applied = 0;
      for (const f of corpus.filter((c) => /erreurs|fixtures/.test(c.name))) {
        const text = files.get(f.uri)!;
        const diags = service.getDiagnostics({ uri: f.uri, text });
        if (diags.some((d) => d.code === 'YAML-001')) continue;
        for (const d of diags) {
          for (const action of actionsOf.call(service, { uri: f.uri, text }, d.range, [d])) {
            for (const [uri, edits] of editsByUri(action.edit)) {
              const original = files.get(uri)!;
              const after = applyTextEdits(original, edits);
              applied++;
              assert.ok(!/(^|[^\r])\n/.test(after), `${action.title} (${d.code}) in ${f.name} inserted a bare LF in ${uri}`);
              const again = memoryService(files).service.getDiagnostics({ uri, text: after });
              assert.ok(!again.some((x) => x.code === 'YAML-001'), `${action.title} broke ${uri}`);
            }
          }
        }
      }
      assert.ok(applied > 0);
    });

    it('a BOM at the start: the same diagnostics, shifted by one character on the first line only', () => {
      const files = new Map(corpus.map((f) => [f.uri, f.text]));
      for (const f of corpus.slice(0, 12)) {
        const plain = memoryService(files).service.getDiagnostics({ uri: f.uri, text: f.text });
        const bom = memoryService(files).service.getDiagnostics({ uri: f.uri, text: `\uFEFF${f.text}` });
        const shift = (p: { line: number; character: number }) => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
        assert.deepStrictEqual(
          shape(bom),
          shape(plain).map((d) => ({ ...d, range: { start: shift(d.range.start), end: shift(d.range.end) } })),
          f.name,
        );
      }
    });

    it('tabs used for indentation: YAML-001 on the tab, with a message that says so (fr and en)', () => {
      const text = 'operation:\n\tid: X\n\tintitule: Y\n';
      const { service } = spyService();
      const fr = service.getDiagnostics({ uri: PROG, text });
      assert.deepStrictEqual(codesOf(fr), ['YAML-001', 'YAML-001']);
      assert.match(fr[0].message, /Tabulation utilisée pour l’indentation/);
      assert.deepStrictEqual(fr[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
      const en = service.getDiagnostics({ uri: PROG, text }, { locale: 'en' });
      assert.match(en[0].message, /Tabs are not allowed as indentation/);
    });

    it('an offset inside a CRLF line break maps to the end of the line, never past it', () => {
      const { service } = spyService();
      const text = 'operation: [\r\n';
      for (const d of service.getDiagnostics({ uri: PROG, text })) assertRangeInside(d.range, lspLines(text), d.code);
    });
  });
});
