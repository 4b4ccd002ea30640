import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderHtml } from '../../../server/src/render';
import { renderDocx } from '../../../server/src/render/docx';
import { dateFr } from '../../../server/src/render/format';
import type { DocModel } from '../../../server/src/render/model';
import { publicText } from '../../../server/src/render/raoReport';
import { TEST_TODAY } from '../../helpers/service';
import { readZip } from '../../helpers/zip';
import { CONSULTATION_FILE, EXAMPLES, headings, paragraphs, renderExample, renderText, rowTexts, tablesUnder } from './renderHelpers';

function model(r: { model?: DocModel; error?: string }): DocModel {
  assert.ok(r.model, r.error);
  return r.model;
}

const SCHOOL = fs.readFileSync(CONSULTATION_FILE, 'utf8');
/** The school's works consultation with the report's metadata, candidatures, negotiation and two appreciations. */
const REPORT = `${SCHOOL.replace('    candidat: Perrin et Fils\n', '    candidat: Perrin et Fils\n    note_interne: "NE PAS IMPRIMER : voir le DAJ"\n    appreciations: {VT-METHODO: "Phasage en quatre tranches compatible avec l’école ouverte ; planning détaillé par zone."}\n')}
rapport:
  date: 2027-02-03
  auteur: Mme Claire Dumas, AMO (Programmation Conseil)
  version: V2 après négociation
  note_interne: "NE PAS IMPRIMER non plus"
  visas:
    - {qualite: Directeur général des services, nom: M. Jean Morel, date: 2027-02-05}
  decision_proposee: Attribuer les lots 2, 4 et 6 ; relancer les lots 1, 3, 5 et 7.
candidatures:
  - {candidat: Perrin et Fils, statut: admise}
  - {candidat: Bâti Express, statut: rejetee, motif: Attestation d'assurance décennale non produite après demande de complément (R2144-2)}
negociation:
  menee: true
  date: 2027-01-25
  candidats: [Perrin et Fils, Lacombe Bâtiment]
  deroulement: Négociation écrite sur le phasage et le prix ; offres finales remises le 29 janvier 2027.
`;

describe('render / RAO as a report', () => {
  it('the file as written has the report fields it needs (test precondition)', () => {
    assert.ok(REPORT.includes('appreciations: {VT-METHODO:'), 'appreciation inserted on the Perrin offer');
  });

  it('dates the report from « rapport », never with today; author and version on the cover', () => {
    const m = model(renderText('r.consultation.yaml', REPORT, 'rao'));
    const meta = Object.fromEntries(m.meta.map((x) => [x.label, x.value]));
    assert.strictEqual(meta['Date du rapport'], '3\u00a0février 2027');
    assert.strictEqual(meta['Rédigé par'], 'Mme Claire Dumas, AMO (Programmation Conseil)');
    assert.strictEqual(meta['Version'], 'V2 après négociation');
    const bare = model(renderExample(CONSULTATION_FILE, 'rao'));
    assert.ok(bare.meta.some((x) => x.label === 'Date du rapport' && x.value === 'à compléter'));
    assert.ok(!JSON.stringify(bare.meta).includes(dateFr(TEST_TODAY)), 'never the machine’s date');
  });

  it('prints the written appreciation per criterion and candidate, and boxes to fill where there is none', () => {
    const m = model(renderText('r.consultation.yaml', REPORT, 'rao'));
    const tables = tablesUnder(m, '4.4 Appréciation des offres');
    const perrin = tables.find((t) => t.columns[0].label.startsWith('Perrin et Fils'));
    assert.ok(perrin, 'a table for Perrin et Fils');
    assert.deepStrictEqual(rowTexts(perrin)[0].slice(1), ['17', 'Phasage en quatre tranches compatible avec l’école ouverte ; planning détaillé par zone.']);
    assert.strictEqual(perrin.rows[0].kind, undefined);
    assert.strictEqual(perrin.rows[1].kind, 'blank', 'a box to fill');
    assert.match(rowTexts(perrin)[1][2], /^À rédiger/);
    assert.match(paragraphs(m), /14\u00a0appréciations restent à rédiger/);
  });

  it('records the candidatures, the negotiation, the proposed decision and the visas', () => {
    const m = model(renderText('r.consultation.yaml', REPORT, 'rao'));
    const h = headings(m);
    assert.deepStrictEqual(h.filter((x) => /^\d+\. /.test(x)).map((x) => x.replace(/ — .*/, '')), ['1. Déroulement de la procédure', '2. Examen des candidatures', '3. Négociation', '4. Lot LOT-02', '5. Lot LOT-04', '6. Lot LOT-06', '7. Proposition de décision', '8. Visas']);
    const [cands] = tablesUnder(m, '2. Examen des candidatures');
    assert.deepStrictEqual(rowTexts(cands)[1].slice(0, 2), ['Bâti Express', 'Rejetée']);
    assert.match(paragraphs(m), /Une négociation a été menée à partir du 25\u00a0janvier 2027 avec Perrin et Fils, Lacombe Bâtiment/);
    assert.match(paragraphs(m), /Attribuer les lots 2, 4 et 6/);
    const [visas] = tablesUnder(m, '8. Visas');
    assert.deepStrictEqual(rowTexts(visas).map((r) => r[0]), ['Rédigé par', 'Directeur général des services']);
    assert.ok(visas.rows.every((r) => r.kind === 'sign'));
    // An open procedure has no negotiation section.
    const aoo = model(renderText('a.consultation.yaml', SCHOOL.replace(/type: MAPA/, 'type: AOO'), 'rao'));
    assert.ok(!headings(aoo).some((x) => /Négociation/.test(x)));
  });

  it('never prints internal notes: note_interne, "[à vérifier …]", advice to the author', async () => {
    const m = model(renderText('r.consultation.yaml', REPORT, 'rao'));
    const html = renderHtml(m);
    const xml = readZip(await renderDocx(m)).get('word/document.xml')?.toString() ?? '';
    for (const out of [html, xml]) {
      assert.ok(!out.includes('NE PAS IMPRIMER'), 'note_interne printed');
      assert.ok(!/à vérifier avec|Formule retenue par AMO Authoring|déclarez « methode/.test(out), 'internal caveat printed');
    }
    for (const f of fs.readdirSync(EXAMPLES).filter((n) => n.endsWith('.consultation.yaml'))) {
      const r = model(renderExample(path.join(EXAMPLES, f), 'rao'));
      assert.ok(!/à vérifier avec|AMO Authoring/.test(renderHtml(r)), f);
    }
    assert.strictEqual(publicText('A. Formule retenue par AMO Authoring [à vérifier avec la fiche DAJ 2024] ; si le RC fixe une autre formule, déclarez « methode: autre ».'), 'A.');
  });

  it('heads the ranking columns with criterion labels, not ids', () => {
    const m = model(renderExample(CONSULTATION_FILE, 'rao'));
    const [rank] = tablesUnder(m, '4.5 Pondération et classement');
    assert.deepStrictEqual(rank.columns.map((c) => c.label).slice(2), ['Prix des prestations (40\u00a0%)', 'Valeur technique (45\u00a0%)', "Performance environnementale de l'offre (15\u00a0%)", 'Total sur 100']);
  });
});
