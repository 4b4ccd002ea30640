import * as assert from 'assert';
import { makeService } from '../helpers/service';
import { positionAt } from '../helpers/cursor';
import { at, C1, C2, CONSULTATION, CONSULTATION_2, FILES, mark, PROG, PROGRAMME, show } from '../helpers/navigationWorkspace';

describe('navigation: go to definition', () => {
  it('goes from a reference to its definition in the same file', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'proprietaire: MOA', 1, 15));
    assert.deepStrictEqual(show(service.getDefinition(doc, position)), ['op.programme.yaml:6:MOA']);
  });

  it('returns the definition itself when the cursor is on it', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: AMO', 1, 5));
    assert.deepStrictEqual(show(service.getDefinition(doc, position)), ['op.programme.yaml:8:AMO']);
  });

  it('goes from an action responsable (an acteurs id) to the actor', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'responsable: AMO', 1, 14));
    assert.deepStrictEqual(show(service.getDefinition(doc, position)), ['op.programme.yaml:8:AMO']);
  });

  it('goes from a risk phase written as a code to the phase that has the code', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'PRO]'));
    assert.deepStrictEqual(show(service.getDefinition(doc, position)), ['op.programme.yaml:10:PH-ETU']);
  });

  it('goes from a consultation phase to the phase of its programme (cross-file)', () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'PH-ACT', 1, 3));
    const defs = service.getDefinition(doc, position);
    assert.strictEqual(defs.length, 1);
    assert.strictEqual(defs[0].uri, PROG);
    assert.deepStrictEqual(show(defs), ['op.programme.yaml:18:PH-ACT']);
  });

  it('goes from a quoted phase, cursor right after the id', () => {
    const { service, doc, position } = at(C2, mark(CONSULTATION_2, 'PH-ACT"', 1, 6));
    assert.deepStrictEqual(show(service.getDefinition(doc, position)), ['op.programme.yaml:18:PH-ACT']);
  });

  it("resolves an offer's note against its lot's own criteria, else the consultation's", () => {
    const o1 = at(C1, mark(CONSULTATION, 'PRIX: 18'));
    assert.deepStrictEqual(show(o1.service.getDefinition(o1.doc, o1.position)), ['c1.consultation.yaml:11:PRIX']);
    const o2 = at(C1, mark(CONSULTATION, 'PRIX: 15'));
    assert.deepStrictEqual(show(o2.service.getDefinition(o2.doc, o2.position)), ['c1.consultation.yaml:20:PRIX']);
    const sub = at(C1, mark(CONSULTATION, 'TECH-1": 12'));
    assert.deepStrictEqual(show(sub.service.getDefinition(sub.doc, sub.position)), ['c1.consultation.yaml:15:TECH-1']);
  });

  it('goes from an offer lot and the eliminatory criterion to their definitions', () => {
    const lot = at(C1, mark(CONSULTATION, 'lot: L2', 1, 5));
    assert.deepStrictEqual(show(lot.service.getDefinition(lot.doc, lot.position)), ['c1.consultation.yaml:17:L2']);
    const ne = at(C1, mark(CONSULTATION, 'critere: VALEUR', 1, 9));
    assert.deepStrictEqual(show(ne.service.getDefinition(ne.doc, ne.position)), ['c1.consultation.yaml:21:VALEUR']);
  });

  it('goes from the programme path to the programme file', () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'op.programme'));
    const defs = service.getDefinition(doc, position);
    assert.deepStrictEqual(defs, [{ uri: PROG, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('returns nothing off an id, on an undefined reference, or when the programme is missing', () => {
    const off = at(PROG, mark(PROGRAMME, 'Gymnase'));
    assert.deepStrictEqual(off.service.getDefinition(off.doc, off.position), []);
    const text = PROGRAMME.replace('proprietaire: MOA', 'proprietaire: INCONNU');
    const undef = at(PROG, mark(text, 'INCONNU'));
    assert.deepStrictEqual(undef.service.getDefinition(undef.doc, undef.position), []);
    const alone = at(C1, mark(CONSULTATION, 'PH-ACT'), { [C1]: CONSULTATION });
    assert.deepStrictEqual(alone.service.getDefinition(alone.doc, alone.position), []);
  });
});

describe('navigation: find references', () => {
  const expected = ['op.programme.yaml:18:PH-ACT', 'op.programme.yaml:29:PH-ACT', 'c1.consultation.yaml:4:PH-ACT', 'c2.consultation.yaml:4:PH-ACT'];

  it('finds a programme phase in the programme and in both consultations naming it (not in the other one)', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: PH-ACT', 1, 4));
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: true })), expected);
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: false })), expected.slice(1));
  });

  it('gives the same answer from a consultation', () => {
    const { service, doc, position } = at(C2, mark(CONSULTATION_2, 'PH-ACT'));
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: true })), expected);
  });

  it('finds the references to a phase by its code too', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: PH-ETU', 1, 4));
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: false })), ['op.programme.yaml:29:PH-ETU', 'op.programme.yaml:29:PRO']);
  });

  it('counts a consultation naming the phase by its code, which a rename leaves alone', () => {
    const files = { ...FILES, [C2]: CONSULTATION_2.replace('"PH-ACT"', 'ACT') };
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: PH-ACT', 1, 4), files);
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: false }), files), ['op.programme.yaml:29:PH-ACT', 'c1.consultation.yaml:4:PH-ACT', 'c2.consultation.yaml:4:ACT']);
    const edit = service.getRenameEdits(doc, position, 'PH-X');
    assert.ok('edit' in edit && !(C2 in edit.edit.changes!), JSON.stringify(edit));
    const fromCode = at(C2, mark(files[C2], 'ACT'), files);
    assert.deepStrictEqual(show(fromCode.service.getDefinition(fromCode.doc, fromCode.position), files), ['op.programme.yaml:18:PH-ACT']);
  });

  it('finds an actor as owner and as action responsable', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: AMO', 1, 4));
    assert.deepStrictEqual(show(service.getReferences(doc, position, { includeDeclaration: true })), ['op.programme.yaml:8:AMO', 'op.programme.yaml:31:AMO']);
  });

  it("keeps a lot's criteria apart from the consultation's", () => {
    const lot = at(C1, mark(CONSULTATION, 'id: PRIX', 1, 4));
    assert.deepStrictEqual(show(lot.service.getReferences(lot.doc, lot.position, { includeDeclaration: true })), ['c1.consultation.yaml:11:PRIX', 'c1.consultation.yaml:29:PRIX']);
    const root = at(C1, mark(CONSULTATION, 'id: PRIX', 2, 4));
    assert.deepStrictEqual(show(root.service.getReferences(root.doc, root.position, { includeDeclaration: true })), ['c1.consultation.yaml:20:PRIX', 'c1.consultation.yaml:34:PRIX']);
  });

  it('returns nothing off an id', () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'travaux'));
    assert.deepStrictEqual(service.getReferences(doc, position, { includeDeclaration: true }), []);
  });

  it('stays within the programme when the host lists no documents', () => {
    const service = makeService({});
    const text = PROGRAMME;
    const refs = service.getReferences({ uri: PROG, text }, positionAt(text, text.indexOf('id: PH-ACT') + 4), { includeDeclaration: true });
    assert.deepStrictEqual(show(refs, FILES), expected.slice(0, 2));
  });
});

describe('navigation: performance on a 10,000-line programme', () => {
  it('indexes once and answers references and outline quickly', () => {
    const risks = Array.from({ length: 2000 }, (_, i) => `  - id: R${i}\n    titre: Risque ${i}\n    probabilite: 2\n    impact: 3\n    proprietaire: MOA\n`).join('');
    const text = `operation:\n  id: OP\n  intitule: Grand\nacteurs:\n  - id: MOA\nrisques:\n${risks}`;
    const service = makeService({});
    const doc = { uri: PROG, text };
    const started = performance.now();
    const refs = service.getReferences(doc, positionAt(text, text.indexOf('id: MOA') + 4), { includeDeclaration: true });
    const outline = service.getDocumentSymbols(doc);
    const folds = service.getFoldingRanges(doc);
    for (let i = 0; i < 50; i++) service.getDefinition(doc, positionAt(text, text.lastIndexOf('proprietaire: MOA') + 15));
    const elapsed = performance.now() - started;
    assert.strictEqual(refs.length, 2001);
    assert.strictEqual(outline.find((s) => s.name === 'risques')?.children?.length, 2000);
    assert.ok(folds.length >= 2000);
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
  });
});
