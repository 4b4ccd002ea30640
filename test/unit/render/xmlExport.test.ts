/**
 * Clean output (docs/robustness.md): every DOCX and XLSX export of random hostile text is well-formed XML 1.0.
 * The examples' string values are replaced at random by texts made of C0 controls, NUL, U+FFFE/U+FFFF,
 * lone surrogates, bidi controls, XML metacharacters and long strings; each export is unzipped
 * (test/helpers/zip.ts) and every XML part must be valid UTF-8 and parse with saxes, a strict XML 1.0
 * parser (it rejects every character outside production [2] Char). saxes is not our dependency but
 * exceljs's own (it reads XLSX with it), so it is present whenever the exports are. Fixed seed
 * (helpers/fuzz.ts FUZZ_SEED), as the other property tests; AMO_FUZZ_SEED replays a failure.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { isScalar, parseDocument, visit } from 'yaml';
import { renderXlsx, type XlsxDeliverable } from '../../../server/src/office';
import { buildDeliverable, type DeliverableId } from '../../../server/src/render';
import { renderDocx } from '../../../server/src/render/docx';
import { hasXmlForbidden, xmlSafe, xmlText } from '../../../server/src/render/xmlText';
import { checkAsync, FUZZ_RUNS, FUZZ_SEED } from '../../helpers/fuzz';
import { uriOf } from '../../helpers/service';
import { readZip } from '../../helpers/zip';
import { CONSULTATION_FILE, PROGRAMME_FILE, RECEPTION_FILE, renderEnv } from './renderHelpers';

interface Source {
  name: string;
  text: string;
  docx: DeliverableId[];
  xlsx: XlsxDeliverable[];
}

const SOURCES: Source[] = [
  { name: 'hostile.programme.yaml', text: fs.readFileSync(PROGRAMME_FILE, 'utf8'), docx: ['programme', 'risques', 'planning'], xlsx: ['risques', 'planning'] },
  { name: 'hostile.consultation.yaml', text: fs.readFileSync(CONSULTATION_FILE, 'utf8'), docx: ['rc', 'rao'], xlsx: ['rao', 'grille'] },
  { name: 'hostile-reception.consultation.yaml', text: fs.readFileSync(RECEPTION_FILE, 'utf8'), docx: ['reception', 'decision', 'reserves'], xlsx: [] },
];

/** One character or short sequence of a hostile text. */
const HOSTILE_UNITS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\u202e', '\u2066', '\u200f', '\ufeff', '<', '>', '&', '"', "'", ']]>', '<![CDATA[', '&amp;', '\t', '\r', '\n', '😀', 'é', ' '];
const unit = fc.oneof(fc.constantFrom(...HOSTILE_UNITS), fc.string({ unit: 'binary', maxLength: 2 }), fc.constantFrom('a', 'Z', '0', ' '));
const hostileText = fc.oneof({ weight: 5, arbitrary: fc.string({ unit, minLength: 1, maxLength: 30 }) }, { weight: 1, arbitrary: fc.string({ unit, minLength: 400, maxLength: 2500 }) });

/** The string scalars (values, not keys) of a YAML text, in document order. */
function stringValueCount(text: string): number {
  let n = 0;
  visit(parseDocument(text), { Scalar: (key, node) => void (key !== 'key' && typeof node.value === 'string' && n++) });
  return n;
}

/** `text` with the k-th string value replaced by `replacements[k]` where it is set. */
function withHostileValues(text: string, replacements: (string | null)[]): string {
  const doc = parseDocument(text);
  let k = 0;
  visit(doc, {
    Scalar: (key, node) => {
      if (key === 'key' || !isScalar(node) || typeof node.value !== 'string') return;
      const r = replacements[k++];
      if (r !== null && r !== undefined) node.value = r;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const caseArb = fc.integer({ min: 0, max: SOURCES.length - 1 }).chain((s) => {
  const n = stringValueCount(SOURCES[s].text);
  return fc.record({ source: fc.constant(s), replacements: fc.array(fc.option(hostileText, { freq: 2 }), { minLength: n, maxLength: n }) });
});

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Throws unless every XML part of the package is valid UTF-8 and well-formed XML 1.0. */
function assertWellFormed(label: string, zip: Buffer): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [name, bytes] of readZip(zip)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let xml: string;
    try {
      xml = fatalUtf8.decode(bytes);
    } catch {
      throw new Error(`${label}: ${name} is not valid UTF-8`);
    }
    const parser = new SaxesParser();
    let error: Error | undefined;
    parser.on('error', (e) => void (error ??= e));
    parser.write(xml).close();
    if (error) throw new Error(`${label}: ${name} is not well-formed XML: ${error.message}`);
    parts.set(name, xml);
  }
  assert.ok(parts.size > 0, `${label}: no XML part`);
  return parts;
}

/** Counts, over the run, that the hostile text did reach the parts (the property is not vacuous). */
const reached = { docx: 0, xlsx: 0, coreProps: 0 };

async function exportAll(c: { source: number; replacements: (string | null)[] }): Promise<void> {
  const src = SOURCES[c.source];
  const text = withHostileValues(src.text, c.replacements);
  const uri = uriOf(path.join('/virtual', src.name));
  const env = renderEnv({ [uri]: text }, []);
  for (const d of src.docx) {
    const r = buildDeliverable(env, { uri, text }, d);
    if (!r.model) continue; // a replaced value can take a deliverable's data away: nothing to export
    const parts = assertWellFormed(`${src.name} ${d}.docx`, await renderDocx(r.model));
    if (/\ufffd/.test(parts.get('word/document.xml') ?? '')) reached.docx++;
    if (/\ufffd/.test(parts.get('docProps/core.xml') ?? '')) reached.coreProps++;
  }
  for (const d of src.xlsx) {
    const r = await renderXlsx(env, { uri, text }, d);
    if (!r.bytes) continue;
    const parts = assertWellFormed(`${src.name} ${d}.xlsx`, r.bytes);
    if ([...parts.values()].some((x) => /\ufffd/.test(x))) reached.xlsx++;
  }
}

describe('render / XML of the DOCX and XLSX exports', function () {
  this.timeout(180000);

  it('xmlText replaces exactly the characters XML 1.0 forbids', () => {
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff']) {
      assert.strictEqual(xmlText(`a${c}b`), 'a\ufffdb', `U+${c.charCodeAt(0).toString(16)}`);
      assert.ok(hasXmlForbidden(c));
    }
    // Allowed: TAB, LF, CR, DEL and C1 (discouraged, not forbidden), bidi controls, BOM, U+FFFD, private use, surrogate pairs.
    const allowed = '\t\n\r \u007f\u0085\u202e\u2066\ufeff\ufffd\ue000😀\ud83d\ude00<&>';
    assert.strictEqual(xmlText(allowed), allowed);
    assert.ok(!hasXmlForbidden(allowed));
    assert.strictEqual(xmlText('\udc00\ud800'), '\ufffd\ufffd', 'a low then a high surrogate is no pair');
    assert.strictEqual(xmlText('x\ud800'), 'x\ufffd', 'a high surrogate at the end');
  });

  it('xmlSafe cleans every string of plain data, keeps the rest and the unchanged objects', () => {
    const date = new Date(0);
    const clean = { a: ['ok'], n: 1 };
    const v = { t: 'a\u0000', list: [{ text: '\u0001', strong: true }, 'fine'], date, clean, ['k\u0002']: 2, ['__proto__']: 'p\u0003' } as Record<string, unknown>;
    const out = xmlSafe(v);
    assert.strictEqual(out.t, 'a\ufffd');
    assert.deepStrictEqual(out.list, [{ text: '\ufffd', strong: true }, 'fine']);
    assert.strictEqual(out.date, date);
    assert.strictEqual(out.clean, clean, 'a clean subtree is the same object');
    assert.strictEqual(out['k\ufffd'], 2);
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__') && Object.getPrototypeOf(out) === Object.prototype, '__proto__ stays an ordinary key');
    assert.strictEqual(v.t, 'a\u0000', 'the input is not modified');
    assert.strictEqual(xmlSafe(clean), clean);
  });

  const runs = Math.max(6, Math.round(FUZZ_RUNS / 20));
  it(`every DOCX and XLSX part of ${runs} exports of random hostile text is well-formed XML (seed ${FUZZ_SEED})`, async () => {
    await checkAsync('well-formed exports', caseArb, exportAll, runs, 'test/unit/render/xmlExport.test.ts');
    // Not vacuous: the hostile characters did reach the body, the document properties and the workbooks (as U+FFFD).
    assert.ok(reached.docx > 0 && reached.coreProps > 0 && reached.xlsx > 0, `hostile text reached the parts: ${JSON.stringify(reached)}`);
  });
});
