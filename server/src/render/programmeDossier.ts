import { entities, programmeModel } from '../language-service/model/build';
import { riskScale } from '../language-service/model/risks';
import { natures, placeText } from '../language-service/model/operation';
import { date, daysBetween, isObj, list, near, num, obj, str, sum, type Obj } from '../language-service/util/data';
import { numText, orDash, strings, type BuildInput } from './context';
import { amount, area, dateFr, decimal, monthFr, percent, text, yesNo } from './format';
import { CONSTRAINT_HEADINGS, enumLabel, phaseLabel, roleLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel, type Facts, type Table } from './model';
import { LEVEL_LABEL, riskViews, topCritical } from './riskRegister';
import { energyBlocks } from './energy';
import { documentHeader } from './header';

/** Facts with a value only (absent keys are left out rather than printed as dashes). */
function facts(rows: [string, string | undefined, number | undefined][]): Facts {
  return { kind: 'facts', items: rows.filter(([, v]) => v !== undefined && v !== '—' && v !== '').map(([label, value, line]) => ({ label, value: value as string, line })) };
}

function context(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const op = obj(data.operation);
  const at = (k: string): number | undefined => src.at('operation', k);
  const out: Block[] = [
    heading(2, '1. Contexte et opportunité', src.at('operation')),
    facts([
      ['Intitulé', str(op.intitule), at('intitule')],
      ['Maître d’ouvrage', str(op.maitre_ouvrage), at('maitre_ouvrage')],
      ['Catégorie d’acheteur', op.categorie_acheteur === undefined ? undefined : enumLabel('programme', '#categorie_acheteur', op.categorie_acheteur), at('categorie_acheteur')],
      ['Nature de l’opération', natures(op).length ? natures(op).map((n) => enumLabel('programme', 'operation.nature', n)).join(' et ') : undefined, at('nature')],
      ['Type d’ouvrage', op.ouvrage_type === undefined ? undefined : enumLabel('programme', 'operation.ouvrage_type', op.ouvrage_type), at('ouvrage_type')],
      ['Localisation', placeText(op.localisation), at('localisation')],
      ['Usage', str(op.usage), at('usage')],
      ['Permis de construire d’origine', str(op.annee_permis), at('annee_permis')],
      ['Site occupé pendant les travaux', op.site_occupe === undefined ? undefined : yesNo(op.site_occupe), at('site_occupe')],
      ['Surface tertiaire', num(op.surface_tertiaire_m2) === undefined ? undefined : area(num(op.surface_tertiaire_m2) as number), at('surface_tertiaire_m2')],
      ['Début des travaux prévu', date(op.date_debut_travaux) ? dateFr(date(op.date_debut_travaux)) : undefined, at('date_debut_travaux')],
    ]),
  ];
  const ctx = str(op.contexte);
  if (ctx) for (const p of ctx.split(/\n\s*\n/)) out.push(para(p.trim(), { line: at('contexte') }));
  const actors = programmeModel(data).actors;
  if (actors.length) {
    out.push(heading(3, 'Acteurs de l’opération', src.at('acteurs')), {
      kind: 'table',
      columns: [{ label: 'Rôle' }, { label: 'Nom' }, { label: 'Organisme' }],
      rows: actors.map(({ o, path }) => ({ line: src.at(...path), cells: [cell(roleLabel(typeof o.role === 'string' ? o.role : undefined)), cell(orDash(o.nom)), cell(orDash(o.organisme))] })),
    });
  }
  return out;
}

function objectives(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const rows = entities(data, 'objectifs', []);
  return [
    heading(2, '2. Objectifs', src.at('objectifs')),
    rows.length
      ? {
          kind: 'table',
          columns: [{ label: 'Objectif' }, { label: 'Indicateur' }, { label: 'Valeur initiale', align: 'right' }, { label: 'Cible', align: 'right' }, { label: 'Échéance' }],
          rows: rows.map(({ o, path }) => ({ line: src.at(...path), cells: [cell(orDash(o.libelle)), cell(orDash(o.indicateur)), numCell(text(o.valeur_initiale) ?? '—'), numCell(text(o.cible) ?? '—'), cell(dateFr(date(o.echeance)))] })),
        }
      : para('Aucun objectif renseigné (L2421-2 1°).', { tone: 'warning' }),
  ];
}

