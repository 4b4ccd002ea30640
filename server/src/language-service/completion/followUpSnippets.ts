import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { isMap, isSeq } from 'yaml';
import { nodeAt } from '../parse';
import { enumOf, schemaAtPath } from '../schemaPath';
import type { Path } from '../types';
import { addMonths, date, frDate } from '../util/data';
import { block, choice, makeItem, snippetText, sortKey, yamlScalar, type CompletionRequest } from './items';
import { acteursAmoFirst, definitions, fieldText, firmsOfLot, scalarAt } from './refs';
import { placeItem, uniqueId } from './snippets';

/**
 * Snippets of the follow-up and reception (docs/format.md): a review of a deliverable, a reserve, an indicator
 * with its first measure, and the whole `reception` block of a consultation. Dates default to today
 * (what is recorded is recorded on the day), reviewers to the programme's AMO.
 */

const SNIPPETS = '5';

/** The values of an enum of the schema, or `fallback` while the schema does not have the key yet. */
function enumValues(req: CompletionRequest, path: Path, fallback: readonly string[]): string[] {
  const kind = req.parsed.kind;
  const s = kind ? schemaAtPath(kind, path) : undefined;
  const values = s ? enumOf(s).map(String) : [];
  return values.length ? values : [...fallback];
}

/** Ids used in the list at `path` (`id` of its map items). */
function idsIn(req: CompletionRequest, path: Path): Set<string> {
  const seq = nodeAt(req.parsed.doc, path);
  const out = new Set<string>();
  if (isSeq(seq)) for (const n of seq.items) if (isMap(n) && (typeof n.get('id') === 'string' || typeof n.get('id') === 'number')) out.add(String(n.get('id')));
  return out;
}

/** The next id of a numbered family: `RES-03` after two items. */
function nextId(prefix: string, count: number, used: Set<string>): string {
  return uniqueId(`${prefix}-${String(count + 1).padStart(2, '0')}`, used);
}

/** A review (`revues` item) dated today, by the programme's AMO, with its opinion to choose. */
export function reviewSnippets(req: CompletionRequest, inline: boolean, seqPath: Path): CompletionItem[] {
  const en = req.env.locale === 'en';
  const reviewers = acteursAmoFirst(req.parsed);
  const avis = enumValues(req, [...seqPath, 0, 'avis'], ['favorable', 'favorable_avec_remarques', 'defavorable']);
  const lines = [
    `date: \${1:${req.env.today}}`,
    reviewers.length ? `relecteur: ${choice(2, reviewers.map((a) => a.id), 'AMO')}` : 'relecteur: ${2:AMO}',
    `avis: ${choice(3, avis, 'favorable')}`,
    `remarques: \${4:${en ? 'None' : 'Aucune'}}`,
  ];
  const who = reviewers[0]?.amo ? reviewers[0].id : undefined;
  return [
    makeItem(req, {
      label: en ? 'review' : 'revue',
      kind: CompletionItemKind.Snippet,
      detail: en ? `Review of ${req.env.today}${who ? ` by ${who}` : ''}` : `Revue du ${frDate(req.env.today)}${who ? ` par ${who}` : ''}`,
      doc: en
        ? 'A review of the deliverable: today’s date, the reviewer (the AMO first), the opinion. A validated or rejected deliverable needs one (SUI-002); its status must agree with the last review (SUI-003).'
        : 'Une revue du livrable : date du jour, relecteur (l’AMO en premier), avis. Un livrable validé ou refusé en demande une (SUI-002) ; son statut suit l’avis de la dernière revue (SUI-003).',
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: SNIPPETS + sortKey(0),
      filter: `revue review ${avis.join(' ')}`,
      preselect: true,
    }),
  ];
}

/**
 * Default lifting date of a reserve: three months before the end of the GPA (reception + 9 months), the
 * fallback of CCAG-Travaux 2021 art. 41.6 when the reception decision sets no time limit.
 */
function defaultLifting(reception: string | undefined): string {
  return reception ? addMonths(reception, 9) : 'AAAA-MM-JJ';
}

