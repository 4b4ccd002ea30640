import * as assert from 'assert';
import { EU_THRESHOLDS, FR_THRESHOLDS, euThresholdKey, valueAt } from '../../server/src/language-service/data/legalData';
import { addYears, daysBetween } from '../../server/src/language-service/util/data';

describe('versioned legal data', () => {
  it('picks the EU threshold in force at the launch date', () => {
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2025-12-31')?.value, 5_538_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2026-01-01')?.value, 5_404_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'fcs_autres_pa', '2027-06-30')?.value, 216_000);
  });

  it('knows the 2020–2023 thresholds, for operations already under way', () => {
    const services2022 = valueAt(EU_THRESHOLDS, 'fcs_autres_pa', '2022-03-15');
    assert.strictEqual(services2022?.value, 215_000);
    assert.strictEqual(services2022?.extrapolated, false);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'fcs_autres_pa', '2021-12-31')?.value, 214_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2023-06-01')?.value, 5_382_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2024-01-01')?.value, 5_538_000);
  });

  it('has one value at most per key and date (no overlapping intervals)', () => {
    for (const a of EU_THRESHOLDS)
      for (const b of EU_THRESHOLDS)
        if (a !== b && a.key === b.key) assert.ok((a.to ?? '9999') < (b.from ?? '0000') || (b.to ?? '9999') < (a.from ?? '0000'), `${a.key} ${a.from} / ${b.from}`);
  });

  it('marks a date outside every interval as extrapolated from the nearest one', () => {
    const l = valueAt(EU_THRESHOLDS, 'travaux', '2028-03-01');
    assert.strictEqual(l?.value, 5_404_000);
    assert.strictEqual(l?.extrapolated, true);
  });

  it('switches the supplies/services exemption threshold on 1 April 2026', () => {
    assert.strictEqual(valueAt(FR_THRESHOLDS, 'dispense_fcs', '2026-03-31')?.value, 40_000);
    assert.strictEqual(valueAt(FR_THRESHOLDS, 'dispense_fcs', '2026-04-01')?.value, 60_000);
  });

  it('chooses the threshold family from nature and buyer', () => {
    assert.strictEqual(euThresholdKey('travaux', 'etat', false), 'travaux');
    // The 140 k€ services threshold is the central government authorities' only (notice on thresholds).
    assert.strictEqual(euThresholdKey('services', 'autorite_publique_centrale', false), 'fcs_etat');
    assert.strictEqual(euThresholdKey('services', 'etat_autre', false), 'fcs_autres_pa');
    assert.strictEqual(euThresholdKey('services', 'collectivite', false), 'fcs_autres_pa');
    assert.strictEqual(euThresholdKey('fournitures', 'entite_adjudicatrice', false), 'fcs_ea_defense');
    assert.strictEqual(euThresholdKey('fournitures', 'collectivite', true), 'fcs_ea_defense');
  });

  it('computes calendar days and anniversaries', () => {
    assert.strictEqual(daysBetween('2026-08-01', '2026-09-05'), 35);
    assert.strictEqual(addYears('2024-02-29', 1), '2025-02-28');
  });
});
