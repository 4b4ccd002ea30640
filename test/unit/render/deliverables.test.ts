import * as assert from 'assert';
import { buildDeliverable } from '../../../server/src/render';
import type { DocModel, GanttSpec, HeatMapSpec } from '../../../server/src/render/model';
import { uriOf } from '../../helpers/service';
import { CONSULTATION_FILE, headings, paragraphs, PROGRAMME_FILE, renderEnv, renderExample, renderText, rowTexts, tablesUnder, fold } from './renderHelpers';

function model(r: { model?: DocModel; error?: string }): DocModel {
  assert.ok(r.model, `no model: ${r.error}`);
  return r.model;
}

const NB = '\u00a0';

describe('render / programme dossier', () => {
  const m = model(renderExample(PROGRAMME_FILE, 'programme'));

  it('follows the L2421-2 outline, with the eight headings of constraints', () => {
    const h = headings(m);
    for (const s of ['1. Contexte', '2. Objectifs', '3. Besoins', '4. Contraintes', '5. Objectifs énergétiques', '6. Enveloppe', '7. Plan de financement', '8. Mode de réalisation', '9. Calendrier', '10. Synthèse des risques', '11. Annexes']) {
      assert.ok(h.some((x) => x.startsWith(s)), `missing heading ${s}`);
    }
    assert.strictEqual(h.filter((x) => /^4\.\d /.test(x)).length, 8);
    assert.strictEqual(m.title, 'Programme de l’opération');
    assert.strictEqual(m.subtitle, 'Réhabilitation et extension du groupe scolaire Jules-Ferry');
  });

  it('totals the surfaces of the needs (quantity × unit surface)', () => {
    const [needs] = tablesUnder(m, '3. Besoins');
    const total = needs.rows[needs.rows.length - 1];
    assert.strictEqual(total.kind, 'total');
    assert.strictEqual(total.cells[3].text, `1${NB}705${NB}m²`);
    assert.deepStrictEqual(rowTexts(needs)[0].slice(0, 4), ['Salles de classe élémentaires', '8', `60${NB}m²`, `480${NB}m²`]);
  });

  it('breaks the EFP down with its price date, and the funding plan adds up', () => {
    const [efp] = tablesUnder(m, '6. Enveloppe');
    assert.deepStrictEqual(rowTexts(efp).at(-1), ['Total de la décomposition', `4${NB}200${NB}000${NB}€`, `100,00${NB}%`]);
    const facts = m.blocks.find((b) => b.kind === 'facts' && b.items.some((i) => i.label === 'Date de valeur (mois zéro)'));
    assert.ok(facts && facts.kind === 'facts' && facts.items.some((i) => i.value === 'septembre 2025'));
    const [funding] = tablesUnder(m, '7. Plan');
    assert.deepStrictEqual(rowTexts(funding).at(-1)?.slice(2), [`4${NB}200${NB}000${NB}€`, `100,00${NB}%`]);
    assert.ok(!m.blocks.some((b) => b.kind === 'paragraph' && b.tone === 'warning'), 'the example has no gap to report');
  });

  it('computes the Éco Énergie Tertiaire target consumptions', () => {
    const [targets] = tablesUnder(m, '5. Objectifs énergétiques');
    assert.deepStrictEqual(rowTexts(targets)[0], ['2030', '−40 %', `111,6 kWhef/m².an`]);
  });

  it('puts the critical risks forward and carries source lines on rows', () => {
    const [risks] = tablesUnder(m, '10. Synthèse');
    assert.deepStrictEqual(risks.rows.map((r) => r.cells[0].text.split(' ')[0]), ['CHT-SITE-OCCUPE', 'TEC-AMIANTE', 'FIN-DEPASSEMENT', 'FIN-SUBVENTION', 'TEC-EXISTANT']);
    for (const t of [...tablesUnder(m, '3. Besoins'), ...tablesUnder(m, '6. Enveloppe'), risks]) {
      for (const r of t.rows.filter((x) => x.kind !== 'total')) assert.ok(Number.isInteger(r.line), `row without source line: ${r.cells[0].text}`);
    }
  });

  it('reports surfaces and budget lines that do not add up', () => {
    const r = model(
      renderText(
        'x.programme.yaml',
        'operation: {id: X, intitule: Gymnase}\nbesoins:\n  - {id: B1, libelle: Salle, quantite: 2, surface_utile_m2: 100}\nsurfaces: {total_su: 250}\nenveloppe_financiere:\n  montant_ht: 1000000\n  decomposition:\n    - {id: D1, libelle: Travaux, montant_ht: 900000}\n',
        'programme',
      ),
    );
    const text = paragraphs(r);
    assert.match(text, /diffère de la somme des besoins \(200\u00a0m²\) : écart de 50\u00a0m²/);
    assert.match(text, /La décomposition totalise 900\u00a0000\u00a0€ pour une EFP de 1\u00a0000\u00a0000\u00a0€ : écart de -100\u00a0000\u00a0€/);
    assert.match(text, /Aucun objectif renseigné/);
  });
});

