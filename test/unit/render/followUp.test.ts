import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildDeliverable } from '../../../server/src/render';
import type { DocModel, LineChartSpec, Table, SparklinesSpec, StackedBarSpec, TimelineSpec } from '../../../server/src/render/model';
import { uriOf } from '../../helpers/service';
import { EXAMPLES, fold, headings, paragraphs, RECEPTION_FILE, renderEnv, renderExample, renderText, rowTexts, SUIVI_FILE, tablesUnder } from './renderHelpers';

/**
 * The follow-up deliverables (docs/deliverables.md): tableau de bord de suivi (programme), PV de réception and
 * journal de levée des réserves (consultation). The fixtures' comments work out every expected figure.
 */
function model(r: { model?: DocModel; error?: string }): DocModel {
  assert.ok(r.model, `no model: ${r.error}`);
  return r.model;
}

function figure<T>(m: DocModel, type: string): T {
  const f = m.blocks.find((b) => b.kind === 'figure' && b.spec.type === type);
  assert.ok(f && f.kind === 'figure', `no ${type} figure`);
  return f.spec as T;
}

const PROG = 'operation: {id: X, intitule: Gymnase}\n';

describe('render / tableau de bord de suivi', () => {
  const m = model(renderExample(SUIVI_FILE, 'suivi'));

  it('sums up milestones, deliverables, risks and indicators', () => {
    assert.deepStrictEqual(headings(m).filter((h) => /^\d\. /.test(h)), ['1. Synthèse', '2. Jalons : prévu et réel', '3. Livrables', '4. Évolution des risques', '5. Indicateurs']);
    const facts = m.blocks.find((b) => b.kind === 'facts');
    assert.ok(facts && facts.kind === 'facts');
    assert.deepStrictEqual(
      facts.items.map((i) => [i.label, fold(i.value)]),
      [
        ['Jalons', '3 atteints sur 5, dont 1 en retard ; 1 non atteint en retard'],
        ['Livrables', '8, dont 2 validés et 2 en retard'],
        ['Risques', '3 non clos, dont 2 critiques'],
        ['Indicateurs', '4, dont 2 hors cible'],
      ],
    );
  });

  it('milestones: slippage in calendar days, overdue ones counted up to today', () => {
    const [, table] = tablesUnder(m, '2. Jalons');
    assert.deepStrictEqual(
      rowTexts(table).map((r) => [r[1], r[4], r[5]]),
      [
        ['Validation de l\'esquisse', '0 j', 'Atteint à la date prévue'],
        ['Validation de l\'APS', '+14 j', 'Atteint avec 14 j de retard'],
        ['Arbitrage budgétaire', '−7 j', 'Atteint avec 7 j d’avance'],
        ['Validation de l\'APD', '+29 j', 'Non atteint : 29 j de retard'],
        ['Validation du PRO', '—', 'À venir (dans 90 j)'],
      ],
    );
    assert.strictEqual(table.rows[3].kind, 'flag');
    const spec = figure<TimelineSpec>(m, 'timeline');
    assert.deepStrictEqual(spec.rows.map((r) => r.state), ['on_time', 'late', 'early', 'overdue', 'pending']);
    assert.deepStrictEqual([spec.from, spec.to], ['2026-03-27', '2027-02-26']);
  });

  it('deliverables: counts by status (no statut = attendu), late ones with days, issuer and last review', () => {
    const bar = figure<StackedBarSpec>(m, 'stackedbar');
    assert.deepStrictEqual(bar.segments.map((s) => [s.key, s.value]), [['attendu', 3], ['recu', 1], ['en_revue', 1], ['valide', 2], ['refuse', 1]]);
    const [late] = tablesUnder(m, '3.2 Livrables en retard');
    assert.deepStrictEqual(rowTexts(late), [
      ['Dossier de permis de construire', 'APD', 'Mme Inès Caron, architecte', '16/10/2026', '43 j', '—'],
      ['Note de synthèse des coûts', 'PRO', 'Mme Claire Martin, programmiste', '20/11/2026', '8 j', '—'],
    ]);
    const [all] = tablesUnder(m, '3.3 Tous les livrables');
    const esq = rowTexts(all).find((r) => r[0] === 'Dossier d\'esquisse');
    assert.strictEqual(esq?.[6], '26/03/2026 — Favorable (Mme Claire Martin, programmiste)', 'the latest review by date, not the last written');
  });

  it('risk trend: open and critical risks per assessment date, then the current values', () => {
    const spec = figure<LineChartSpec>(m, 'linechart');
    assert.deepStrictEqual(spec.dates, ['2026-02-15', '2026-06-30', '2026-09-20', '2026-11-28']);
    assert.deepStrictEqual(spec.series.map((s) => s.values), [[2, 3, 2, 3], [1, 2, 1, 2]]);
    assert.strictEqual(spec.current, 3);
    const [, evolution] = tablesUnder(m, '4. Évolution');
    assert.deepStrictEqual(rowTexts(evolution).map((r) => [r[0].split(' ')[0], r[2], r[3], r[4]]), [['TEC-SOL', '8', '8', '='], ['FIN-ENVELOPPE', '9', '12', '↑ +3'], ['REG-RECOURS', '8', '4', '↓ −4']]);
  });

  it('indicators: last measure by date against the target, in the direction of `sens`', () => {
    const spec = figure<SparklinesSpec>(m, 'sparklines');
    assert.deepStrictEqual(spec.rows.map((r) => r.ok), [false, false, true, undefined]);
    assert.deepStrictEqual(spec.rows[1].points.map((p) => p.value), [35, 50, 55], 'measures sorted by date');
    const [t] = tablesUnder(m, '5. Indicateurs');
    assert.deepStrictEqual(rowTexts(t)[0].slice(1, 5), ['≤ 2\u00a0400 k€ HT', '2\u00a0460 k€ HT', '20/10/2026', '+60 k€ HT']);
    assert.deepStrictEqual(rowTexts(t)[1].slice(1, 5), ['≥ 60 %', '55 %', '27/11/2026', '−5 %']);
  });

  it('before any deliverable status, nothing is late and the note says why', () => {
    const text = `${PROG}phases:\n  - {id: P, code: APS, debut: 2026-01-05, fin: 2026-06-30, livrables: [{id: L, libelle: Rapport, echeance: 2026-02-01, date_reception: 2026-02-03}, {id: L2, libelle: Note, echeance: 2026-02-01}], jalons: [{id: J, libelle: Jalon, date: 2026-03-01}]}\n`;
    const r = model(renderText('x.programme.yaml', text, 'suivi'));
    assert.match(paragraphs(r), /suivi des livrables n’a pas commencé/);
    assert.ok(headings(r).includes('3.2 Livrables en retard (0)'));
    const [, milestones] = tablesUnder(r, '2. Jalons');
    assert.deepStrictEqual(rowTexts(milestones)[0].slice(4), ['—', 'Date réelle non renseignée'], 'no date_reelle anywhere: milestones are not tracked');
    assert.match(paragraphs(r), /Aucun risque au registre/);
  });

  it('a risk register without history gives the current counts in words, no chart', () => {
    const r = model(renderText('x.programme.yaml', `${PROG}indicateurs: [{id: I, libelle: Coût, cible: 1}]\nrisques:\n  - {id: R1, probabilite: 3, impact: 3, statut: ouvert}\n  - {id: R2, probabilite: 1, impact: 1}\n  - {id: R3, probabilite: 4, impact: 4, statut: clos}\n`, 'suivi'));
    assert.ok(!r.blocks.some((b) => b.kind === 'figure' && b.spec.type === 'linechart'));
    assert.match(paragraphs(r), /2 risques non clos dont 1 critique \(P × I ≥ 9\)/);
  });
});

