import * as assert from 'assert';
import { InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { positionAt, withCursor } from '../helpers/cursor';
import { makeService, uriOf } from '../helpers/service';

const PROGRAMME = `operation:
  id: OP
  intitule: Groupe scolaire
acteurs:
  - {id: DST, role: representant_maitre_ouvrage, nom: M. Besson}
  - {id: VILLE, role: maitre_ouvrage, nom: Mme la maire}
  - {id: AMO, role: amo}
phases:
  - id: PH-PROG
    code: PROG
    fin: 2025-09-26
  - id: PH-ACT
    code: ACT
`;
const PROG_URI = uriOf('/virtual/op.programme.yaml');

/** Completion items at the `|` of `marked`, as if the text were the file `name` in /virtual. */
function complete(name: string, marked: string, options: { locale?: 'fr' | 'en'; triggerCharacter?: string; files?: Record<string, string> } = {}): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  const service = makeService(options.files ?? { [PROG_URI]: PROGRAMME });
  return service.getCompletions({ uri: uriOf(`/virtual/${name}`), text }, positionAt(text, offset), options).items;
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const byLabel = (items: CompletionItem[], label: string): CompletionItem => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item '${label}' in ${JSON.stringify(labels(items))}`);
  return item;
};
const edit = (item: CompletionItem): TextEdit => item.textEdit as TextEdit;
const sorted = (items: CompletionItem[]): string[] => [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
const doc = (item: CompletionItem): string => (typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '');

describe('completion: keys', () => {
  it('offers only the keys still missing at the root, required first, with French title and bilingual documentation', () => {
    const items = complete('c.consultation.yaml', 'id: C1\nnature: travaux\n|\nprocedure:\n  type: AOO\n');
    assert.ok(!labels(items).includes('id') && !labels(items).includes('nature') && !labels(items).includes('procedure'));
    const objet = byLabel(items, 'objet');
    assert.strictEqual(objet.detail, 'Objet de la consultation');
    assert.match(doc(objet), /Objet du marché[\s\S]*EN — Subject of the contract/);
    assert.strictEqual(edit(objet).newText, 'objet: ');
    assert.strictEqual(sorted(items)[0], 'objet', 'required keys sort first');
    // A key whose values are offered re-opens the suggestions once inserted; free text does not.
    assert.strictEqual(byLabel(items, 'ccag').command?.command, 'editor.action.triggerSuggest');
    assert.strictEqual(objet.command, undefined);
  });

  it('opens objects and lists on a new indented line', () => {
    const items = complete('c.consultation.yaml', 'id: C1\n|');
    assert.strictEqual(edit(byLabel(items, 'procedure')).newText, 'procedure:\n  $0');
    assert.strictEqual(edit(byLabel(items, 'lots')).newText, 'lots:\n  - $0');
    assert.strictEqual(byLabel(items, 'lots').insertTextFormat, InsertTextFormat.Snippet);
  });

  it('puts English documentation first in English', () => {
    const item = byLabel(complete('c.consultation.yaml', '|', { locale: 'en' }), 'objet');
    assert.match(doc(item), /^`objet` \(required\)\n\nSubject of the contract[\s\S]*FR — Objet du marché/);
  });

  it('on an empty line of a nested map, with siblings above and below', () => {
    const items = complete('c.consultation.yaml', 'id: C1\nprocedure:\n  type: AOO\n  |\n  fondement: R2124-2\nobjet: X\n');
    assert.deepStrictEqual(labels(items), ['motif']);
  });

  it('after `- ` in a list of objects, without the keys the item already has below', () => {
    const items = complete('p.programme.yaml', 'risques:\n  - |\n    titre: Amiante\n    statut: ouvert\n');
    assert.ok(labels(items).includes('id') && labels(items).includes('probabilite'));
    assert.ok(!labels(items).includes('titre') && !labels(items).includes('statut'));
  });

  it('reads the structure from indentation when the YAML under the cursor is incomplete', () => {
    const { text } = withCursor('operation:\n  id: OP\n  int|\nphases: [\n');
    assert.ok(!makeService().parse({ uri: uriOf('/virtual/p.programme.yaml'), text }).ok, 'the document must be broken');
    const items = complete('p.programme.yaml', 'operation:\n  id: OP\n  int|\nphases: [\n');
    const intitule = byLabel(items, 'intitule');
    // The word under the cursor is replaced.
    assert.deepStrictEqual(edit(intitule).range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
    assert.ok(!labels(items).includes('id'));
  });

  it('in a flow mapping, without the keys written before and after the cursor', () => {
    const items = complete('c.consultation.yaml', 'lots:\n  - {id: L1, |, intitule: Gros œuvre}\n');
    assert.deepStrictEqual(labels(items), ['valeur_estimee_ht', 'mapa_petit_lot', 'criteres', 'capacites', 'montant_attribue_ht', 'statut', 'motif', 'titulaire', 'date_notification', 'date_signature', 'nombre_offres']);
    assert.strictEqual(edit(byLabel(items, 'criteres')).newText, 'criteres: ');
  });

  it('inserts only the name when a colon already follows the word', () => {
    const items = complete('c.consultation.yaml', 'procedure:\n  ty|pe: AOO\n');
    assert.strictEqual(edit(byLabel(items, 'type')).newText, 'type');
    assert.deepStrictEqual(edit(byLabel(items, 'type')).range, { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } });
  });
});

describe('completion: values', () => {
  it('enum values with their French and English labels', () => {
    const items = complete('c.consultation.yaml', 'nature: |');
    assert.deepStrictEqual(labels(items), ['travaux', 'fournitures', 'services', 'maitrise_oeuvre']);
    const moe = byLabel(items, 'maitrise_oeuvre');
    assert.strictEqual(moe.detail, 'Maîtrise d\'œuvre');
    assert.match(doc(moe), /Maîtrise d'œuvre[\s\S]*Design services/);
  });

  it('right after `key:` (trigger `:`), the value comes with its blank', () => {
    const items = complete('c.consultation.yaml', 'nature:|', { triggerCharacter: ':' });
    assert.strictEqual(edit(byLabel(items, 'travaux')).newText, ' travaux');
  });

  it('replaces the whole word under the cursor', () => {
    const item = byLabel(complete('c.consultation.yaml', 'procedure:\n  type: MA|PA\n'), 'AOO');
    assert.deepStrictEqual(edit(item).range, { start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
  });

  it('booleans', () => {
    assert.deepStrictEqual(labels(complete('c.consultation.yaml', 'transmission_electronique: |')), ['true', 'false']);
  });

  it('procedure types with their conditions and legal basis', () => {
    const items = complete('c.consultation.yaml', 'procedure:\n  type: |\n');
    assert.deepStrictEqual(labels(items), ['SPMC', 'MAPA', 'AOO', 'AOR', 'PN', 'DC', 'CONCOURS']);
    assert.match(doc(byLabel(items, 'PN')), /R2124-3[\s\S]*440575/);
    assert.match(doc(byLabel(items, 'AOO')), /35 j, 30 j par voie électronique/);
  });

  it('phase codes in the legal order, with labels and typical deliverables', () => {
    const items = complete('p.programme.yaml', 'phases:\n  - id: PH-1\n    code: |\n');
    const order = sorted(items);
    assert.deepStrictEqual(order.slice(0, 4), ['OPP', 'FAI', 'PROG', 'SEL-MOE']);
    const rank = (c: string) => order.indexOf(c);
    for (const [a, b] of [['ESQ', 'APS'], ['APS', 'APD'], ['APD', 'PRO'], ['PRO', 'ACT'], ['ACT', 'DET'], ['DET', 'AOR'], ['AOR', 'GPA']]) assert.ok(rank(a) < rank(b), `${a} before ${b}`);
    const opp = byLabel(items, 'OPP');
    assert.strictEqual(opp.detail, 'Études d’opportunité');
    assert.match(doc(opp), /Opportunity study[\s\S]*Livrables typiques[\s\S]*Note d’opportunité/);
    assert.strictEqual(byLabel(complete('p.programme.yaml', 'phases:\n  - code: |\n', { locale: 'en' }), 'OPP').detail, 'Opportunity study');
  });

  it('MOE mission elements only under moe.mission, not those already listed', () => {
    const items = complete('p.programme.yaml', 'moe:\n  mission:\n    elements: [ESQ, |]\n');
    assert.ok(labels(items).includes('APS') && labels(items).includes('VISA'));
    assert.ok(!labels(items).includes('ESQ') && !labels(items).includes('OPP') && !labels(items).includes('PROG'));
    assert.match(doc(byLabel(items, 'APS')), /mission de base \(L2431-3, R2431-4\)/);
  });

  it('risk categories from the catalogue and the programme’s own', () => {
    const items = complete('p.programme.yaml', 'categories_risques:\n  - {code: SECURITE_SI, libelle: Sécurité informatique}\nrisques:\n  - id: R1\n    categorie: |\n');
    assert.strictEqual(sorted(items)[0], 'SECURITE_SI');
    assert.ok(labels(items).includes('technique') && labels(items).includes('reglementaire'));
    assert.match(doc(byLabel(items, 'technique')), /TEC-AMIANTE/);
  });

  it('strategies with their ISO 31000 option', () => {
    const item = byLabel(complete('p.programme.yaml', 'risques:\n  - id: R1\n    strategie: |\n'), 'reduire_probabilite');
    assert.match(doc(item), /ISO 31000:2018 §6\.5\.2[\s\S]*Change the likelihood/);
  });

  it('award criteria: catalogue ids (not those already used), labels, types', () => {
    const ids = complete('c.consultation.yaml', 'criteres:\n  - id: PRIX\n  - id: |\n');
    assert.deepStrictEqual(labels(ids), ['COUT', 'VT', 'ENV', 'DELAI', 'SOC', 'PERS', 'SAV', 'INNOV']);
    assert.match(doc(byLabel(ids, 'ENV')), /environnement[\s\S]*oui[\s\S]*ENV-CARBONE/);
    const libelles = complete('c.consultation.yaml', 'criteres:\n  - id: VT\n    libelle: |\n');
    const vt = libelles.find((i) => i.preselect);
    assert.strictEqual(vt?.label, 'Valeur technique');
    const types = complete('c.consultation.yaml', 'criteres:\n  - id: X\n    type: |\n');
    assert.match(doc(byLabel(types, 'qualite')), /`VT`[\s\S]*`PERS`[\s\S]*R2152-7/);
  });

  it('sub-criteria of the parent criterion', () => {
    const items = complete('c.consultation.yaml', 'criteres:\n  - id: VT\n    sous_criteres:\n      - id: |\n');
    assert.ok(labels(items).includes('VT-METHODO') && labels(items).includes('VT-NUISANCES'));
    assert.match(byLabel(items, 'VT-NUISANCES').detail ?? '', /environnemental/);
  });

  it('offers nothing in comments, in free text, or in a file that is not an AMO file', () => {
    assert.deepStrictEqual(complete('c.consultation.yaml', '# nature: |'), []);
    assert.deepStrictEqual(complete('c.consultation.yaml', 'objet: Travaux de |', { triggerCharacter: ' ' }), []);
    assert.deepStrictEqual(complete('notes.yaml', 'nature: |'), []);
  });

  it('answers at once on absurd nesting (one deep line, or hundreds of nested keys)', () => {
    const line = `x:\n  ${'- '.repeat(3000)}|\n`;
    const keys = `${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n${' '.repeat(400)}|`;
    for (const marked of [line, keys]) {
      const { text, offset } = withCursor(marked);
      const service = makeService();
      const doc = { uri: uriOf('/virtual/c.consultation.yaml'), text };
      service.parse(doc);
      const started = performance.now();
      assert.deepStrictEqual(service.getCompletions(doc, positionAt(text, offset)).items, []);
      assert.ok(performance.now() - started < 200, `${Math.round(performance.now() - started)} ms`);
    }
  });

  it('a blank typed while indenting opens nothing; after `key: ` or `- ` it does', () => {
    assert.deepStrictEqual(complete('c.consultation.yaml', 'procedure:\n  |', { triggerCharacter: ' ' }), []);
    assert.ok(complete('c.consultation.yaml', 'nature: |', { triggerCharacter: ' ' }).length > 0);
    assert.ok(complete('p.programme.yaml', 'risques:\n  - |', { triggerCharacter: ' ' }).length > 0);
  });
});

describe('completion: ids defined elsewhere', () => {
  it('acteurs for a risk owner', () => {
    const items = complete('p.programme.yaml', `${PROGRAMME}risques:\n  - id: R1\n    proprietaire: |\n`, { files: {} });
    assert.deepStrictEqual(labels(items), ['DST', 'VILLE', 'AMO']);
    assert.strictEqual(byLabel(items, 'VILLE').detail, 'maitre_ouvrage — Mme la maire');
  });

  it('phases of the programme for a risk, not those already listed', () => {
    const items = complete('p.programme.yaml', `${PROGRAMME}risques:\n  - id: R1\n    phases: [PH-ACT, |]\n`, { files: {} });
    assert.deepStrictEqual(labels(items), ['PH-PROG']);
  });

  it('phases of the programme named by `programme:` for a consultation', () => {
    const items = complete('c.consultation.yaml', 'programme: ./op.programme.yaml\nid: C1\nphase: |\n');
    assert.deepStrictEqual(labels(items), ['PH-PROG', 'PH-ACT']);
    assert.match(items[0].detail ?? '', /PROG/);
    assert.deepStrictEqual(complete('c.consultation.yaml', 'programme: ./absent.programme.yaml\nphase: |\n'), []);
  });

  it('phases of the programme even while the consultation has syntax errors', () => {
    const items = complete('c.consultation.yaml', 'programme: ./op.programme.yaml\nid: [C1\nphase: |\n');
    assert.deepStrictEqual(labels(items), ['PH-PROG', 'PH-ACT']);
  });

  const CONSULTATION = `id: C1
lots:
  - {id: LOT-01, intitule: Gros œuvre}
  - id: LOT-02
    intitule: Lots techniques
    criteres:
      - {id: PRIX2, type: prix, ponderation: 50}
      - {id: TECH, ponderation: 50, sous_criteres: [{id: TECH-A, ponderation: 30}, {id: TECH-B, ponderation: 20}]}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, libelle: Valeur technique, ponderation: 40}
`;

  it('lots for an offer', () => {
    const items = complete('c.consultation.yaml', `${CONSULTATION}offres:\n  - id: O1\n    lot: |\n`);
    assert.deepStrictEqual(labels(items), ['LOT-01', 'LOT-02']);
    assert.strictEqual(byLabel(items, 'LOT-02').detail, 'Lots techniques');
  });

  it('criteria ids as keys of an offer’s notes: the lot’s own criteria when it has some', () => {
    const own = complete('c.consultation.yaml', `${CONSULTATION}offres:\n  - id: O1\n    lot: LOT-02\n    notes:\n      TECH-A: 12\n      |\n`);
    assert.deepStrictEqual(labels(own), ['PRIX2', 'TECH', 'TECH-B']);
    assert.strictEqual(edit(byLabel(own, 'TECH-B')).newText, 'TECH-B: ');
    assert.deepStrictEqual(sorted(own), ['TECH-B', 'PRIX2', 'TECH'], 'sub-criteria to note first; price (computed) and parents last');
    const shared = complete('c.consultation.yaml', `${CONSULTATION}offres:\n  - {id: O2, lot: LOT-01, notes: {VT: 14, |}}\n`);
    assert.deepStrictEqual(labels(shared), ['PRIX']);
  });
});

describe('completion: snippets', () => {
  it('a risk of the catalogue as a full register entry', () => {
    const items = complete('p.programme.yaml', `${PROGRAMME}risques:\n  - |\n`, { files: {} });
    const amiante = byLabel(items, 'TEC-AMIANTE');
    assert.strictEqual(amiante.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual(amiante.insertTextMode, InsertTextMode.asIs);
    const text = edit(amiante).newText;
    const keys = text.split('\n').filter((l) => /^(\s{4})?[a-z_]+:/.test(l)).map((l) => l.trim().split(':')[0]);
    assert.deepStrictEqual(keys, ['id', 'titre', 'categorie', 'probabilite', 'impact', 'proprietaire', 'strategie', 'actions', 'phases', 'statut']);
    assert.match(text, /^id: \$\{1:TEC-AMIANTE\}\n {4}titre: /);
    assert.match(text, /\n {4}categorie: technique\n/);
    // The catalogue's default owner (MOA) is matched to the acteur whose role is maitre_ouvrage.
    assert.match(text, /\n {4}proprietaire: \$\{5\|VILLE,DST,AMO\|\}\n/);
    assert.match(text, /\n {4}strategie: supprimer_source\n {4}actions:\n {6}- libelle: RAT avant DCE/);
    assert.match(text, /\n {4}phases: \[\$\{8\|PH-PROG,PH-ACT\|\}\]\n {4}statut: ouvert$/);
    assert.match(doc(amiante), /R4412-97/);
  });

  it('a risk block starts with `- ` at the list level', () => {
    const item = byLabel(complete('p.programme.yaml', 'risques:\n  |\n'), 'CHT-METEO');
    assert.match(edit(item).newText, /^- id: \$\{1:CHT-METEO\}\n {4}titre: /);
  });

  it('a phase with dates and deliverables, starting the day after the previous phase ends', () => {
    const items = complete('p.programme.yaml', `${PROGRAMME.replace('  - id: PH-ACT\n    code: ACT\n', '')}  - |\n`, { files: {} });
    const text = edit(byLabel(items, 'SEL-MOE')).newText;
    assert.match(text, /^id: \$\{1:PH-SEL-MOE\}\n {4}code: SEL-MOE\n {4}libelle: \$\{2:Choix de la maîtrise d’œuvre\}\n {4}debut: \$\{3:2025-09-27\}\n {4}fin: \$\{4:AAAA-MM-JJ\}\n {4}livrables:\n {6}- id: LIV-SEL-MOE-1\n {8}libelle: Stratégie d’achat\n {8}echeance: \$4/);
  });

  it('a criteria set whose weights add up to 100, with an environmental criterion required after 2026-08-21', () => {
    const items = complete('c.consultation.yaml', 'id: C1\nnature: travaux\ndate_lancement: 2026-09-07\ncriteres:\n  |\n');
    const set = items.find((i) => i.preselect);
    assert.ok(set, 'the set matching the nature is preselected');
    const text = edit(set).newText;
    // Criteria are block items (their keys four columns in); sub-criteria are flow maps.
    const weights = [...text.matchAll(/^ {4}ponderation: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.strictEqual(weights.reduce((a, b) => a + b, 0), 100, text);
    assert.match(text, /- id: ENV\n {4}libelle: Performance environnementale\n {4}type: environnement\n {4}ponderation: 15\n {4}environnemental: true/);
    assert.match(doc(set), /obligatoire pour un lancement le 07\/09\/2026/);
    const before = complete('c.consultation.yaml', 'id: C1\ndate_lancement: 2026-05-04\ncriteres:\n  |\n');
    assert.match(doc(before.find((i) => /Travaux/.test(i.label)) as CompletionItem), /conseillé/);
  });

  it('a criteria set scaled to the declared total, offered as the `criteres` key', () => {
    const items = complete('c.consultation.yaml', 'id: C1\nponderation_totale: 20\n|');
    const set = byLabel(items, 'criteres (Travaux)');
    const text = edit(set).newText;
    assert.match(text, /^criteres:\n {2}- id: PRIX\n/);
    const top = [...text.matchAll(/^ {4}ponderation: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.strictEqual(top.reduce((a, b) => a + b, 0), 20, text);
  });

  it('an offer per lot, with a `notes` entry per criterion of the lot’s set', () => {
    const text = `id: C1
lots:
  - {id: LOT-01}
  - id: LOT-02
    criteres:
      - {id: PRIX, type: prix, ponderation: 40}
      - {id: TECH, ponderation: 60, sous_criteres: [{id: TECH-A, ponderation: 30}, {id: TECH-B, ponderation: 30}]}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, ponderation: 40}
offres:
  - |
`;
    const items = complete('c.consultation.yaml', text);
    const lot2 = edit(byLabel(items, 'offre LOT-02')).newText;
    assert.match(lot2, /^id: \$\{1:OFF-02-1\}\n {4}candidat: \$\{2:Nom du candidat\}\n {4}lot: LOT-02\n {4}prix_ht: \$\{3:0\}\n {4}prix_ttc: \$\{4:0\}\n {4}notes:\n {6}TECH-A: \$\{5:0\}\n {6}TECH-B: \$\{6:0\}\n {4}statut: recevable$/);
    const lot1 = edit(byLabel(items, 'offre LOT-01')).newText;
    assert.match(lot1, /notes:\n {6}VT: \$\{5:0\}\n/);
    // With a custom price method, the price is noted by hand too.
    const custom = complete('c.consultation.yaml', text.replace('offres:', 'notation_prix: {methode: autre}\noffres:'));
    assert.match(edit(byLabel(custom, 'offre LOT-01')).newText, /notes:\n {6}PRIX: \$\{5:0\}\n {6}VT: \$\{6:0\}\n/);
  });
});
