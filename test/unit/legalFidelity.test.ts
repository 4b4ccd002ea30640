import * as assert from 'assert';
import { BUYER_CATEGORIES, EU_THRESHOLDS, FR_THRESHOLDS, MINIMUM_DELAYS, valueAt } from '../../server/src/language-service/data/legalData';
import { RULES } from '../../server/src/language-service';
import { categoriesOf } from '../../server/src/language-service/model/buyer';
import { diagnose } from '../helpers/service';

/**
 * Legal outcomes, case by case, from the legal review of the rules: thresholds by period and buyer, time
 * limits, advertising, severity of practice rules. Each case is a minimal consultation; the assertion is the
 * severity of one code (or its absence), so a wrong grade fails as surely as a missing finding.
 */

const SEV = ['', 'error', 'warning', 'information', 'hint'];

function consultation(lines: Record<string, string>): string {
  const base: Record<string, string> = {
    version: '1',
    id: 'CAS',
    objet: 'Cas de test',
    nature: 'travaux',
    procedure: '{type: MAPA}',
    valeur_estimee_ht: '500000',
    date_lancement: '2026-12-01',
    date_limite_offres: '2027-01-15',
    non_allotissement: '{motif: Prestation indivisible}',
    criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 60}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 30}, {id: ENV, libelle: Environnement, type: environnement, ponderation: 10}]',
    conditions_execution: '{environnementales: Tri des déchets}',
    validite_offres_jours: '120',
    ...lines,
  };
  return Object.entries(base).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}

function severityOf(text: string, code: string): string | undefined {
  const d = diagnose('cas.consultation.yaml', text).filter((x) => x.code === code);
  return d.length === 0 ? undefined : SEV[Math.min(...d.map((x) => x.severity ?? 1))];
}

function programmeSeverity(text: string, code: string): string | undefined {
  const d = diagnose('cas.programme.yaml', text).filter((x) => x.code === code);
  return d.length === 0 ? undefined : SEV[Math.min(...d.map((x) => x.severity ?? 1))];
}

describe('legal fidelity: versioned facts', () => {
  it('works exemption threshold (R2122-8) through its history', () => {
    const at = (d: string) => valueAt(FR_THRESHOLDS, 'dispense_travaux', d)?.value;
    assert.strictEqual(at('2019-06-01'), 25_000);
    assert.strictEqual(at('2020-03-01'), 40_000);
    assert.strictEqual(at('2020-09-01'), 70_000);
    assert.strictEqual(at('2021-06-01'), 100_000);
    assert.strictEqual(at('2025-06-01'), 100_000, 'décret 2024-1217 prorogued 100 k€ to 31/12/2025');
    assert.strictEqual(at('2026-06-01'), 100_000);
  });

  it('EU thresholds back to 2016, and nothing invented before', () => {
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2018-06-01')?.value, 5_548_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2017-06-01')?.value, 5_225_000);
    assert.strictEqual(valueAt(EU_THRESHOLDS, 'travaux', '2015-06-01')?.extrapolated, true);
  });

  it('AOR/PN offer limits of 30/25 days bind the central authorities only', () => {
    assert.strictEqual(MINIMUM_DELAYS.AOR_offres_autres.standard, 10);
    assert.strictEqual(MINIMUM_DELAYS.PN_offres_autres.standard, 10);
    assert.strictEqual(BUYER_CATEGORIES.collectivite.apc, false);
    assert.strictEqual(BUYER_CATEGORIES.autorite_publique_centrale.apc, true);
  });

  it('version-1 categories and common words map onto the categories of the law', () => {
    assert.deepStrictEqual(categoriesOf('etat'), ['autorite_publique_centrale', 'etat_autre']);
    assert.deepStrictEqual(categoriesOf('Collectivité'), ['collectivite']);
    assert.deepStrictEqual(categoriesOf('entite_adjudicatrice'), ['entite_adjudicatrice']);
    assert.deepStrictEqual(categoriesOf('HLM'), ['oph', 'hlm_prive']);
    assert.deepStrictEqual(categoriesOf('constructor'), []);
  });

  it('every error-severity rule cites the text it enforces (or is a document-consistency check)', () => {
    const legal = /\b[LRD]\s?\d{3,4}(-\d+)*|\bCE\b|CJUE|loi\b|décret|C\. trav|CCH|C\. civ|CCAG|Cohérence|Logique du planning|Format des fichiers/i;
    const missing = RULES.filter((r) => r.severity === 'error' && !legal.test(r.basis)).map((r) => `${r.id}: ${r.basis}`);
    assert.deepStrictEqual(missing, []);
  });

  it('no rule of confidence U is an error, and the practice rules of the review are not errors', () => {
    const byId = new Map(RULES.map((r) => [r.id, r]));
    for (const id of ['PRG-009', 'PRG-012', 'RSK-001', 'RSK-002', 'RSK-003', 'RSK-005', 'NRJ-002', 'NRJ-004']) {
      assert.notStrictEqual(byId.get(id)?.severity, 'error', id);
    }
    for (const id of ['CSL-011b', 'CSL-025', 'CSL-004b']) assert.strictEqual(byId.get(id)?.severity, 'hint', id);
    assert.deepStrictEqual(RULES.filter((r) => r.confidence === 'U' && r.severity === 'error').map((r) => r.id), []);
  });
});