describe('render / PV des opérations préalables à la réception', () => {
  const m = model(renderExample(RECEPTION_FILE, 'reception'));

  it('names the operation, the parties and each marché with its declared titulaire, never the ranking when one is declared', () => {
    const facts = m.blocks.find((b) => b.kind === 'facts');
    assert.ok(facts && facts.kind === 'facts');
    const byLabel = Object.fromEntries(facts.items.map((i) => [i.label, i.value]));
    assert.strictEqual(byLabel['Opération'], 'Construction du gymnase des Tilleuls');
    assert.strictEqual(byLabel['Maître d’œuvre'], 'Mme Inès Caron, architecte (Caron Architectes)');
    const [lots] = tablesUnder(m, '1. Opération');
    assert.deepStrictEqual(rowTexts(lots).map((r) => [r[1], r[2], r[3], r[4]]), [
      ['à compléter', 'Amiante Services Ouest (non déclaré)', '—', '—'],
      ['2025-031-02', 'Groupement Démolitions Girard (mandataire) – TP Martin', '04/11/2025', '245\u00a0000\u00a0€'],
      ['à compléter', 'Clôtures du Val (non déclaré)', '—', '—'],
    ]);
    assert.match(paragraphs(m), /titulaire non déclaré pour LOT-01, LOT-03 : le nom repris est celui du candidat classé premier/);
  });

  it('is a snapshot at the OPR: reserves noted by then, no lifting, nothing reported during the GPA', () => {
    assert.strictEqual(m.date, '2026-02-27');
    const text = JSON.stringify(m.blocks);
    assert.ok(!/Levée|levée le|en retard|R-04|pendant la GPA/.test(text), 'no later event in the PV');
    const reserves = tablesUnder(m, '4. Lot LOT-02').find((t) => t.columns[0].label === 'N°');
    assert.ok(reserves);
    assert.deepStrictEqual(rowTexts(reserves), [['R-03', 'Façade nord', 'Évacuation des gravats incomplète', '17/02/2026', '30/04/2026']]);
  });

  it('is signed by the maître d’œuvre and the titulaire of each lot, not by the maître d’ouvrage', () => {
    const signs = m.blocks.filter((b): b is Table => b.kind === 'table' && b.rows.every((r) => r.kind === 'sign'));
    assert.strictEqual(signs.length, 3);
    assert.deepStrictEqual(rowTexts(signs[1]).map((r) => [r[0], r[1]]), [['Le maître d’œuvre', 'Mme Inès Caron, architecte (Caron Architectes)'], ['Le titulaire', 'Groupement Démolitions Girard (mandataire) – TP Martin']]);
    assert.ok(!JSON.stringify(signs).includes('maître d’ouvrage'));
    assert.match(paragraphs(m), /ne prononce pas la réception/);
  });
});

