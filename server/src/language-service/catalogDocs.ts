import { CRITERIA, type CriterionEntry } from './catalog/criteria';
import type { PhaseEntry } from './catalog/phases';
import type { ProcedureEntry } from './catalog/procedures';
import { RISK_CATALOG, RISK_CATEGORIES, STRATEGIES, type CatalogRisk, type RiskCategory } from './catalog/risks';
import { MINIMUM_DELAYS } from './data/legalData';
import { PRICE_FORMULAS, PRICE_METHOD_NOTES, type PriceMethod } from './scoring';
import type { Locale } from './types';

/**
 * Markdown documentation of catalogue entries (phases, procedures, criteria, risks, strategies, price
 * methods) with their legal or professional basis, shared by completion items and hovers.
 */

const t = (locale: Locale, fr: string, en: string): string => (locale === 'en' ? en : fr);
/** A label and its colon, with the locale's spacing (`Fondement :`, `Basis:`). */
const k = (locale: Locale, fr: string, en: string): string => (locale === 'en' ? `${en}:` : `${fr} :`);

function rows(locale: Locale, list: readonly [string, string | undefined][]): string {
  const sep = locale === 'en' ? ':' : ' :';
  return list.filter((r) => r[1]).map(([k, v]) => `- **${k}**${sep} ${v}`).join('\n');
}

function names(locale: Locale, fr: string, en: string): string {
  return locale === 'en' ? `${en} *(${fr})*` : `${fr} *(${en})*`;
}

// Notes on single elements (MOE mission elements, Livre IV CCP).
const PHASE_NOTES: Record<string, { fr: string; en: string }> = {
  DIAG: { fr: 'Réhabilitation ; peut être confié séparément (ancien décret 93-1268 art. 12).', en: 'Rehabilitation; may be awarded separately (former décret 93-1268 art. 12).' },
  EP: { fr: 'Infrastructure, à la place de l’esquisse [U].', en: 'Infrastructure, instead of the sketch design [U].' },
  ESQ: { fr: 'Bâtiment neuf seulement (R2431-4 ; absent en réhabilitation, R2431-5).', en: 'New buildings only (R2431-4; not in rehabilitation, R2431-5).' },
  APD: { fr: 'Programme finalisé, forfait de rémunération fixé, dossier de permis de construire en général.', en: 'Programme finalised, fixed fee set, building-permit file usually.' },
  PRO: { fr: 'Souvent « PRO/DCE ».', en: 'Often "PRO/DCE".' },
  EXE: { fr: 'Complémentaire quand le maître d’œuvre les réalise.', en: 'Complementary when done by the designer.' },
  VISA: { fr: 'Quand les études d’exécution sont faites par l’entreprise (R2431-4 7°).', en: 'When execution studies are done by the contractor (R2431-4 7°).' },
};

export function phaseDoc(p: PhaseEntry, locale: Locale): string {
  const basis =
    p.family === 'moe'
      ? t(locale, `Élément de mission de maîtrise d’œuvre, Livre IV CCP${p.missionDeBase ? ' : mission de base (L2431-3, R2431-4)' : ''}`, `Design mission element, Livre IV CCP${p.missionDeBase ? ': basic mission (L2431-3, R2431-4)' : ''}`)
      : t(locale, 'Phase AMO : pratique professionnelle (guide Cinov/Untec « 52 missions d’AMO »), sans cadre légal', 'Client-side (AMO) phase: professional practice (Cinov/Untec guide), no legal framework');
  const note = PHASE_NOTES[p.code];
  return [
    `**${p.code}** — ${names(locale, p.fr, p.en)}`,
    rows(locale, [
      [t(locale, 'Fondement', 'Basis'), basis],
      [t(locale, 'Rang dans l’ordre des phases', 'Rank in the phase order'), `${p.rank / 10} (PRG-012)`],
      [t(locale, 'Livrables typiques', 'Typical deliverables'), p.livrables],
      [t(locale, 'Remarque', 'Note'), note && (locale === 'en' ? note.en : note.fr)],
    ]),
  ].join('\n\n');
}

