import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import { apportion } from '../../server/src/language-service/actions/apportion';
import { comments } from '../../server/src/language-service/formatting/layout';
import type { AmoDiagnostic } from '../../server/src/language-service';
import { applyAction } from '../helpers/applyEdits';
import { codes, makeService, ROOT, uriOf } from '../helpers/service';

const PROGRAMME = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'base.programme.yaml'), 'utf8');
const PROGRAMME_URI = uriOf('/virtual/base.programme.yaml');
const CONSULTATION_URI = uriOf('/virtual/c.consultation.yaml');

/** A consultation without any diagnostic against base.programme.yaml, with `criteres` and extra keys given. */
function consultation(criteres: string, extra = ''): string {
  return `# Consultation de test
programme: ./base.programme.yaml
id: C-TEST
objet: Travaux de la médiathèque
nature: travaux
phase: PH-ACT
procedure:
  type: MAPA
valeur_estimee_ht: 900000
date_lancement: 2026-12-01
date_limite_offres: 2027-01-08
transmission_electronique: true
publicite:
  supports: [BOAMP, PROFIL_ACHETEUR]
forme_prix: forfait
ccag: travaux_2021
lots:
  - {id: LOT-01, intitule: Gros œuvre, valeur_estimee_ht: 500000}
  - {id: LOT-02, intitule: Lots techniques, valeur_estimee_ht: 400000}
${criteres}
notation_prix: {methode: classique, note_max: 20, base: TTC, reference: prix_min}
oab: {detection: moyenne des offres moins un écart-type, procedure_contradictoire: true}
conditions_execution:
  environnementales: Tri et valorisation des déchets de chantier.
validite_offres_jours: 120
date_attribution_prevue: 2027-03-01
${extra}`;
}

const CLEAN_CRITERIA = `criteres:
  - {id: PRIX, libelle: Prix, type: prix, ponderation: 40}
  - {id: VT, libelle: Valeur technique, type: qualite, ponderation: 45}
  - {id: ENV, libelle: Performance environnementale, type: environnement, ponderation: 15}`;

interface Case {
  uri: string;
  text: string;
  files?: Record<string, string>;
}

function service(c: Case) {
  return makeService({ [PROGRAMME_URI]: PROGRAMME, ...(c.files ?? {}) });
}

function diagnostics(c: Case): AmoDiagnostic[] {
  return service(c).getDiagnostics({ uri: c.uri, text: c.text });
}

/** The actions offered for the first diagnostic with `code` (it must exist). */
function actionsFor(c: Case, code: string, which: (d: AmoDiagnostic) => boolean = () => true): { diag: AmoDiagnostic; actions: CodeAction[] } {
  const diag = diagnostics(c).find((d) => d.code === code && which(d));
  assert.ok(diag, `no ${code} in ${JSON.stringify(codes(diagnostics(c)))}`);
  const actions = service(c).getCodeActions({ uri: c.uri, text: c.text }, diag.range, [diag]);
  for (const a of actions) {
    assert.strictEqual(a.kind, 'quickfix');
    assert.deepStrictEqual(a.diagnostics, [diag]);
  }
  return { diag, actions };
}

