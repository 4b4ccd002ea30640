import * as assert from 'assert';
import { parseConfig } from '../../server/src/language-service';
import { crowdedLines, directivesOf } from '../../server/src/language-service/directives';
import { codes, diagnose, makeService } from '../helpers/service';

// Launched before the environmental-criterion date, a consultation without lots: CSL-017 (warning).
const TEXT = `id: C1
objet: Nettoyage des locaux
nature: services
procedure:
  type: MAPA
date_lancement: 2026-03-02
date_limite_offres: 2026-04-02
validite_offres_jours: 120
ccag: fcs_2021
oab: {detection: moyenne moins un écart-type, procedure_contradictoire: true}
notation_prix: {methode: classique, note_max: 20, base: TTC}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, type: qualite, ponderation: 40, environnemental: true}
`;

describe('severity configuration and suppression', () => {
  it('reports CSL-017 by default, as a warning', () => {
    const d = diagnose('c.consultation.yaml', TEXT).find((x) => x.code === 'CSL-017');
    assert.ok(d);
    assert.strictEqual(d.severity, 2);
  });

  it('"off" removes a rule, a severity replaces the default', () => {
    assert.ok(!codes(diagnose('c.consultation.yaml', TEXT, { config: { rules: { 'CSL-017': 'off' } } })).includes('CSL-017'));
    const d = diagnose('c.consultation.yaml', TEXT, { config: { rules: { 'CSL-017': 'error' } } }).find((x) => x.code === 'CSL-017');
    assert.strictEqual(d?.severity, 1);
  });

  it('a family wildcard applies to every code of the family', () => {
    assert.ok(!codes(diagnose('c.consultation.yaml', TEXT, { config: { rules: { 'CSL-*': 'off' } } })).some((c) => c.startsWith('CSL-')));
  });

  it('# amo-disable-line silences the named code on that line only', () => {
    const silenced = TEXT.replace('objet: Nettoyage des locaux', 'objet: Nettoyage des locaux  # amo-disable-line CSL-017');
    assert.ok(!codes(diagnose('c.consultation.yaml', silenced)).includes('CSL-017'));
    const other = TEXT.replace('objet: Nettoyage des locaux', 'objet: Nettoyage des locaux  # amo-disable-line CSL-002');
    assert.ok(codes(diagnose('c.consultation.yaml', other)).includes('CSL-017'));
  });

  it('# amo-disable-next-line silences the line below', () => {
    const silenced = TEXT.replace('objet: Nettoyage des locaux', '# amo-disable-next-line CSL-017\nobjet: Nettoyage des locaux');
    assert.ok(!codes(diagnose('c.consultation.yaml', silenced)).includes('CSL-017'));
  });

  it('parseConfig rejects invalid severities with a message instead of throwing', () => {
    const { config, problems } = parseConfig({ rules: { 'CSL-017': 'loud', 'CSL-006': 'warning' } });
    assert.deepStrictEqual(config.rules, { 'CSL-006': 'warning' });
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(parseConfig({ rules: [1] }).problems.length, 1);
  });

  describe('directives cannot silence a file (docs/format.md)', () => {
    // nature: zzz gives SCH-004 on line 2; CSL-017 (no lots) is on line 1.
    const BAD = TEXT.replace('nature: services', 'nature: zzz');
    const has = (text: string, code: string, options: { trusted?: boolean } = {}): boolean => codes(diagnose('c.consultation.yaml', text, options)).includes(code);

    it('block directives work: named codes, several codes, next line, no code in a trusted workspace', () => {
      assert.ok(has(BAD, 'SCH-004'), 'the error is there to begin with');
      assert.ok(!has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line SCH-004'), 'SCH-004'));
      assert.ok(!has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line CSL-002, SCH-004'), 'SCH-004'));
      assert.ok(!has(BAD.replace('nature: zzz', '# amo-disable-next-line SCH-004\nnature: zzz'), 'SCH-004'));
      assert.ok(!has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line'), 'SCH-004'));
      assert.ok(has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line SCH-004'), 'CSL-017'), 'the line above is not silenced');
      // A trailing remark after a second # is not a code.
      assert.ok(has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line CSL-002 # SCH-004 ?'), 'SCH-004'));
    });

    it('a directive inside a quoted, plain or block scalar silences nothing', () => {
      for (const value of ["'zzz # amo-disable-line SCH-004'", '"zzz # amo-disable-line SCH-004"', 'zzz#amo-disable-line', '"zzz\\\n  # amo-disable-line SCH-004"']) {
        assert.ok(has(BAD.replace('nature: zzz', `nature: ${value}`), 'SCH-004'), value);
      }
      // The text of a block scalar is no comment: `# amo-disable-next-line` there does not reach the next key.
      assert.ok(has(BAD.replace('nature: zzz', 'description: |\n  # amo-disable-next-line\nnature: zzz'), 'SCH-004'));
      // A real comment after the string counts, with its own codes.
      assert.ok(!has(BAD.replace('nature: zzz', "nature: 'zzz # amo-disable-line CSL-002' # amo-disable-line SCH-004"), 'SCH-004'));
      assert.ok(has(BAD.replace('nature: zzz', "nature: 'zzz # amo-disable-line SCH-004' # amo-disable-line CSL-002"), 'SCH-004'));
    });

    it('a document written on one line with a trailing directive silences nothing', () => {
      const oneLine = '{id: C1, objet: Nettoyage, nature: zzz, procedure: {type: MAPA}, date_lancement: 2026-03-02}';
      const all = diagnose('c.consultation.yaml', oneLine).map((d) => d.code).sort();
      assert.ok(all.includes('SCH-004') && all.includes('CSL-017') && all.length >= 4, all.join(' '));
      for (const directive of ['  # amo-disable-line', '  # amo-disable-line SCH-004 CSL-017 CSL-001 CSL-022']) {
        assert.deepStrictEqual(diagnose('c.consultation.yaml', oneLine + directive).map((d) => d.code).sort(), all, directive);
        assert.deepStrictEqual(diagnose('c.consultation.yaml', `# amo-disable-next-line${directive.replace(/^ *# amo-disable-line/, '')}\n${oneLine}`).map((d) => d.code).sort(), all, `next-line${directive}`);
      }
      // Even with a single root key: its line is the whole document.
      const single = '{procedure: {type: MAPA, x: 1}}';
      assert.deepStrictEqual(codes(diagnose('c.consultation.yaml', `${single}  # amo-disable-line`)), codes(diagnose('c.consultation.yaml', single)));
    });

    it('a line holding two entries of a collection is not silenced; one entry written in flow style is', () => {
      const crowdedSeq = BAD.replace('nature: zzz', 'nature: [zzz, travaux]');
      assert.ok(has(crowdedSeq, 'SCH-004'));
      assert.ok(!has(`${crowdedSeq.replace('nature: [zzz, travaux]', 'nature: [zzz, travaux]  # amo-disable-line SCH-004')}`, 'SCH-004'), 'one root entry whose value is a flow sequence: its own entry');
      // A record per line (the life-cycle example's milestones): one sequence item, its entries inside it.
      const record = TEXT.replace('  - {id: VT, type: qualite, ponderation: 40, environnemental: true}', '  - {id: VT, type: qualite, ponderation: 40, environnemental: true, zz: 1}');
      assert.ok(has(record, 'SCH-002'));
      assert.ok(!has(record.replace('zz: 1}', 'zz: 1}  # amo-disable-line SCH-002'), 'SCH-002'));
      const twoRecords = record.replace('  - {id: PRIX, type: prix, ponderation: 60}\n  - {id: VT', '  [{id: PRIX, type: prix, ponderation: 60}, {id: VT').replace('zz: 1}', 'zz: 1}]').replace('criteres:\n  [', 'criteres: [');
      assert.ok(has(twoRecords, 'SCH-002'));
      assert.ok(has(twoRecords.replace('zz: 1}]', 'zz: 1}]  # amo-disable-line SCH-002'), 'SCH-002'), 'two criteria on one line: not silenced');
      // The same in a multi-line flow sequence: two items on the directive's line, or one.
      const flow = (sep: string): string => twoRecords.replace('criteres: [{id: PRIX', 'criteres: [\n  {id: PRIX').replace('60}, {id: VT', `60},${sep}{id: VT`).replace('zz: 1}]', 'zz: 1}  # amo-disable-line SCH-002\n]');
      assert.ok(has(flow(' '), 'SCH-002'), 'two items on the line');
      assert.ok(!has(flow('\n  '), 'SCH-002'), 'one item on its line');
    });

    it('crowded lines: the rule of docs/format.md, case by case', () => {
      const cases: [string, number, boolean][] = [
        ['a: 1\nb: 2', 0, false],
        ['- id: A\n  x: 1', 0, false],
        ['- - x\n- y', 0, false],
        ['a: {b: 1}\nc: 2', 0, false],
        ['l:\n  - {id: A, d: 1}\nc: 1', 1, false],
        ['n: [a, b]\nc: 1', 0, false],
        ['l: [\n  a,\n  b\n]\nc: 1', 2, false],
        ['- id: A\n  x: 1', 1, false],
        ['{a: 1, b: 2}', 0, true],
        ['{a: {b: 1}}', 0, true],
        ['[a]', 0, true],
        ['l: [{id: A}, {id: B}]\nc: 1', 0, true],
        ['l:\n  - {id: A, lots: [L1]}\nc: 1', 1, true],
        ['l: [\n  a, b\n]\nc: 1', 1, true],
        ['a: {b: 1,\n  c: 2, d: 3}\ne: 1', 1, true],
        ['a: {b: 1,\n  c: 2}\ne: 1', 1, false],
      ];
      const service = makeService();
      for (const [text, line, want] of cases) {
        const parsed = service.parse({ uri: 'file:///virtual/x.programme.yaml', text });
        assert.strictEqual(crowdedLines(parsed, new Set([line])).has(line), want, JSON.stringify(text));
      }
    });

    it('only comments are directives, wherever the comment hangs', () => {
      const service = makeService();
      const text = "a: 'x # amo-disable-line A'  # amo-disable-line B, C\n# amo-disable-next-line\nb: |\n  # amo-disable-line D\nc: [1, # amo-disable-line E\n  2]\nd: x#amo-disable-line F\n";
      const found = [...directivesOf(service.parse({ uri: 'file:///virtual/x.programme.yaml', text })).values()].map((d) => [d.line, d.next, d.codes.join(' ')]);
      assert.deepStrictEqual(found.sort(), [[0, false, 'B C'], [1, true, ''], [4, false, 'E']]);
    });

    it('in an untrusted workspace a directive without codes silences nothing; one with codes still works', () => {
      const bare = BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line');
      assert.ok(!has(bare, 'SCH-004', { trusted: true }));
      assert.ok(has(bare, 'SCH-004', { trusted: false }));
      assert.ok(has(BAD.replace('nature: zzz', '# amo-disable-next-line\nnature: zzz'), 'SCH-004', { trusted: false }));
      assert.ok(!has(BAD.replace('nature: zzz', 'nature: zzz  # amo-disable-line SCH-004'), 'SCH-004', { trusted: false }));
    });
  });
});