function needs(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const rows = entities(data, 'besoins', []);
  const totals = rows.map(({ o }) => {
    const su = num(o.surface_utile_m2);
    return su === undefined ? undefined : su * (num(o.quantite) ?? 1);
  });
  const total = sum(totals);
  const out: Block[] = [heading(2, '3. Besoins et surfaces', src.at('besoins'))];
  if (!rows.length) return [...out, para('Aucun besoin renseigné (L2421-2 2°).', { tone: 'warning' })];
  const table: Table = {
    kind: 'table',
    columns: [{ label: 'Besoin' }, { label: 'Qté', align: 'right' }, { label: 'SU unitaire', align: 'right' }, { label: 'SU totale', align: 'right' }, { label: 'Exigences particulières' }],
    rows: rows.map(({ o, path }, k) => ({
      line: src.at(...path),
      cells: [cell(orDash(o.libelle)), numCell(numText(o.quantite, (n) => decimal(n))), numCell(numText(o.surface_utile_m2, area)), numCell(totals[k] === undefined ? '—' : area(totals[k] as number)), cell(str(o.description) ?? '')],
    })),
    caption: 'SU totale = quantité × surface utile unitaire (quantité 1 par défaut).',
  };
  table.rows.push({ kind: 'total', cells: [cell('Total des surfaces utiles'), numCell(decimal(sum(rows.map(({ o }) => num(o.quantite) ?? 1)))), cell(''), numCell(area(total)), cell('')] });
  out.push(table);
  const s = obj(data.surfaces);
  const su = num(s.total_su);
  const sdo = num(s.total_sdo);
  const sdp = num(s.total_sdp);
  const line = src.at('surfaces');
  out.push(
    facts([
      ['Surface utile déclarée (total_su)', su === undefined ? undefined : area(su), line],
      ['Surface dans œuvre (SDO)', sdo === undefined ? undefined : `${area(sdo)}${su ? ` (ratio SDO/SU ${decimal(sdo / su, 2)})` : ''}`, line],
      ['Surface de plancher (SDP)', sdp === undefined ? undefined : `${area(sdp)}${su ? ` (ratio SDP/SU ${decimal(sdp / su, 2)})` : ''}`, line],
    ]),
  );
  if (su !== undefined && !near(su, total, 0.01)) {
    out.push(para(`La surface utile déclarée (${area(su)}) diffère de la somme des besoins (${area(total)}) : écart de ${area(su - total)}.`, { tone: 'warning', line: src.at('surfaces', 'total_su') }));
  }
  return out;
}

function constraints(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const ce = obj(data.contraintes_exigences);
  const out: Block[] = [heading(2, '4. Contraintes et exigences', src.at('contraintes_exigences')), para('Les huit rubriques de l’article L2421-2 3° du code de la commande publique.', { tone: 'note' })];
  CONSTRAINT_HEADINGS.forEach((h, k) => {
    const lines = strings(ce[h.key]);
    out.push(heading(3, `4.${k + 1} ${h.fr}`, src.at('contraintes_exigences', h.key)));
    if (lines.length === 0) out.push(para('Non renseigné.', { tone: 'warning', line: src.at('contraintes_exigences') }));
    else out.push({ kind: 'list', items: lines.map((t, j) => ({ content: [t], line: Array.isArray(ce[h.key]) ? src.at('contraintes_exigences', h.key, j) : src.at('contraintes_exigences', h.key) })) });
  });
  return out;
}