describe('legal fidelity: thresholds by period and buyer (CSL-012)', () => {
  const spmc = (value: number, launch: string) => consultation({ procedure: '{type: SPMC, fondement: R2122-8}', valeur_estimee_ht: String(value), date_lancement: launch, date_limite_offres: '', criteres: '', conditions_execution: '', validite_offres_jours: '' });
  const cases: [number, string, string | undefined][] = [
    [80_000, '2023-05-10', undefined], // 100 k€ (loi ASAP, prorogée)
    [80_000, '2025-06-10', undefined], // 100 k€ until 31/12/2025 (décret 2024-1217)
    [120_000, '2025-06-10', 'error'],
    [30_000, '2019-05-10', 'error'], // 25 k€
    [30_000, '2020-03-10', undefined], // 40 k€
    [60_000, '2020-09-10', undefined], // 70 k€
    [30_000, '2013-05-10', 'information'], // before every known period
  ];
  for (const [value, launch, want] of cases) {
    it(`works SPMC of ${value} € launched on ${launch}: ${want ?? 'nothing'}`, () => assert.strictEqual(severityOf(spmc(value, launch), 'CSL-012'), want));
  }

  const services = (categorie: string) => consultation({ nature: 'services', valeur_estimee_ht: '180000', acheteur: `{categorie: ${categorie}}` });
  const buyers: [string, string | undefined][] = [
    ['autorite_publique_centrale', 'error'],
    ['etat_autre', undefined],
    ['collectivite', undefined],
    ['etat', 'warning'],
    ['entite_adjudicatrice', undefined],
    ['prive', undefined],
  ];
  for (const [categorie, want] of buyers) {
    it(`services of 180 000 € in MAPA by ${categorie}: ${want ?? 'nothing'}`, () => assert.strictEqual(severityOf(services(categorie), 'CSL-012'), want));
  }

  it('a works lot of an operation above the EU threshold cannot stay in MAPA unless it is a small lot', () => {
    assert.strictEqual(severityOf(consultation({ valeur_estimee_ht: '1200000', valeur_estimee_operation_ht: '6000000' }), 'CSL-012'), 'error');
    assert.strictEqual(severityOf(consultation({ valeur_estimee_ht: '400000', valeur_estimee_operation_ht: '6000000' }), 'CSL-012'), 'warning');
    assert.strictEqual(severityOf(consultation({ valeur_estimee_ht: '400000', valeur_estimee_operation_ht: '3000000' }), 'CSL-012'), undefined);
  });
});

