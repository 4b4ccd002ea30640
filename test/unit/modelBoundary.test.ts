import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The model boundary (docs/architecture.md, "The model"): the lists of a document's entities — phases and
 * their deliverables and milestones, risks, actors, indicators and their measures, lots, criteria and
 * sub-criteria, offers, reserves — are walked in language-service/model/ only; every other reader takes
 * them from the typed model (model/build.ts), with their paths.
 *
 * One file is exempt, with its reason: it reads the YAML as written on purpose, not domain facts.
 */
const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'server', 'src');
/** Files that walk an entity list of the data as written, on purpose (not a domain read), and why. */
const EXEMPT: Record<string, string> = {
  // The offer import checks its own edit: the new text must parse to the old raw data plus the imported
  // offers, key for key as written (a model read would compare canonical spellings, not the file).
  'server/src/office/importOffers.ts': 'verifies a YAML edit against the data as written',
};
const KEYS = 'phases|livrables|jalons|risques|acteurs|indicateurs|lots|criteres|sous_criteres|offres|reserves|mesures';
/** `list(data.lots)`, `list(ctx.data.offres)`, `items(data, 'risques')`, and the pre-model walkers. */
const WALK = new RegExp(`\\blist\\(\\s*[A-Za-z_][A-Za-z0-9_.?]*\\.(?:${KEYS})\\s*\\)|\\bitems\\([^,()]+, '(?:${KEYS})'\\)|\\bcriteriaSets\\(|\\bsubCriteria\\(`, 'g');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function walksByFile(): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of sources(SRC)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    if (rel.startsWith('server/src/language-service/model/')) continue;
    const n = (fs.readFileSync(file, 'utf8').match(WALK) ?? []).length;
    if (n) out.set(rel, n);
  }
  return out;
}

describe('model boundary: entity lists are walked in model/ only', () => {
  it('finds the walks it looks for (self-test on a synthetic reader)', () => {
    const sample = "list(data.lots).map(obj); list(ctx.data.offres); items(data, 'risques'); criteriaSets(data); list(x.actions); list(data.revues)";
    assert.equal(sample.match(WALK)?.length, 4);
  });

  it('no file outside model/ walks an entity list, but the exempt ones (each with its reason)', () => {
    const actual = walksByFile();
    const over = [...actual].filter(([file]) => !(file in EXEMPT)).map(([file, n]) => `${file}: ${n} walk(s) of entity lists; read them from the model (model/build.ts)`);
    assert.deepEqual(over, [], over.join('\n'));
    const stale = Object.keys(EXEMPT).filter((file) => !actual.has(file));
    assert.deepEqual(stale, [], `exempt but walking nothing any more, drop from EXEMPT: ${stale.join(', ')}`);
  });
});