function envelope(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const efp = obj(data.enveloppe_financiere);
  const total = num(efp.montant_ht);
  const works = num(efp.part_travaux);
  const rows = entities(efp, 'decomposition', ['enveloppe_financiere']);
  const out: Block[] = [
    heading(2, '6. Enveloppe financière prévisionnelle', src.at('enveloppe_financiere')),
    facts([
      ['Montant de l’EFP (HT)', total === undefined ? undefined : amount(total), src.at('enveloppe_financiere', 'montant_ht')],
      ['Date de valeur (mois zéro)', str(efp.date_valeur) ? monthFr(str(efp.date_valeur)) : undefined, src.at('enveloppe_financiere', 'date_valeur')],
      ['Part affectée aux travaux (HT)', works === undefined ? undefined : `${amount(works)}${total ? ` (${percent(works, total)} de l’EFP)` : ''}`, src.at('enveloppe_financiere', 'part_travaux')],
    ]),
  ];
  if (!isObj(data.enveloppe_financiere)) return [...out, para('Enveloppe financière prévisionnelle non renseignée (L2421-1).', { tone: 'warning' })];
  if (rows.length) {
    const dsum = sum(rows.map(({ o }) => num(o.montant_ht)));
    const ref = total ?? dsum;
    out.push({
      kind: 'table',
      columns: [{ label: 'Poste' }, { label: 'Montant HT', align: 'right' }, { label: 'Part de l’EFP', align: 'right' }],
      rows: [
        ...rows.map(({ o, path }) => ({ line: src.at(...path), cells: [cell(orDash(o.libelle)), numCell(numText(o.montant_ht, amount)), numCell(num(o.montant_ht) === undefined ? '—' : percent(num(o.montant_ht) as number, ref))] })),
        { kind: 'total', cells: [cell('Total de la décomposition'), numCell(amount(dsum)), numCell(percent(dsum, ref))] },
      ],
    });
    if (total !== undefined && !near(dsum, total)) out.push(para(`La décomposition totalise ${amount(dsum)} pour une EFP de ${amount(total)} : écart de ${amount(dsum - total)}.`, { tone: 'warning', line: src.at('enveloppe_financiere', 'decomposition') }));
  }
  return out;
}

function funding(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const rows = entities(data, 'financement', []);
  const total = num(obj(data.enveloppe_financiere).montant_ht);
  const out: Block[] = [heading(2, '7. Plan de financement', src.at('financement'))];
  if (!rows.length) return [...out, para('Plan de financement non renseigné (L2421-1 4°).', { tone: 'warning' })];
  const fsum = sum(rows.map(({ o }) => num(o.montant_ht)));
  // Lines without an amount are unknown, not 0: the total is then a lower bound.
  const unknown = rows.filter(({ o }) => num(o.montant_ht) === undefined).length;
  const ref = total ?? fsum;
  const byStatus = (s: string): number => sum(rows.filter(({ o }) => str(o.statut) === s).map(({ o }) => num(o.montant_ht)));
  out.push({
    kind: 'table',
    columns: [{ label: 'Financeur' }, { label: 'Statut' }, { label: 'Montant HT', align: 'right' }, { label: 'Part de l’EFP', align: 'right' }],
    rows: [
      ...rows.map(({ o, path }) => ({ line: src.at(...path), cells: [cell(orDash(o.financeur)), cell(enumLabel('programme', 'financement.statut', o.statut)), numCell(numText(o.montant_ht, amount)), numCell(num(o.montant_ht) === undefined ? '—' : percent(num(o.montant_ht) as number, ref))] })),
      { kind: 'total', cells: [cell(unknown ? `Total des financements chiffrés (${unknown} ligne${unknown > 1 ? 's' : ''} sans montant)` : 'Total des financements'), cell(''), numCell(amount(fsum)), numCell(percent(fsum, ref))] },
    ],
  });
  const parts = ['acquis', 'demande', 'prevu'].map((s) => `${enumLabel('programme', 'financement.statut', s).toLowerCase()} ${amount(byStatus(s))} (${percent(byStatus(s), ref)})`);
  out.push(para([`Répartition : ${parts.join(', ')}.`, total !== undefined && !near(fsum, total) ? ` ${fsum < total ? (unknown ? 'Reste à financer, hors lignes sans montant' : 'Reste à financer') : 'Excédent de financement'} : ${amount(Math.abs(total - fsum))}.` : ''], { tone: 'note' }));
  return out;
}

