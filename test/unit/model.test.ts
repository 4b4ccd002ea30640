import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consultationModel, programmeModel, allCriteria } from '../../server/src/language-service/model/build';
import { lotRankings } from '../../server/src/language-service/model/lotRanking';
import { nodeAt, parseText } from '../../server/src/language-service/parse';
import type { Entity } from '../../server/src/language-service/model/types';
import { isObj } from '../../server/src/language-service/util/data';

/** The typed read-model (model/build.ts): built once per parse, every entity at its node, total on any data. */
const ROOT = path.join(__dirname, '..', '..');
const FILES = [
  ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => /\.(programme|consultation)\.yaml$/.test(f)).map((f) => path.join(ROOT, 'examples', f)),
  ...fs.readdirSync(path.join(ROOT, 'test/fixtures/rules')).map((f) => path.join(ROOT, 'test/fixtures/rules', f)),
];

function parsedOf(file: string) {
  return parseText(`file://${file}`, fs.readFileSync(file, 'utf8'));
}

describe('typed model (model/build.ts)', () => {
  it('puts every entity of every example and fixture at the node it was read from', () => {
    let checked = 0;
    for (const file of FILES) {
      const parsed = parsedOf(file);
      if (!isObj(parsed.data)) continue;
      const ents: Entity[] = [];
      if (parsed.kind === 'programme') {
        const m = programmeModel(parsed.data);
        ents.push(...m.phases, ...m.deliverables, ...m.milestones, ...m.risks, ...m.actors, ...m.indicators, ...m.indicators.flatMap((i) => i.mesures));
      } else if (parsed.kind === 'consultation') {
        const m = consultationModel(parsed.data);
        ents.push(...m.lots, ...m.offers, ...m.criteriaSets.flatMap(allCriteria), ...(m.reception?.reserves ?? []));
      }
      for (const e of ents) {
        const node = nodeAt(parsed.doc, e.path);
        assert.ok(node, `${path.basename(file)}: no node at ${e.path.join('.')}`);
        assert.deepEqual(node.toJSON(), parsed.raw === undefined ? e.o : node.toJSON(), `${path.basename(file)} ${e.path.join('.')}`);
        checked++;
      }
    }
    assert.ok(checked > 1000, `only ${checked} entities checked`);
  });

  it('is built once per parsed data object', () => {
    const parsed = parsedOf(path.join(ROOT, 'examples/mediatheque-prevert-travaux.consultation.yaml'));
    assert.ok(isObj(parsed.data));
    assert.equal(consultationModel(parsed.data), consultationModel(parsed.data));
    const again = parseText(parsed.uri, parsed.lines.text + '\n# edit\n', parsed);
    assert.ok(isObj(again.data));
    // A new version gets its own model, with the same reading of what did not change.
    assert.deepEqual(consultationModel(again.data).offers.map((o) => [o.name, o.path]), consultationModel(parsed.data).offers.map((o) => [o.name, o.path]));
    assert.ok(consultationModel(parsed.data).offers.length > 10);
  });

  it('names criteria, offers and lots as the RAO ranks them, and groups offers by lot', () => {
    const parsed = parsedOf(path.join(ROOT, 'examples/mediatheque-prevert-travaux.consultation.yaml'));
    assert.ok(isObj(parsed.data));
    const m = consultationModel(parsed.data);
    const rankings = lotRankings(parsed.data);
    assert.ok(rankings.length >= 2);
    for (const r of rankings) {
      const offers = m.offersByLot.get(r.lotId) ?? [];
      assert.deepEqual(offers.map((o) => o.name), r.score.offers.map((o) => o.id), `lot ${r.lotId}`);
      assert.deepEqual(m.criteriaSets[r.setIndex].criteria.map((c) => c.name), r.criteria.map((c) => c.id));
      assert.deepEqual(m.criteriaSets[r.setIndex].criteria.map((c) => c.sub.map((s) => s.name)), r.criteria.map((c) => c.subs.map((s) => s.id)));
      assert.equal(m.lotById.get(r.lotId as string)?.o, r.lot);
    }
    const sum = m.offers.length;
    assert.equal([...m.offersByLot.values()].reduce((a, l) => a + l.length, 0), sum);
  });

  it('reads the programme: phases with their deliverables and milestones, risks with their criticality, follow-up', () => {
    const parsed = parsedOf(path.join(ROOT, 'examples/mediatheque-prevert.programme.yaml'));
    assert.ok(isObj(parsed.data));
    const m = programmeModel(parsed.data);
    assert.ok(m.phases.length > 3 && m.deliverables.length === m.phases.reduce((a, p) => a + p.livrables.length, 0));
    assert.ok(m.deliverables.every((d) => m.phases.includes(d.phase) && d.phase.livrables.includes(d)));
    assert.equal(m.followUp, true);
    assert.ok(m.deliverables.every((d) => d.status !== undefined));
    for (const r of m.risks) if (r.probabilite !== undefined && r.impact !== undefined) assert.equal(r.criticality, r.probabilite * r.impact);
  });

  it('is total: wrong types give absent fields and empty lists, never an exception', () => {
    const odd = [
      { phases: 'x', risques: [1, null, 'a', { probabilite: 'haut', impact: 3 }], acteurs: {}, indicateurs: [{ mesures: 3 }] },
      { phases: [null, { livrables: 'x', jalons: [{ date: '2027-02-30' }] }], operation: [1] },
    ];
    for (const data of odd) {
      const m = programmeModel(data as never);
      assert.ok(Array.isArray(m.phases) && Array.isArray(m.risks));
      for (const r of m.risks) assert.equal(r.criticality, undefined);
      for (const j of m.milestones) assert.equal(j.date, undefined);
    }
    assert.deepEqual(programmeModel(odd[0] as never).risks.map((r) => r.notObject ?? false), [true, true, true, false]);
    const c = consultationModel({ lots: [null, { id: 3, criteres: 'x' }], offres: [{ lot: 3, prix_ht: '12' }], criteres: [{ sous_criteres: [{ sous_criteres: [{}] }] }], reception: [] } as never);
    assert.equal(c.offers[0].prixHt, undefined);
    assert.equal(c.offersByLot.get('3')?.length, 1);
    assert.equal(c.reception, undefined);
    assert.equal(c.criteriaSets[0].criteria[0].sub[0].sub[0].name, '#1.1.1');
  });
});