function delays(code: string, locale: Locale): string | undefined {
  const d = MINIMUM_DELAYS[code] ?? MINIMUM_DELAYS[`${code}_offres`];
  if (!d) return undefined;
  const parts = [`${d.standard} ${t(locale, 'j', 'd')}`];
  if (d.electronique !== undefined) parts.push(`${d.electronique} ${t(locale, 'j par voie électronique', 'd electronically')}`);
  if (d.preinformation !== undefined) parts.push(`${d.preinformation} ${t(locale, 'j avec avis de préinformation', 'd with a prior information notice')}`);
  if (d.urgence !== undefined) parts.push(`${d.urgence} ${t(locale, 'j en urgence', 'd in urgency')}`);
  return `${parts.join(', ')} (${d.basis})`;
}

export function procedureDoc(p: ProcedureEntry, locale: Locale): string {
  return [
    `**${p.code}** — ${names(locale, p.fr, p.en)}`,
    locale === 'en' ? p.condition.en : p.condition.fr,
    rows(locale, [
      [t(locale, 'Fondement', 'Basis'), `${p.basis} [${p.conf}]`],
      [t(locale, 'Procédure formalisée', 'Formalised procedure'), p.formalised ? t(locale, 'oui (pondération des critères R2152-12, délais minimaux, délai de suspension)', 'yes (weighted criteria R2152-12, minimum time limits, standstill)') : t(locale, 'non', 'no')],
      [t(locale, 'Délai minimal de réception des offres', 'Minimum time limit for tenders'), delays(p.code, locale) ?? (p.code === 'MAPA' ? t(locale, 'aucun minimum légal : délai « suffisant et raisonnable » (CE 2009, n° 307117)', 'no legal minimum: a "sufficient and reasonable" time (CE 2009, no. 307117)') : undefined)],
    ]),
  ].join('\n\n');
}

const ENV_FLAG: Record<CriterionEntry['env'], { fr: string; en: string }> = {
  oui: { fr: 'oui', en: 'yes' },
  'sous-criteres': { fr: 'par ses sous-critères', en: 'through its sub-criteria' },
  possible: { fr: 'possible', en: 'possible' },
  non: { fr: 'non', en: 'no' },
};

export function criterionDoc(c: CriterionEntry, locale: Locale): string {
  const subs = c.sousCriteres.map((s) => `\`${s.id}\` ${locale === 'en' ? s.en : s.fr}`).join(' ; ');
  return [
    `**${c.code}** — ${names(locale, c.fr, c.en)}`,
    rows(locale, [
      ['Type', `\`${c.type}\``],
      [t(locale, 'Prend en compte l’environnement', 'Covers environmental characteristics'), locale === 'en' ? ENV_FLAG[c.env].en : ENV_FLAG[c.env].fr],
      [t(locale, 'Sous-critères typiques', 'Typical sub-criteria'), subs || undefined],
      [t(locale, 'Fondement', 'Basis'), c.basis],
      [t(locale, 'Attention', 'Caveat'), c.note && (locale === 'en' ? c.note.en : c.note.fr)],
    ]),
  ].join('\n\n');
}

/** The catalogue criteria of a criterion type (`prix`, `qualite`…). */
export function criterionTypeDoc(type: string, locale: Locale): string {
  const list = CRITERIA.filter((c) => c.type === type).map((c) => `\`${c.code}\` (${locale === 'en' ? c.en : c.fr})`);
  const rule = t(locale, 'Avec plusieurs critères, l’un au moins porte sur le prix ou le coût (L2152-7, R2152-7 2°).', 'With several criteria, at least one is about price or cost (L2152-7, R2152-7 2°).');
  // A type with a caveat (`references`: a candidature criterion) says it wherever the type is shown.
  const notes = CRITERIA.filter((c) => c.type === type && c.note).map((c) => (locale === 'en' ? c.note!.en : c.note!.fr));
  return [list.length ? `${k(locale, 'Critères du catalogue', 'Catalogue criteria')} ${list.join(', ')}` : '', ...notes, rule].filter(Boolean).join('\n\n');
}