function delivery(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const mission = obj(obj(data.moe).mission);
  const elements = strings(mission.elements);
  const extra = strings(mission.complementaires);
  const label = (c: string): string => (phaseLabel(c) ? `${c} (${phaseLabel(c)})` : c);
  return [
    heading(2, '8. Mode de réalisation', src.at('mode_realisation')),
    para(data.mode_realisation === undefined ? 'Mode de réalisation non renseigné.' : enumLabel('programme', 'mode_realisation', data.mode_realisation), { tone: data.mode_realisation === undefined ? 'warning' : undefined, line: src.at('mode_realisation') }),
    ...(elements.length ? [para([strong('Mission de maîtrise d’œuvre : '), elements.map(label).join(', '), '.'], { line: src.at('moe', 'mission', 'elements') })] : []),
    ...(extra.length ? [para([strong('Missions complémentaires : '), extra.map(label).join(', '), '.'], { line: src.at('moe', 'mission', 'complementaires') })] : []),
  ];
}

function schedule(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const rows = programmeModel(data).phases;
  const out: Block[] = [heading(2, '9. Calendrier', src.at('phases'))];
  if (!rows.length) return [...out, para('Aucune phase renseignée.', { tone: 'warning' })];
  out.push({
    kind: 'table',
    columns: [{ label: 'Code' }, { label: 'Phase' }, { label: 'Début' }, { label: 'Fin' }, { label: 'Durée', align: 'right' }, { label: 'Jalons', align: 'right' }],
    rows: rows.map((p) => {
      const { o } = p;
      const d = p.debut;
      const f = p.fin;
      return { line: src.at(...p.path), cells: [cell(orDash(o.code)), cell(p.libelle ?? phaseLabel(str(o.code)) ?? '—'), cell(dateFr(d)), cell(dateFr(f)), numCell(d && f ? `${decimal((daysBetween(d, f) + 1) / 7, 1)} sem.` : '—'), numCell(String(p.jalons.length))] };
    }),
    caption: 'Durée en semaines calendaires, bornes incluses. Le diagramme de Gantt et les jalons légaux figurent dans le livrable « Planning ».',
  });
  return out;
}

function riskSummary(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const scale = riskScale(data);
  const views = riskViews(input);
  const top = topCritical(views, scale.seuil);
  const out: Block[] = [heading(2, '10. Synthèse des risques', src.at('risques'))];
  if (!views.length) return [...out, para('Registre des risques vide.', { tone: 'warning' })];
  out.push(para(`${views.length} risque(s) identifié(s) ; ${top.length} risque(s) critique(s) (P × I ≥ ${scale.seuil}) présenté(s) ci-dessous. Le détail figure dans le « Registre des risques ».`));
  if (top.length) {
    out.push({
      kind: 'table',
      columns: [{ label: 'Risque' }, { label: 'P × I', align: 'right' }, { label: 'Niveau' }, { label: 'Statut' }],
      rows: top.map((v) => ({ line: v.line, cells: [cell(`${v.id} — ${str(v.o.titre) ?? ''}`), numCell(String(v.c), { level: v.level }), cell(v.level ? LEVEL_LABEL[v.level] : '—'), cell(enumLabel('programme', 'risques.statut', v.o.statut))] })),
    });
  }
  return out;
}

function annexes(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const rows = list(data.annexes);
  if (!rows.length) return [];
  return [
    heading(2, '11. Annexes', src.at('annexes')),
    {
      kind: 'list',
      items: rows.map((a, i) => {
        const o: Obj = isObj(a) ? a : { libelle: str(a) };
        return { line: src.at('annexes', i), content: [orDash(o.libelle), ...(str(o.reference) ? [' — ', { text: str(o.reference) as string, code: true }] : [])] };
      }),
    },
  ];
}

/** The programme dossier (the structure of CCP L2421-2, docs/deliverables.md). */
export function buildProgrammeDossier(input: BuildInput): DocModel {
  const { data } = input.doc;
  return {
    ...documentHeader(input, {
      deliverable: 'programme',
      title: 'Programme de l’opération',
      lines: ['buyer', 'reference', { label: 'Statut du programme', value: enumLabel('programme', 'statut', data.statut) }, 'edited'],
    }),
    blocks: [...context(input), ...objectives(input), ...needs(input), ...constraints(input), ...energyBlocks(input), ...envelope(input), ...funding(input), ...delivery(input), ...schedule(input), ...riskSummary(input), ...annexes(input)],
  };
}
