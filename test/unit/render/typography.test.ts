import * as assert from 'assert';
import * as fs from 'fs';
import { renderHtml } from '../../../server/src/render';
import { roleLabel } from '../../../server/src/render/labels';
import type { DocModel } from '../../../server/src/render/model';
import { dateWords, frenchSpaces, isoDatesInWords, numericDatesInWords, plural, realPlurals } from '../../../server/src/render/typography';
import { CONSULTATION_FILE, headings, PROGRAMME_FILE, renderExample, renderText, rowTexts, tablesUnder } from './renderHelpers';

const NB = '\u00a0';
const NN = '\u202f';

function model(r: { model?: DocModel; error?: string }): DocModel {
  assert.ok(r.model, r.error);
  return r.model;
}

describe('render / French typography and wording', () => {
  it('no-break spaces inside « » and before : ; ! ?, never in URLs or times', () => {
    assert.strictEqual(frenchSpaces('le « Registre » : oui ; non ! quoi ?'), `le «${NB}Registre${NB}»${NB}: oui${NN}; non${NN}! quoi${NN}?`);
    assert.strictEqual(frenchSpaces('«déjà»'), `«${NB}déjà${NB}»`);
    assert.strictEqual(frenchSpaces(`«${NB}déjà${NB}»`), `«${NB}déjà${NB}»`, 'idempotent');
    assert.strictEqual(frenchSpaces('https://x.fr à 12:30'), 'https://x.fr à 12:30');
  });

  it('real plurals: each word written with (s) agrees with its number', () => {
    assert.strictEqual(realPlurals('10 offre(s) sur 7 lot(s)'), '10 offres sur 7 lots');
    assert.strictEqual(realPlurals('1 réserve(s), 0 non levée(s) ; 3 offre(s) classée(s)'), '1 réserve, 0 non levée ; 3 offres classées');
    assert.strictEqual(realPlurals('Lot(s)'), 'Lots');
    assert.strictEqual(plural(1, 'erreur', 'erreurs'), `1${NB}erreur`);
    assert.strictEqual(plural(2, 'erreur', 'erreurs'), `2${NB}erreurs`);
  });

  it('dates in words in prose', () => {
    assert.strictEqual(dateWords('2025-10-01'), `1er${NB}octobre 2025`);
    assert.strictEqual(isoDatesInWords('demandées par écrit le 2027-01-27'), `demandées par écrit le 27${NB}janvier 2027`);
    assert.strictEqual(numericDatesInWords('jusqu’au 18/05/2027 inclus'), `jusqu’au 18${NB}mai 2027 inclus`);
  });

  it('the deliverables: role labels, no « (s) », no breaking space inside guillemets, ISO dates of free text in words', () => {
    const prog = model(renderExample(PROGRAMME_FILE, 'programme'));
    const actors = tablesUnder(prog, 'Acteurs').flatMap(rowTexts).map((r) => r[0]);
    assert.ok(actors.includes('Maître d’ouvrage') && actors.includes('Assistant à maîtrise d’ouvrage (AMO)'), actors.join(' | '));
    assert.ok(!actors.some((a) => /_|^maitre ouvrage$/.test(a)), actors.join(' | '));
    for (const m of [prog, model(renderExample(CONSULTATION_FILE, 'rao')), model(renderExample(PROGRAMME_FILE, 'risques'))]) {
      const html = renderHtml(m);
      assert.ok(!html.includes('(s)'), `${m.deliverable}: a « (s) » plural`);
      assert.ok(!/« | »/.test(html), `${m.deliverable}: a breaking space inside guillemets`);
      assert.ok(!/ [:;!?](\s|<)/.test(html.replace(/<style[\s\S]*?<\/style>/g, '')), `${m.deliverable}: a breaking space before : ; ! ?`);
    }
    const rao = renderHtml(model(renderExample(CONSULTATION_FILE, 'rao')));
    assert.ok(!/demandées par écrit le \d{4}-\d{2}-\d{2}/.test(rao));
    assert.strictEqual(roleLabel('chef_de_projet'), 'Chef de projet');
    assert.strictEqual(roleLabel('Directrice de l’école'), 'Directrice de l’école');
  });
});

describe('render / section numbering', () => {
  it('leaves no gap when a section is left out (an RC without note éliminatoire)', () => {
    const text = fs.readFileSync(CONSULTATION_FILE, 'utf8').replace(/^note_eliminatoire:.*\n(?:[ ]+.*\n)*/m, '');
    assert.ok(!/^note_eliminatoire:/m.test(text), 'fixture edit applied');
    const m = model(renderText('rc.consultation.yaml', text, 'rc'));
    const numbers = headings(m).filter((h) => /^\d+\. /.test(h)).map((h) => Number(h.split('.')[0]));
    assert.deepStrictEqual(numbers, numbers.map((_, i) => i + 1), headings(m).join(' | '));
  });
});