describe('render / risk register', () => {
  const m = model(renderExample(PROGRAMME_FILE, 'risques'));

  it('draws the P × I heat map on the declared scale', () => {
    const fig = m.blocks.find((b) => b.kind === 'figure');
    assert.ok(fig && fig.kind === 'figure');
    const spec = fig.spec as HeatMapSpec;
    assert.strictEqual(spec.type, 'heatmap');
    assert.strictEqual(spec.probabilite, 4);
    assert.deepStrictEqual(spec.cells[2][3].map((c) => c.id), ['TEC-AMIANTE']);
    assert.deepStrictEqual(spec.cells[3][2].map((c) => c.id), ['CHT-SITE-OCCUPE']);
    assert.strictEqual(spec.levels[2][2], 'critique', '3 × 3 = 9 ≥ seuil_critique 9');
    assert.strictEqual(spec.levels[1][3], 'eleve', '2 × 4 = 8');
    assert.strictEqual(spec.levels[0][0], 'faible');
  });

  it('lists the top critical risks, most critical first', () => {
    const [top] = tablesUnder(m, '2. Risques critiques');
    assert.deepStrictEqual(top.rows.map((r) => r.cells[1].text), ['12', '12', '9', '9', '9']);
    assert.ok(headings(m).includes('2. Risques critiques (5)'));
  });

  it('dates the actions and flags those overdue at the render date', () => {
    const [due] = tablesUnder(m, '3. Actions');
    const texts = rowTexts(due);
    assert.deepStrictEqual(texts.map((r) => r[0]), [...texts.map((r) => r[0])].sort((a, b) => a.split('/').reverse().join('').localeCompare(b.split('/').reverse().join(''))));
    const late = due.rows.find((r) => r.cells[1].text.startsWith('Sondages destructifs'));
    assert.ok(late && late.kind === 'flag' && /^En retard de \d+ j$/.test(late.cells[4].text));
    const soon = texts.find((r) => r[0] === '04/12/2026');
    assert.strictEqual(soon?.[4], 'Dans 6 j');
  });

  it('uses a 5 × 5 scale when declared, and ignores closed risks on the map', () => {
    const r = model(
      renderText('x.programme.yaml', 'operation: {id: X, intitule: Y}\nechelle_risques: {probabilite: 5, impact: 5}\nrisques:\n  - {id: R1, titre: A, probabilite: 5, impact: 5, statut: ouvert}\n  - {id: R2, titre: B, probabilite: 5, impact: 5, statut: clos}\n', 'risques'),
    );
    const fig = r.blocks.find((b) => b.kind === 'figure');
    const spec = (fig as { spec: HeatMapSpec }).spec;
    assert.strictEqual(spec.impact, 5);
    assert.deepStrictEqual(spec.cells[4][4].map((c) => c.id), ['R1']);
    assert.match(paragraphs(r), /risque est critique à partir de 12/);
  });
});

