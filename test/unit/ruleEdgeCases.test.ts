import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { addDays, addMonths, addYears } from '../../server/src/language-service/util/data';
import { codes, diagnose, ROOT } from '../helpers/service';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

/** A clean works consultation on the base programme, launched after 21/08/2026. */
function consultation(extra: string, procedure = 'type: MAPA'): string {
  return `programme: ./base.programme.yaml
id: C-EDGE
objet: Travaux
nature: travaux
phase: PH-ACT
procedure:
  ${procedure}
date_lancement: 2027-01-11
date_limite_offres: 2027-02-15
transmission_electronique: true
validite_offres_jours: 120
ccag: travaux_2021
notation_prix: {methode: classique, note_max: 20, base: TTC}
oab: {detection: moyenne moins un écart-type, procedure_contradictoire: true}
conditions_execution:
  environnementales: [Tri des déchets de chantier]
  sociales: [Heures d'insertion]
${extra}`;
}

const CRITERIA = `criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: ENV, type: environnement, ponderation: 40}
`;

function run(text: string): string[] {
  return codes(diagnose('edge.consultation.yaml', text, { dir: FIXTURES }));
}

describe('rule edge cases (regressions)', () => {
  it('small lots are measured against the declared total value (CSL-012, CSL-016)', () => {
    const text = consultation(`valeur_estimee_ht: 6000000
lots:
  - {id: L1, intitule: Serrurerie, valeur_estimee_ht: 400000, mapa_petit_lot: true}
  - {id: L2, intitule: Signalétique, valeur_estimee_ht: 500000, mapa_petit_lot: true}
${CRITERIA}`);
    const c = run(text);
    assert.ok(!c.includes('CSL-012') && !c.includes('CSL-016'), c.join());
  });

  it('a MAPA above the threshold needs the R2123-1 3° ground, not any motif (CSL-012)', () => {
    const lots = 'valeur_estimee_ht: 6000000\nnon_allotissement: {motif: Ouvrage unique}\n' + CRITERIA;
    assert.ok(run(consultation(lots, 'type: MAPA\n  motif: Pour aller plus vite')).includes('CSL-012'));
    assert.ok(!run(consultation(lots, 'type: MAPA\n  fondement: R2123-1 3°')).includes('CSL-012'));
  });

  it('a contract without competition (SPMC) needs no award criteria (CSL-001)', () => {
    const text = consultation('valeur_estimee_ht: 30000\nnon_allotissement: {motif: Petite intervention}\n', 'type: SPMC\n  fondement: R2122-8');
    assert.ok(!run(text).includes('CSL-001'), run(text).join());
  });

  it('the appeal period ends on the last day of a shorter month (PLN-005 arithmetic)', () => {
    assert.strictEqual(addMonths('2026-12-31', 2), '2027-02-28');
    assert.strictEqual(addMonths('2027-12-31', 2), '2028-02-29');
    assert.strictEqual(addMonths('2026-10-16', 2), '2026-12-16');
  });

  it('date arithmetic on absurd amounts stays an ISO day instead of throwing (fuzz seed 1795158147)', () => {
    assert.strictEqual(addDays('2027-01-18', 1e20), '9999-12-31');
    assert.strictEqual(addDays('2027-01-18', -1e20), '0000-01-01');
    assert.strictEqual(addMonths('2027-01-18', 1e9), '9999-12-31');
    assert.strictEqual(addYears('2027-01-18', 1e9), '9999-12-31');
    assert.strictEqual(addDays('2027-01-18', 90), '2027-04-18');
    // The test service's log throws, so a rule that throws fails here; the award date is then within validity.
    const text = consultation(`date_attribution_prevue: 2027-03-01
non_allotissement: {motif: Ouvrage unique}
${CRITERIA}`).replace('validite_offres_jours: 120', 'validite_offres_jours: 100000000000000000000');
    assert.ok(!run(text).includes('CSL-022'), run(text).join());
  });

  it('CSL-004b does not repeat CSL-004 after 21/08/2026', () => {
    const text = consultation(`non_allotissement: {motif: Ouvrage unique}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - id: VT
    type: qualite
    ponderation: 40
    sous_criteres:
      - {id: VT1, libelle: Gestion des déchets, environnemental: true}
`);
    const c = run(text);
    assert.ok(c.includes('CSL-004') && !c.includes('CSL-004b'), c.join());
  });

  it('the base programme fixture stays clean', () => {
    const file = path.join(FIXTURES, 'base.programme.yaml');
    assert.deepStrictEqual(codes(diagnose('base.programme.yaml', fs.readFileSync(file, 'utf8'), { dir: FIXTURES })), []);
  });
});
