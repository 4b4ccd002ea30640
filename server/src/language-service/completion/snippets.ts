import { mdText } from '../util/markdown';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { isMap, isSeq } from 'yaml';
import { PHASES } from '../catalog/phases';
import { RISK_CATALOG, RISK_CATEGORIES } from '../catalog/risks';
import { categoryValue, phaseDoc, riskDoc } from '../catalogDocs';
import { nodeAt } from '../parse';
import { addDays, date } from '../util/data';
import { block, choice, makeItem, snippetText, sortKey, yamlScalar, type CompletionRequest } from './items';
import { applicableCriteria, definitions, fieldText, isPriceCriterion, isSubCriterion, scalarAt } from './refs';

/**
 * Whole-block snippets for list items: a phase with dates and deliverables, a risk of the catalogue,
 * an offer with a note per criterion. `inline`: the cursor is after `- ` (the block starts with its
 * first key); otherwise the block starts with `- `. Criteria snippets are in criteriaSnippets.ts.
 */

/** Snippet lines placed at the cursor: continuation lines indented to the item's content column. */
export function placeItem(req: CompletionRequest, inline: boolean, lines: readonly string[]): string {
  if (inline) return block(lines, req.ctx.col);
  return block([`- ${lines[0]}`, ...lines.slice(1)], req.ctx.col + 2);
}

