import * as assert from 'assert';
import { roundTo, money, score, signedPercent } from '../../../server/src/render/format';
import { criterionNote, detectOab, oabIndicator, priceScore, priceStats, scoreLot, simulate, type Criterion } from '../../../server/src/language-service/scoring';

const close = (actual: number | undefined, expected: number, what: string): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
};

describe('render / scoring arithmetic (hand-computed cases)', () => {
  it('classique: N = Nmax × Pmin / P', () => {
    const s = priceStats([100_000, 125_000, 200_000])!;
    close(priceScore('classique', 100_000, s, 20), 20, 'Pmin');
    close(priceScore('classique', 125_000, s, 20), 16, '1.25 Pmin');
    close(priceScore('classique', 200_000, s, 20), 10, '2 Pmin');
  });

  it('linéaire: a straight line from Nmax at Pmin to 0 at Pmax; Nmax for all when prices are equal', () => {
    const s = priceStats([100, 150, 200])!;
    close(priceScore('lineaire', 100, s, 20), 20, 'Pmin');
    close(priceScore('lineaire', 150, s, 20), 10, 'middle');
    close(priceScore('lineaire', 200, s, 20), 0, 'Pmax');
    close(priceScore('lineaire', 100, priceStats([100, 100])!, 10), 10, 'equal prices');
  });

  it('moyenne: Nmax at Pmin, Nmax/2 at the mean, floored at 0', () => {
    const s = priceStats([100, 120, 140])!;
    close(s.pmoy, 120, 'mean');
    close(priceScore('moyenne', 100, s, 20), 20, 'Pmin');
    close(priceScore('moyenne', 120, s, 20), 10, 'mean');
    close(priceScore('moyenne', 140, s, 20), 0, 'twice the gap');
    close(priceScore('moyenne', 200, priceStats([100, 120, 200])!, 20), 0, 'floored');
  });

  it('a criterion note is the weighted mean of its sub-criteria (absolute weights)', () => {
    const vt: Criterion = { id: 'VT', weight: 45, isPrice: false, subs: [{ id: 'A', weight: 20 }, { id: 'B', weight: 10 }, { id: 'C', weight: 8 }, { id: 'D', weight: 7 }] };
    // (15×20 + 14×10 + 13×8 + 14×7) / 45 = 642 / 45
    close(criterionNote(vt, { A: 15, B: 14, C: 13, D: 14 }).note, 642 / 45, 'VT Morel');
    const missing = criterionNote(vt, { A: 15, B: 14 });
    assert.deepStrictEqual(missing.missing, ['C', 'D']);
    close(missing.note, (15 * 20 + 14 * 10) / 45, 'missing notes count for 0');
    close(criterionNote({ id: 'Q', isPrice: false, subs: [{ id: 'x' }, { id: 'y' }] }, { x: 10, y: 14 }).note, 12, 'unweighted mean');
  });

  it('lot 02 of the example: weighted totals and ranking, the abnormally low offer excluded from Pmin', () => {
    const criteria: Criterion[] = [
      { id: 'PRIX', weight: 40, isPrice: true, subs: [] },
      { id: 'VT', weight: 45, isPrice: false, subs: [{ id: 'M', weight: 20 }, { id: 'Mo', weight: 10 }, { id: 'Ma', weight: 8 }, { id: 'N', weight: 7 }] },
      { id: 'ENV', weight: 15, isPrice: false, subs: [] },
    ];
    const offer = (id: string, price: number, vt: number[], env: number, admissible = true) => ({ id, price, admissible, notes: { M: vt[0], Mo: vt[1], Ma: vt[2], N: vt[3], ENV: env } });
    const r = scoreLot(
      criteria,
      [offer('MOREL', 842_760, [15, 14, 13, 14], 13), offer('LACOMBE', 802_680, [13, 12, 14, 12], 15), offer('PERRIN', 877_800, [17, 16, 15, 16], 16), offer('BATI', 597_600, [9, 8, 10, 8], 7, false)],
      { method: 'classique', nmax: 20, eliminatoire: { id: 'VT', seuil: 8 } },
    );
    close(r.stats?.pmin, 802_680, 'Pmin over ranked offers only');
    const by = Object.fromEntries(r.offers.map((o) => [o.id, o]));
    // Exact fractions: 11229451/140460, 1601/20, 623069/7315.
    close(by.MOREL.total, 11_229_451 / 140_460, 'Morel');
    close(by.LACOMBE.total, 80.05, 'Lacombe');
    close(by.PERRIN.total, 623_069 / 7_315, 'Perrin');
    close(by.MOREL.notes.PRIX.note, (20 * 802_680) / 842_760, 'Morel price note');
    close(by.PERRIN.notes.VT.points, 36.6, 'Perrin VT points');
    assert.deepStrictEqual([by.PERRIN.rank, by.LACOMBE.rank, by.MOREL.rank, by.BATI.rank], [1, 2, 3, undefined]);
    assert.strictEqual(by.BATI.excluded, 'inadmissible');
    assert.strictEqual(r.maxTotal, 100);
    assert.strictEqual(score(by.PERRIN.total), '85,18');
    assert.strictEqual(score(by.MOREL.total), '79,95');
  });

  it('note éliminatoire: an offer under the threshold is not ranked and leaves the price statistics', () => {
    const criteria: Criterion[] = [
      { id: 'P', weight: 60, isPrice: true, subs: [] },
      { id: 'T', weight: 40, isPrice: false, subs: [] },
    ];
    const r = scoreLot(criteria, [{ id: 'a', price: 100, admissible: true, notes: { T: 7.99 } }, { id: 'b', price: 150, admissible: true, notes: { T: 12 } }], { method: 'classique', nmax: 20, eliminatoire: { id: 'T', seuil: 8 } });
    const [a, b] = r.offers;
    assert.strictEqual(a.excluded, 'eliminatoire');
    assert.strictEqual(a.rank, undefined);
    close(r.stats?.pmin, 150, 'Pmin without the eliminated offer');
    close(b.total, 60 + 24, 'b gets the full price mark');
    assert.strictEqual(b.rank, 1);
  });

  it('equal totals share a rank (1, 1, 3)', () => {
    const criteria: Criterion[] = [{ id: 'T', weight: 100, isPrice: false, subs: [] }];
    const r = scoreLot(criteria, ['x', 'y', 'z'].map((id, i) => ({ id, admissible: true, notes: { T: i < 2 ? 15 : 10 } })), { nmax: 20 });
    assert.deepStrictEqual(r.offers.map((o) => o.rank), [1, 1, 3]);
  });

  it('OAB: mean minus one population standard deviation (lot 02: threshold 559 567,84 € HT)', () => {
    const r = detectOab('moyenne des offres moins un écart-type', [
      { id: 'MOREL', price: 702_300 },
      { id: 'LACOMBE', price: 668_900 },
      { id: 'PERRIN', price: 731_500 },
      { id: 'BATI', price: 498_000 },
    ]);
    assert.strictEqual(r.indicator, 'ecart_type');
    assert.ok(r.declared);
    close(r.mean, 650_175, 'mean');
    // σ = √(32 838 627 500 / 4)
    close(r.sigma, Math.sqrt(32_838_627_500 / 4), 'sigma');
    assert.strictEqual(money(r.threshold!), '559\u00a0567,84\u00a0€');
    assert.deepStrictEqual(r.below, ['BATI']);
  });

  it('OAB: the other indicators, and the default when none is declared', () => {
    const prices = [{ id: 'a', price: 80 }, { id: 'b', price: 100 }, { id: 'c', price: 100 }, { id: 'd', price: 200 }];
    // CAA: M1 = 120; offers ≤ 144 kept: M2 = (80+100+100)/3 = 93.33…; threshold 0.9 × M2 = 84.
    const caa = detectOab('moyenne, puis offres à plus de 20 % écartées, seuil à 10 % sous la seconde moyenne', prices);
    assert.strictEqual(caa.indicator, 'caa_20_10');
    close(caa.threshold, 84, 'CAA threshold');
    assert.deepStrictEqual(caa.below, ['a']);
    const pct = detectOab('15 % sous la moyenne', prices);
    close(pct.threshold, 102, '15 % under the mean');
    const est = detectOab('20 % sous l’estimation', prices, 110);
    close(est.threshold, 88, '20 % under the estimate');
    assert.deepStrictEqual(est.below, ['a']);
    assert.strictEqual(oabIndicator(undefined).declared, false);
    assert.strictEqual(oabIndicator('deux écarts-types sous la moyenne').k, 2);
  });

  it('simulation at Pmin, 1.25, 1.5 and 2 × Pmin', () => {
    const rows = simulate(1000, 20);
    assert.deepStrictEqual(rows.map((r) => r.price), [1000, 1250, 1500, 2000]);
    assert.deepStrictEqual(rows.map((r) => roundTo(r.notes.classique, 2)), [20, 16, 13.33, 10]);
    assert.deepStrictEqual(rows.map((r) => roundTo(r.notes.lineaire, 2)), [20, 15, 10, 0]);
    // Pmoy = 1437.5: N = 20 × (1 − (P − 1000) / 875), floored at 0.
    assert.deepStrictEqual(rows.map((r) => roundTo(r.notes.moyenne, 2)), [20, 14.29, 8.57, 0]);
  });

  it('rounding half away from zero, robust to binary representation', () => {
    assert.strictEqual(roundTo(1.005, 2), 1.01);
    assert.strictEqual(roundTo(2.675, 2), 2.68);
    assert.strictEqual(roundTo(-2.675, 2), -2.68);
    assert.strictEqual(money(1234567.005), '1\u00a0234\u00a0567,01\u00a0€');
    assert.strictEqual(signedPercent(-152_175, 650_175), '−23,41\u00a0%');
  });
});
