/**
 * Language features of the follow-up and the reception (docs/format.md), at the service level: completion
 * (acteurs, lots, firms, statuses, snippets, AMO/MOE criteria), hover facts counted from TEST_TODAY
 * (2026-11-28), quick fixes and refactors (lift a reserve, add a review), outline entries.
 */
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, MarkupContent, Range, TextEdit } from 'vscode-languageserver-types';
import type { AmoDiagnostic } from '../../server/src/language-service';
import { comments } from '../../server/src/language-service/formatting/layout';
import { applyAction } from '../helpers/applyEdits';
import { positionAt, withCursor } from '../helpers/cursor';
import { codes, makeService, TEST_TODAY, uriOf } from '../helpers/service';

const PROG_URI = uriOf('/virtual/op.programme.yaml');
const CONS_URI = uriOf('/virtual/c.consultation.yaml');

/** A programme under follow-up (LIV-1 has a status): a late deliverable, a validated one without review, a slipped milestone, a missed indicator. */
const PROGRAMME = `operation:
  id: OP
  intitule: Médiathèque
acteurs:
  - {id: VILLE, role: maitre_ouvrage, nom: Ville}
  - {id: MOE, role: moe, nom: Atelier Nord}
  - {id: CONSEIL, role: assistant_maitrise_ouvrage, nom: Cabinet Conseil}
phases:
  - id: PH-DET
    code: DET
    debut: 2026-01-05
    fin: 2026-12-18
    livrables:
      - id: LIV-1
        libelle: Compte rendu de chantier
        echeance: 2026-11-18
        emetteur: MOE
        statut: attendu
      - id: LIV-2  # planning
        libelle: Planning recalé
        echeance: 2026-12-08
        statut: valide
      - id: LIV-3
        libelle: DOE
        echeance: 2026-10-01
        date_reception: 2026-10-05
        statut: en_revue
        revues:
          - {date: 2026-10-20, relecteur: CONSEIL, avis: favorable_avec_remarques}
      - {id: LIV-4, libelle: Visa, echeance: 2026-12-20, statut: refuse}
    jalons:
      - {id: J1, libelle: Hors d'eau, date: 2026-09-01, date_reelle: 2026-09-15}
      - {id: J2, libelle: Réception, date: 2026-12-30}
indicateurs:
  - id: IND-BUDGET
    libelle: Écart au budget
    unite: '%'
    cible: 5
    mesures:
      - {date: 2026-09-30, valeur: 3}
      - {date: 2026-10-31, valeur: 6.5}
`;

/** A works consultation received on 2025-11-03: its GPA ended on 2026-11-03, 25 days before TEST_TODAY. */
const CONSULTATION = `programme: ./op.programme.yaml
id: C-TRX
objet: Travaux de la médiathèque
nature: travaux
lots:
  - {id: LOT-01, intitule: Gros œuvre}
  - {id: LOT-02, intitule: Électricité}
  - {id: LOT-03, intitule: Peinture}
criteres:
  - {id: PRIX, libelle: Prix, type: prix, ponderation: 60}
  - {id: VT, libelle: Valeur technique, type: qualite, ponderation: 40}
offres:
  - {id: O1, candidat: Bâti Sud, lot: LOT-01, prix_ht: 500000, notes: {VT: 12}}
  - {id: O2, candidat: Maçonnerie Dupont, lot: LOT-01, prix_ht: 480000, notes: {VT: 16}}
  - {id: O3, candidat: Élec Plus, lot: LOT-02, prix_ht: 200000, notes: {VT: 14}}
reception:
  date_opr: 2025-10-20
  date_reception: 2025-11-03
  decision: avec_reserves
  reserves:
    # réserves du procès-verbal
    - id: RES-01
      lot: LOT-01
      description: Fissure du voile nord
      entreprise: Maçonnerie Dupont
      date_constat: 2025-11-03
      date_levee_prevue: 2026-02-01
      statut: ouverte  # relancée le 15/10
    - id: RES-02
      lot: LOT-02
      entreprise: Élec Plus
      date_constat: 2025-11-03
      date_levee_prevue: 2026-01-15
      statut: levee
      date_levee: 2026-01-10
    - id: RES-03
      lot: LOT-01
      entreprise: Maçonnerie Dupont
      date_constat: 2026-03-01
      statut: en_cours
      date_levee: 2026-04-02
    - {id: RES-04, lot: LOT-02, entreprise: Élec Plus, date_constat: 2025-11-03}
`;

const FILES = { [PROG_URI]: PROGRAMME, [CONS_URI]: CONSULTATION };
const service = () => makeService(FILES);

