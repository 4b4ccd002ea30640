import { lotCandidates } from '../../server/src/language-service/model/reception';
import * as assert from 'assert';
import { parse } from 'yaml';
import { lotRanking, lotRankings, rankingLots, retainedCandidates } from '../../server/src/language-service/model/lotRanking';
import { scoreLot } from '../../server/src/language-service/scoring';
import type { Obj } from '../../server/src/language-service/util/data';
import type { DocModel } from '../../server/src/render/model';
import type { MarkupContent } from 'vscode-languageserver-types';
import { positionAt, withCursor } from '../helpers/cursor';
import { diagnose, makeService, uriOf } from '../helpers/service';
import { headings, renderText, rowTexts, tablesUnder } from './render/renderHelpers';

/**
 * One holder per lot: REC-007 and completion (lotCandidates), the rapport d'analyse des offres and the
 * PV de réception all read the ranking of language-service/lotRanking.ts. The documents below are the
 * cases where a ranking of its own used to differ from the RAO's; every expected winner is worked out
 * in the comments (classique: N = 20 × Pmin / P; points = weight × note / 20).
 */

const TTC_FALLBACK = `id: CSL-T
objet: Travaux de rénovation
nature: travaux
procedure: {type: MAPA}
notation_prix: {methode: classique, base: TTC, note_max: 20}
lots:
  - {id: L1}
  - {id: L2}
  - id: L3
    criteres:
      - {id: PRIX3, type: prix, fourchette: {min: 30, max: 50}}
      - id: VT3
        type: qualite
        ponderation: 60
        sous_criteres:
          - {id: VT3-A, ponderation: 1}
          - {id: VT3-B, ponderation: 2}
  - id: L4
    criteres:
      - {id: CG, type: cout, libelle: Coût global, ponderation: 70}
      - {id: VT4, type: qualite, ponderation: 30}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, type: qualite, ponderation: 40}
offres:
  # L1: Bravo has no TTC price, so the whole lot is compared HT.
  # HT: Alpha 60 + 30 = 90; Bravo 20 × 100000 / 110000 = 18.18 → 54.55 + 30 = 84.55: Alpha.
  # TTC where given, else HT (Alpha 120000 against Bravo 110000): Bravo 90, Alpha 85: Bravo.
  - {id: O1, lot: L1, candidat: Alpha, prix_ht: 100000, prix_ttc: 120000, notes: {VT: 15}}
  - {id: O2, lot: L1, candidat: Bravo, prix_ht: 110000, notes: {VT: 15}}
  # L2: every offer has a TTC price (VAT 20 % and 10 %), so TTC: Delta 112200 < Charlie 120000: Delta
  # (on HT Charlie would win, 100000 < 102000).
  - {id: O3, lot: L2, candidat: Charlie, prix_ht: 100000, prix_ttc: 120000, notes: {VT: 15}}
  - {id: O4, lot: L2, candidat: Delta, prix_ht: 102000, prix_ttc: 112200, notes: {VT: 15}}
  # L3, its own criteria: PRIX3 counts for the middle of its range (40), VT3 is the 1:2 weighted mean.
  # Echo: price 40; VT3 (20 + 2 × 8) / 3 = 12 → 36; total 76.
  # Foxtrot: price 20 × 100000 / 120000 = 16.67 → 33.33; VT3 (8 + 2 × 16) / 3 = 13.33 → 40; total 73.33.
  # Echo wins; with the range left out of the totals (VT3 alone) Foxtrot would.
  - {id: O5, lot: L3, candidat: Echo, prix_ht: 100000, prix_ttc: 100000, notes: {VT3-A: 20, VT3-B: 8}}
  - {id: O6, lot: L3, candidat: Foxtrot, prix_ht: 120000, prix_ttc: 120000, notes: {VT3-A: 8, VT3-B: 16}}
  # L4: a cost criterion is scored from the price like a price criterion.
  # India: 70 + 30 × 10 / 20 = 85; Juliet: 70 × 100000 / 150000 = 46.67 + 30 × 16 / 20 = 24 → 70.67: India
  # (reading CG from the notes instead, where nobody entered it, would leave VT4 alone: Juliet).
  - {id: O7, lot: L4, candidat: India, prix_ht: 100000, prix_ttc: 100000, notes: {VT4: 10}}
  - {id: O8, lot: L4, candidat: Juliet, prix_ht: 150000, prix_ttc: 150000, notes: {VT4: 16}}
reception:
  date_reception: 2026-03-02
  decision: avec_reserves
  reserves:
    - {id: R1, lot: L1, entreprise: Alpha, date_constat: 2026-03-02}
    - {id: R2, lot: L1, entreprise: Bravo, date_constat: 2026-03-02}
`;

