/**
 * The pre-scan (prescan.ts `estimate`; limits.ts `heavy`, `unaffordable`) and the linear duplicate-key check of
 * `parseBounded`, at their own layer: what the raw text is counted to hold, which texts it catches before
 * the parse, and that a real file is never caught (docs/robustness.md, "Limits").
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isPair, isSeq, parseDocument, type Node } from 'yaml';
import { generateSet } from '../../bench/generate';
import { heavy, MAX_COLLECTION_ITEMS, MAX_SYNTAX_COST, unaffordable } from '../../server/src/language-service/limits';
import { parseBounded } from '../../server/src/language-service/boundedParse';
import { estimate } from '../../server/src/language-service/prescan';
import { parseText } from '../../server/src/language-service/parse';

const ROOT = path.resolve(__dirname, '..', '..');
const head = 'version: 1\nstatut: arrete\noperation:\n  id: OP\n  intitule: Opération\n  maitre_ouvrage: Commune\n  nature: rehabilitation\n';

/** Nodes and largest collection of the parse, as the entity budget (limits.ts overBudget) counts them. */
function parsedCounts(text: string): { nodes: number; items: number } {
  const doc = parseDocument(text, { uniqueKeys: false });
  const stack: unknown[] = [doc.contents];
  let nodes = 0;
  let items = 0;
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    nodes++;
    const node = v as Node;
    if (isMap(node) || isSeq(node)) {
      items = Math.max(items, node.items.length);
      for (const it of node.items as unknown[]) {
        if (isPair(it)) stack.push(it.key, it.value);
        else stack.push(it);
      }
    }
  }
  return { nodes, items };
}

function yamlFiles(dir: string): { name: string; text: string }[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return yamlFiles(rel);
    return /\.ya?ml$/.test(e.name) ? [{ name: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') }] : [];
  });
}