describe('render / planning', () => {
  const m = model(renderExample(PROGRAMME_FILE, 'planning'));

  it('draws every dated phase with its deliverables and milestones', () => {
    const fig = m.blocks.find((b) => b.kind === 'figure');
    const spec = (fig as { spec: GanttSpec }).spec;
    assert.strictEqual(spec.rows.length, 12);
    assert.strictEqual(spec.from, '2024-09-02');
    const act = spec.rows.find((r) => r.code === 'ACT');
    assert.ok(act && act.marks.some((x) => x.kind === 'jalon' && x.date === '2027-01-18'));
    assert.ok(spec.milestones.every((x) => x.date <= '2029-08-28'), 'biennale and décennale are listed, not drawn');
  });

  it('computes the legal milestones from the permit, the consultation and the reception', () => {
    const [table] = tablesUnder(m, '3. Jalons légaux');
    const byLabel = Object.fromEntries(rowTexts(table).map((r) => [r[0], r]));
    assert.strictEqual(byLabel['Fin du délai de recours des tiers contre le permis de construire'][1], '16/12/2026');
    assert.strictEqual(byLabel['Fin de la garantie de parfait achèvement'][1], '28/08/2029');
    assert.strictEqual(byLabel['Fin de la garantie biennale de bon fonctionnement'][1], '28/08/2030');
    assert.strictEqual(byLabel['Fin de la garantie décennale'][1], '28/08/2038');
    assert.match(byLabel['Fin de la garantie décennale'][2], /^réception prévue le 28\/08\/2028 \+ 10 ans/);
    const validity = byLabel['CSL-ECOLE-JF-TRAVAUX : fin de validité des offres'];
    assert.deepStrictEqual([validity[1], validity[4]], ['18/05/2027', '05/03/2027 — conforme']);
  });

  it('minimum tender period and standstill of a formalised procedure', () => {
    const prog = 'operation: {id: X, intitule: Y}\nphases:\n  - {id: P1, code: AOR, libelle: Réception, debut: 2028-01-03, fin: 2028-12-29, jalons: [{id: J, libelle: Réception des travaux, date: 2028-02-29}]}\n';
    const cons = 'programme: ./x.programme.yaml\nid: C\nobjet: O\nnature: travaux\nprocedure: {type: AOO}\ndate_lancement: 2027-01-04\ndate_limite_offres: 2027-02-01\ntransmission_electronique: true\ndate_notification_rejet: 2027-03-01\ndate_signature: 2027-03-08\n';
    const pu = uriOf('/virtual/x.programme.yaml');
    const cu = uriOf('/virtual/c.consultation.yaml');
    const out = model(buildDeliverable(renderEnv({ [pu]: prog, [cu]: cons }, [cu]), { uri: pu, text: prog }, 'planning'));
    const rows = rowTexts(tablesUnder(out, '3. Jalons légaux')[0]);
    const offers = rows.find((x) => x[0].startsWith('C : date limite des offres'));
    assert.deepStrictEqual([offers?.[1], offers?.[4]], ['03/02/2027', '01/02/2027 — à revoir'], 'AOO, electronic: 30 days');
    const standstill = rows.find((x) => x[0].startsWith('C : signature au plus tôt'));
    assert.deepStrictEqual([standstill?.[1], standstill?.[4]], ['12/03/2027', '08/03/2027 — à revoir'], '11 days (R2182-1)');
    const gpa = rows.find((x) => x[0] === 'Fin de la garantie de parfait achèvement');
    assert.strictEqual(gpa?.[1], '28/02/2029', '29 February + 1 year is 28 February');
  });
});