describe('legal fidelity: time limits (CSL-015)', () => {
  const aor = (categorie: string, offers: string, extra: Record<string, string> = {}) => consultation({
    procedure: '{type: AOR}', valeur_estimee_ht: '6000000', acheteur: `{categorie: ${categorie}}`, transmission_electronique: 'true',
    date_limite_candidatures: '2027-01-05', date_envoi_invitation: '2027-01-20', date_limite_offres: offers,
    publicite: '{supports: [BOAMP, JOUE]}', conditions_execution: '{environnementales: Tri, sociales: Insertion}', ...extra,
  });
  const cases: [string, string, Record<string, string>, string | undefined][] = [
    ['collectivite', '2027-02-09', {}, undefined], // 20 days ≥ 10 (R2161-9)
    ['collectivite', '2027-01-28', {}, 'warning'], // 8 days: lawful only by agreement, not recorded
    ['collectivite', '2027-01-28', { delai_offres_accord_candidats: 'true' }, undefined],
    ['collectivite', '2027-01-28', { delai_offres_accord_candidats: 'false' }, 'error'],
    ['autorite_publique_centrale', '2027-02-09', {}, 'error'], // 20 < 25 days (electronic)
    ['autorite_publique_centrale', '2027-02-14', {}, undefined],
    ['etat', '2027-02-09', {}, 'warning'], // central authority or not: the file does not say
    ['entite_adjudicatrice', '2027-02-09', {}, undefined], // R2161-22
  ];
  for (const [categorie, offers, extra, want] of cases) {
    it(`AOR offers on ${offers} by ${categorie} ${JSON.stringify(extra)}: ${want ?? 'nothing'}`, () => assert.strictEqual(severityOf(aor(categorie, offers, extra), 'CSL-015'), want));
  }
  it('AOO limits bind every buyer', () => {
    const aoo = consultation({ procedure: '{type: AOO}', valeur_estimee_ht: '6000000', acheteur: '{categorie: sem}', date_limite_offres: '2026-12-20', publicite: '{supports: [JOUE]}', conditions_execution: '{environnementales: Tri, sociales: Insertion}' });
    assert.strictEqual(severityOf(aoo, 'CSL-015'), 'error');
  });
});

describe('legal fidelity: advertising by buyer (CSL-014)', () => {
  const above = (categorie: string, supports: string) => consultation({ procedure: '{type: AOO}', valeur_estimee_ht: '6000000', acheteur: `{categorie: ${categorie}}`, date_limite_offres: '2027-01-20', publicite: `{supports: [${supports}]}`, conditions_execution: '{environnementales: Tri, sociales: Insertion}' });
  const cases: [string, string, string | undefined][] = [
    ['collectivite', 'JOUE', 'error'],
    ['collectivite', 'BOAMP, JOUE', undefined],
    ['sem', 'JOUE', undefined], // R2131-16 2°
    ['pa_droit_prive', 'JOUE', undefined],
    ['epic_etat', 'JOUE', undefined],
    ['epic_local', 'JOUE', 'error'],
    ['epic', 'JOUE', 'warning'],
    ['sem', 'BOAMP', 'error'],
  ];
  for (const [categorie, supports, want] of cases) {
    it(`above the EU threshold, ${categorie} publishing in [${supports}]: ${want ?? 'nothing'}`, () => assert.strictEqual(severityOf(above(categorie, supports), 'CSL-014'), want));
  }
  it('MAPA from 90 000 €: BOAMP or JAL for the State and local authorities only', () => {
    const mapa = (categorie: string) => consultation({ valeur_estimee_ht: '150000', acheteur: `{categorie: ${categorie}}`, publicite: '{supports: [PROFIL_ACHETEUR]}' });
    assert.strictEqual(severityOf(mapa('collectivite'), 'CSL-014'), 'error');
    assert.strictEqual(severityOf(mapa('spl'), 'CSL-014'), undefined);
  });
});

describe('legal fidelity: dates the file does not give', () => {
  const noLaunch = (offers: string) => consultation({ date_lancement: '', date_limite_offres: offers, criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 60}]', conditions_execution: '' });
  it('dates all before 2026: no 2026 obligation applies', () => {
    assert.strictEqual(severityOf(noLaunch('2025-03-14'), 'CSL-004'), undefined);
    assert.strictEqual(severityOf(noLaunch('2025-03-14'), 'CSL-020'), undefined);
  });
  it('a deadline just after 21/08/2026 bounds the launch only: warnings', () => {
    assert.strictEqual(severityOf(noLaunch('2026-09-15'), 'CSL-004'), 'warning');
    assert.strictEqual(severityOf(noLaunch('2026-09-15'), 'CSL-020'), 'warning');
  });
  it('the notice date is the launch date (décret 2025-1386 art. 4)', () => {
    const t = consultation({ date_lancement: '', date_envoi_avis: '2026-10-01', criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 60}]' });
    assert.strictEqual(severityOf(t, 'CSL-004'), 'error');
  });
  it('CSL-004b is silent before the loi Climat et résilience', () => {
    const t = consultation({ date_lancement: '2020-02-03', date_limite_offres: '2020-03-14', criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 60}]' });
    assert.strictEqual(severityOf(t, 'CSL-004b'), undefined);
  });
});