describe('render / décision de réception', () => {
  const m = model(renderExample(RECEPTION_FILE, 'decision'));

  it('is taken by the maître d’ouvrage, dated, per marché, with or without reserves and its effective date', () => {
    assert.strictEqual(m.title, 'Décision de réception des travaux');
    assert.strictEqual(m.date, '2026-03-09');
    assert.ok(m.meta.some((x) => x.label === 'Décision du' && x.value === '9\u00a0mars 2026'));
    const text = paragraphs(m);
    assert.match(text, /Article 1 — Pour ce marché, titulaire : Groupement Démolitions Girard \(mandataire\) – TP Martin, la réception est prononcée avec réserves avec effet au 27\u00a0février 2026/);
    // LOT-03's only reserve (R-05) was noted on the reception day: received with reserves; a lot without any would be without.
    const [sign] = tablesUnder(m, `${headings(m).length}. Signature`);
    assert.deepStrictEqual(rowTexts(sign)[0].slice(0, 1), ['Le maître d’ouvrage']);
    assert.ok(!/Levée|en retard|R-04/.test(JSON.stringify(m.blocks)), 'nothing after the decision');
  });

  it('a lot without reserve is received without reserve; a missing date says « à compléter », never today', () => {
    const text = 'id: C\nobjet: Travaux\nlots: [{id: L1, intitule: A}, {id: L2, intitule: B}]\nreception:\n  date_reception: 2026-01-10\n  decision: avec_reserves\n  reserves: [{id: R1, lot: L1, description: X, date_constat: 2026-01-05}]\n';
    const d = model(renderText('c.consultation.yaml', text, 'decision'));
    const [markets] = tablesUnder(d, '2. Marchés');
    assert.deepStrictEqual(rowTexts(markets).map((r) => r[5]), ['Avec réserves', 'Sans réserve']);
    assert.ok(d.meta.some((x) => x.value === 'à compléter'));
    assert.match(paragraphs(d), /Date de la décision à compléter/);
  });
});