/** The lines of a reserve of `lot` (or none), placeholders 1 to 6. */
function reserveLines(req: CompletionRequest, lot: string | undefined, id: string, reception: string | undefined): string[] {
  const en = req.env.locale === 'en';
  const firms = firmsOfLot(req, lot).map((f) => f.name);
  return [
    `id: \${1:${id}}`,
    ...(lot ? [`lot: ${snippetText(yamlScalar(lot))}`] : []),
    `localisation: \${2:${en ? 'Location' : 'Localisation'}}`,
    `description: \${3:${en ? 'Description of the defect' : 'Description de la réserve'}}`,
    `entreprise: ${firms.length ? choice(4, firms.map(yamlScalar), '') : `\${4:${en ? 'Firm' : 'Entreprise'}}`}`,
    // Reserves of the reception record are noticed on the day of the reception (REC-003 counts them).
    `date_constat: \${5:${reception ?? req.env.today}}`,
    `date_levee_prevue: \${6:${defaultLifting(reception)}}`,
    'statut: ouverte',
  ];
}

/** The lots a reserve may be about: one snippet per lot (its retained firm preset), or one without lot. */
function reserveLots(req: CompletionRequest): (string | undefined)[] {
  const lots: (string | undefined)[] = definitions(req.parsed, 'lot').map((d) => d.id);
  return lots.length ? lots : [undefined];
}

/** A reserve of the reception, per lot: the lot's retained firm, noticed at the reception, to lift before the GPA ends. */
export function reserveSnippets(req: CompletionRequest, inline: boolean, seqPath: Path): CompletionItem[] {
  const en = req.env.locale === 'en';
  const used = idsIn(req, seqPath);
  const reception = date(scalarAt(req.parsed, ['reception', 'date_reception']));
  return reserveLots(req).map((lot, i) => {
    const id = nextId('RES', used.size, used);
    return makeItem(req, {
      label: lot ? `${en ? 'reserve' : 'réserve'} ${lot}` : en ? 'reserve' : 'réserve',
      kind: CompletionItemKind.Snippet,
      detail: lot ? `${fieldText(req.parsed, definitions(req.parsed, 'lot').find((d) => d.id === lot)?.path.slice(0, -1) ?? [], 'intitule') ?? lot}` : undefined,
      doc: reserveDoc(en, reception),
      text: placeItem(req, inline, reserveLines(req, lot, id, reception)),
      snippet: true,
      sort: SNIPPETS + sortKey(i),
      filter: `reserve réserve ${lot ?? ''}`.trim(),
    });
  });
}

function reserveDoc(en: boolean, reception: string | undefined): string {
  return en
    ? `An open reserve noticed at the reception${reception ? ` (${reception})` : ''}, with the retained firm of its lot. Planned lifting by default three months before the end of the GPA (CCAG-Travaux 2021 art. 41.6, when the reception sets no time limit) — REC-001 warns after the end of the GPA.`
    : `Une réserve ouverte constatée à la réception${reception ? ` (${frDate(reception)})` : ''}, avec l’entreprise retenue de son lot. Levée prévue par défaut trois mois avant la fin de la GPA (CCAG-Travaux 2021 art. 41.6, à défaut de délai fixé par la réception) — REC-001 signale une levée prévue après la fin de la GPA.`;
}

interface IndicatorPreset {
  id: string;
  fr: string;
  en: string;
  unite: string;
  cible: string;
  sens: 'au_plus' | 'au_moins';
}

/** Usual follow-up indicators of an operation; the target is a placeholder to agree with the owner. */
const INDICATORS: readonly IndicatorPreset[] = [
  { id: 'IND-BUDGET', fr: 'Écart au budget travaux', en: 'Deviation from the works budget', unite: '%', cible: '5', sens: 'au_plus' },
  { id: 'IND-DELAI', fr: 'Retard sur le planning', en: 'Delay against the schedule', unite: 'jours', cible: '0', sens: 'au_plus' },
  { id: 'IND-JALONS', fr: 'Jalons tenus', en: 'Milestones met', unite: '%', cible: '90', sens: 'au_moins' },
  { id: 'IND-ENERGIE', fr: 'Consommation d’énergie finale', en: 'Final energy use', unite: 'kWhef/m².an', cible: '0', sens: 'au_plus' },
];

