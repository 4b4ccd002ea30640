import * as assert from 'assert';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { at, C1, C2, CONSULTATION, CONSULTATION_2, FILES, mark, OTHER, PROG, PROGRAMME, slice } from '../helpers/navigationWorkspace';

/** Applies the edits of one file (from the end, so earlier offsets stay valid). */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

function edited(edit: WorkspaceEdit, files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out[uri] = apply(files[uri], edits);
  return out;
}

function ok(result: ReturnType<ReturnType<typeof at>['service']['getRenameEdits']>): WorkspaceEdit {
  assert.ok('edit' in result, 'error' in result ? result.error : '');
  return result.edit;
}

describe('rename', () => {
  it('renames a programme phase in the programme and in every consultation naming it, quotes kept', () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'PH-ACT', 1, 2));
    const edit = ok(service.getRenameEdits(doc, position, 'PH-CONS'));
    assert.deepStrictEqual(Object.keys(edit.changes!).sort(), [C1, C2, PROG].sort());
    assert.ok(!(OTHER in edit.changes!), 'a consultation of another programme is left alone');
    const after = edited(edit, FILES);
    assert.ok(after[PROG].includes('  - id: PH-CONS\n    code: ACT'));
    assert.ok(after[PROG].includes('phases: [PH-CONS, "PH-ETU", PRO]'));
    assert.ok(after[C1].includes('phase: PH-CONS\n'));
    assert.ok(after[C2].includes('phase: "PH-CONS"\n'));
    for (const [uri, edits] of Object.entries(edit.changes!)) for (const e of edits) assert.strictEqual(slice(FILES[uri], e.range), 'PH-ACT');
  });

  it('gives the same edits from the definition', () => {
    const fromRef = at(C1, mark(CONSULTATION, 'PH-ACT'));
    const fromDef = at(PROG, mark(PROGRAMME, 'id: PH-ACT', 1, 4));
    assert.deepStrictEqual(ok(fromDef.service.getRenameEdits(fromDef.doc, fromDef.position, 'X1')), ok(fromRef.service.getRenameEdits(fromRef.doc, fromRef.position, 'X1')));
  });

  it("renames a quoted note key and a lot's criterion without touching the consultation's criterion of the same name", () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'id: TECH-1', 1, 4));
    const after = edited(ok(service.getRenameEdits(doc, position, 'TECH-A')), FILES)[C1];
    assert.ok(after.includes('{id: TECH-A, ponderation: 20}'));
    assert.ok(after.includes('notes: {PRIX: 18, "TECH-A": 12}'));
    const prix = at(C1, mark(CONSULTATION, 'id: PRIX', 1, 4));
    const edits = ok(prix.service.getRenameEdits(prix.doc, prix.position, 'PRIX-L1')).changes![C1];
    assert.deepStrictEqual(edits.map((e) => e.range.start.line), [11, 29]);
  });

  it('quotes a new name that YAML would read as a number where the id was plain', () => {
    const { service, doc, position } = at(C1, mark(CONSULTATION, 'PH-ACT'));
    const after = edited(ok(service.getRenameEdits(doc, position, '2027')), FILES);
    assert.ok(after[C1].includes('phase: "2027"\n'));
    assert.ok(after[C2].includes('phase: "2027"\n'));
    assert.ok(after[PROG].includes('phases: ["2027", "PH-ETU", PRO]'));
  });

  it('refuses a name taken in the same scope, in French and in English', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: PH-ACT', 1, 4));
    const fr = service.getRenameEdits(doc, position, 'PH-ETU');
    assert.ok('error' in fr && fr.error.includes('une phase') && fr.error.includes('PH-ETU'), JSON.stringify(fr));
    const en = service.getRenameEdits(doc, position, 'PH-ETU', { locale: 'en' });
    assert.ok('error' in en && en.error.startsWith('Rename refused: a phase already has'), JSON.stringify(en));
  });

  it('scopes deliverables per phase and criteria per list', () => {
    const l1 = at(PROG, mark(PROGRAMME, 'id: L1', 1, 4));
    assert.ok('error' in l1.service.getRenameEdits(l1.doc, l1.position, 'L2'), 'L2 exists in the same phase');
    const l1act = at(PROG, mark(PROGRAMME, 'id: L1', 2, 4));
    assert.ok('edit' in l1act.service.getRenameEdits(l1act.doc, l1act.position, 'L2'), 'L2 only exists in another phase');
    const prix = at(C1, mark(CONSULTATION, 'id: PRIX', 1, 4));
    assert.ok('error' in prix.service.getRenameEdits(prix.doc, prix.position, 'TECH-2'), 'criteria and sub-criteria share a namespace');
    assert.ok('edit' in prix.service.getRenameEdits(prix.doc, prix.position, 'VALEUR'), "VALEUR is only in the consultation's list");
  });

  it('refuses a name that is not a valid id', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: MOA', 1, 4));
    for (const bad of ['MO A', '-MOA', '', 'MOA:1', 'é']) {
      const r = service.getRenameEdits(doc, position, bad, { locale: 'en' });
      assert.ok('error' in r && r.error.includes('is not a valid id'), `${bad}: ${JSON.stringify(r)}`);
    }
  });

  it('renames a duplicate definition (REF-002) alone: references keep naming the first one', () => {
    const text = PROGRAMME.replace('{id: AMO, role: amo}', '{id: MOA, role: amo}');
    const second = at(PROG, mark(text, 'id: MOA', 2, 4));
    assert.deepStrictEqual(second.service.getDefinition(second.doc, second.position).map((l) => l.range.start.line), [8]);
    const edits = ok(second.service.getRenameEdits(second.doc, second.position, 'AMO')).changes![PROG];
    assert.deepStrictEqual(edits.map((e) => e.range.start.line), [8]);
    const first = at(PROG, mark(text, 'id: MOA', 1, 4));
    assert.deepStrictEqual(ok(first.service.getRenameEdits(first.doc, first.position, 'MOA1')).changes![PROG].map((e) => e.range.start.line), [6, 28]);
  });

  it('returns no change for the same name', () => {
    const { service, doc, position } = at(PROG, mark(PROGRAMME, 'id: MOA', 1, 4));
    assert.deepStrictEqual(service.getRenameEdits(doc, position, 'MOA'), { edit: { changes: {} } });
  });
});

