import * as assert from 'assert';
import { parseConfig } from '../../server/src/language-service';
import { codes, diagnose } from '../helpers/service';

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
});