/** The French word used as `categorie` value for a catalogue category (`Réglementaire` → `reglementaire`). */
export function categoryValue(c: RiskCategory): string {
  return c.fr.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function categoryDoc(c: RiskCategory, locale: Locale): string {
  const risks = RISK_CATALOG.filter((r) => r.category === c.code).map((r) => `\`${r.code}\``);
  return [`**${names(locale, c.fr, c.en)}** (${c.code})`, risks.length ? `${k(locale, 'Risques types', 'Typical risks')} ${risks.join(', ')}` : ''].filter(Boolean).join('\n\n');
}

// Legal or professional basis of the catalogue risks that have one (ISO 31000:2018 and the codes cited per risk).
const RISK_BASIS: Record<string, string> = {
  'TEC-AMIANTE': 'C. trav. L4412-2, R4412-97 ; arrêté du 16 juillet 2019 (repérage avant travaux, NF X 46-020)',
  'TEC-SOL': 'NF P 94-500 (missions G1 à G5)',
  'REG-RECOURS-PC': 'C. urb. R600-1, R600-2 (2 mois à compter de l’affichage continu)',
  'REG-ARCHEO': 'C. patrimoine R523-1 et s.',
  'PROC-RECOURS': 'CCP R2182-1 (délai de suspension)',
  'PROC-OAB': 'CCP L2152-5, L2152-6, R2152-3 à R2152-5',
  'PROC-CRITERE-ENV': 'CCP L2152-7 (loi 2021-1104 art. 35) ; décret 2022-767',
  'ENT-DEFAILLANCE': 'CCP R2181-7 (décret 2025-1383)',
  'ORG-PROGRAMME': 'CCP L2421-3, L2421-5',
  'EXP-GPA': 'CCAG-Travaux 2021 art. 44.1 (marchés publics, si le marché s’y réfère) ; C. civ. 1792-6 (marchés privés)',
};

export function strategyDoc(code: string, locale: Locale): string | undefined {
  const s = STRATEGIES.find((x) => x.code === code);
  if (!s) return undefined;
  return `**${code}** — ${locale === 'en' ? s.en : s.fr} · ${k(locale, 'option ISO 31000:2018 §6.5.2', 'ISO 31000:2018 §6.5.2 option')} *${s.iso}*`;
}

export function riskDoc(r: CatalogRisk, locale: Locale): string {
  const cat = RISK_CATEGORIES.find((c) => c.code === r.category);
  return [
    `**${r.code}** — ${r.fr}`,
    rows(locale, [
      [t(locale, 'Catégorie', 'Category'), cat && names(locale, cat.fr, cat.en)],
      [t(locale, 'Propriétaire par défaut', 'Default owner'), r.owner],
      [t(locale, 'Stratégie', 'Strategy'), strategyDoc(r.strategie, locale)?.replace(/^\*\*(.+?)\*\*/, '`$1`')],
      [t(locale, 'Traitement type', 'Typical treatment'), r.treatment],
      [t(locale, 'Fondement', 'Basis'), RISK_BASIS[r.code] ?? t(locale, 'Pratique professionnelle (catalogue des risques, ISO 31000)', 'Professional practice (risk catalogue, ISO 31000)')],
    ]),
  ].join('\n\n');
}

export function priceMethodDoc(method: string, locale: Locale): string | undefined {
  if (method === 'autre') return t(locale, 'Méthode personnalisée : simulez-la pour montrer qu’elle ne neutralise pas la pondération (CSL-009b ; CE 2014, n° 373362).', 'Custom method: simulate it to show it does not neutralise the weighting (CSL-009b; CE 2014, no. 373362).');
  const m = method as PriceMethod;
  if (!Object.hasOwn(PRICE_FORMULAS, m)) return undefined; // not `in`: `toString` would show Object.prototype's
  return `\`${PRICE_FORMULAS[m]}\`\n\n${PRICE_METHOD_NOTES[m]}`;
}