describe('legal fidelity: criteria', () => {
  it('an unweighted environmental sub-criterion is a warning, no trace at all an error (from 21/08/2026)', () => {
    const sub = consultation({ criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 60, sous_criteres: [{id: VT1, libelle: Méthode}, {id: VT2, libelle: Bilan carbone, environnemental: true}]}]' });
    assert.strictEqual(severityOf(sub, 'CSL-004'), 'warning');
    const none = consultation({ criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 60}]' });
    assert.strictEqual(severityOf(none, 'CSL-004'), 'error');
  });
  it('a single cost criterion must say it covers the environmental characteristics', () => {
    assert.strictEqual(severityOf(consultation({ criteres: '[{id: COUT, libelle: Coût global, type: cout, ponderation: 100}]' }), 'CSL-004'), 'warning');
    assert.strictEqual(severityOf(consultation({ criteres: '[{id: COUT, libelle: Coût global, type: cout, ponderation: 100, environnemental: true}]' }), 'CSL-004'), undefined);
  });
  it('sub-criteria in points add up to the criterion scale (note_sur): lawful', () => {
    const t = consultation({ criteres: '[{id: PRIX, libelle: Prix, type: prix, ponderation: 40}, {id: ENV, libelle: Environnement, type: environnement, ponderation: 10}, {id: VT, libelle: Valeur technique, type: qualite, ponderation: 50, note_sur: 20, sous_criteres: [{id: A, libelle: Méthode, points: 12}, {id: B, libelle: Moyens, points: 8}]}]' });
    assert.strictEqual(severityOf(t, 'CSL-007'), undefined);
  });
  it('a design contest gets no price, validity or OAB finding', () => {
    const t = consultation({ nature: 'maitrise_oeuvre', procedure: '{type: CONCOURS}', criteres: '[{id: ARCHI, libelle: Qualité architecturale, ponderation: 60}, {id: ENV, libelle: Environnement, type: environnement, ponderation: 40}]', validite_offres_jours: '' });
    for (const code of ['CSL-002', 'CSL-022', 'CSL-011b', 'CSL-004']) assert.strictEqual(severityOf(t, code), undefined, code);
  });
  it('Pe (the price examined) in a formula is no reference to the estimate', () => {
    assert.strictEqual(severityOf(consultation({ notation_prix: '{methode: classique, reference: prix_min, formule: N = 40 × Pmin / Pe}' }), 'CSL-009'), undefined);
    assert.strictEqual(severityOf(consultation({ notation_prix: '{methode: classique, reference: estimation}' }), 'CSL-009'), 'error');
  });
});

describe('legal fidelity: Livre IV scope (programmes)', () => {
  const programme = (categorie: string, extra = '') => `version: 1\noperation: {id: OP, intitule: Opération, categorie_acheteur: ${categorie}${extra}}\nobjectifs: []\n`;
  const cases: [string, string, string][] = [
    ['collectivite', '', 'error'],
    ['entite_adjudicatrice', '', 'information'],
    ['spl', '', 'information'],
    ['prive', '', 'information'],
    ['sem', '', 'warning'],
    ['collectivite', ', exclusion_livre_iv: "L2412-1 2° : bâtiment industriel"', 'information'],
  ];
  for (const [categorie, extra, want] of cases) {
    it(`PRG-001 for ${categorie}${extra ? ' (excluded works)' : ''}: ${want}`, () => assert.strictEqual(programmeSeverity(programme(categorie, extra), 'PRG-001'), want));
  }
});