function complete(uri: string, marked: string, locale: 'fr' | 'en' = 'fr'): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  return makeService({ ...FILES, [uri]: text }).getCompletions({ uri, text }, positionAt(text, offset), { locale }).items;
}
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const byLabel = (items: CompletionItem[], label: string): CompletionItem => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item '${label}' in ${JSON.stringify(labels(items))}`);
  return item;
};
const newText = (item: CompletionItem): string => (item.textEdit as TextEdit).newText;
const doc = (item: CompletionItem): string => (typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '');

/**
 * A snippet as the editor inserts it when every placeholder keeps its default: `${1:x}` → x,
 * `${1|a,b|}` → a, `$1` → the value of placeholder 1.
 */
function expand(snippet: string): string {
  const values = new Map<string, string>();
  const out = snippet
    .replace(/\$\{(\d+):((?:\\.|[^}\\])*)\}/g, (_, n: string, v: string) => {
      const value = v.replace(/\\(.)/g, '$1');
      values.set(n, value);
      return value;
    })
    .replace(/\$\{(\d+)\|((?:\\.|[^|\\])*?)[,|]((?:\\.|[^|\\])*)\|\}/g, (_, n: string, first: string) => {
      const value = first.replace(/\\(.)/g, '$1');
      values.set(n, value);
      return value;
    });
  return out.replace(/\$(\d+)/g, (_, n: string) => values.get(n) ?? '');
}

/** The text with `edit` applied (a completion replaces the word under the cursor). */
function insert(marked: string, item: CompletionItem): string {
  const { text, offset } = withCursor(marked);
  const e = item.textEdit as TextEdit;
  const lines = text.split('\n');
  const start = lines.slice(0, e.range.start.line).join('\n').length + (e.range.start.line ? 1 : 0) + e.range.start.character;
  const end = lines.slice(0, e.range.end.line).join('\n').length + (e.range.end.line ? 1 : 0) + e.range.end.character;
  assert.ok(start <= offset && offset <= end);
  return text.slice(0, start) + expand(e.newText) + text.slice(end);
}

function hover(uri: string, marked: string, locale: 'fr' | 'en' = 'fr'): string {
  const { text, offset } = withCursor(marked);
  const h: Hover | null = makeService({ ...FILES, [uri]: text }).getHover({ uri, text }, positionAt(text, offset), { locale });
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

const at = (text: string, needle: string): Range => {
  const p = positionAt(text, text.indexOf(needle));
  assert.ok(text.includes(needle), needle);
  return { start: p, end: p };
};

function diagnostics(uri: string, text: string): AmoDiagnostic[] {
  return makeService({ ...FILES, [uri]: text }).getDiagnostics({ uri, text });
}

function actions(uri: string, text: string, range: Range, diags: AmoDiagnostic[], only?: string[]): CodeAction[] {
  return makeService({ ...FILES, [uri]: text }).getCodeActions({ uri, text }, range, diags, { only });
}

function diag(uri: string, text: string, code: string, line: string): AmoDiagnostic {
  const l = text.split('\n').findIndex((x) => x.includes(line));
  const d = diagnostics(uri, text).find((x) => x.code === code && x.range.start.line === l);
  assert.ok(d, `no ${code} on «${line}» in ${JSON.stringify(codes(diagnostics(uri, text)))}`);
  return d;
}

const reserveAt = (text: string, i: number): Record<string, unknown> => (parseDocument(text).toJS() as { reception: { reserves: Record<string, unknown>[] } }).reception.reserves[i];
const deliverableAt = (text: string, i: number): Record<string, unknown> => (parseDocument(text).toJS() as { phases: { livrables: Record<string, unknown>[] }[] }).phases[0].livrables[i];

function assertCommentsKept(before: string, after: string): void {
  const kept = comments(after);
  for (const c of comments(before)) assert.ok(kept.includes(c), `comment lost: ${c}`);
}

describe('follow-up and reception features', () => {
  describe('completion', () => {
    it('acteurs for a deliverable’s emetteur and a review’s relecteur', () => {
      const emetteur = complete(PROG_URI, PROGRAMME.replace('emetteur: MOE', 'emetteur: |'));
      assert.deepStrictEqual(labels(emetteur), ['VILLE', 'MOE', 'CONSEIL']);
      assert.match(byLabel(emetteur, 'CONSEIL').detail ?? '', /assistant_maitrise_ouvrage — Cabinet Conseil/);
      const relecteur = complete(PROG_URI, PROGRAMME.replace('relecteur: CONSEIL, avis', 'relecteur: |, avis'));
      assert.deepStrictEqual(labels(relecteur), ['VILLE', 'MOE', 'CONSEIL']);
    });

    it('lots for a reserve, and its firm among the offers of that lot, the retained one first and preselected', () => {
      const lots = complete(CONS_URI, CONSULTATION.replace('lot: LOT-02\n      entreprise: Élec Plus\n      date_constat: 2025-11-03\n      date_levee_prevue', 'lot: |\n      entreprise: Élec Plus\n      date_constat: 2025-11-03\n      date_levee_prevue'));
      assert.deepStrictEqual(labels(lots), ['LOT-01', 'LOT-02', 'LOT-03']);
      assert.strictEqual(byLabel(lots, 'LOT-01').detail, 'Gros œuvre');
      // O2 (cheaper, better technical score) is ranked first on LOT-01: retained, although listed second.
      const firms = complete(CONS_URI, CONSULTATION.replace('entreprise: Maçonnerie Dupont\n      date_constat: 2025-11-03', 'entreprise: |\n      date_constat: 2025-11-03'));
      assert.deepStrictEqual(labels(firms), ['Maçonnerie Dupont', 'Bâti Sud']);
      assert.strictEqual(firms[0].preselect, true);
      assert.match(firms[0].detail ?? '', /O2 — lot LOT-01 — offre retenue/);
      assert.match(firms[1].detail ?? '', /non retenue/);
      assert.match(complete(CONS_URI, CONSULTATION.replace('entreprise: Maçonnerie Dupont\n      date_constat: 2025-11-03', 'entreprise: |\n      date_constat: 2025-11-03'), 'en')[0].detail ?? '', /retained offer/);
    });

    it('every candidate for a reserve of a lot without offers or without lot', () => {
      const noOffer = CONSULTATION.replace('{id: RES-04, lot: LOT-02, entreprise: Élec Plus,', '{id: RES-04, lot: LOT-03, entreprise: |,');
      assert.deepStrictEqual(labels(complete(CONS_URI, noOffer)), ['Bâti Sud', 'Maçonnerie Dupont', 'Élec Plus']);
      const noLot = CONSULTATION.replace('{id: RES-04, lot: LOT-02, entreprise: Élec Plus,', '{id: RES-04, entreprise: |,');
      assert.deepStrictEqual(labels(complete(CONS_URI, noLot)), ['Bâti Sud', 'Maçonnerie Dupont', 'Élec Plus']);
      assert.ok(complete(CONS_URI, noLot).every((i) => !i.preselect));
    });

    it('statuses, opinions and decisions from the schema, with their labels', () => {
      const statut = complete(PROG_URI, PROGRAMME.replace('statut: attendu', 'statut: |'));
      assert.deepStrictEqual(labels(statut), ['attendu', 'recu', 'en_revue', 'valide', 'refuse']);
      assert.strictEqual(byLabel(statut, 'en_revue').detail, 'En revue');
      const avis = complete(PROG_URI, PROGRAMME.replace('avis: favorable_avec_remarques', 'avis: |'), 'en');
      assert.strictEqual(byLabel(avis, 'favorable_avec_remarques').detail, 'Favourable with comments');
      const decision = complete(CONS_URI, CONSULTATION.replace('decision: avec_reserves', 'decision: |'));
      assert.deepStrictEqual(labels(decision), ['sans_reserve', 'avec_reserves', 'refus']);
      const reserve = complete(CONS_URI, CONSULTATION.replace('statut: en_cours', 'statut: |'));
      assert.strictEqual(byLabel(reserve, 'en_cours').detail, 'En cours de levée');
      const mission = complete(CONS_URI, 'id: C1\nmission: |\n');
      assert.ok(labels(mission).includes('amo') && labels(mission).includes('csps'));
    });

    it('a review snippet: today, the AMO first, the opinion to choose; the deliverable is then reviewed', () => {
      const marked = PROGRAMME.replace('        statut: valide\n', '        statut: valide\n        revues:\n          - |\n');
      const items = complete(PROG_URI, marked);
      const review = byLabel(items, 'revue');
      assert.strictEqual(review.preselect, true);
      assert.strictEqual(review.detail, 'Revue du 28/11/2026 par CONSEIL');
      assert.match(newText(review), /^date: \$\{1:2026-11-28\}\n {12}relecteur: \$\{2\|CONSEIL,VILLE,MOE\|\}\n {12}avis: \$\{3\|favorable,favorable_avec_remarques,defavorable\|\}/);
      const after = insert(marked, review);
      assert.deepStrictEqual((deliverableAt(after, 1).revues as unknown[])[0], { date: TEST_TODAY, relecteur: 'CONSEIL', avis: 'favorable', remarques: 'Aucune' });
      assert.ok(!diagnostics(PROG_URI, after).some((d) => d.code === 'SUI-002' && d.message.includes('LIV-2')));
    });

    it('a reserve snippet per lot: the retained firm, noticed at the reception, lifting three months before the end of the GPA', () => {
      const marked = CONSULTATION.replace('    # réserves du procès-verbal\n', '    # réserves du procès-verbal\n    - |\n');
      const items = complete(CONS_URI, marked);
      assert.deepStrictEqual(labels(items).filter((l) => l.startsWith('réserve')), ['réserve LOT-01', 'réserve LOT-02', 'réserve LOT-03']);
      const lot1 = byLabel(items, 'réserve LOT-01');
      assert.match(newText(lot1), /^id: \$\{1:RES-05\}\n {6}lot: LOT-01\n/);
      assert.match(newText(lot1), /entreprise: \$\{4\|Maçonnerie Dupont,Bâti Sud\|\}/);
      const after = insert(marked, lot1);
      const r = reserveAt(after, 0);
      assert.deepStrictEqual([r.id, r.lot, r.entreprise, r.date_constat, r.date_levee_prevue, r.statut], ['RES-05', 'LOT-01', 'Maçonnerie Dupont', '2025-11-03', '2026-08-03', 'ouverte']);
      assert.match(doc(lot1), /CCAG-Travaux 2021 art\. 41\.6/);
    });

    it('an indicator snippet with a first measure dated today', () => {
      const marked = `${PROGRAMME}  - |`;
      const items = complete(PROG_URI, marked);
      const budget = byLabel(items, 'IND-BUDGET');
      const after = insert(marked, budget);
      const ind = (parseDocument(after).toJS() as { indicateurs: Record<string, unknown>[] }).indicateurs[1];
      // The id is taken: the snippet numbers the new one.
      assert.deepStrictEqual(ind, { id: 'IND-BUDGET-2', libelle: 'Écart au budget travaux', unite: '%', cible: 5, sens: 'au_plus', mesures: [{ date: TEST_TODAY, valeur: 0 }] });
      assert.match(doc(byLabel(items, 'IND-JALONS')), /au moins la cible \(SUI-006\)/);
    });

    it('the reception block at the root of a consultation, with or without reserves, and no REC- finding once inserted', () => {
      const marked = CONSULTATION.replace(/reception:[\s\S]*$/, '|');
      const items = complete(CONS_URI, marked);
      const withReserves = byLabel(items, 'reception (avec réserves)');
      const after = insert(marked, withReserves);
      const rec = (parseDocument(after).toJS() as { reception: Record<string, unknown> }).reception;
      assert.deepStrictEqual([rec.date_opr, rec.date_reception, rec.decision], [TEST_TODAY, TEST_TODAY, 'avec_reserves']);
      const reserve = (rec.reserves as Record<string, unknown>[])[0];
      // The reserve's date_constat mirrors the reception date, the lifting is due before the end of the GPA.
      assert.deepStrictEqual([reserve.lot, reserve.entreprise, reserve.date_constat, reserve.date_levee_prevue], ['LOT-01', 'Maçonnerie Dupont', TEST_TODAY, '2027-08-28']);
      // Nothing the consultation did not already have (it lacks a `procedure`: SCH-001).
      const before = new Set(codes(diagnostics(CONS_URI, withCursor(marked).text)));
      assert.deepStrictEqual(codes(diagnostics(CONS_URI, after)).filter((c) => !before.has(c)), []);
      const without = insert(marked, byLabel(items, 'reception (sans réserve)'));
      assert.deepStrictEqual(codes(diagnostics(CONS_URI, without)).filter((c) => !before.has(c)), []);
      // Not offered once the consultation has one.
      assert.ok(!labels(complete(CONS_URI, CONSULTATION.replace('objet:', '|\nobjet:'))).some((l) => l.startsWith('reception')));
    });

    it('the AMO/MOE criteria in intellectual-services consultations only, with the references caveat', () => {
      const services = complete(CONS_URI, 'id: C1\nnature: services\nmission: amo\ncriteres:\n  - id: PRIX\n  - id: |\n');
      for (const code of ['EXPERIENCE', 'METHODE', 'COORDINATION', 'INDEPENDANCE', 'REFERENCES']) assert.ok(labels(services).includes(code), code);
      assert.match(doc(byLabel(services, 'EXPERIENCE')), /`experience`[\s\S]*R2152-7 2° c/);
      assert.match(doc(byLabel(services, 'REFERENCES')), /jugent le candidat[\s\S]*pas son offre[\s\S]*AMO-002/);
      const works = complete(CONS_URI, 'id: C1\nnature: travaux\ncriteres:\n  - id: PRIX\n  - id: |\n');
      assert.ok(!labels(works).some((l) => ['EXPERIENCE', 'REFERENCES'].includes(l)));
      const type = complete(CONS_URI, 'id: C1\nnature: services\ncriteres:\n  - id: X\n    type: |\n');
      assert.match(doc(byLabel(type, 'references')), /`REFERENCES`[\s\S]*jugent le candidat/);
    });

    it('an AMO criteria set weighted to 100, preselected for an AMO mission, that raises no criteria finding', () => {
      const marked = 'id: C1\nobjet: AMO\nnature: services\nmission: amo\ncriteres:\n  |\n';
      const items = complete(CONS_URI, marked);
      const set = items.find((i) => i.preselect);
      assert.ok(set && /AMO/.test(set.label), JSON.stringify(labels(items)));
      assert.match(set.detail ?? '', /PRIX 30 · EXPERIENCE 25 · METHODE 25 · COORDINATION 10 · INDEPENDANCE 10 = 100/);
      const after = insert(marked, set);
      const criteres = (parseDocument(after).toJS() as { criteres: { type: string; ponderation: number }[] }).criteres;
      assert.deepStrictEqual(criteres.map((c) => c.type), ['prix', 'experience', 'methode', 'coordination', 'independance']);
      assert.strictEqual(criteres.reduce((a, c) => a + c.ponderation, 0), 100);
      // Environmental through a weighted sub-criterion of the method (CSL-004), team and method judged (AMO-003).
      assert.deepStrictEqual(codes(diagnostics(CONS_URI, after)).filter((c) => /^CSL-00[4-7]|^AMO-/.test(c)), []);
      // A design (maîtrise d'œuvre) consultation gets it preselected too (mission moe implied).
      assert.match(complete(CONS_URI, 'id: C1\nnature: maitrise_oeuvre\ncriteres:\n  |\n').find((i) => i.preselect)?.label ?? '', /AMO \/ maîtrise d’œuvre/);
      assert.ok(!labels(complete(CONS_URI, 'id: C1\nnature: travaux\ncriteres:\n  |\n')).some((l) => /AMO \//.test(l)));
    });
  });

  describe('hover', () => {
    it('a deliverable: days late (follow-up active), days left, received after the due date, last review', () => {
      assert.match(hover(PROG_URI, PROGRAMME.replace('echeance: 2026-11-18', 'echeance: 2026-11-1|8')), /\*\*Livrable LIV-1 — Attendu\*\*[\s\S]*\*\*En retard de 10 jours\*\* \(échéance 18\/11\/2026\) ✗ \(SUI-001\)[\s\S]*Émetteur : MOE/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('echeance: 2026-12-20, statut: refuse', 'echeance: 2026-12-2|0')), /Livrable LIV-4/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('id: LIV-3', 'id: LIV|-3')), /Reçu le 05\/10\/2026 : 4 jours après l’échéance \(01\/10\/2026\)[\s\S]*Revue : 20\/10\/2026, CONSEIL, favorable avec remarques/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('statut: valide', 'statut: val|ide')), /Aucune revue enregistrée \(SUI-002\)/);
      // Without any statut in the file, follow-up is not active: a past due date is not a delay.
      const before = PROGRAMME.replace(/ +statut: \w+\n/g, '').replace(/, statut: refuse/, '');
      const text = hover(PROG_URI, before.replace('echeance: 2026-11-18', 'echeance: 2026-11-1|8'));
      assert.match(text, /Échéance passée depuis 10 jours[\s\S]*suivi non actif/);
      assert.doesNotMatch(text, /SUI-001/);
      const left = PROGRAMME.replace('echeance: 2026-11-18', 'echeance: 2026-12-1|8');
      assert.match(hover(PROG_URI, left), /\*\*20 jours restants\*\* \(échéance 18\/12\/2026\)/);
      assert.match(hover(PROG_URI, left, 'en'), /\*\*20 days left\*\* \(due 2026-12-18\)/);
    });

    it('a milestone: slippage of the actual date, days to the planned one, beyond its phase', () => {
      assert.match(hover(PROG_URI, PROGRAMME.replace('date_reelle: 2026-09-15', 'date_reelle: 2026-09-1|5')), /Prévu le 01\/09\/2026, réalisé le 15\/09\/2026 : \*\*glissement de 14 jours\*\* \(SUI-005\) ✗/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('id: J2', 'id: J|2')), /Prévu le 30\/12\/2026, dans 32 jours[\s\S]*Après la fin de la phase PH-DET \(18\/12\/2026\) de 12 jours \(SUI-004\)/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('date_reelle: 2026-09-15', 'date_reelle: 2026-08-2|5')), /en avance de 7 jours ✓/);
    });

    it('an indicator: the last measure by date against its target, and the change since the previous one', () => {
      const text = hover(PROG_URI, PROGRAMME.replace('id: IND-BUDGET', 'id: IND-BUD|GET'));
      assert.match(text, /\*\*Indicateur IND-BUDGET\*\* — cible au plus 5 %/);
      assert.match(text, /\*\*Dernière mesure : 6,5 % \(31\/10\/2026\)\*\* ✗ cible manquée de 1,5 % \(SUI-006\)/);
      assert.match(text, /Depuis la mesure précédente : \+3,5 % \(30\/09\/2026, 2 mesures\)/);
      assert.match(hover(PROG_URI, PROGRAMME.replace('cible: 5', 'sens: au_moins\n    cible: |5')), /cible au moins 5 %[\s\S]*✓ cible atteinte/);
    });

    it('the reception date: end of the GPA, days since it ended, open reserves', () => {
      const text = hover(CONS_URI, CONSULTATION.replace('date_reception: 2025-11-03', 'date_rec|eption: 2025-11-03'));
      assert.match(text, /garantie de parfait achèvement/); // the key's schema documentation first
      assert.match(text, /\*\*Fin de la garantie de parfait achèvement : 03\/11\/2026 \(réception \+ 1 an : CCAG-Travaux 2021 art\. 44\.1 ; C\. civ\. 1792-6 en marché privé\)\*\* — terminée depuis 25 jours/);
      assert.match(text, /Réserves : 4, dont 3 ouverte\(s\), 1 en retard sur la levée prévue/);
      const running = hover(CONS_URI, CONSULTATION.replace('date_reception: 2025-11-03', 'date_reception: 2026-03-1|0'));
      assert.match(running, /Fin de la garantie de parfait achèvement : 10\/03\/2027[^\n]*— 102 jours restants/);
    });

    it('a reserve: against the end of the GPA and its planned lifting', () => {
      assert.match(hover(CONS_URI, CONSULTATION.replace('id: RES-01', 'id: RES|-01')), /\*\*Réserve RES-01 — ouverte\*\* · Maçonnerie Dupont · lot LOT-01[\s\S]*\*\*GPA terminée depuis 25 jours\*\* \(03\/11\/2026\) ✗ \(REC-002\)[\s\S]*\*\*En retard de 300 jours\*\* sur la levée prévue le 01\/02\/2026 ✗/);
      assert.match(hover(CONS_URI, CONSULTATION.replace('id: RES-02', 'id: RES|-02')), /Réserve RES-02 — levée[\s\S]*levée 297 jours avant ✓[\s\S]*Levée le 10\/01\/2026, 5 jours avant la date prévue \(15\/01\/2026\) ✓/);
      assert.match(hover(CONS_URI, CONSULTATION.replace('id: RES-03', 'id: RES|-03')), /en cours de levée[\s\S]*date de levée \(02\/04\/2026\) est notée[\s\S]*REC-006/);
      const running = CONSULTATION.replace('date_reception: 2025-11-03', 'date_reception: 2026-03-10').replace('date_levee_prevue: 2026-02-01', 'date_levee_prevue: 2026-12-15');
      assert.match(hover(CONS_URI, running.replace('id: RES-01', 'id: RES|-01')), /\*\*Fin de la GPA dans 102 jours\*\* \(10\/03\/2027\)[\s\S]*Levée prévue le 15\/12\/2026, dans 17 jours/);
      assert.match(hover(CONS_URI, running.replace('id: RES-01', 'id: RES|-01'), 'en'), /\*\*GPA ends in 102 days\*\* \(2027-03-10\)[\s\S]*Lifting planned on 2026-12-15, in 17 days/);
    });
  });

  describe('code actions', () => {
    it('REC-002: lift the reserve today, keeping comments and layout; REC-002 gone', () => {
      const d = diag(CONS_URI, CONSULTATION, 'REC-002', 'statut: ouverte');
      const found = actions(CONS_URI, CONSULTATION, d.range, [d]);
      const lift = found.find((a) => a.title === 'Marquer la réserve comme levée aujourd’hui (RES-01)');
      assert.ok(lift, JSON.stringify(found.map((a) => a.title)));
      assert.strictEqual(lift.kind, 'quickfix');
      assert.strictEqual(lift.isPreferred, true);
      assert.deepStrictEqual(lift.diagnostics, [d]);
      const after = applyAction(lift, CONS_URI, CONSULTATION);
      assert.strictEqual(reserveAt(after, 0).statut, 'levee');
      assert.strictEqual(reserveAt(after, 0).date_levee, TEST_TODAY);
      assertCommentsKept(CONSULTATION, after);
      assert.match(after, /statut: levee {2}# relancée le 15\/10\n {6}date_levee: 2026-11-28\n/);
      assert.ok(!diagnostics(CONS_URI, after).some((x) => x.code === 'REC-002' && x.message.includes('RES-01')));
    });

    it('REC-006 and REC-002 on one reserve: a single lifting, the recorded date kept as preferred', () => {
      const rec6 = diag(CONS_URI, CONSULTATION, 'REC-006', 'statut: en_cours');
      const rec2 = diag(CONS_URI, CONSULTATION, 'REC-002', 'statut: en_cours');
      const found = actions(CONS_URI, CONSULTATION, rec6.range, [rec2, rec6]).filter((a) => !/amo-disable/.test(a.title));
      assert.deepStrictEqual(found.map((a) => a.title), ['Marquer la réserve comme levée le 02/04/2026, date notée (RES-03)', 'Marquer la réserve comme levée aujourd’hui (RES-03)']);
      assert.strictEqual(found[0].isPreferred, true);
      const kept = applyAction(found[0], CONS_URI, CONSULTATION);
      assert.deepStrictEqual([reserveAt(kept, 2).statut, reserveAt(kept, 2).date_levee], ['levee', '2026-04-02']);
      assert.ok(!codes(diagnostics(CONS_URI, kept)).includes('REC-006'));
      const today = applyAction(found[1], CONS_URI, CONSULTATION);
      assert.deepStrictEqual([reserveAt(today, 2).statut, reserveAt(today, 2).date_levee], ['levee', TEST_TODAY]);
    });

    it('REC-006 on a lifted reserve without date: the date of today only', () => {
      const text = CONSULTATION.replace('      date_levee: 2026-01-10\n', '');
      const d = diag(CONS_URI, text, 'REC-006', 'statut: levee');
      const lift = actions(CONS_URI, text, d.range, [d]).filter((a) => a.kind === 'quickfix' && !/amo-disable/.test(a.title));
      assert.deepStrictEqual(lift.map((a) => a.title), ['Marquer la réserve comme levée aujourd’hui (RES-02)']);
      const after = applyAction(lift[0], CONS_URI, text);
      assert.strictEqual(after, text.replace('      statut: levee\n', `      statut: levee\n      date_levee: ${TEST_TODAY}\n`));
    });

    it('a flow-map reserve without statut gets both keys', () => {
      const d = diag(CONS_URI, CONSULTATION, 'REC-002', 'RES-04');
      const lift = actions(CONS_URI, CONSULTATION, d.range, [d]).find((a) => /aujourd’hui/.test(a.title));
      assert.ok(lift);
      const after = applyAction(lift, CONS_URI, CONSULTATION);
      assert.match(after, /- \{id: RES-04, lot: LOT-02, entreprise: Élec Plus, date_constat: 2025-11-03, statut: levee, date_levee: 2026-11-28\}/);
    });

    it('SUI-002: add today’s review by the AMO; SUI-002 gone, no SUI-003; a rejected deliverable gets an unfavourable one', () => {
      const d = diag(PROG_URI, PROGRAMME, 'SUI-002', 'statut: valide');
      const found = actions(PROG_URI, PROGRAMME, d.range, [d]);
      const add = found.find((a) => a.title === 'Ajouter une revue (28/11/2026, CONSEIL, favorable)');
      assert.ok(add, JSON.stringify(found.map((a) => a.title)));
      assert.strictEqual(add.kind, 'quickfix');
      const after = applyAction(add, PROG_URI, PROGRAMME);
      assert.deepStrictEqual(deliverableAt(after, 1).revues, [{ date: TEST_TODAY, relecteur: 'CONSEIL', avis: 'favorable' }]);
      assertCommentsKept(PROGRAMME, after);
      assert.ok(!diagnostics(PROG_URI, after).some((x) => (x.code === 'SUI-002' || x.code === 'SUI-003') && x.message.includes('LIV-2')));
      const refused = diag(PROG_URI, PROGRAMME, 'SUI-002', 'LIV-4');
      const rej = actions(PROG_URI, PROGRAMME, refused.range, [refused]).find((a) => /Ajouter une revue/.test(a.title));
      assert.ok(rej);
      const afterRej = applyAction(rej, PROG_URI, PROGRAMME);
      assert.deepStrictEqual(deliverableAt(afterRej, 3).revues, [{ date: TEST_TODAY, relecteur: 'CONSEIL', avis: 'defavorable' }]);
      assert.ok(!diagnostics(PROG_URI, afterRej).some((x) => /SUI-00[23]/.test(x.code) && x.message.includes('LIV-4')));
    });

    it('the same edits as refactors without a diagnostic: any open reserve, any deliverable under the cursor', () => {
      const onReserve = actions(CONS_URI, CONSULTATION, at(CONSULTATION, 'description: Fissure'), []);
      assert.deepStrictEqual(onReserve.map((a) => [a.kind, a.title]), [['refactor.rewrite', 'Marquer la réserve comme levée aujourd’hui (RES-01)']]);
      assert.strictEqual(onReserve[0].diagnostics, undefined);
      // On the `- ` of the item too; not on a lifted reserve, not outside the reserves.
      const dash = at(CONSULTATION, '- id: RES-01');
      assert.strictEqual(actions(CONS_URI, CONSULTATION, dash, []).length, 1);
      assert.deepStrictEqual(actions(CONS_URI, CONSULTATION, at(CONSULTATION, 'date_levee: 2026-01-10'), []), []);
      assert.deepStrictEqual(actions(CONS_URI, CONSULTATION, at(CONSULTATION, 'objet:'), []), []);
      // A selection over several open reserves lifts them together.
      const lines = CONSULTATION.split('\n');
      const sel: Range = { start: at(CONSULTATION, '- id: RES-01').start, end: { line: lines.length - 2, character: 0 } };
      const many = actions(CONS_URI, CONSULTATION, sel, []);
      assert.deepStrictEqual(many.map((a) => a.title), ['Marquer les 3 réserves comme levées aujourd’hui (RES-01, RES-03, RES-04)']);
      const after = applyAction(many[0], CONS_URI, CONSULTATION);
      assert.deepStrictEqual([0, 2, 3].map((i) => reserveAt(after, i).statut), ['levee', 'levee', 'levee']);
      assert.ok(!codes(diagnostics(CONS_URI, after)).some((c) => c === 'REC-002' || c === 'REC-006'));
      const onDeliverable = actions(PROG_URI, PROGRAMME, at(PROGRAMME, 'libelle: DOE'), []);
      assert.deepStrictEqual(onDeliverable.map((a) => [a.kind, a.title]), [['refactor.rewrite', 'Ajouter une revue (28/11/2026, CONSEIL, favorable)']]);
      const reviewed = applyAction(onDeliverable[0], PROG_URI, PROGRAMME);
      assert.deepStrictEqual(deliverableAt(reviewed, 2).revues, [{ date: '2026-10-20', relecteur: 'CONSEIL', avis: 'favorable_avec_remarques' }, { date: TEST_TODAY, relecteur: 'CONSEIL', avis: 'favorable' }]);
      assert.match(reviewed, /- \{date: 2026-10-20, relecteur: CONSEIL, avis: favorable_avec_remarques\}\n {10}- \{date: 2026-11-28, relecteur: CONSEIL, avis: favorable\}\n/);
    });

    it('honours `only`, and never offers the refactor next to the same quick fix', () => {
      const d = diag(CONS_URI, CONSULTATION, 'REC-002', 'statut: ouverte');
      assert.deepStrictEqual(actions(CONS_URI, CONSULTATION, d.range, [d], ['refactor']).map((a) => a.kind), ['refactor.rewrite']);
      assert.ok(actions(CONS_URI, CONSULTATION, d.range, [d], ['quickfix']).every((a) => a.kind === 'quickfix'));
      const all = actions(CONS_URI, CONSULTATION, d.range, [d]);
      assert.strictEqual(all.filter((a) => /levée aujourd’hui/.test(a.title)).length, 1);
      // No AMO acteur: the review has no reviewer rather than a wrong one.
      const noAmo = PROGRAMME.replace('role: assistant_maitrise_ouvrage', 'role: bureau_controle');
      const add = actions(PROG_URI, noAmo, at(noAmo, 'libelle: Planning'), [], ['refactor.rewrite']);
      assert.deepStrictEqual(add.map((a) => a.title), ['Ajouter une revue (28/11/2026, favorable)']);
    });
  });

  describe('robustness', () => {
    it('every position of both files: completion and hover answer, refactors keep the document valid', () => {
      const s = service();
      for (const [uri, text] of [[PROG_URI, PROGRAMME], [CONS_URI, CONSULTATION]] as const) {
        const lines = text.split('\n');
        lines.forEach((line, l) => {
          for (let c = 0; c <= line.length; c++) {
            const position = { line: l, character: c };
            assert.ok(Array.isArray(s.getCompletions({ uri, text }, position).items));
            s.getHover({ uri, text }, position);
          }
          for (const a of s.getCodeActions({ uri, text }, { start: { line: l, character: 0 }, end: { line: l, character: line.length } }, [])) {
            const after = applyAction(a, uri, text);
            assert.deepStrictEqual(parseDocument(after).errors, [], `${a.title} on line ${l + 1}`);
          }
        });
      }
    });
  });

  describe('outline', () => {
    const outline = (symbols: DocumentSymbol[], indent = ''): string[] => symbols.flatMap((s) => [`${indent}${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...outline(s.children ?? [], indent + '  ')]);

    it('the reception and its reserves, with open counts and states', () => {
      const symbols = service().getDocumentSymbols({ uri: CONS_URI, text: CONSULTATION });
      const rec = outline(symbols.filter((s) => s.name === 'reception'));
      assert.deepStrictEqual(rec, [
        'reception (avec_reserves — 2025-11-03 — 3 réserves ouvertes sur 4)',
        '  RES-01 (ouverte — LOT-01 — Maçonnerie Dupont)',
        '  RES-02 (levee — LOT-02 — Élec Plus)',
        '  RES-03 (en_cours — LOT-01 — Maçonnerie Dupont)',
        '  RES-04 (ouverte — LOT-02 — Élec Plus)',
      ]);
    });

    it('the indicators with their last measure against the target', () => {
      const symbols = service().getDocumentSymbols({ uri: PROG_URI, text: PROGRAMME });
      assert.deepStrictEqual(outline(symbols.filter((s) => s.name === 'indicateurs')), ['indicateurs (1)', '  IND-BUDGET (Écart au budget — 6,5 % / cible 5)']);
      assert.deepStrictEqual(outline(service().getDocumentSymbols({ uri: PROG_URI, text: PROGRAMME }, { locale: 'en' }).filter((s) => s.name === 'indicateurs')), ['indicateurs (1)', '  IND-BUDGET (Écart au budget — 6.5 % / target 5)']);
    });
  });
});