// Price notes entered by hand (methode autre): Golf 0.6 × 12 + 0.4 × 15 → 66, Hotel 0.6 × 18 + 0.4 × 14 → 82:
// Hotel, although Golf is cheaper (classique would give Golf 90 against Hotel 82).
const AUTRE = `id: CSL-A
objet: Maintenance
nature: services
procedure: {type: MAPA}
notation_prix: {methode: autre}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, type: qualite, ponderation: 40}
offres:
  - {id: O1, candidat: Golf, prix_ht: 90000, notes: {PRIX: 12, VT: 15}}
  - {id: O2, candidat: Hotel, prix_ht: 100000, notes: {PRIX: 18, VT: 14}}
reception: {date_reception: 2026-03-02, decision: sans_reserve}
`;

function model(name: string, text: string, deliverable: 'rao' | 'reception'): DocModel {
  const r = renderText(name, text, deliverable);
  assert.ok(r.model, r.error);
  return r.model;
}

/** The candidates ranked 1 in the RAO's ranking table of each lot section ("2. Lot L1" → 'L1', "2. Marché unique" → ''). */
function raoFirst(m: DocModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of headings(m)) {
    const section = /^(\d+)\. (?:Lot (\S+)|Marché unique)/.exec(h);
    if (!section) continue;
    const title = headings(m).find((x) => x.startsWith(`${section[1]}.`) && x.endsWith(' Pondération et classement'));
    const [ranking] = tablesUnder(m, title ?? `${section[1]}.4 `);
    out.set(section[2] ?? '', rowTexts(ranking).filter((r) => r[0] === '1').map((r) => r[1]));
  }
  return out;
}

/**
 * The holder the PV des OPR names for each marché (its table of marchés: "L1 — intitulé" or "Marché
 * unique"), without the « non déclaré » flag it carries when inferred from the ranking.
 */
function pvHolders(m: DocModel): Map<string, string> {
  const out = new Map<string, string>();
  const markets = tablesUnder(m, '1. ').find((t) => t.columns[0].label === 'Lot' && t.columns[2].label === 'Titulaire');
  for (const r of markets ? rowTexts(markets) : []) out.set(r[0] === 'Marché unique' ? '' : r[0].split(' — ')[0], r[2].replace(/ \(non déclaré\)$/, ''));
  return out;
}

function agreement(name: string, text: string, expected: Record<string, string>): void {
  const data = parse(text) as Obj;
  const rao = raoFirst(model(name, text, 'rao'));
  const pv = pvHolders(model(name, text, 'reception'));
  assert.deepStrictEqual([...rao.keys()].sort(), Object.keys(expected).sort(), 'the RAO analyses every lot');
  for (const [lot, holder] of Object.entries(expected)) {
    const retained = lotCandidates(data, lot === '' ? undefined : lot).retained;
    assert.deepStrictEqual(retained, [holder], `lotCandidates, lot '${lot}'`);
    assert.deepStrictEqual(rao.get(lot), retained, `RAO rank 1, lot '${lot}'`);
    assert.strictEqual(pv.get(lot), retained.join(' / '), `PV holder, lot '${lot}'`);
  }
}