export function uniqueId(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

const SNIPPETS = '5';

/** A phase of the catalogue, in the legal order, starting the day after the previous phase ends. */
export function phaseSnippets(req: CompletionRequest, inline: boolean, seqPath: (string | number)[], index: number): CompletionItem[] {
  const { locale } = req.env;
  const used = new Set(definitions(req.parsed, 'phase').map((d) => d.id));
  const prevFin = index > 0 ? date(scalarAt(req.parsed, [...seqPath, index - 1, 'fin'])) : undefined;
  const debut = prevFin ? addDays(prevFin, 1) : 'AAAA-MM-JJ';
  return PHASES.map((p, i) => {
    const deliverables = (p.livrables ?? `Dossier ${p.code}`).split(/,\s*/).map((l) => l.charAt(0).toUpperCase() + l.slice(1));
    const lines = [
      `id: \${1:${uniqueId(`PH-${p.code}`, used)}}`,
      `code: ${p.code}`,
      `libelle: \${2:${snippetText(yamlScalar(p.fr))}}`,
      `debut: \${3:${debut}}`,
      'fin: ${4:AAAA-MM-JJ}',
      'livrables:',
      // Deliverables are due at the end of the phase by default: `$4` mirrors `fin`.
      ...deliverables.flatMap((l, k) => [`  - id: LIV-${p.code}-${k + 1}`, `    libelle: ${snippetText(yamlScalar(l))}`, '    echeance: $4']),
    ];
    return makeItem(req, {
      label: p.code,
      kind: CompletionItemKind.Snippet,
      detail: locale === 'en' ? `Phase: ${p.en}` : `Phase : ${p.fr}`,
      doc: phaseDoc(p, locale),
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: SNIPPETS + sortKey(p.rank) + sortKey(i),
      filter: `${p.code} ${p.fr}`,
    });
  });
}

/** Acteur ids, the one matching the catalogue's default owner (MOA, MOE, AMO, entreprise) first. */
function ownerChoices(req: CompletionRequest, owner: string): string[] {
  const acteurs = definitions(req.parsed, 'acteur').map((d) => ({ id: d.id, role: (fieldText(req.parsed, d.path.slice(0, -1), 'role') ?? '').toLowerCase() }));
  const o = owner.toLowerCase();
  const roles: Record<string, string[]> = { moa: ['maitre_ouvrage', 'moa'], moe: ['moe', 'maitre_oeuvre'], amo: ['amo'], entreprise: ['entreprise'] };
  // The acteur named like the owner, then the one with exactly that role, then roles that contain it.
  const score = (a: { id: string; role: string }) => (a.id.toLowerCase() === o ? 3 : (roles[o] ?? []).includes(a.role) ? 2 : (roles[o] ?? []).some((r) => a.role.includes(r)) ? 1 : 0);
  return acteurs
    .map((a, i) => ({ a, i, s: score(a) }))
    .sort((x, y) => y.s - x.s || x.i - y.i)
    .map((x) => x.a.id);
}

/** A risk of the catalogue as a full register entry, with its default owner, strategy and treatment. */
export function riskSnippets(req: CompletionRequest, inline: boolean): CompletionItem[] {
  const { locale } = req.env;
  const used = new Set(definitions(req.parsed, 'risque').map((d) => d.id));
  const phases = definitions(req.parsed, 'phase').map((d) => d.id);
  return RISK_CATALOG.map((r, i) => {
    const cat = RISK_CATEGORIES.findIndex((c) => c.code === r.category);
    const owners = ownerChoices(req, r.owner);
    const lines = [
      `id: \${1:${uniqueId(r.code, used)}}`,
      `titre: \${2:${snippetText(yamlScalar(r.fr))}}`,
      `categorie: ${cat >= 0 ? categoryValue(RISK_CATEGORIES[cat]) : r.category}`,
      'probabilite: ${3:2}',
      'impact: ${4:2}',
      `proprietaire: ${choice(5, owners, r.owner)}`,
      `strategie: ${r.strategie}`,
      'actions:',
      `  - libelle: ${snippetText(yamlScalar(r.treatment))}`,
      `    responsable: ${choice(6, owners, r.owner)}`,
      '    echeance: ${7:AAAA-MM-JJ}',
      phases.length ? `phases: [${choice(8, phases, '')}]` : 'phases: [$8]',
      'statut: ouvert',
    ];
    return makeItem(req, {
      label: r.code,
      kind: CompletionItemKind.Snippet,
      detail: cat >= 0 ? `${locale === 'en' ? RISK_CATEGORIES[cat].en : RISK_CATEGORIES[cat].fr} — ${r.fr}` : r.fr,
      doc: riskDoc(r, locale),
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: SNIPPETS + sortKey(Math.max(cat, 0)) + sortKey(i),
      filter: `${r.code} ${r.fr}`,
    });
  });
}

const COMPUTED_PRICE = new Set(['classique', 'lineaire', 'moyenne']);

/** The number of offers already entered for a lot (for the new offer's id). */
function offersOfLot(req: CompletionRequest, lot: string | undefined): number {
  const offres = nodeAt(req.parsed.doc, ['offres']);
  if (!isSeq(offres)) return 0;
  return offres.items.filter((n) => isMap(n) && (n.get('lot') ?? undefined) === lot).length;
}

/** An offer for each lot, with a `notes` entry per criterion (its sub-criteria when it has some). */
export function offerSnippets(req: CompletionRequest, inline: boolean): CompletionItem[] {
  const { parsed, env } = req;
  const en = env.locale === 'en';
  const method = scalarAt(parsed, ['notation_prix', 'methode']);
  // The price note is computed from the price by the declared method (classique by default).
  const priceComputed = method === undefined || COMPUTED_PRICE.has(String(method));
  const used = new Set(definitions(parsed, 'offre').map((d) => d.id));
  const lots: (string | undefined)[] = definitions(parsed, 'lot').map((d) => d.id);
  if (lots.length === 0) lots.push(undefined);
  return lots.map((lot, i) => {
    const crit = applicableCriteria(parsed, lot);
    const keys = crit
      .filter((c) => !isSubCriterion(c) && !(priceComputed && isPriceCriterion(parsed, c)))
      .flatMap((c) => {
        const prefix = c.path.slice(0, -1);
        const subs = crit.filter((s) => isSubCriterion(s) && prefix.every((seg, k) => s.path[k] === seg));
        return subs.length ? subs.map((s) => s.id) : [c.id];
      });
    const short = lot ? `${lot.replace(/^LOT[-_]?/i, '')}-` : '';
    const id = uniqueId(`OFF-${short}${offersOfLot(req, lot) + 1}`, used);
    const lines = [
      `id: \${1:${id}}`,
      `candidat: \${2:${en ? 'Tenderer name' : 'Nom du candidat'}}`,
      ...(lot ? [`lot: ${yamlScalar(lot)}`] : []),
      'prix_ht: ${3:0}',
      'prix_ttc: ${4:0}',
      ...(keys.length ? ['notes:', ...keys.map((k, n) => `  ${yamlScalar(k)}: \${${n + 5}:0}`)] : []),
      'statut: recevable',
    ];
    const doc = en
      ? `One score per criterion or sub-criterion of ${lot ? `lot ${mdText(lot)}` : 'the consultation'}${priceComputed ? '; the price score is computed from the price (no note needed)' : ''}.`
      : `Une note par critère ou sous-critère ${lot ? `du lot ${mdText(lot)}` : 'de la consultation'}${priceComputed ? ' ; la note du prix est calculée à partir du prix (pas de note à saisir)' : ''}.`;
    return makeItem(req, {
      label: lot ? `${en ? 'offer' : 'offre'} ${lot}` : en ? 'offer' : 'offre',
      kind: CompletionItemKind.Snippet,
      detail: keys.length ? `notes : ${keys.join(', ')}` : undefined,
      doc,
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: SNIPPETS + sortKey(i),
    });
  });
}