describe('render / guarantees computed once', () => {
  it('the planning, the décision and the reserve log give the same GPA, biennale and décennale (médiathèque)', () => {
    const prog = path.join(EXAMPLES, 'mediatheque-prevert.programme.yaml');
    const cons = path.join(EXAMPLES, 'mediatheque-prevert-travaux.consultation.yaml');
    const env = renderEnv({}, [uriOf(cons)]);
    const planning = model(buildDeliverable(env, { uri: uriOf(prog), text: fs.readFileSync(prog, 'utf8') }, 'planning'));
    const [legal] = tablesUnder(planning, '3. Jalons légaux');
    const row = (label: string): string[] => rowTexts(legal).find((r) => r[0].startsWith(label)) ?? [];
    assert.deepStrictEqual([row('Fin de la garantie de parfait')[1], row('Fin de la garantie biennale')[1], row('Fin de la garantie décennale')[1]], ['17/10/2026', '17/10/2027', '17/10/2035']);
    assert.match(row('Fin de la garantie de parfait')[2], /^réception effective le 17\/10\/2025 \+ 1 an/);
    const decision = model(buildDeliverable(env, { uri: uriOf(cons), text: fs.readFileSync(cons, 'utf8') }, 'decision'));
    assert.match(paragraphs(decision), /garantie de parfait achèvement jusqu’au 17\u00a0octobre 2026 .* biennale .* jusqu’au 17\u00a0octobre 2027 .* décennale jusqu’au 17\u00a0octobre 2035/);
    const log = model(buildDeliverable(env, { uri: uriOf(cons), text: fs.readFileSync(cons, 'utf8') }, 'reserves'));
    assert.match(paragraphs(log), /17\u00a0octobre 2026/);
  });

  it('says when the planning uses the planned reception date', () => {
    const p = model(renderText('p.programme.yaml', 'id: P\nphases: [{id: A, code: AOR, debut: 2027-01-01, fin: 2027-03-01, jalons: [{id: J, libelle: Réception des travaux, date: 2027-02-15}]}]\n', 'planning'));
    const [legal] = tablesUnder(p, '3. Jalons légaux');
    assert.ok(rowTexts(legal).some((r) => r[2] === 'réception prévue le 15/02/2027 + 1 an'));
  });
});

describe('render / journal de levée des réserves', () => {
  const m = model(renderExample(RECEPTION_FILE, 'reserves'));

  it('counts per firm: reserves, lifted, open, late and the largest delay', () => {
    const [summary] = tablesUnder(m, '1. Synthèse');
    assert.deepStrictEqual(rowTexts(summary), [
      ['Amiante Services Ouest', 'LOT-01', '2', '2', '0', '0', '14 j'],
      ['Clôtures du Val', 'LOT-03', '1', '0', '1', '1', '258 j'],
      ['Démolitions Girard', 'LOT-02', '2', '0', '2', '1', '212 j'],
      ['Entreprise non renseignée', '—', '1', '0', '1', '0', '—'],
      ['Total', '', '6', '2', '4', '2', '258 j'],
    ]);
    assert.deepStrictEqual(summary.rows.map((r) => r.kind), [undefined, 'flag', 'flag', undefined, 'total']);
    assert.match(paragraphs(m), /6 réserves enregistrées pour 3 entreprises \(dont 1 sans entreprise désignée\) : 2 levées, 4 non levées, dont 2 en retard au 28\u00a0novembre 2026/);
    assert.match(paragraphs(m), /du 27\u00a0février 2026 au 27\u00a0février 2027 .* encore 91 jours/);
  });

  it('a reserve with date_levee and no statut is lifted; lateness of a lifted reserve is measured at its lifting', () => {
    const [amiante] = tablesUnder(m, 'Amiante Services Ouest');
    assert.deepStrictEqual(rowTexts(amiante).map((r) => [r[0], r[6], r[7]]), [['R-01', 'Levée', '—'], ['R-02', 'Levée', '14 j']]);
  });

  it('warns when reserves remain open after the end of the GPA', () => {
    const text = 'id: C\nreception:\n  date_reception: 2025-06-30\n  decision: avec_reserves\n  reserves:\n    - {id: A, entreprise: X, date_levee_prevue: 2025-09-01}\n    - {id: B, entreprise: X, date_levee: 2025-08-01}\n';
    const r = model(renderText('c.consultation.yaml', text, 'reserves'));
    const warning = r.blocks.find((b) => b.kind === 'paragraph' && b.tone === 'warning');
    assert.ok(warning, 'a warning');
    assert.match(paragraphs(r), /a pris fin le 30\u00a0juin 2026 .*il y a 151 jours\) : 1 réserve reste ouverte/);
    const [x] = tablesUnder(r, 'X');
    assert.deepStrictEqual(rowTexts(x).map((row) => [row[0], row[6], row[7]]), [['A', 'Ouverte', '453 j'], ['B', 'Levée', '—']]);
  });
});