describe('lot ranking: one holder for REC-007, completion, the RAO and the PV', () => {
  it('base TTC without a TTC price for one offer: the whole lot is ranked HT, as the RAO says (and a cost criterion is scored from the price)', () => {
    agreement('ttc.consultation.yaml', TTC_FALLBACK, { L1: 'Alpha', L2: 'Delta', L3: 'Echo', L4: 'India' });
    const l1 = lotRanking(parse(TTC_FALLBACK) as Obj, 'L1');
    assert.ok(l1);
    assert.strictEqual(l1.setup.base, 'HT');
    assert.deepStrictEqual(l1.setup.missingTtc.map(({ o }) => o.id), ['O2']);
    // The case is a real divergence: mixing TTC and HT per offer would retain Bravo.
    const mixed = scoreLot(l1.criteria, l1.offers.map(({ o }) => ({ id: String(o.candidat), price: Number(o.prix_ttc ?? o.prix_ht), notes: o.notes as Record<string, number>, admissible: true })), { method: 'classique', nmax: 20 });
    assert.deepStrictEqual(mixed.offers.filter((x) => x.rank === 1).map((x) => x.id), ['Bravo']);
  });

  it('a criterion weighted by a range counts for its middle, sub-criteria by their weights', () => {
    const l3 = lotRanking(parse(TTC_FALLBACK) as Obj, 'L3');
    assert.ok(l3);
    assert.strictEqual(l3.setup.base, 'TTC');
    assert.deepStrictEqual(l3.criteria.map((c) => [c.id, c.weight]), [['PRIX3', 40], ['VT3', 60]]);
    assert.deepStrictEqual(l3.score.offers.map((x) => Math.round(x.total * 100) / 100), [76, 73.33]);
  });

  it('methode autre: the price notes entered rank the offers (consultation without lots)', () => {
    agreement('autre.consultation.yaml', AUTRE, { '': 'Hotel' });
  });

  it('REC-007 names the firm the RAO retained, not the one a mixed-base ranking would', () => {
    const rec = diagnose('ttc.consultation.yaml', TTC_FALLBACK).filter((d) => d.code === 'REC-007');
    assert.strictEqual(rec.length, 1, rec.map((d) => d.message).join('\n'));
    assert.match(rec[0].message, /Réserve R2 : l’entreprise « Bravo » n’est pas le candidat retenu sur le lot L1 \(« Alpha »\)/);
  });

  it('the hover of an offer gives the RAO’s rank and compared price', () => {
    const hover = (marked: string): string => {
      const { text, offset } = withCursor(marked);
      const h = makeService().getHover({ uri: uriOf('/virtual/ttc.consultation.yaml'), text }, positionAt(text, offset));
      assert.ok(h, 'expected a hover');
      return (h.contents as MarkupContent).value;
    };
    const alpha = hover(TTC_FALLBACK.replace('candidat: Alpha', 'candidat: Al|pha'));
    assert.match(alpha, /Note pondérée : 90 \/ 100 — rang 1 sur 2/);
    assert.match(alpha, /Prix comparé : 100\s000\s€ HT \(base TTC demandée, mais une offre du lot n’a pas de prix TTC/);
    assert.match(hover(TTC_FALLBACK.replace('candidat: Bravo', 'candidat: Bra|vo')), /rang 2 sur 2/);
    assert.match(hover(TTC_FALLBACK.replace('candidat: India', 'candidat: In|dia')), /Note pondérée : 85 \/ 100 — rang 1 sur 2[\s\S]*\| `CG` \| 70 \| 20 \(prix\) \| 70 \|/);
  });

  it('ties are all retained, each candidate once; a lot without ranked offer has no holder', () => {
    const data: Obj = {
      lots: [{ id: 'L1' }, { id: 'L2' }],
      criteres: [{ id: 'PRIX', type: 'prix', ponderation: 100 }],
      offres: [
        { id: 'O1', lot: 'L1', candidat: 'A', prix_ht: 100 },
        { id: 'O2', lot: 'L1', candidat: 'B', prix_ht: 100 },
        { id: 'O3', lot: 'L1', candidat: 'A', prix_ht: 100 },
        { id: 'O4', lot: 'L2', candidat: 'C', prix_ht: 100, statut: 'irreguliere' },
      ],
    };
    assert.deepStrictEqual(lotRankings(data).map((r) => [r.lotId, retainedCandidates(r)]), [['L1', ['A', 'B']], ['L2', []]]);
    assert.deepStrictEqual(lotCandidates(data, 'L2'), { retained: [], all: ['C'] });
    assert.deepStrictEqual(lotCandidates({ ...data, criteres: undefined, lots: [{ id: 'L1', criteres: [] }] }, 'L1').retained, ['A', 'B'], 'an empty criteria set ties every admissible offer');
    assert.deepStrictEqual(lotCandidates({ offres: data.offres }, 'L1').retained, [], 'a lot the consultation does not declare has no RAO section');
  });

  it('groups offers by lot in one pass, remembered per data object and never stale for another', () => {
    const lots = Array.from({ length: 300 }, (_, k) => ({ id: `L${k}` }));
    const offres = Array.from({ length: 3000 }, (_, k) => ({ id: `O${k}`, lot: `L${k % 300}`, candidat: `F${k}`, prix_ht: 1000 + (k % 7) }));
    const data: Obj = { lots, criteres: [{ id: 'PRIX', type: 'prix', ponderation: 100 }], offres };
    const first = rankingLots(data);
    assert.strictEqual(first.length, 300);
    assert.ok(first.every((l, k) => l.lotId === `L${k}` && l.offers.length === 10 && l.offers.every(({ o }) => o.lot === l.lotId)));
    assert.strictEqual(rankingLots(data), first, 'the same parsed data is grouped once');
    // Another version of the document is another data object: its own grouping.
    const edited: Obj = { ...data, offres: offres.map((o) => (o.id === 'O0' ? { ...o, lot: 'L1' } : o)) };
    assert.strictEqual(rankingLots(edited).find((l) => l.lotId === 'L1')?.offers.length, 11);
    assert.strictEqual(lotRanking(edited, 'L0')?.offers.length, 9);
    assert.strictEqual(lotRanking(data, 'L0')?.offers.length, 10);
  });
});