describe('render / RC award criteria', () => {
  const m = model(renderExample(CONSULTATION_FILE, 'rc'));

  it('tables criteria and sub-criteria with their weights and total', () => {
    const [t] = tablesUnder(m, '1. Critères');
    const rows = rowTexts(t);
    assert.deepStrictEqual(rows[0], ['Prix des prestations (montant de la DPGF)', `40${NB}%`]);
    assert.strictEqual(t.rows[2].kind, 'sub');
    assert.deepStrictEqual(rows.at(-1), ['Total', `100${NB}%`]);
  });

  it('states the environmental criterion, price principle, note éliminatoire, OAB clause and offer validity', () => {
    const text = paragraphs(m);
    assert.match(text, /caractéristiques environnementales des offres sont prises en compte par .*Gestion des nuisances.*Performance environnementale/s);
    assert.match(text, /Note = 20 × Pmin \/ P/);
    assert.match(text, /toutes taxes comprises/);
    assert.match(text, /note strictement inférieure à 8 sur 20 est éliminée/);
    assert.match(text, /R2152-3\).*R2152-4/s);
    assert.match(text, /aucune offre n’est rejetée automatiquement/);
    assert.match(text, /120 jours à compter de la date limite de réception des offres \(18\u00a0janvier 2027\), soit jusqu’au 18\u00a0mai 2027 inclus/);
  });

  it('warns when no criterion takes environmental characteristics into account after 21 August 2026', () => {
    const r = model(renderText('c.consultation.yaml', 'id: C\nobjet: O\nnature: travaux\nprocedure: {type: MAPA}\ndate_lancement: 2026-09-01\ncriteres:\n  - {id: PRIX, type: prix, ponderation: 60}\n  - {id: VT, type: qualite, ponderation: 40}\n', 'rc'));
    const warn = r.blocks.find((b) => b.kind === 'paragraph' && b.tone === 'warning');
    assert.ok(warn, 'a warning paragraph');
    assert.match(paragraphs(r), /obligatoire pour une consultation lancée à compter du 21\u00a0août 2026/);
  });

  it('shows ranges and per-lot criteria sets', () => {
    const r = model(
      renderText('c.consultation.yaml', 'id: C\nobjet: O\nnature: services\nprocedure: {type: AOO}\nlots:\n  - {id: L1, intitule: Un}\n  - id: L2\n    intitule: Deux\n    criteres:\n      - {id: P, type: prix, fourchette: {min: 50, max: 60}}\n      - {id: Q, type: qualite, fourchette: {min: 40, max: 50}}\ncriteres:\n  - {id: P, type: prix, ponderation: 70}\n  - {id: Q, type: qualite, ponderation: 30}\n', 'rc'),
    );
    assert.ok(headings(r).some((h) => h.startsWith('Lot L2 — Deux')));
    assert.ok(headings(r).some((h) => h.startsWith('Critères communs aux autres lots (lots L1)')));
    assert.ok(r.blocks.some((b) => b.kind === 'table' && b.rows.some((row) => row.cells[1].text === `50 à 60${NB}%`)));
  });
});

