import * as assert from 'assert';
import * as path from 'path';
import { renderHtml } from '../../../server/src/render';
import type { DocModel } from '../../../server/src/render/model';
import { EXAMPLES, fold, headings, renderExample } from './renderHelpers';

/** The award-criteria section of the RC for the forms the format now holds: a contest, an accord-cadre with tranches. */

function model(file: string): DocModel {
  const r = renderExample(path.join(EXAMPLES, file), 'rc');
  assert.ok(r.model, r.error);
  return r.model;
}
const text = (m: DocModel): string => fold(renderHtml(m).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

describe('render: RC of a design contest and of an accord-cadre with tranches', () => {
  it('a contest: projects judged by the jury, the contest’s own facts, no price, OAB or validity section', () => {
    const m = model('pole-culturel-concours.consultation.yaml');
    const h = headings(m);
    assert.deepStrictEqual(h, ['1. Critères d’évaluation des projets', '2. Déroulement du concours', '3. Prise en compte des caractéristiques environnementales']);
    const t = text(m);
    assert.match(t, /Les projets sont évalués par le jury/);
    assert.match(t, /prime de 36\s000\s€, soit 90 % du prix estimé des études/);
    assert.match(t, /dont 3 ayant la qualification exigée/);
    assert.doesNotMatch(t, /offre économiquement la plus avantageuse|anormalement basses|validité des offres/);
    assert.match(t, /Date limite de remise des projets/);
  });

  it('an accord-cadre with tranches: its form, the tranches, the variants and the PSE; the validity in months', () => {
    const t = text(model('mediatheque-prevert-mobilier.consultation.yaml'));
    assert.match(t, /accord-cadre mono-attributaire exécuté par bons de commande/);
    assert.match(t, /montant maximum de 196\s000\s€/);
    assert.match(t, /une tranche ferme .* et 1 tranche optionnelle/);
    assert.match(t, /Les variantes sont autorisées/);
    assert.match(t, /PSE-1 Rayonnages mobiles motorisés de la réserve \(réponse facultative\)/);
    assert.match(t, /validité des offres est de 4 mois .* jusqu’au 4 août 2025 inclus/);
    assert.match(t, /04\/04\/2025 à 12 h 00/);
  });
});
