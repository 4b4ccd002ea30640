import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/service';

/**
 * Every data key the code reads exists in the schemas: a key read in a rule, a hover or a deliverable but
 * refused by the schema (or misspelt in the code) is a check that can never fire on a valid file. Data keys
 * are French snake_case and the code is camelCase, so a property access `.mot_mot` or `['mot_mot']` in
 * server/src is a data key unless it is listed below with the format it belongs to.
 */
const NOT_YAML_KEYS: Record<string, string> = {
  ligne_entete: 'key of the import mapping file <consultation>.import.json (office/importOffers.ts), not of the YAML',
};

function schemaKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (s: unknown): void => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (!s || typeof s !== 'object') return;
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' && v && typeof v === 'object') for (const p of Object.keys(v)) keys.add(p);
      walk(v);
    }
  };
  for (const f of ['programme', 'consultation']) walk(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${f}.schema.json`), 'utf8')));
  return keys;
}

function sources(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.includes('generated')).map((f) => path.join(dir, f));
}

/** `.snake_case` (not a call) and `x['snake_case']` accesses (not array literals), with their line. */
export function dataKeyReads(text: string): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  const re = /\.([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b(?!\s*\()|(?<=[\w)\]])\[\s*'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ key: m[1] ?? m[2], line: text.slice(0, m.index).split('\n').length });
  return out;
}

describe('data keys read by the code exist in the schemas', () => {
  it('finds the accesses it must (self-test)', () => {
    assert.deepStrictEqual(dataKeyReads("x.date_debut; y['montant_ht']; z.someCall_name(); w.camelCase; v.phase_x; f(['liste_de_valeurs'])\n").map((r) => r.key), ['date_debut', 'montant_ht', 'phase_x']);
  });

  it('every `.mot_mot` read in server/src is a property of a schema (or a listed key of another format)', () => {
    const keys = schemaKeys();
    assert.ok(keys.size > 200, `${keys.size} keys`);
    const missing: string[] = [];
    let reads = 0;
    for (const file of sources('server/src')) {
      for (const r of dataKeyReads(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
        reads++;
        if (!keys.has(r.key) && !(r.key in NOT_YAML_KEYS)) missing.push(`${file}:${r.line}: ${r.key}`);
      }
    }
    assert.ok(reads > 300, `only ${reads} reads found: the scan is broken`);
    assert.deepStrictEqual(missing, [], 'keys read by the code but absent from the schemas (add them to the schema, or fix the spelling)');
  });
});