/** An indicator with its target, direction and a first measure dated today. */
export function indicatorSnippets(req: CompletionRequest, inline: boolean, seqPath: Path): CompletionItem[] {
  const en = req.env.locale === 'en';
  const used = idsIn(req, seqPath);
  return INDICATORS.map((p, i) => {
    const lines = [
      `id: \${1:${uniqueId(p.id, used)}}`,
      `libelle: \${2:${snippetText(yamlScalar(en ? p.en : p.fr))}}`,
      `unite: ${snippetText(yamlScalar(p.unite))}`,
      `cible: \${3:${p.cible}}`,
      `sens: ${p.sens}`,
      'mesures:',
      `  - date: \${4:${req.env.today}}`,
      '    valeur: ${5:0}',
    ];
    const sens = p.sens === 'au_plus' ? (en ? 'at most the target' : 'au plus la cible') : en ? 'at least the target' : 'au moins la cible';
    return makeItem(req, {
      label: p.id,
      kind: CompletionItemKind.Snippet,
      detail: `${en ? p.en : p.fr} (${p.unite}, ${sens})`,
      doc: en
        ? `An indicator with a first measure dated today. \`sens: ${p.sens}\`: the last measure must be ${sens} (SUI-006).`
        : `Un indicateur avec une première mesure datée du jour. \`sens: ${p.sens}\` : la dernière mesure doit être ${sens} (SUI-006).`,
      text: placeItem(req, inline, lines),
      snippet: true,
      sort: SNIPPETS + sortKey(i),
      filter: `${p.id} ${p.fr} indicateur`,
    });
  });
}

/**
 * The `reception` block of a consultation (key completion at its root): OPR and reception today, then
 * either a decision with reserves (one reserve of the first lot) or a reception without reserve.
 */
export function receptionSnippets(req: CompletionRequest): CompletionItem[] {
  const en = req.env.locale === 'en';
  const today = req.env.today;
  const lot = reserveLots(req)[0];
  const reserve = reserveLines(req, lot, 'RES-01', today);
  // The reserve's placeholders come after the block's three; its date_constat mirrors the reception's ($2).
  const renumbered = reserve
    .map((l) => l.replace(/\$\{(\d+)([:|])/g, (_, n: string, sep: string) => `\${${Number(n) + 3}${sep}`))
    .map((l) => (l.startsWith('date_constat:') ? 'date_constat: $2' : l));
  const head = ['reception:', `  date_opr: \${1:${today}}`, `  date_reception: \${2:${today}}`];
  const withReserves = [...head, '  decision: ${3:avec_reserves}', '  reserves:', ...renumbered.map((l, i) => (i === 0 ? `    - ${l}` : `      ${l}`))];
  const without = [...head, '  decision: ${3:sans_reserve}'];
  const gpa = en ? 'The GPA (one-year completion guarantee) runs from the effective date of the reception: contractual in public works (CCAG-Travaux 2021 art. 44.1), legal in private works (C. civ. 1792-6).' : 'La garantie de parfait achèvement court un an à compter de la date d’effet de la réception : contractuelle en marché public (CCAG-Travaux 2021 art. 44.1), légale en marché privé (C. civ. 1792-6).';
  return [
    makeItem(req, {
      label: en ? 'reception (with reservations)' : 'reception (avec réserves)',
      kind: CompletionItemKind.Snippet,
      detail: en ? 'OPR, reception, decision, a first reserve' : 'OPR, réception, décision, une première réserve',
      doc: `${gpa}\n\n${reserveDoc(en, today)}`,
      text: block(withReserves, req.ctx.col),
      snippet: true,
      sort: '2' + sortKey(0),
      filter: 'reception',
    }),
    makeItem(req, {
      label: en ? 'reception (without reservation)' : 'reception (sans réserve)',
      kind: CompletionItemKind.Snippet,
      detail: en ? 'OPR, reception, decision without reservation' : 'OPR, réception, décision sans réserve',
      doc: `${gpa}\n\n${en ? 'A reception without reservation cannot leave reserves noticed at the reception open (REC-003).' : 'Une réception sans réserve ne peut laisser ouverte aucune réserve constatée à la réception (REC-003).'}`,
      text: block(without, req.ctx.col),
      snippet: true,
      sort: '2' + sortKey(1),
      filter: 'reception',
    }),
  ];
}
