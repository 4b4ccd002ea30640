import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import programmeSchema from '../../schemas/programme.schema.json';
import consultationSchema from '../../schemas/consultation.schema.json';
import ajvSetup from '../../server/src/language-service/ajvSetup.json';
import * as generated from '../../server/src/language-service/generated/schemaValidators';
import { compileValidators, generatedValidatorsCurrent, schemaKey } from '../../server/src/language-service/schema';
import { parseText } from '../../server/src/language-service/parse';
import { ROOT } from '../helpers/service';

/** Every AMO file of the examples and of the rule fixtures. */
function amoFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['examples', 'test/fixtures/rules']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]) {
      if (/\.(programme|consultation)\.ya?ml$/.test(f)) out.push(path.join(ROOT, dir, f));
    }
  }
  return out;
}

/** The data with every third scalar replaced by a value of another type, and an unknown key in every third object: many errors of many keywords. */
function mutate(value: unknown, counter = { n: 0 }): unknown {
  if (Array.isArray(value)) return value.map((v) => mutate(v, counter));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mutate(v, counter);
    if (counter.n++ % 3 === 0) out.cle_inconnue = true;
    return out;
  }
  if (counter.n++ % 3 !== 0) return value;
  return typeof value === 'string' ? 12 : typeof value === 'number' ? 'douze' : typeof value === 'boolean' ? 'peut-être' : { x: 1 };
}

const view = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, schemaPath: e.schemaPath, params: e.params, message: e.message, parentSchema: JSON.stringify(e.parentSchema) }));

describe('schema validators generated at build time (ajv standalone)', () => {
  it('were generated from the schemas in the tree (else: npm run build)', () => {
    assert.ok(generatedValidatorsCurrent(), 'server/src/language-service/generated/schemaValidators.js is stale: run `npm run build`');
  });

  it('give exactly the errors of validators compiled now, on every example and rule fixture, as written and with wrong types and unknown keys', function () {
    this.timeout(60000);
    const compiled = compileValidators();
    const files = amoFiles();
    assert.ok(files.length > 50, `${files.length} files`);
    let withErrors = 0;
    for (const file of files) {
      const parsed = parseText(`file://${file}`, fs.readFileSync(file, 'utf8'));
      if (!parsed.kind || !parsed.ok) continue;
      const g = generated[parsed.kind] as ValidateFunction;
      const c = compiled[parsed.kind];
      for (const data of [parsed.data ?? null, mutate(parsed.data)]) {
        const ok = g(data);
        assert.strictEqual(ok, c(data), file);
        assert.deepStrictEqual(view(g.errors), view(c.errors), file);
        if (!ok) withErrors++;
      }
    }
    assert.ok(withErrors > 100, `only ${withErrors} files with schema errors: the comparison would prove little`);
  });

  it('are recognised as stale when a schema or the ajv setup changes', () => {
    const current = schemaKey(JSON.stringify([ajvSetup, programmeSchema, consultationSchema]));
    assert.strictEqual(current, generated.key);
    const edited = { ...programmeSchema, description: `${String((programmeSchema as { description?: string }).description)}.` };
    assert.notStrictEqual(schemaKey(JSON.stringify([ajvSetup, edited, consultationSchema])), generated.key);
    assert.notStrictEqual(schemaKey(JSON.stringify([{ ...ajvSetup, formats: ['date'] }, programmeSchema, consultationSchema])), generated.key);
  });
});
