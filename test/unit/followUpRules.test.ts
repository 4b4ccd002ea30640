import { gpaEnd, lotCandidates, reserveOpen } from '../../server/src/language-service/model/reception';
import * as assert from 'assert';
import * as path from 'path';
import type { AmoDiagnostic } from '../../server/src/language-service';
import { firmTokens, nameIn } from '../../server/src/language-service/rules/amo';
import { diagnose, TEST_TODAY, uriOf } from '../helpers/service';

/**
 * Edge cases of the follow-up (SUI-), reception (REC-) and AMO (AMO-) rules (docs/rules.md). Tests run on
 * 2026-11-28 (TEST_TODAY). Only the codes of these families are looked at: the small documents below
 * are not complete programmes or consultations.
 */

const LIFECYCLE = /^(SUI|REC|AMO)-/;
const DIR = '/virtual/follow-up';

function mine(diags: AmoDiagnostic[]): AmoDiagnostic[] {
  return diags.filter((d) => LIFECYCLE.test(d.code));
}

function programme(text: string): AmoDiagnostic[] {
  return mine(diagnose('p.programme.yaml', text, { dir: DIR }));
}

/** A consultation whose `programme:` is an in-memory programme (the AMO acteurs of AMO-001). */
function consultation(text: string, programmeText?: string, locale?: 'fr' | 'en'): AmoDiagnostic[] {
  const files: Record<string, string> = {};
  let head = '';
  if (programmeText !== undefined) {
    files[uriOf(path.join(DIR, 'p.programme.yaml'))] = programmeText;
    head = 'programme: ./p.programme.yaml\n';
  }
  return mine(diagnose('c.consultation.yaml', head + text, { dir: DIR, files, locale }));
}

function codesOf(diags: AmoDiagnostic[]): string[] {
  return diags.map((d) => d.code).sort();
}

function receptionDoc(dateReception: string, reserves: string, decision = 'avec_reserves'): string {
  return `id: C-REC
nature: travaux
reception:
  date_reception: ${dateReception}
  decision: ${decision}
  reserves:
${reserves}`;
}

