import * as assert from 'assert';
import { diagnose } from '../helpers/service';

const BASE = `id: C1
objet: Fournitures de bureau
nature: fournitures
procedure:
  type: MAPA
`;

function find(text: string, code: string, name = 'x.consultation.yaml') {
  const d = diagnose(name, text).filter((x) => x.code === code);
  assert.ok(d.length > 0, `expected ${code} in:\n${text}`);
  return d[0];
}

describe('schema errors mapped to YAML nodes', () => {
  it('a misspelt key is an error on the key itself, with a suggestion', () => {
    const d = find(BASE + 'valeur_estime_ht: 1000\n', 'SCH-002');
    assert.deepStrictEqual(d.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 16 } });
    assert.strictEqual(d.severity, 1);
    assert.match(d.message, /valeur_estimee_ht/);
    assert.strictEqual(d.data?.replacement, 'valeur_estimee_ht');
  });

  it('an unknown key that resembles nothing is a warning', () => {
    const d = find(BASE + 'remarque_interne: rien\n', 'SCH-002');
    assert.strictEqual(d.severity, 2);
  });

  it('a missing required key is reported on the key of the object that lacks it', () => {
    const d = find('id: C1\nobjet: X\nnature: travaux\nprocedure:\n  motif: oubli\n', 'SCH-001');
    assert.strictEqual(d.range.start.line, 3);
    assert.match(d.message, /type/);
  });

  it('a wrong enum value is reported on the value, with "did you mean"', () => {
    const d = find(BASE.replace('type: MAPA', 'type: APPEL_OFFRES') + '', 'SCH-004');
    assert.deepStrictEqual(d.range.start, { line: 4, character: 8 });
    const d2 = find(BASE.replace('type: MAPA', 'type: mapaa'), 'SCH-004');
    assert.match(d2.message, /MAPA/);
  });

  it('a wrong type is reported on the value', () => {
    const d = find(BASE + 'valeur_estimee_ht: "cent mille"\n', 'SCH-003');
    assert.strictEqual(d.range.start.line, 5);
    assert.strictEqual(d.range.start.character, 19);
  });

  it('a bad date is reported with the expected format', () => {
    const d = find(BASE + 'date_lancement: 2026-13-01\n', 'SCH-005');
    assert.match(d.message, /AAAA-MM-JJ/);
  });

  it('messages follow the locale', () => {
    const [fr] = diagnose('x.consultation.yaml', BASE + 'valeur_estime_ht: 1\n').filter((d) => d.code === 'SCH-002');
    const [en] = diagnose('x.consultation.yaml', BASE + 'valeur_estime_ht: 1\n', { locale: 'en' }).filter((d) => d.code === 'SCH-002');
    assert.match(fr.message, /vouliez-vous dire/);
    assert.match(en.message, /did you mean/);
  });

  it('every diagnostic carries source amo and a string code', () => {
    for (const d of diagnose('x.consultation.yaml', BASE + 'objett: a\nnature2: b\n')) {
      assert.strictEqual(d.source, 'amo');
      assert.strictEqual(typeof d.code, 'string');
    }
  });
});

describe('YAML syntax', () => {
  it('a syntax error is a YAML-001 diagnostic and hides rule noise', () => {
    const diags = diagnose('x.consultation.yaml', 'id: [unclosed\nobjet: x\n');
    assert.ok(diags.length > 0);
    assert.ok(diags.every((d) => d.code.startsWith('YAML-')), diags.map((d) => d.code).join());
  });

  it('a duplicate key is reported', () => {
    const diags = diagnose('x.consultation.yaml', BASE + 'objet: encore\n');
    assert.ok(diags.some((d) => d.code === 'YAML-001'));
  });

  it('an alias bomb is refused with a diagnostic, in bounded time', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const started = Date.now();
    const diags = diagnose('x.consultation.yaml', bomb.join('\n') + '\n');
    assert.ok(diags.some((d) => d.code === 'YAML-001' && /alias/.test(d.message)), JSON.stringify(diags));
    assert.ok(Date.now() - started < 5000);
  });

  it('an empty file and a non-object document are reported, never thrown', () => {
    assert.ok(diagnose('x.programme.yaml', '').some((d) => d.code === 'SCH-003' || d.code === 'SCH-001'));
    assert.ok(diagnose('x.programme.yaml', '- a\n- b\n').some((d) => d.code === 'SCH-003'));
  });

  it('files of another kind get no diagnostics', () => {
    assert.deepStrictEqual(diagnose('notes.yaml', 'anything: [1, 2\n').filter((d) => d.code !== 'YAML-001'), []);
  });
});

describe('misspelling suggestions', () => {
  it('never suggest a key that the object already has (the fix would duplicate it)', () => {
    const text = 'id: C1\nobjet: X\nnature: travaux\nprocedure: {type: MAPA}\ncriteres: []\n\u0301criteres: []\n';
    const d = diagnose('x.consultation.yaml', text).find((x) => x.code === 'SCH-002');
    assert.ok(d, 'SCH-002 expected');
    assert.strictEqual(d.data?.replacement, undefined);
    assert.strictEqual(d.severity, 2);
  });
});