describe('render / availability of the follow-up deliverables', () => {
  it('the dashboard is offered only with follow-up data; the PV and the log only with a reception', () => {
    const ids = (name: string, text: string): string[] => renderText(name, text).deliverables.map((d) => d.id);
    assert.deepStrictEqual(ids('x.programme.yaml', PROG), ['programme', 'risques', 'planning']);
    assert.deepStrictEqual(ids('x.programme.yaml', `${PROG}indicateurs: [{id: I}]\n`), ['programme', 'risques', 'planning', 'suivi']);
    assert.deepStrictEqual(ids('x.programme.yaml', `${PROG}phases: [{id: P, jalons: [{id: J, date_reelle: 2026-01-02}]}]\n`), ['programme', 'risques', 'planning', 'suivi']);
    assert.deepStrictEqual(ids('c.consultation.yaml', 'id: C\n'), ['rc', 'rao']);
    assert.deepStrictEqual(ids('c.consultation.yaml', 'id: C\nreception: {date_reception: 2026-01-02}\n'), ['rc', 'rao', 'reception', 'decision', 'reserves']);
  });

  it('asking for one without its data says what is missing', () => {
    const r = renderText('c.consultation.yaml', 'id: C\n', 'reception');
    assert.strictEqual(r.model, undefined);
    assert.match(r.error ?? '', /« reception » indisponible pour ce fichier \(aucun bloc « reception » dans la consultation\) ; choisissez parmi : rc, rao/);
  });

  it('a syntax error while viewing one keeps its tab and reports the error', () => {
    const r = renderText('c.consultation.yaml', 'id: C\nreception: {date_reception: [\n', 'reserves');
    assert.match(r.error ?? '', /^Erreur de syntaxe YAML ligne/);
    assert.deepStrictEqual(r.deliverables.map((d) => d.id), ['rc', 'rao', 'reserves']);
  });

  it('renders odd documents without throwing', () => {
    const odd = 'phases: [{livrables: [3, {statut: 7, revues: [1, {date: x}]}], jalons: [{date: 2026-02-30, date_reelle: 5}]}]\nrisques: [{historique: [1, {date: 2026-01-01}]}, 4]\nindicateurs: [null, {mesures: [{date: 2026-01-01, valeur: "x"}, 3]}]\n';
    assert.ok(renderText('x.programme.yaml', odd, 'suivi').model);
    for (const d of ['reception', 'decision', 'reserves'] as const) {
      assert.ok(renderText('c.consultation.yaml', 'lots: [null, 3]\nreception: {reserves: [1, null, {lot: 3, entreprise: 4, date_levee: x}], decision: 9}\n', d).model);
    }
  });

  it('the PV reads the programme named by the consultation, and says so when it cannot', () => {
    const prog = fs.readFileSync(SUIVI_FILE, 'utf8');
    const cons = fs.readFileSync(RECEPTION_FILE, 'utf8');
    const cu = uriOf('/virtual/r.consultation.yaml');
    const withProg = model(buildDeliverable(renderEnv({ [uriOf('/virtual/suivi.programme.yaml')]: prog, [cu]: cons }), { uri: cu, text: cons }, 'reception'));
    assert.ok(!/Programme de l’opération non lu/.test(paragraphs(withProg)));
    const alone = model(renderText('r.consultation.yaml', cons.replace('./suivi.programme.yaml', './absent.programme.yaml'), 'reception'));
    assert.match(paragraphs(alone), /Programme de l’opération non lu/);
  });
});

describe('render / declared titulaire on the lot', () => {
  it('a lot’s own « titulaire » is the declared holder of its marché, never the ranking', () => {
    const text = fs.readFileSync(RECEPTION_FILE, 'utf8').replace('  - {id: LOT-03, intitule: Clôtures et remise en état du terrain}', '  - {id: LOT-03, intitule: Clôtures et remise en état du terrain, titulaire: SARL Clôtures du Val, date_notification: 2025-11-05}');
    assert.ok(text.includes('titulaire: SARL Clôtures du Val'), 'fixture edit applied');
    const m = model(renderText('r.consultation.yaml', text, 'decision'));
    const [markets] = tablesUnder(m, '2. Marchés');
    assert.deepStrictEqual(rowTexts(markets)[2].slice(2, 4), ['SARL Clôtures du Val', '05/11/2025']);
  });
});