describe('follow-up rules (SUI, REC, AMO): edge cases', () => {
  it('the test day is the one the expectations below are computed from', () => {
    assert.strictEqual(TEST_TODAY, '2026-11-28');
  });

  describe('end of the GPA (REC-001, REC-002)', () => {
    it('is one year after the acceptance, and 28 February for an acceptance on 29 February', () => {
      assert.strictEqual(gpaEnd({ date_reception: '2025-11-28' }), '2026-11-28');
      assert.strictEqual(gpaEnd({ date_reception: '2024-02-29' }), '2025-02-28');
      assert.strictEqual(gpaEnd({ date_reception: '2027-02-28' }), '2028-02-28');
      assert.strictEqual(gpaEnd({ date_reception: '2026-02-30' }), undefined);
      assert.strictEqual(gpaEnd({ date_reception: 20260301 }), undefined);
    });

    it('a reserve still open on the last day of the GPA is not late; the next day it is', () => {
      const open = '    - {id: R1, date_constat: 2025-11-20, statut: en_cours}\n';
      assert.deepStrictEqual(codesOf(consultation(receptionDoc('2025-11-28', open))), []);
      const late = consultation(receptionDoc('2025-11-27', open));
      assert.deepStrictEqual(codesOf(late), ['REC-002']);
      assert.match(late[0].message, /27\/11\/2026 \(il y a 1 jour\)/);
    });

    it('a lifting planned on the last day of the GPA is fine; one day later is not', () => {
      const onTime = '    - {id: R1, date_constat: 2026-06-01, date_levee_prevue: 2027-06-10}\n';
      const late = '    - {id: R1, date_constat: 2026-06-01, date_levee_prevue: 2027-06-11}\n';
      assert.deepStrictEqual(codesOf(consultation(receptionDoc('2026-06-10', onTime))), []);
      const d = consultation(receptionDoc('2026-06-10', late));
      assert.deepStrictEqual(codesOf(d), ['REC-001']);
      assert.match(d[0].message, /levée prévue le 11\/06\/2027/);
      assert.match(d[0].message, /1 jour après la fin de la garantie de parfait achèvement \(10\/06\/2027/);
    });

    it('an acceptance on 29 February ends its GPA on 28 February of the next year', () => {
      const onTime = '    - {id: R1, date_constat: 2024-02-20, date_levee_prevue: 2025-02-28, date_levee: 2025-02-27}\n';
      const late = '    - {id: R1, date_constat: 2024-02-20, date_levee_prevue: 2025-03-01}\n';
      assert.deepStrictEqual(codesOf(consultation(receptionDoc('2024-02-29', onTime))), []);
      const d = consultation(receptionDoc('2024-02-29', late));
      // Planned one day after the GPA, and still open long after it.
      assert.deepStrictEqual(codesOf(d), ['REC-001', 'REC-002']);
      assert.ok(d.every((x) => x.message.includes('28/02/2025')), d.map((x) => x.message).join('\n'));
    });

    it('a reserve is open unless its statut is levee, or it has no statut and a lifting date', () => {
      assert.strictEqual(reserveOpen({}), true);
      assert.strictEqual(reserveOpen({ date_levee: '2026-01-10' }), false);
      assert.strictEqual(reserveOpen({ statut: 'levee' }), false);
      assert.strictEqual(reserveOpen({ statut: 'contestee', date_levee: '2026-01-10' }), true);
      assert.strictEqual(reserveOpen({ statut: 'ouverte', date_levee: '2026-01-10' }), true);
    });

    it('states the facts in English with ISO dates', () => {
      const d = consultation(receptionDoc('2025-10-15', '    - {id: R1, date_constat: 2025-10-01}\n'), undefined, 'en');
      assert.deepStrictEqual(codesOf(d), ['REC-002']);
      assert.match(d[0].message, /ended on 2026-10-15 \(44 days ago\)/);
    });
  });

  describe('acceptance decision and dates (REC-003 … REC-006)', () => {
    it('sans_reserve allows reserves noticed after the acceptance, and lifted ones, but not open ones noticed at it', () => {
      const after = '    - {id: R1, date_constat: 2026-05-11}\n    - {id: R2, date_constat: 2026-02-20, date_levee: 2026-03-01}\n';
      assert.deepStrictEqual(codesOf(consultation(receptionDoc('2026-03-02', after, 'sans_reserve'))), []);
      const sameDay = '    - {id: R1, date_constat: 2026-03-02}\n';
      assert.deepStrictEqual(codesOf(consultation(receptionDoc('2026-03-02', sameDay, 'sans_reserve'))), ['REC-003']);
    });

    it('an OPR on the acceptance day is in order; a reserve noticed before the OPR is allowed', () => {
      const text = `nature: travaux
reception:
  date_opr: 2026-09-15
  date_reception: 2026-09-15
  decision: avec_reserves
  reserves:
    - {id: R1, date_constat: 2026-08-01, date_levee: 2026-08-01}
`;
      assert.deepStrictEqual(codesOf(consultation(text)), []);
    });

    it('an effective date before the OPR is lawful once the decision is dated after them; a decision before them is REC-005', () => {
      const rec = (decision: string) => `nature: travaux\nreception: {date_opr: 2026-09-20, date_reception: 2026-09-15, ${decision}decision: avec_reserves, reserves: [{id: R1}]}\n`;
      assert.deepStrictEqual(codesOf(consultation(rec('date_decision: 2026-09-25, '))), []);
      assert.deepStrictEqual(codesOf(consultation(rec('date_decision: 2026-09-20, '))), []);
      assert.deepStrictEqual(codesOf(consultation(rec('date_decision: 2026-09-19, '))), ['REC-005']);
      // Without a decision date the order cannot be proved either way: a warning, not an error.
      assert.deepStrictEqual(codesOf(consultation(rec(''))), ['REC-005b']);
    });

    it('avec_reserves with an empty list is REC-004', () => {
      assert.deepStrictEqual(codesOf(consultation('nature: travaux\nreception: {date_reception: 2026-09-15, decision: avec_reserves, reserves: []}\n')), ['REC-004']);
    });

    it('ignores malformed values instead of throwing (the test service throws on a rule exception)', () => {
      const text = `nature: travaux
reception:
  date_opr: 2026-13-45
  date_reception: [2026, 9, 15]
  decision: 42
  reserves:
    - 12
    - {id: R1, lot: 7, date_constat: nope, date_levee: 2026-02-30, date_levee_prevue: 99, statut: [levee], entreprise: {a: 1}}
    - {id: R2, entreprise: '', statut: levee, date_levee: null}
offres:
  - {id: O1, candidat: 12, prix_ht: -1, notes: [1, 2]}
  - {candidat: Entreprise, lot: 7, prix_ht: abc}
`;
      assert.doesNotThrow(() => consultation(text));
      assert.doesNotThrow(() => consultation('reception: [1, 2]\noffres: {a: 1}\ncriteres: 3\n'));
      assert.doesNotThrow(() => programme('phases: 3\nindicateurs: {a: 1}\n'));
    });
  });

  describe('retained candidates and firms of reserves (REC-007)', () => {
    const offers = `lots: [{id: L1}, {id: L2}]
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, type: qualite, ponderation: 40}
offres:
  - {id: O1, lot: L1, candidat: Morel Construction SAS, prix_ht: 100, notes: {VT: 18}}
  - {id: O2, lot: L1, candidat: Lacombe Bâtiment, prix_ht: 110, notes: {VT: 10}}
  - {id: O3, lot: L2, candidat: Perrin et Fils, prix_ht: 90, notes: {VT: 15}, statut: irreguliere}
  - {id: O4, lot: L2, candidat: Groupement Martin / Électricité Sud, prix_ht: 95, notes: {VT: 15}}
`;

    it('are the best-ranked offers of the lot, irregular ones excluded', () => {
      const data = { lots: [{ id: 'L1' }, { id: 'L2' }], criteres: [{ id: 'PRIX', type: 'prix', ponderation: 60 }, { id: 'VT', type: 'qualite', ponderation: 40 }], offres: [
        { id: 'O1', lot: 'L1', candidat: 'A', prix_ht: 100, notes: { VT: 18 } },
        { id: 'O2', lot: 'L1', candidat: 'B', prix_ht: 110, notes: { VT: 10 } },
        { id: 'O3', lot: 'L2', candidat: 'C', prix_ht: 90, notes: { VT: 15 }, statut: 'irreguliere' },
        { id: 'O4', lot: 'L2', candidat: 'D', prix_ht: 95, notes: { VT: 15 } },
      ] };
      assert.deepStrictEqual(lotCandidates(data, 'L1'), { retained: ['A'], all: ['A', 'B'] });
      assert.deepStrictEqual(lotCandidates(data, 'L2'), { retained: ['D'], all: ['D', 'C'] });
      assert.deepStrictEqual(lotCandidates(data, 'L3'), { retained: [], all: [] });
    });

    it('a member of a consortium, case, accents and legal forms do not count as another firm', () => {
      const text = `${offers}reception:
  date_reception: 2026-09-15
  decision: avec_reserves
  reserves:
    - {id: R1, lot: L1, entreprise: MOREL CONSTRUCTION, date_constat: 2026-09-01}
    - {id: R2, lot: L2, entreprise: Electricite Sud SARL, date_constat: 2026-09-01}
    - {id: R3, lot: L2, entreprise: Perrin et Fils, date_constat: 2026-09-01}
    - {id: R4, lot: L9, entreprise: Inconnue, date_constat: 2026-09-01}
    - {id: R5, entreprise: Sans lot, date_constat: 2026-09-01}
`;
      const d = consultation(text);
      // Perrin et Fils tendered on L2 but its offer was irregular: not the retained firm.
      assert.deepStrictEqual(d.map((x) => `${x.code} ${x.range.start.line}`), [`REC-007 ${text.split('\n').findIndex((l) => l.includes('R3'))}`]);
    });
  });

  describe('follow-up of deliverables (SUI-001 … SUI-003)', () => {
    const phase = (livrables: string): string => `phases:
  - id: PH-APS
    code: APS
    debut: 2026-03-02
    fin: 2026-04-24
    livrables:
${livrables}`;

    it('without any statut in the file, follow-up is inactive: past deadlines are not late deliveries', () => {
      const text = phase('      - {id: L1, echeance: 2026-04-20}\n      - {id: L2, echeance: 2026-01-10, emetteur: MOE}\n');
      assert.deepStrictEqual(codesOf(programme(text)), []);
    });

    it('one statut anywhere activates it: a deliverable without statut then counts as attendu', () => {
      const text = phase('      - {id: L1, echeance: 2026-04-20}\n      - {id: L2, echeance: 2026-12-20, statut: attendu}\n      - {id: L3, echeance: 2026-04-20, date_reception: 2026-04-21}\n');
      const d = programme(text);
      assert.deepStrictEqual(codesOf(d), ['SUI-001']);
      assert.match(d[0].message, /L1 attendu le 20\/04\/2026 .* 222 jours de retard au 28\/11\/2026/);
    });

    it('due today is not late; due yesterday is one day late', () => {
      const text = phase('      - {id: L1, echeance: 2026-11-28, statut: attendu}\n      - {id: L2, echeance: 2026-11-27, statut: attendu}\n');
      const d = programme(text);
      assert.deepStrictEqual(codesOf(d), ['SUI-001']);
      assert.match(d[0].message, /L2 .* 1 jour de retard/);
    });

    it('received, under review or approved deliverables are not late', () => {
      const text = phase(`      - {id: L1, echeance: 2026-04-20, statut: recu}
      - {id: L2, echeance: 2026-04-20, statut: en_revue}
      - {id: L3, echeance: 2026-04-20, statut: valide, revues: [{date: 2026-04-28, avis: favorable}]}
`);
      assert.deepStrictEqual(codesOf(programme(text)), []);
    });

    it('the last review is the latest by date, whatever the order of the list', () => {
      const ok = phase('      - {id: L1, echeance: 2026-04-20, statut: valide, date_reception: 2026-04-20, revues: [{date: 2026-05-20, avis: favorable}, {date: 2026-04-28, avis: defavorable}]}\n');
      assert.deepStrictEqual(codesOf(programme(ok)), []);
      const ko = phase('      - {id: L1, echeance: 2026-04-20, statut: valide, date_reception: 2026-04-20, revues: [{date: 2026-04-28, avis: favorable}, {date: 2026-05-20, avis: defavorable}]}\n');
      assert.deepStrictEqual(codesOf(programme(ko)), ['SUI-003']);
    });

    it('a rejection after a favourable review with comments contradicts it; an empty review list is SUI-002', () => {
      const text = phase(`      - {id: L1, echeance: 2026-04-20, statut: refuse, revues: [{date: 2026-04-28, avis: favorable_avec_remarques}]}
      - {id: L2, echeance: 2026-04-20, statut: refuse, revues: []}
`);
      assert.deepStrictEqual(codesOf(programme(text)), ['SUI-002', 'SUI-003']);
    });
  });

  describe('milestones, indicators and future dates (SUI-004 … SUI-007)', () => {
    it('a milestone on the last day of its phase is in it; achieved early or on time is not late', () => {
      const text = `phases:
  - id: PH-APS
    debut: 2026-03-02
    fin: 2026-04-24
    jalons:
      - {id: J1, date: 2026-04-24, date_reelle: 2026-04-24}
      - {id: J2, date: 2026-04-20, date_reelle: 2026-04-10}
`;
      assert.deepStrictEqual(codesOf(programme(text)), []);
    });

    it('the target is met at equality; au_plus is the default direction', () => {
      const text = `indicateurs:
  - {id: I1, cible: 100, mesures: [{date: 2026-10-01, valeur: 100}]}
  - {id: I2, cible: 100, sens: au_moins, mesures: [{date: 2026-10-01, valeur: 100}]}
  - {id: I3, cible: 100, mesures: [{date: 2026-10-01, valeur: 100.5}]}
  - {id: I4, cible: 100, sens: au_moins, mesures: [{date: 2026-10-01, valeur: 80}, {date: 2026-09-01, valeur: 120}]}
  - {id: I5, mesures: [{date: 2026-10-01, valeur: 80}]}
`;
      const d = programme(text);
      assert.deepStrictEqual(d.map((x) => x.message.split(' :')[0]), ['Indicateur I3', 'Indicateur I4']);
    });

    it('today is not in the future; tomorrow is', () => {
      const text = `phases:
  - id: PH-PRO
    fin: 2027-01-31
    jalons:
      - {id: J1, date: 2026-11-28, date_reelle: 2026-11-28}
      - {id: J2, date: 2026-11-29, date_reelle: 2026-11-29}
indicateurs:
  - {id: I1, cible: 10, mesures: [{date: 2026-11-29, valeur: 1}]}
`;
      const d = programme(text);
      assert.deepStrictEqual(codesOf(d), ['SUI-007', 'SUI-007']);
      assert.ok(d.every((x) => /dans 1 jour/.test(x.message)), d.map((x) => x.message).join('\n'));
    });
  });

  describe('independence of the AMO (AMO-001)', () => {
    it('normalises names: accents, case, legal forms, parenthesised parts, punctuation', () => {
      assert.deepStrictEqual(firmTokens('Atelier Prog & Co SARL (AMO programmation)'), ['atelier', 'prog', 'co']);
      assert.deepStrictEqual(firmTokens('Groupement Électricité-Sud / Maître d’Œuvre SAS'), ['electricite', 'sud', 'maitre', 'oeuvre']);
      assert.ok(nameIn('Atelier Prog & Co', 'ATELIER PROG & CO (mandataire)'));
      assert.ok(nameIn('Électricité Sud', 'Groupement Martin / ELECTRICITE SUD (cotraitant)'));
      assert.ok(nameIn('Bet Fluides Conseil', 'BET FLUIDES-CONSEIL SAS'));
      assert.ok(!nameIn('Atelier Prog & Co', 'Atelier Progrès'));
      assert.ok(!nameIn('Atelier Prog & Co', 'Prog & Co'), 'every token of the party is needed');
      assert.ok(!nameIn('A & B', 'A & B Construction'), 'a name needs a token of two characters');
      assert.ok(!nameIn('SAS', 'Bâtisseurs SAS'), 'a legal form alone names nobody');
      assert.ok(nameIn('Cabinet Delmas Économie', 'Delmas Economie'), 'a generic word does not make another firm');
      assert.ok(nameIn('Groupe Lemaire', 'LEMAIRE Ingénierie'));
      assert.ok(!nameIn('Cabinet', 'Cabinet Durand'), 'a generic word alone names nobody');
      assert.ok(!nameIn('(AMO)', 'AMO Conseil'));
    });

    const prog = `acteurs:
  - {id: MOA, role: maitre_ouvrage, nom: Commune de Saint-Aubin}
  - {id: AMO, role: Assistant à maîtrise d'ouvrage, nom: M. Paul Petit, organisme: Programmistes Réunis SAS, entreprises_liees: [Réunis Ingénierie]}
  - {id: MOE, role: moe, nom: Faure Architectes}
`;
    const offers = `offres:
  - {id: O1, candidat: PROGRAMMISTES RÉUNIS}
  - {id: O2, candidat: Groupement Faure Architectes / Réunis Ingénierie SARL}
  - {id: O3, candidat: Faure Architectes}
  - {id: O4, candidat: Commune de Saint-Aubin}
`;

    it('flags the AMO and its related firms, found through a free-text role, and only them', () => {
      const d = consultation(`nature: travaux\n${offers}`, prog);
      assert.deepStrictEqual(d.map((x) => `${x.code} ${x.range.start.line}`), ['AMO-001 3', 'AMO-001 4']);
      assert.match(d[1].message, /« Réunis Ingénierie », entreprise liée à l’AMO de l’opération \(AMO : Programmistes Réunis SAS\)/);
    });

    it('does not flag offers in the AMO consultation itself', () => {
      assert.deepStrictEqual(codesOf(consultation(`nature: services\nmission: amo\ncriteres: [{id: PRIX, type: prix, ponderation: 40}, {id: EXP, type: experience, ponderation: 60}]\n${offers}`, prog)), []);
      // A design consultation is not the AMO's: its bid there is a conflict of interest.
      assert.deepStrictEqual(codesOf(consultation(`nature: maitrise_oeuvre\ncriteres: [{id: PRIX, type: prix, ponderation: 40}, {id: M, type: methode, ponderation: 60}]\n${offers}`, prog)), ['AMO-001', 'AMO-001']);
    });

    it('needs the programme: without it, nothing is checked', () => {
      assert.deepStrictEqual(codesOf(consultation(`nature: travaux\n${offers}`)), []);
    });
  });

  describe('criteria of intellectual services (AMO-002, AMO-003)', () => {
    it('AMO-003 counts experience, methode, coordination and qualite, per criteria set', () => {
      for (const t of ['experience', 'methode', 'coordination', 'qualite']) {
        assert.deepStrictEqual(codesOf(consultation(`nature: services\nmission: amo\ncriteres: [{id: PRIX, type: prix, ponderation: 50}, {id: C, type: ${t}, ponderation: 50}]\n`)), [], t);
      }
      const lots = `nature: services
mission: amo
lots:
  - {id: L1, criteres: [{id: PRIX, type: prix, ponderation: 50}, {id: C, type: independance, ponderation: 50}]}
  - {id: L2, criteres: [{id: PRIX, type: prix, ponderation: 50}, {id: C, type: coordination, ponderation: 50}]}
`;
      const d = consultation(lots);
      assert.deepStrictEqual(codesOf(d), ['AMO-003']);
      assert.match(d[0].message, /\(lot L1\)/);
    });

    it('AMO-003 applies to design contracts (nature maitrise_oeuvre or mission moe), not to other missions', () => {
      const weak = 'criteres: [{id: PRIX, type: prix, ponderation: 60}, {id: D, type: delai, ponderation: 40}]\n';
      assert.deepStrictEqual(codesOf(consultation(`nature: maitrise_oeuvre\n${weak}`)), ['AMO-003']);
      assert.deepStrictEqual(codesOf(consultation(`nature: services\nmission: moe\n${weak}`)), ['AMO-003']);
      assert.deepStrictEqual(codesOf(consultation(`nature: services\nmission: opc\n${weak}`)), []);
      assert.deepStrictEqual(codesOf(consultation(`nature: travaux\n${weak}`)), []);
    });

    it('AMO-002 flags a references criterion in any consultation', () => {
      const d = consultation('nature: travaux\ncriteres: [{id: PRIX, type: prix, ponderation: 60}, {id: R, type: references, ponderation: 40}]\n');
      assert.deepStrictEqual(codesOf(d), ['AMO-002']);
    });
  });
});
