import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The model boundary (docs/architecture.md, "The model"): the lists of a document's entities — phases and
 * their deliverables and milestones, risks, actors, indicators and their measures, lots, criteria and
 * sub-criteria, offers, reserves — are walked in language-service/model/ only; every other reader takes
 * them from the typed model (model/build.ts), with their paths.
 *
 * Readers written before the model still walk some of them: modelBoundary.baseline.json records how many
 * walks each such file has left. The count may only go down: a new walk anywhere fails, and so does a
 * file that walks less than recorded until the baseline is lowered (so that it cannot creep back up).
 */
const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'server', 'src');
const BASELINE = path.join(__dirname, 'modelBoundary.baseline.json');
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

  it('no file walks more entity lists than the baseline records, and the baseline follows every removal', () => {
    const baseline = JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as Record<string, number>;
    const actual = walksByFile();
    const over: string[] = [];
    const under: string[] = [];
    for (const [file, n] of actual) {
      const allowed = baseline[file] ?? 0;
      if (n > allowed) over.push(`${file}: ${n} walks of entity lists (allowed ${allowed}); read them from the model (model/build.ts)`);
    }
    for (const [file, allowed] of Object.entries(baseline)) {
      const n = actual.get(file) ?? 0;
      if (n < allowed) under.push(`${file}: ${n} (baseline ${allowed}): lower modelBoundary.baseline.json`);
    }
    assert.deepEqual(over, [], over.join('\n'));
    assert.deepEqual(under, [], under.join('\n'));
  });
});