function pick(actions: CodeAction[], title: RegExp): CodeAction {
  const a = actions.find((x) => title.test(x.title));
  assert.ok(a, `no action matching ${title} among ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

/** Applies the action matching `title` to the case's document; returns the new text. */
function fix(c: Case, code: string, title: RegExp, which?: (d: AmoDiagnostic) => boolean): string {
  return applyAction(pick(actionsFor(c, code, which).actions, title), c.uri, c.text);
}

function weightsOf(text: string, path: (string | number)[]): number[] {
  const list = parseDocument(text).getIn(path) as { items: { get(k: string): unknown }[] };
  return list.items.map((i) => Number(i.get('ponderation')));
}

function assertCommentsKept(before: string, after: string): void {
  // A suppression directive may be appended to an existing comment: it then contains the old one.
  const kept = comments(after);
  for (const c of comments(before)) assert.ok(kept.some((k) => k.startsWith(c)), `comment lost: ${c}`);
}

describe('code actions', () => {
  describe('apportion (largest remainder)', () => {
    it('turns 33/33/33 into 34/33/33', () => assert.deepStrictEqual(apportion([33, 33, 33], 100), [34, 33, 33]));
    it('keeps proportions and sums exactly', () => {
      assert.deepStrictEqual(apportion([60, 35], 100), [63, 37]);
      assert.deepStrictEqual(apportion([30, 15, 10], 60), [33, 16, 11]);
      for (const ws of [[1, 1, 1, 1, 1, 1, 1], [7, 13, 29], [0.5, 0.25, 0.25], [99, 1]]) {
        assert.strictEqual(apportion(ws, 100).reduce((a, b) => a + b, 0), 100, JSON.stringify(ws));
      }
    });
    it('splits equally when every weight is zero, and works in hundredths for a decimal total', () => {
      assert.deepStrictEqual(apportion([0, 0, 0], 20), [7, 7, 6]);
      assert.deepStrictEqual(apportion([1, 1, 1], 0.5), [0.17, 0.17, 0.16]);
    });
  });

  describe('CSL-006 weights normalised', () => {
    const text = consultation(`# Pondérations publiées dans le RC
criteres:
  - id: PRIX  # le prix
    type: prix
    ponderation: 33
  - {id: VT, type: qualite, ponderation: 33}  # valeur technique
  - {id: ENV, type: environnement, ponderation: 33}`);
    const c = { uri: CONSULTATION_URI, text };

    it('33/33/33 → 34/33/33, preferred, comments kept, CSL-006 gone', () => {
      const { actions } = actionsFor(c, 'CSL-006');
      const action = pick(actions, /100/);
      assert.strictEqual(action.isPreferred, true);
      const after = applyAction(action, c.uri, text);
      assert.deepStrictEqual(weightsOf(after, ['criteres']), [34, 33, 33]);
      assertCommentsKept(text, after);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
      // Only the changed numbers moved: the rest of the text is byte-identical.
      assert.strictEqual(after.replace('ponderation: 34', 'ponderation: 33'), text);
    });

    it('respects ponderation_totale and lots’ own criteria', () => {
      const t = consultation(`criteres:
  - {id: PRIX, type: prix, ponderation: 8}
  - {id: VT, type: qualite, ponderation: 9}
  - {id: ENV, type: environnement, ponderation: 3}`, 'ponderation_totale: 20\n').replace(/lots:\n.*\n/, `lots:
  - id: LOT-01
    intitule: Gros œuvre
    valeur_estimee_ht: 500000
    criteres:
      - {id: P1, type: prix, ponderation: 8}
      - {id: V1, type: qualite, ponderation: 8}
      - {id: E1, type: environnement, ponderation: 8}
`);
      const lc = { uri: CONSULTATION_URI, text: t };
      const after = fix(lc, 'CSL-006', /20/, (d) => JSON.stringify(d.data?.path) === '["lots",0,"criteres"]');
      assert.deepStrictEqual(weightsOf(after, ['lots', 0, 'criteres']), [7, 7, 6]);
      assert.deepStrictEqual(codes(diagnostics({ ...lc, text: after })), []);
    });

    it('rescales sub-criteria that added up to their parent’s weight (no new CSL-007)', () => {
      const t = consultation(`criteres:
  - {id: PRIX, type: prix, ponderation: 30}
  - id: VT
    type: qualite
    ponderation: 60
    sous_criteres:
      - {id: VT-1, ponderation: 40}
      - {id: VT-2, ponderation: 20, environnemental: true}`);
      const after = fix({ uri: CONSULTATION_URI, text: t }, 'CSL-006', /100/);
      assert.deepStrictEqual(weightsOf(after, ['criteres']), [33, 67]);
      assert.deepStrictEqual(weightsOf(after, ['criteres', 1, 'sous_criteres']), [45, 22]);
      assert.deepStrictEqual(codes(diagnostics({ uri: CONSULTATION_URI, text: after })), []);
    });
  });

  it('CSL-007: sub-criteria weights spread proportionally over the parent’s weight', () => {
    const t = consultation(`criteres:
  - {id: PRIX, type: prix, ponderation: 40}
  - id: VT
    type: qualite
    ponderation: 60
    sous_criteres:  # détaillés dans le RC
      - {id: VT-1, ponderation: 30}
      - {id: VT-2, ponderation: 15, environnemental: true}
      - {id: VT-3, ponderation: 10}`);
    const c = { uri: CONSULTATION_URI, text: t };
    const after = fix(c, 'CSL-007', /60/);
    assert.deepStrictEqual(weightsOf(after, ['criteres', 1, 'sous_criteres']), [33, 16, 11]);
    assertCommentsKept(t, after);
    assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
  });

  it('CSL-007: a sub-criterion without weight gets one', () => {
    const t = consultation(`criteres:
  - {id: PRIX, type: prix, ponderation: 40}
  - id: VT
    type: qualite
    ponderation: 60
    sous_criteres:
      - {id: VT-1, ponderation: 30}
      - {id: VT-2, environnemental: true}`);
    const c = { uri: CONSULTATION_URI, text: t };
    const after = fix(c, 'CSL-007', /60/);
    assert.deepStrictEqual(weightsOf(after, ['criteres', 1, 'sous_criteres']), [30, 30]);
    assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
  });

  it('CSL-002: adds a price criterion in the list’s style and keeps the total', () => {
    const t = consultation(`criteres:
  - {id: VT, type: qualite, ponderation: 80}
  - {id: ENV, type: environnement, ponderation: 20}`);
    const c = { uri: CONSULTATION_URI, text: t };
    const after = fix(c, 'CSL-002', /prix/);
    assert.match(after, /\n {2}- \{id: PRIX, libelle: Prix, type: prix, ponderation: 40\}\n/);
    assert.deepStrictEqual(weightsOf(after, ['criteres']), [48, 12, 40]);
    assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
  });

  describe('CSL-004 environmental criterion', () => {
    const t = consultation(`criteres:
  - id: PRIX
    type: prix
    ponderation: 40
  - id: VT
    type: qualite
    ponderation: 60
    sous_criteres:
      - id: VT-1
        ponderation: 40
      - id: VT-DECHETS
        libelle: Gestion des déchets
        ponderation: 20`);
    const c = { uri: CONSULTATION_URI, text: t };

    it('adds an environmental criterion (block style) and scales the others', () => {
      const after = fix(c, 'CSL-004', /Ajouter le critère environnemental/);
      assert.match(after, /\n {2}- id: ENV\n {4}libelle: Performance environnementale de l’offre\n {4}type: environnement\n {4}ponderation: 10\n {4}environnemental: true\n/);
      assert.deepStrictEqual(weightsOf(after, ['criteres']), [36, 54, 10]);
      assert.deepStrictEqual(weightsOf(after, ['criteres', 1, 'sous_criteres']), [36, 18]);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
    });

    it('or flags a weighted sub-criterion as environmental', () => {
      const after = fix(c, 'CSL-004', /VT-DECHETS/);
      assert.match(after, /ponderation: 20\n {8}environnemental: true\n/);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
    });
  });

  describe('risk owner (REF-001, RSK-001)', () => {
    const risk = (owner: string) => PROGRAMME.replace(/\nphases:/, `
echelle_risques: {probabilite: 4, impact: 4}
risques:
  - id: R1
    titre: Dépassement de l'enveloppe
    categorie: financier
    probabilite: 2
    impact: 2
${owner}    phases: [PH-APS]
    statut: ouvert

phases:`);
    const uri = uriOf('/virtual/p.programme.yaml');

    it('REF-001: one action per acteur, the closest spelling preferred', () => {
      const c = { uri, text: risk('    proprietaire: MOAA\n') };
      const { actions } = actionsFor(c, 'REF-001');
      const owners = actions.filter((a) => /Propriétaire/.test(a.title));
      assert.deepStrictEqual(owners.map((a) => a.title.split(' : ')[1].split(' ')[0]), ['MOA', 'AMO', 'MOE']);
      assert.deepStrictEqual(owners.map((a) => Boolean(a.isPreferred)), [true, false, false]);
      const after = applyAction(owners[2], uri, c.text);
      assert.match(after, /proprietaire: MOE\n/);
      assert.deepStrictEqual(codes(diagnostics({ uri, text: after })), []);
    });

    it('RSK-001: the missing owner is added', () => {
      const c = { uri, text: risk('') };
      const after = fix(c, 'RSK-001', /AMO/);
      assert.match(after, /impact: 2\n {4}phases: \[PH-APS\]\n {4}statut: ouvert\n {4}proprietaire: AMO\n/);
      assert.deepStrictEqual(codes(diagnostics({ uri, text: after })), []);
    });
  });

  it('SCH-002, SCH-004, RSK-005: the misspelling replaced by the suggestion', () => {
    const c = { uri: CONSULTATION_URI, text: consultation(CLEAN_CRITERIA).replace('forme_prix: forfait', 'forme_prix: "forfaits"').replace('validite_offres_jours', 'validite_offre_jours') };
    const a1 = fix(c, 'SCH-004', /forfait/);
    assert.match(a1, /forme_prix: "forfait"\n/);
    const a2 = fix({ ...c, text: a1 }, 'SCH-002', /validite_offres_jours/);
    assert.deepStrictEqual(codes(diagnostics({ ...c, text: a2 })), []);
    const prog = PROGRAMME.replace(/\nphases:/, `
echelle_risques: {probabilite: 4, impact: 4}
risques:
  - {id: R1, titre: Hausse des prix, categorie: financier, probabilite: 2, impact: 2, proprietaire: MOA, strategie: reduir_impact, phases: [PH-APS], statut: ouvert}
phases:`);
    const p = { uri: uriOf('/virtual/p.programme.yaml'), text: prog };
    const after = fix(p, 'RSK-005', /reduire_impact/);
    assert.deepStrictEqual(codes(diagnostics({ ...p, text: after })), []);
  });

  it('REF-001 on the consultation’s phase: the phase is created in the programme file', () => {
    const c = { uri: CONSULTATION_URI, text: consultation(CLEAN_CRITERIA).replace('phase: PH-ACT', 'phase: PH-CONS') };
    const { actions } = actionsFor(c, 'REF-001');
    const create = pick(actions, /Créer la phase/);
    assert.deepStrictEqual(Object.keys(create.edit?.changes ?? {}), [PROGRAMME_URI]);
    const programme = applyAction(create, PROGRAMME_URI, PROGRAMME);
    assert.match(programme, /\n {2}- \{id: PH-AOR, code: AOR, debut: 2028-04-03, fin: 2028-06-30\}\n {2}- \{id: PH-CONS, code: CONS, libelle: Consultation des entreprises\}\n$/);
    assertCommentsKept(PROGRAMME, programme);
    assert.deepStrictEqual(codes(makeService({ [PROGRAMME_URI]: programme }).getDiagnostics({ uri: c.uri, text: c.text })), []);
  });

  it('REF-001 on an offer’s lot: the lot is created in `lots` (flow list kept)', () => {
    const t = consultation(CLEAN_CRITERIA, 'offres:\n  - {id: O1, candidat: Alpha, lot: LOT-03, prix_ht: 100000}\n').replace(/lots:\n.*\n.*\n/, 'lots: [{id: LOT-01, valeur_estimee_ht: 500000}]  # un seul lot pour l’instant\n');
    const c = { uri: CONSULTATION_URI, text: t };
    const after = fix(c, 'REF-001', /Créer le lot/);
    assert.match(after, /lots: \[\{id: LOT-01, valeur_estimee_ht: 500000\}, \{id: LOT-03\}\] {2}# un seul lot pour l’instant\n/);
    assert.ok(!codes(diagnostics({ ...c, text: after })).includes('REF-001'));
  });

  it('RSK-008: the catalogue asbestos risk is added, with the owner from acteurs and no new finding', () => {
    const prog = PROGRAMME.replace('annee_permis: 2005', 'annee_permis: 1968').replace(/\nphases:/, `
echelle_risques: {probabilite: 4, impact: 4}
# Registre des risques
risques:
  - id: FIN-DEPASSEMENT
    titre: Dépassement de l'enveloppe
    categorie: financier
    probabilite: 2
    impact: 2
    proprietaire: MOA
    phases: [PH-APS]
    statut: ouvert

phases:`);
    const uri = uriOf('/virtual/p.programme.yaml');
    const before = codes(diagnostics({ uri, text: prog }));
    assert.ok(before.includes('RSK-008'), JSON.stringify(before));
    const after = fix({ uri, text: prog }, 'RSK-008', /TEC-AMIANTE/);
    assert.match(after, /\n {2}- id: TEC-AMIANTE\n {4}titre: .*\n {4}categorie: technique\n {4}probabilite: 2\n {4}impact: 3\n {4}proprietaire: MOA\n {4}strategie: supprimer_source\n {4}actions:\n {6}- RAT avant DCE, joint au DCE, lot désamiantage, provision\n {4}phases: \[PH-DIAG\]\n {4}statut: ouvert\n\nphases:/);
    assert.deepStrictEqual(codes(diagnostics({ uri, text: after })), before.filter((x) => x !== 'RSK-008'));
  });

  it('CSL-024: RAT added to the DCE in the style of its items', () => {
    const files = { [PROGRAMME_URI]: PROGRAMME.replace('annee_permis: 2005', 'annee_permis: 1968') };
    const t = consultation(CLEAN_CRITERIA, 'dce:\n  - {code: RC, libelle: Règlement}\n  - {code: AE, libelle: Acte d’engagement}\n  - CCAP\n  - CCTP\n  - DPGF\n  - {code: PLANS}  # plans\n');
    const c = { uri: CONSULTATION_URI, text: t, files };
    const after = fix(c, 'CSL-024', /RAT/);
    assert.match(after, /- \{code: PLANS\} {2}# plans\n {2}- \{code: RAT, libelle: Rapport de repérage amiante avant travaux\}\n$/);
    assert.ok(!codes(diagnostics({ ...c, text: after })).includes('CSL-024'));
  });

  describe('CSL-011 abnormally low offers', () => {
    it('removes rejet_automatique, keeping its comment', () => {
      const t = consultation(CLEAN_CRITERIA).replace('oab: {detection: moyenne des offres moins un écart-type, procedure_contradictoire: true}', 'oab:\n  detection: moyenne des offres moins un écart-type\n  rejet_automatique: true  # à revoir\n  procedure_contradictoire: true');
      const c = { uri: CONSULTATION_URI, text: t };
      const after = fix(c, 'CSL-011', /rejet_automatique/);
      assert.match(after, /écart-type\n {2}# à revoir\n {2}procedure_contradictoire: true\n/);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
    });
    it('sets procedure_contradictoire: true (flow map, missing or false)', () => {
      for (const oab of ['oab: {detection: moyenne}', 'oab: {detection: moyenne, procedure_contradictoire: false}']) {
        const t = consultation(CLEAN_CRITERIA).replace(/oab: .*\n/, `${oab}\n`);
        const c = { uri: CONSULTATION_URI, text: t };
        const after = fix(c, 'CSL-011', /procedure_contradictoire/);
        assert.match(after, /oab: \{detection: moyenne, procedure_contradictoire: true\}\n/);
        assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
      }
    });
  });

  describe('suppress on this line', () => {
    const t = consultation(CLEAN_CRITERIA).replace('ponderation: 15}', 'ponderation: 10}');
    const c = { uri: CONSULTATION_URI, text: t };

    it('adds # amo-disable-line CODE, which silences the diagnostic', () => {
      const after = fix(c, 'CSL-006', /amo-disable-line/);
      assert.match(after, /\ncriteres: {2}# amo-disable-line CSL-006\n/);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
    });

    it('merges the code into an existing directive', () => {
      const withDirective = t.replace('\ncriteres:', '\ncriteres:  # amo-disable-line CSL-002');
      const after = fix({ ...c, text: withDirective }, 'CSL-006', /amo-disable-line/);
      assert.match(after, /\ncriteres: {2}# amo-disable-line CSL-002 CSL-006\n/);
      assert.deepStrictEqual(codes(diagnostics({ ...c, text: after })), []);
    });

    it('uses a next-line directive when the line ends inside a multi-line string', () => {
      const text = consultation(CLEAN_CRITERIA).replace('objet: Travaux de la médiathèque', 'objet: Travaux de la médiathèque\nccag: "travaux\n  1976"').replace('ccag: travaux_2021\n', '');
      const after = fix({ uri: CONSULTATION_URI, text }, 'SCH-004', /amo-disable-line/);
      assert.match(after, /\n# amo-disable-next-line SCH-004\nccag: "travaux\n/);
      assert.ok(!codes(diagnostics({ uri: CONSULTATION_URI, text: after })).includes('SCH-004'));
    });

    it('is not offered on a line a directive cannot silence (two entries side by side)', () => {
      const text = consultation(CLEAN_CRITERIA).replace('nature: travaux\nphase: PH-ACT', 'nature: travaux\nphase: PH-ACT\nzz: [{a: 1}, {b: 2}]');
      const { actions } = actionsFor({ uri: CONSULTATION_URI, text }, 'SCH-002');
      assert.ok(!actions.some((a) => /amo-disable/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    });

    it('a directive-like text inside a quoted value is left alone: a real comment is added after it', () => {
      const text = consultation(CLEAN_CRITERIA).replace('ccag: travaux_2021', "ccag: 'travaux # amo-disable-line CSL-002'");
      const after = fix({ uri: CONSULTATION_URI, text }, 'SCH-004', /amo-disable-line/);
      assert.match(after, /\nccag: 'travaux # amo-disable-line CSL-002' {2}# amo-disable-line SCH-004\n/);
      assert.ok(!codes(diagnostics({ uri: CONSULTATION_URI, text: after })).includes('SCH-004'));
    });
  });

  it('keeps every comment of the example files, whatever the fix', () => {
    for (const name of ['ecole-erreurs.consultation.yaml', 'ecole-erreurs.programme.yaml']) {
      const file = path.join(ROOT, 'examples', 'erreurs', name);
      const text = fs.readFileSync(file, 'utf8');
      const s = makeService();
      const uri = uriOf(file);
      const diags = s.getDiagnostics({ uri, text });
      let count = 0;
      for (const d of diags) {
        for (const a of s.getCodeActions({ uri, text }, d.range, [d])) {
          const after = applyAction(a, uri, text);
          assert.strictEqual(parseDocument(after).errors.length, 0, `${a.title} breaks the YAML`);
          assertCommentsKept(text, after);
          count++;
        }
      }
      assert.ok(count >= diags.length, `${count} actions for ${diags.length} diagnostics`);
    }
  });

  it('gives nothing for stale diagnostics, other sources, syntax errors or a non-quickfix `only`', () => {
    const t = consultation(CLEAN_CRITERIA).replace('ponderation: 15}', 'ponderation: 10}');
    const c = { uri: CONSULTATION_URI, text: t };
    const { diag } = actionsFor(c, 'CSL-006');
    const s = service(c);
    const moved = `# une ligne de plus\n${t}`;
    assert.deepStrictEqual(s.getCodeActions({ uri: c.uri, text: moved }, diag.range, [diag]).filter((a) => !/amo-disable/.test(a.title)), []);
    assert.deepStrictEqual(s.getCodeActions({ uri: c.uri, text: t }, diag.range, [{ ...diag, source: 'eslint' }]), []);
    assert.deepStrictEqual(s.getCodeActions({ uri: c.uri, text: `${t}\n: : [` }, diag.range, [diag]), []);
    assert.deepStrictEqual(s.getCodeActions({ uri: c.uri, text: t }, diag.range, [diag], { only: ['refactor'] }), []);
    assert.ok(s.getCodeActions({ uri: c.uri, text: t }, diag.range, [diag], { only: ['quickfix'] }).length > 0);
  });

  it('titles follow the locale', () => {
    const t = consultation(CLEAN_CRITERIA).replace('ponderation: 15}', 'ponderation: 10}');
    const { diag } = actionsFor({ uri: CONSULTATION_URI, text: t }, 'CSL-006');
    const titles = service({ uri: CONSULTATION_URI, text: t }).getCodeActions({ uri: CONSULTATION_URI, text: t }, diag.range, [diag], { locale: 'en' }).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Scale the weights to 100 (42/47/11)', 'Suppress CSL-006 on this line (# amo-disable-line)']);
  });
});