describe('prepareRename', () => {
  it('gives the range and placeholder of the id, from a definition or a reference', () => {
    const { service, doc, position } = at(C2, mark(CONSULTATION_2, 'PH-ACT', 1, 3));
    assert.deepStrictEqual(service.prepareRename(doc, position), { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 14 } }, placeholder: 'PH-ACT' });
  });

  it('refuses off an id, on an undefined reference and on a phase named by its code', () => {
    const off = at(C1, mark(CONSULTATION, 'Travaux'));
    const fr = off.service.prepareRename(off.doc, off.position);
    assert.ok('error' in fr && fr.error.startsWith('Placez le curseur sur un identifiant'), JSON.stringify(fr));
    const en = off.service.prepareRename(off.doc, off.position, { locale: 'en' });
    assert.ok('error' in en && en.error.startsWith('Place the cursor on an id'), JSON.stringify(en));
    const undef = at(PROG, mark(PROGRAMME.replace('proprietaire: MOA', 'proprietaire: NOBODY'), 'NOBODY'));
    assert.ok('error' in undef.service.prepareRename(undef.doc, undef.position));
    const code = at(PROG, mark(PROGRAMME, 'PRO]'));
    const byCode = code.service.prepareRename(code.doc, code.position, { locale: 'en' });
    assert.ok('error' in byCode && byCode.error.includes('by its code'), JSON.stringify(byCode));
  });
});