describe('limits: the pre-scan of the raw text', () => {
  it('counts the largest collection and the nodes of each hostile layout as the parse does', () => {
    const cases: Record<string, string> = {
      block: `${head}phases:\n${'  - 1\n'.repeat(30_000)}`,
      flow: `${head}phases: [${Array(30_000).fill('1').join(', ')}]\n`,
      keys: `${head}${Array.from({ length: 30_000 }, (_, i) => `cle_${i}: x\n`).join('')}`,
      anchors: `${head}phases:\n${Array.from({ length: 30_000 }, (_, i) => `  - &a${i} 1\n`).join('')}`,
      'compact maps': `${head}phases:\n${Array.from({ length: 30_000 }, (_, i) => `  - id: PH-${i}\n    code: ESQ\n`).join('')}`,
      'flow maps': `${head}phases: [${Array(30_000).fill('{a: 1}').join(', ')}]\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const e = estimate(text);
      const p = parsedCounts(text);
      assert.strictEqual(e.items, p.items, `${name}: items`);
      assert.ok(Math.abs(e.nodes - p.nodes) <= 2, `${name}: ${e.nodes} nodes counted, ${p.nodes} parsed`);
      // Where the collection starts: its first `- `, its first key, its `[`.
      assert.deepStrictEqual(heavy(text), { items: name === 'keys' ? 30_003 : 30_000, start: name === 'keys' ? 0 : name.startsWith('flow') ? text.indexOf('[') : text.indexOf('  - ') + 2 }, name);
    }
    assert.strictEqual(estimate(cases.anchors).anchors, 30_000);
  });

  it('does not count what quoted scalars, comments and block scalars hold', () => {
    // 21,000 items each (over the budget if they were counted), on lines under MAX_LINE_LENGTH.
    const items = Array(21_000).fill('x').join(', ');
    const text = `${head}a: "${items}"\nb: '${items}'\n# ${items}\nc: |\n${'  - x\n'.repeat(21_000)}d: >-\n  [${items}]\ne: [l'école, "x, y", 'a, b', 1]\n`;
    const e = estimate(text);
    // The root map's eight keys; the flow sequence of `e` holds four items.
    assert.strictEqual(e.items, 8);
    assert.strictEqual(e.items, parsedCounts(text).items);
    assert.ok(Math.abs(e.nodes - parsedCounts(text).nodes) <= 2);
    assert.strictEqual(heavy(text), undefined);
  });

  it('catches no real file: every example and fixture, and the generated 10k and 50k programmes and consultations, are counted as parsed and keep full checks', function () {
    this.timeout(120_000);
    const files = [...yamlFiles('examples'), ...yamlFiles('test/fixtures')];
    for (const size of ['10k', '50k']) {
      const set = generateSet(size, false);
      files.push({ name: set.programme.name, text: set.programme.text }, { name: set.consultation.name, text: set.consultation.text });
    }
    assert.ok(files.length > 50);
    for (const f of files) {
      assert.strictEqual(heavy(f.text), undefined, f.name);
      assert.strictEqual(unaffordable(f.text), undefined, f.name);
      const e = estimate(f.text);
      const p = parsedCounts(f.text);
      if (p.nodes > 1000) {
        assert.strictEqual(e.items, p.items, `${f.name}: items`);
        assert.ok(Math.abs(e.nodes - p.nodes) <= p.nodes / 100, `${f.name}: ${e.nodes} nodes counted, ${p.nodes} parsed`);
      }
    }
  });

  it('a text over the entity budget but within MAX_SYNTAX_COST: syntax only, its syntax errors still reported where they are', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `  - item ${i}\n`);
    lines[12_345] = '  - a: b: c\n';
    const text = `${head}phases:\n${lines.join('')}`;
    assert.ok(heavy(text) && 'items' in heavy(text)!);
    assert.strictEqual(unaffordable(text), undefined);
    const parsed = parseText('file:///v/a.programme.yaml', text);
    assert.strictEqual(parsed.skipped, 'rules');
    const errors = parsed.problems.filter((p) => p.code === 'YAML-001');
    assert.ok(errors.length > 0);
    assert.strictEqual(parsed.lines.positionAt(errors[0].start).line, text.slice(0, text.indexOf('a: b: c')).split('\n').length - 1);
    const notice = parsed.problems.find((p) => p.code === 'YAML-003')!;
    assert.strictEqual(notice.start, text.indexOf('- item 0'));
    assert.match(notice.message.fr, /30\s000 éléments \(au-delà de 20\s000\)/);
  });

  it(`over the entity budget and over ${MAX_SYNTAX_COST.toLocaleString('en')} nodes, anchors and aliases: not parsed at all, one YAML-003 saying what was counted`, () => {
    const text = `${head}phases: [${Array(MAX_SYNTAX_COST + 1).fill('1').join(',')}]\n`;
    const e = unaffordable(text);
    assert.ok(e && e.items === MAX_SYNTAX_COST + 1);
    const started = performance.now();
    const parsed = parseText('file:///v/b.programme.yaml', text);
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
    assert.strictEqual(parsed.skipped, 'parse');
    assert.deepStrictEqual(parsed.problems.map((p) => [p.code, p.severity]), [['YAML-003', 'information']]);
    const fr = (n: number): string => n.toLocaleString('fr-FR').replace(/\s/g, '\\s');
    assert.match(parsed.problems[0].message.fr, new RegExp(`environ ${fr(MAX_SYNTAX_COST + 1)} éléments \\(au-delà de 20\\s000\\).*au-delà de ${fr(MAX_SYNTAX_COST)}.*ni syntaxe`));
    assert.match(parsed.problems[0].message.en, new RegExp(`about ${(MAX_SYNTAX_COST + 1).toLocaleString('en-GB')} items \\(over 20,000\\).*over ${MAX_SYNTAX_COST.toLocaleString('en-GB')}.*no syntax`));
    // 100,000 anchored items weigh as much: 100,000 items and 100,000 anchors.
    assert.ok(unaffordable(`${head}phases:\n${Array.from({ length: 100_000 }, (_, i) => `  - &a${i} 1\n`).join('')}`));
    // The same number of nodes without a collection over the budget is parsed (a real 2 MB file holds 150,000).
    assert.strictEqual(unaffordable(`${head}${Array.from({ length: 11 }, (_, k) => `l${k}:\n${'  - 1\n'.repeat(MAX_COLLECTION_ITEMS)}`).join('')}`), undefined);
  });

  it('duplicate keys: the errors of yaml’s own check, found in linear time', () => {
    const o = { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' } as const;
    for (const t of ['a: 1\na: 2\n', 'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n', '{a: 1, a: 2}\n', '"a": 1\na: 2\n', '&x a: 1\na: 2\n', '1: x\n"1": y\n1: z\n', ': 1\n: 2\n', 'x: [1, {a: 1, a: 2}]\n', '- a: 1\n  a: 2\n- b: [\n']) {
      const own = parseDocument(t, o).errors.map((e) => `${e.code}@${e.pos.join('-')}`);
      assert.deepStrictEqual(parseBounded(t, o).doc.errors.map((e) => `${e.code}@${e.pos.join('-')}`), own, JSON.stringify(t));
    }
    const keys = Array.from({ length: 25_000 }, (_, i) => `cle_${i}: x\n`);
    keys.push('cle_7: y\n');
    const text = keys.join('');
    const started = performance.now();
    const { doc } = parseBounded(text, o);
    assert.ok(performance.now() - started < 3000, `${performance.now() - started} ms`);
    assert.deepStrictEqual(doc.errors.map((e) => [e.code, e.pos[0]]), [['DUPLICATE_KEY', text.lastIndexOf('cle_7')]]);
  });
});
