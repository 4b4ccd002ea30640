import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { apportion } from '../actions/apportion';
import { CRITERIA_SETS, criterionEntry, isIntellectualServices, missionOf, subCriterionEntry, type CriteriaSetEntry } from '../catalog/criteria';
import { criterionDoc } from '../catalogDocs';
import { keyDate } from '../data/legalData';
import { date, frDate } from '../util/data';
import { block, makeItem, snippetText, sortKey, yamlScalar, type CompletionRequest } from './items';
import { catalogueCriteria, scalarAt } from './refs';
import { placeItem } from './snippets';

/**
 * Award-criteria snippets: a whole weighted set (adding up to the declared total, 100 by default, with
 * an environmental criterion, required by L2152-7 for launches from 2026-08-21), and single criteria
 * of the catalogue as list items.
 */

interface PlannedCriterion {
  code: string;
  weight: number;
  sub: { id: string; weight: number }[];
}

function plan(set: CriteriaSetEntry, total: number): PlannedCriterion[] {
  const weights = apportion(set.criteria.map((c) => c.weight), total);
  return set.criteria.map((c, i) => {
    const subs = c.sub ?? [];
    const sw = apportion(subs.map((s) => s.weight), weights[i]);
    return { code: c.code, weight: weights[i], sub: subs.map((s, k) => ({ id: s.id, weight: sw[k] })) };
  });
}

/** Flow-map scalars cannot hold `,`, brackets or braces unquoted. */
function flowScalar(s: string): string {
  return /[,[\]{}]/.test(s) ? JSON.stringify(s) : yamlScalar(s);
}

function criterionLines(p: PlannedCriterion): string[] {
  const c = criterionEntry(p.code);
  if (!c) return [];
  const lines = [`- id: ${c.code}`, `  libelle: ${snippetText(yamlScalar(c.fr))}`, `  type: ${c.type}`, `  ponderation: ${p.weight}`];
  if (c.env === 'oui') lines.push('  environnemental: true');
  if (p.sub.length) {
    lines.push('  sous_criteres:');
    for (const s of p.sub) {
      const e = subCriterionEntry(s.id);
      const env = e?.env ? ', environnemental: true' : '';
      lines.push(`    - {id: ${s.id}, libelle: ${snippetText(flowScalar(e?.fr ?? s.id))}, ponderation: ${s.weight}${env}}`);
    }
  }
  return lines;
}

/**
 * The weighted criteria sets. `withKey`: the snippet starts with `criteres:` (key completion of a
 * consultation or a lot); otherwise it fills the empty list at the cursor.
 */
export function criteriaSetSnippets(req: CompletionRequest, withKey: boolean): CompletionItem[] {
  const { parsed, env, ctx } = req;
  const en = env.locale === 'en';
  const declared = scalarAt(parsed, ['ponderation_totale']);
  const total = typeof declared === 'number' && declared > 0 ? declared : 100;
  const nature = scalarAt(parsed, ['nature']);
  const launch = date(scalarAt(parsed, ['date_lancement']));
  const envDate = keyDate('critere_environnemental_obligatoire');
  const ref = launch ?? env.today;
  const mandatory = ref >= envDate;
  const mission = missionOf(nature, scalarAt(parsed, ['mission']));
  const services = isIntellectualServices(nature, scalarAt(parsed, ['mission']));
  // The set of the consultation's mission when one lists it, else the set of its nature.
  const byMission = CRITERIA_SETS.some((s) => mission !== undefined && s.missions?.includes(mission));
  const suits = (set: CriteriaSetEntry): boolean => (byMission ? !!set.missions?.includes(mission ?? '') : set.natures.includes(String(nature)));
  return CRITERIA_SETS.filter((set) => services || !set.services).map((set, i) => {
    const planned = plan(set, total);
    const items = planned.flatMap(criterionLines);
    const text = withKey ? block(['criteres:', ...items.map((l) => `  ${l}`)], ctx.col) : block(items, ctx.col);
    const sum = planned.map((p) => `${p.code} ${p.weight}`).join(' + ');
    const envLine = en
      ? `Environmental criterion ENV: ${mandatory ? 'required' : 'advised (anticipation)'} for a launch on ${ref}${launch ? '' : ' (today: no date_lancement)'} — L2152-7, for consultations launched from ${envDate}.`
      : `Critère environnemental ENV : ${mandatory ? 'obligatoire' : 'conseillé (anticipation)'} pour un lancement le ${frDate(ref)}${launch ? '' : ' (aujourd’hui : pas de date_lancement)'} — L2152-7, pour les consultations lancées à compter du ${frDate(envDate)}.`;
    const doc = [
      `**${sum} = ${total}**`,
      envLine,
      en ? 'Illustrative weights (practice): adapt them; no legal minimum or maximum.' : 'Pondérations indicatives (pratique) : à adapter ; aucun minimum ni maximum légal.',
    ].join('\n\n');
    const name = en ? set.en : set.fr;
    return makeItem(req, {
      label: withKey ? `criteres (${name})` : en ? `Criteria set: ${name}` : `Jeu de critères : ${name}`,
      kind: CompletionItemKind.Snippet,
      detail: `${planned.map((p) => `${p.code} ${p.weight}`).join(' · ')} = ${total}`,
      doc,
      text,
      snippet: true,
      sort: (withKey ? '2' : '4') + sortKey(suits(set) ? 0 : i + 1),
      filter: withKey ? 'criteres' : `criteres ${set.fr}`,
      preselect: !withKey && suits(set),
    });
  });
}

/** Single criteria of the catalogue as list items (`inline`: after `- `), skipping ids already used. */
export function criterionSnippets(req: CompletionRequest, inline: boolean, used: Set<string>): CompletionItem[] {
  const { locale } = req.env;
  return catalogueCriteria(req.parsed).filter((c) => !used.has(c.code)).map((c, i) => {
    const lines = [`id: ${c.code}`, `libelle: ${snippetText(yamlScalar(c.fr))}`, `type: ${c.type}`, 'ponderation: ${1:0}'];
    if (c.env === 'oui') lines.push('environnemental: true');
    return makeItem(req, {
      label: c.code,
      kind: CompletionItemKind.Snippet,
      detail: locale === 'en' ? c.en : c.fr,
      doc: criterionDoc(c, locale),
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: '5' + sortKey(i),
      filter: `${c.code} ${c.fr}`,
    });
  });
}