describe('render / rapport d’analyse des offres', () => {
  const m = model(renderExample(CONSULTATION_FILE, 'rao'));

  it('analyses each lot that received offers', () => {
    const h = headings(m);
    assert.ok(h.includes('4. Lot LOT-02 — Gros œuvre, maçonnerie et VRD'));
    assert.ok(h.some((x) => x.startsWith('5. Lot LOT-04')));
    assert.ok(h.some((x) => x.startsWith('6. Lot LOT-06')));
    assert.ok(h.includes('Annexe — Simulation de la notation du prix'));
  });

  it('ranks lot 02 on weighted totals, leaving the abnormally low offer out', () => {
    const [ranking] = tablesUnder(m, '4.5 ');
    assert.deepStrictEqual(rowTexts(ranking), [
      ['1', 'Perrin et Fils', '36,58', '36,60', '12,00', '85,18'],
      ['2', 'Lacombe Bâtiment', '40,00', '28,80', '11,25', '80,05'],
      ['3', 'Morel Construction', '38,10', '32,10', '9,75', '79,95'],
      ['—', 'Bâti Express — non classée (anormalement basse)', '—', '—', '—', '—'],
    ]);
    assert.match(paragraphs(m), /attribuer le lot LOT-02 à Perrin et Fils, offre économiquement la plus avantageuse \(85,18 points sur 100\), pour un montant de 731\u00a0500,00\u00a0€ HT \(877\u00a0800,00\u00a0€ TTC\)/);
  });

  it('shows the price formula with the figures of each offer', () => {
    const [prices] = tablesUnder(m, '4.3 ');
    assert.deepStrictEqual(rowTexts(prices)[0], ['Morel Construction', `842${NB}760,00${NB}€`, `20 × 802${NB}680,00${NB}€ / 842${NB}760,00${NB}€`, '19,05']);
  });

  it('detects the abnormally low offer by mean − 1σ and recalls the contradictory procedure', () => {
    const [oab] = tablesUnder(m, '4.2 ');
    const bati = oab.rows.find((r) => r.cells[0].text === 'Bâti Express');
    assert.ok(bati && bati.cells[3].text === 'oui');
    assert.match(fold(bati.cells[4].text), /justifications insuffisantes : offre rejetée \(R2152-4\)/);
    const text = paragraphs(m);
    assert.match(text, /seuil d’anomalie 559\u00a0567,84\u00a0€/);
    assert.match(text, /jamais un rejet automatique/);
  });

  it('simulates the price methods at Pmin, 1.25, 1.5 and 2 × Pmin', () => {
    const [sim] = tablesUnder(m, 'Lot LOT-02 — Gros œuvre, maçonnerie et VRD — Pmin');
    assert.deepStrictEqual(rowTexts(sim).map((r) => r[0]), ['Pmin', 'Pmin × 1,25', 'Pmin × 1,5', 'Pmin × 2']);
    assert.deepStrictEqual(rowTexts(sim)[1].slice(2), ['16,00', '15,00', '14,29', '32,00']);
  });

  it('scores a consultation without lots with the linear method, and asks for justifications under the threshold', () => {
    const text = `id: C\nobjet: O\nnature: services\nprocedure: {type: MAPA}\nnotation_prix: {methode: lineaire, note_max: 10}\noab: {detection: 10 % sous la moyenne}\ncriteres:\n  - {id: P, type: prix, ponderation: 60}\n  - {id: Q, type: qualite, ponderation: 40}\noffres:\n  - {id: A, candidat: Alpha, prix_ht: 100, notes: {Q: 5}}\n  - {id: B, candidat: Beta, prix_ht: 200, notes: {Q: 10}}\n  - {id: C, candidat: Gamma, prix_ht: 150, notes: {Q: 10}}\n`;
    const r = model(renderText('c.consultation.yaml', text, 'rao'));
    const [ranking] = tablesUnder(r, '4.5 ');
    // Alpha: 60 + 20 = 80; Gamma: 30 + 40 = 70; Beta: 0 + 40 = 40.
    assert.deepStrictEqual(rowTexts(ranking).map((x) => [x[1], x.at(-1)]), [['Alpha', '80,00'], ['Gamma', '70,00'], ['Beta', '40,00']]);
    const [oab] = tablesUnder(r, '4.2 ');
    const alpha = oab.rows.find((x) => x.cells[0].text === 'Alpha');
    assert.match(alpha?.cells[4].text ?? '', /demander par écrit des précisions/);
  });
});

describe('render / errors and choices', () => {
  it('a YAML syntax error gives an error with its line, and no model', () => {
    const r = renderText('x.programme.yaml', 'operation:\n  id: [unclosed\n', 'programme');
    assert.strictEqual(r.model, undefined);
    assert.match(r.error ?? '', /^Erreur de syntaxe YAML ligne \d+/);
    assert.deepStrictEqual(r.deliverables.map((d) => d.id), ['programme', 'risques', 'planning']);
  });

  it('a deliverable of the other kind is refused; the default is the first of the kind', () => {
    assert.match(renderText('x.programme.yaml', 'operation: {id: X, intitule: Y}\n', 'rao').error ?? '', /indisponible/);
    assert.strictEqual(renderText('c.consultation.yaml', 'id: C\n').deliverable, 'rc');
    assert.match(renderText('notes.yaml', 'a: 1\n').error ?? '', /ni un programme/);
  });

  it('renders empty and odd documents without throwing', () => {
    for (const d of ['programme', 'risques', 'planning'] as const) assert.ok(renderText('x.programme.yaml', 'operation: 3\nrisques: [1, "x", {probabilite: 9, impact: -1}]\nphases: [{debut: 2027-13-01}]\nbesoins: {}\n', d).model);
    for (const d of ['rc', 'rao'] as const) assert.ok(renderText('c.consultation.yaml', 'criteres: [{sous_criteres: 3}]\noffres: [{notes: [1]}, 7]\nlots: [null]\n', d).model);
  });
});
