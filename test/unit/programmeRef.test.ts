import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/language-service';
import { programmeRef, programmeUri } from '../../server/src/language-service/model/programmeRef';
import { parseText } from '../../server/src/language-service/parse';

/**
 * The one resolution of `programme:` (model/programmeRef.ts): what it designates, what is refused, and that
 * every reader — diagnostics, features, navigation, the renderer's programme — agrees and reads nothing else.
 */
const CONSULTATION = 'file:///w/op/travaux.consultation.yaml';

function consultation(programme: string, extra = ''): string {
  return `version: 1\nprogramme: ${JSON.stringify(programme)}\nprocedure:\n  type: MAPA\n${extra}`;
}

describe('programme: resolution (model/programmeRef.ts)', () => {
  it('resolves a relative path against the consultation, and reads it from the tree of a broken document', () => {
    assert.deepEqual(programmeRef(parseText(CONSULTATION, consultation('ecole.programme.yaml'))), { written: 'ecole.programme.yaml', uri: 'file:///w/op/ecole.programme.yaml' });
    assert.equal(programmeUri(parseText(CONSULTATION, consultation('../autre/ecole.programme.yml'))), 'file:///w/autre/ecole.programme.yml');
    const broken = parseText(CONSULTATION, 'programme: ecole.programme.yaml\nprocedure: [\n');
    assert.equal(broken.data, undefined);
    assert.equal(programmeUri(broken), 'file:///w/op/ecole.programme.yaml');
  });

  it('refuses what names another file than a *.programme.yaml once the URI is parsed (fragment, query, encoded separator, itself)', () => {
    const refused: [string, string][] = [
      ['/etc/passwd#.programme.yaml', 'not-programme'],
      ['/proc/self/environ#.programme.yaml', 'not-programme'],
      ['notes.txt#x.programme.yaml', 'not-programme'],
      ['notes.txt?a=.programme.yaml', 'not-programme'],
      ['secret%2Fx.programme.yaml', 'not-programme'],
      ['ecole.programme.yaml.txt', 'not-programme'],
      ['travaux.consultation.yaml', 'self'],
    ];
    for (const [written, why] of refused) {
      const ref = programmeRef(parseText(CONSULTATION, consultation(written)));
      assert.equal(ref?.refused, why, written);
      assert.equal(programmeUri(parseText(CONSULTATION, consultation(written))), undefined, written);
    }
  });

  it('leaves an unsaved consultation unresolved, and ignores a programme that is not a path', () => {
    assert.deepEqual(programmeRef(parseText('untitled:Untitled-1.consultation.yaml', consultation('ecole.programme.yaml'))), { written: 'ecole.programme.yaml' });
    assert.equal(programmeRef(parseText(CONSULTATION, 'programme: [a.programme.yaml]\n')), undefined);
    assert.equal(programmeRef(parseText(CONSULTATION, 'programme: 12\n'))?.refused, 'not-programme');
    assert.equal(programmeRef(parseText('file:///w/op/ecole.programme.yaml', 'programme: x.programme.yaml\n')), undefined);
  });

  it('is the resolution of the diagnostics, the features and navigation: a refused path is REF-004 and nothing is read', () => {
    const reads: string[] = [];
    const files: Record<string, string> = { 'file:///w/op/ecole.programme.yaml': 'version: 1\noperation:\n  nom: École\nphases:\n  - id: ESQ\n' };
    const service = createLanguageService({ workspace: { readText: (uri) => (reads.push(uri), files[uri]) }, today: () => '2026-12-07' });
    const smuggled = { uri: CONSULTATION, text: consultation('/etc/passwd#.programme.yaml') };
    const codes = service.getDiagnostics(smuggled).map((d) => d.code);
    assert.ok(codes.includes('REF-004'), codes.join(' '));
    assert.equal(service.getProgrammeUri(smuggled), undefined);
    service.getDefinition(smuggled, { line: 1, character: 14 });
    service.getCompletions(smuggled, { line: 4, character: 0 });
    assert.deepEqual(reads, []);
    const good = { uri: CONSULTATION, text: consultation('ecole.programme.yaml', 'phase: ESQ\n') };
    assert.equal(service.getProgrammeUri(good), 'file:///w/op/ecole.programme.yaml');
    assert.ok(!service.getDiagnostics(good).some((d) => d.code.startsWith('REF-')));
    assert.deepEqual(service.getDefinition(good, { line: 1, character: 14 })?.map((l) => l.uri), ['file:///w/op/ecole.programme.yaml']);
    assert.ok(reads.every((u) => u === 'file:///w/op/ecole.programme.yaml'));
  });
});
