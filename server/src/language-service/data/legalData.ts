/**
 * Thresholds, key dates and minimum delays of French public procurement, as versioned data with
 * validity intervals and their source (docs/rules.md lists the rules that read them). Rules never hold these figures as literals: they look
 * them up at the consultation's reference date (`date_lancement`), as décret 2025-1386 art. 4 requires.
 */

export type Confidence = 'V' | 'S' | 'U';

export interface DatedValue {
  key: string;
  value: number;
  /** First day of validity (ISO date), inclusive; undefined = since ever. */
  from?: string;
  /** Last day of validity (ISO date), inclusive; undefined = still in force. */
  to?: string;
  conf: Confidence;
  source: string;
}

const EU_2016 = 'Règlements délégués (UE) 2015/2170-2172 ; avis relatif aux seuils (2016)';
const EU_2018 = 'Règlements délégués (UE) 2017/2364-2366 ; avis relatif aux seuils (2018)';
const EU_2020 = 'Règlements délégués (UE) 2019/1827-1830 ; avis annexé au CCP (annexe 2)';
const EU_2022 = 'Règlements délégués (UE) 2021/1950-1953 ; avis JO 9 déc. 2021';
const EU_2024 = 'Règlements délégués (UE) 2023/2495-2497 ; avis JO 7 déc. 2023 (annexe 2 CCP)';
const EU_2026 = 'Règlements délégués (UE) 2025/2150-2152 ; avis annexé au CCP (annexe 2)';

/**
 * EU thresholds (€ HT) by period. `fcs_etat` is the supplies-and-services threshold of the *central
 * government authorities* listed in the notice on thresholds (annexe 2 CCP), not of every State body.
 * Before 2016-01-01 nothing is known here: a rule then says so (information) instead of extrapolating.
 */
export const EU_THRESHOLDS: readonly DatedValue[] = [
  { key: 'travaux', value: 5_225_000, from: '2016-01-01', to: '2017-12-31', conf: 'S', source: EU_2016 },
  { key: 'travaux', value: 5_548_000, from: '2018-01-01', to: '2019-12-31', conf: 'S', source: EU_2018 },
  { key: 'travaux', value: 5_350_000, from: '2020-01-01', to: '2021-12-31', conf: 'V', source: EU_2020 },
  { key: 'travaux', value: 5_382_000, from: '2022-01-01', to: '2023-12-31', conf: 'V', source: EU_2022 },
  { key: 'travaux', value: 5_538_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: EU_2024 },
  { key: 'travaux', value: 5_404_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: EU_2026 },
  { key: 'fcs_etat', value: 135_000, from: '2016-01-01', to: '2017-12-31', conf: 'S', source: EU_2016 },
  { key: 'fcs_etat', value: 144_000, from: '2018-01-01', to: '2019-12-31', conf: 'S', source: EU_2018 },
  { key: 'fcs_etat', value: 139_000, from: '2020-01-01', to: '2021-12-31', conf: 'V', source: EU_2020 },
  { key: 'fcs_etat', value: 140_000, from: '2022-01-01', to: '2023-12-31', conf: 'V', source: EU_2022 },
  { key: 'fcs_etat', value: 143_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: EU_2024 },
  { key: 'fcs_etat', value: 140_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: EU_2026 },
  { key: 'fcs_autres_pa', value: 209_000, from: '2016-01-01', to: '2017-12-31', conf: 'S', source: EU_2016 },
  { key: 'fcs_autres_pa', value: 221_000, from: '2018-01-01', to: '2019-12-31', conf: 'S', source: EU_2018 },
  { key: 'fcs_autres_pa', value: 214_000, from: '2020-01-01', to: '2021-12-31', conf: 'V', source: EU_2020 },
  { key: 'fcs_autres_pa', value: 215_000, from: '2022-01-01', to: '2023-12-31', conf: 'V', source: EU_2022 },
  { key: 'fcs_autres_pa', value: 221_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: EU_2024 },
  { key: 'fcs_autres_pa', value: 216_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: EU_2026 },
  { key: 'fcs_ea_defense', value: 418_000, from: '2016-01-01', to: '2017-12-31', conf: 'S', source: EU_2016 },
  { key: 'fcs_ea_defense', value: 443_000, from: '2018-01-01', to: '2019-12-31', conf: 'S', source: EU_2018 },
  { key: 'fcs_ea_defense', value: 428_000, from: '2020-01-01', to: '2021-12-31', conf: 'V', source: EU_2020 },
  { key: 'fcs_ea_defense', value: 431_000, from: '2022-01-01', to: '2023-12-31', conf: 'V', source: EU_2022 },
  { key: 'fcs_ea_defense', value: 443_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: EU_2024 },
  { key: 'fcs_ea_defense', value: 432_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: EU_2026 },
];

/**
 * National thresholds (€ HT). The works exemption of R2122-8 has a history: 25 000 € (décret 2015-1163),
 * 40 000 € from 2020-01-01 (décret 2019-1344), 70 000 € from 2020-07-24 (décret 2020-893, temporary),
 * 100 000 € from 2020-12-09 (loi ASAP 2020-1525 art. 142, prorogée par les décrets 2022-1683 et 2024-1217
 * jusqu'au 31/12/2025), made permanent from 2026-01-01 (décret 2025-1386).
 */
export const FR_THRESHOLDS: readonly DatedValue[] = [
  { key: 'dispense_travaux', value: 25_000, from: '2015-10-01', to: '2019-12-31', conf: 'V', source: 'Décret 2015-1163 ; R2122-8 (version initiale, 2019)' },
  { key: 'dispense_travaux', value: 40_000, from: '2020-01-01', to: '2020-07-23', conf: 'V', source: 'R2122-8 mod. décret 2019-1344 du 12 déc. 2019' },
  { key: 'dispense_travaux', value: 70_000, from: '2020-07-24', to: '2020-12-08', conf: 'S', source: 'Décret 2020-893 du 22 juil. 2020 (relèvement temporaire)' },
  { key: 'dispense_travaux', value: 100_000, from: '2020-12-09', to: '2025-12-31', conf: 'V', source: 'Loi 2020-1525 (ASAP) art. 142 ; décrets 2022-1683 et 2024-1217 (prorogation au 31/12/2025)' },
  { key: 'dispense_travaux', value: 100_000, from: '2026-01-01', conf: 'V', source: 'R2122-8 mod. décret 2025-1386 art. 1' },
  { key: 'dispense_fcs', value: 25_000, from: '2015-10-01', to: '2019-12-31', conf: 'V', source: 'Décret 2015-1163 ; R2122-8 (version initiale, 2019)' },
  { key: 'dispense_fcs', value: 40_000, from: '2020-01-01', to: '2026-03-31', conf: 'V', source: 'R2122-8 mod. décret 2019-1344' },
  { key: 'dispense_fcs', value: 60_000, from: '2026-04-01', conf: 'V', source: 'R2122-8 mod. décret 2025-1386 art. 1' },
  { key: 'dce_gratuit_profil', value: 25_000, from: '2016-04-01', to: '2019-12-31', conf: 'S', source: 'Décret 2016-360 art. 39 ; R2132-2 (version initiale)' },
  { key: 'dce_gratuit_profil', value: 40_000, from: '2020-01-01', to: '2026-03-31', conf: 'S', source: 'R2132-2 mod. décret 2019-1344' },
  { key: 'dce_gratuit_profil', value: 60_000, from: '2026-04-01', conf: 'V', source: 'R2132-2 mod. décret 2025-1386' },
  { key: 'mapa_publicite_libre_max', value: 90_000, from: '2016-04-01', conf: 'V', source: 'R2131-12 (décret 2016-360 art. 34 avant le 01/04/2019)' },
  { key: 'petit_lot_fcs', value: 80_000, conf: 'V', source: 'R2123-1 2°' },
  { key: 'petit_lot_travaux', value: 1_000_000, conf: 'V', source: 'R2123-1 2°' },
  { key: 'petits_lots_part_max', value: 0.2, conf: 'V', source: 'R2123-1 2°' },
  { key: 'ca_minimum_multiple_max', value: 2, from: '2016-04-01', to: '2025-12-31', conf: 'V', source: 'R2142-7 (décret 2016-360 art. 44 avant 2019)' },
  { key: 'ca_minimum_multiple_max', value: 1.5, from: '2026-01-01', conf: 'V', source: 'R2142-7 mod. décret 2025-1383' },
  { key: 'avance_seuil_montant', value: 50_000, from: '2016-04-01', conf: 'V', source: 'R2191-3' },
  { key: 'avance_taux_min', value: 0.05, from: '2016-04-01', conf: 'V', source: 'R2191-7' },
  { key: 'avance_taux_garantie', value: 0.3, from: '2016-04-01', conf: 'V', source: 'R2191-7 ; R2191-8 (garantie à première demande au-delà de 30 %)' },
  { key: 'avance_pme_min_etat', value: 0.2, from: '2016-04-01', to: '2025-03-31', conf: 'S', source: 'R2191-7 (version antérieure au décret 2024-1251)' },
  { key: 'avance_pme_min_etat', value: 0.3, from: '2025-04-01', conf: 'S', source: 'R2191-7 mod. décret 2024-1251 du 30 déc. 2024' },
  { key: 'avance_pme_min_grandes_collectivites', value: 0.1, from: '2025-04-01', conf: 'S', source: 'R2191-7 3° mod. décret 2024-1251 (dépenses réelles de fonctionnement > 60 M€)' },
  { key: 'retenue_garantie_max', value: 0.05, conf: 'V', source: 'R2191-32 ; loi 71-584 du 16 juil. 1971 (marchés privés de travaux)' },
  { key: 'prime_concours_part_min', value: 0.8, from: '2016-04-01', conf: 'V', source: 'R2172-4 (prix estimé des études, abattement au plus de 20 %)' },
  { key: 'jury_part_qualifiee_min', value: 1 / 3, from: '2016-04-01', conf: 'V', source: 'R2162-22' },
  { key: 'penalites_plafond_ccag', value: 0.1, from: '2021-04-01', conf: 'S', source: 'CCAG 2021 (art. 19.2 CCAG-Travaux ; art. 14 CCAG-FCS)' },
];

export interface KeyDate {
  key: string;
  date: string;
  conf: Confidence;
  source: string;
}

export const KEY_DATES: readonly KeyDate[] = [
  { key: 'critere_environnemental_obligatoire', date: '2026-08-21', conf: 'V', source: 'L2152-7 (loi 2021-1104 art. 35) ; décret 2022-767' },
  { key: 'critere_environnemental_backstop_loi', date: '2026-08-22', conf: 'V', source: 'Loi 2021-1104 art. 35 (5 ans après promulgation)' },
  { key: 'conditions_execution_environnementales', date: '2026-08-21', conf: 'V', source: 'L2112-2 (loi 2021-1104 art. 35)' },
  { key: 're2020_logement', date: '2022-01-01', conf: 'V', source: 'CCH R172-x ; décret 2021-1004' },
  { key: 're2020_bureaux', date: '2022-07-01', conf: 'V', source: 'CCH R172-x' },
  { key: 're2020_enseignement', date: '2022-07-01', conf: 'V', source: 'CCH R172-x (enseignement primaire et secondaire)' },
  { key: 're2020_tertiaire_specifique', date: '2026-05-01', conf: 'V', source: 'Décret 2026-16 du 15 janvier 2026' },
  { key: 'loi_climat_promulgation', date: '2021-08-22', conf: 'V', source: 'Loi 2021-1104 du 22 août 2021 (Climat et résilience)' },
  { key: 'permis_amiante', date: '1997-07-01', conf: 'V', source: 'C. trav. R4412-97 ; arrêté du 16 juillet 2019' },
];

export interface MinimumDelay {
  standard: number;
  electronique?: number;
  preinformation?: number;
  urgence?: number;
  conf: Confidence;
  basis: string;
}

/**
 * Minimum time limits in days (R2161-x), valid since 2019-04-01 (same figures in the décret 2016-360).
 * The offer limits of the restricted call for tenders and of the negotiated procedure (30/25 days) bind the
 * *central government authorities* only; the other contracting authorities may set the date by agreement
 * with the selected candidates, failing which at least 10 days (R2161-9, R2161-16): `AOR_offres_autres`,
 * `PN_offres_autres`. Entités adjudicatrices: candidatures ≥ 15 days (R2161-21), offers by agreement,
 * else ≥ 10 days (R2161-22).
 */
export const MINIMUM_DELAYS: Readonly<Record<string, MinimumDelay>> = {
  AOO: { standard: 35, electronique: 30, preinformation: 15, urgence: 15, conf: 'V', basis: 'R2161-2, R2161-3' },
  AOR_candid: { standard: 30, urgence: 15, conf: 'V', basis: 'R2161-6' },
  AOR_offres: { standard: 30, electronique: 25, preinformation: 10, urgence: 10, conf: 'V', basis: 'R2161-7, R2161-8' },
  AOR_offres_autres: { standard: 10, conf: 'V', basis: 'R2161-9' },
  PN_candid: { standard: 30, urgence: 15, conf: 'V', basis: 'R2161-12' },
  PN_offres: { standard: 30, electronique: 25, preinformation: 10, urgence: 10, conf: 'V', basis: 'R2161-14, R2161-15' },
  PN_offres_autres: { standard: 10, conf: 'V', basis: 'R2161-16' },
  EA_candid: { standard: 15, conf: 'V', basis: 'R2161-21' },
  EA_offres: { standard: 10, conf: 'V', basis: 'R2161-22' },
};

export const STANDSTILL_DAYS = { electronique: 11, papier: 16, conf: 'V' as Confidence, basis: 'R2182-1' };

/** CEE standardised sheets with a repeal date (data, to be updated as sheets change). */
export const CEE_REPEALS: readonly KeyDate[] = [
  { key: 'BAT-EN-101', date: '2027-05-01', conf: 'V', source: 'Fiche BAT-EN-101 (texte en vigueur)' },
];

/** Configurable professional defaults; the figures are not legal ([U]). */
export const PRACTICE_DEFAULTS = {
  fourchetteEcartMax: 20,
  mapaDelaiMinJours: 15,
  mapaDelaiMinJoursTravaux: 20,
  critereEnvPoidsMin: 5,
  validiteOffresMin: 90,
  /** CSL-035: an award this far above the lot's estimate (in %) is worth a justification. */
  ecartAttributionEstimationPct: 20,
  /** CSL-036: design contests usually admit at least three participants (MIQCP practice). */
  concoursParticipantsMin: 3,
};

export interface Lookup {
  value: number;
  entry: DatedValue;
  /** True when the date is outside every interval and the nearest one was used. */
  extrapolated: boolean;
}

/** The value of `key` in force at `date` (ISO). Outside the known intervals, the nearest is used. */
export function valueAt(table: readonly DatedValue[], key: string, date: string): Lookup | undefined {
  const rows = table.filter((r) => r.key === key);
  if (rows.length === 0) return undefined;
  const hit = rows.find((r) => (!r.from || r.from <= date) && (!r.to || date <= r.to));
  if (hit) return { value: hit.value, entry: hit, extrapolated: false };
  const sorted = [...rows].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  const nearest = date < (sorted[0].from ?? '') ? sorted[0] : sorted[sorted.length - 1];
  return { value: nearest.value, entry: nearest, extrapolated: true };
}

export function keyDate(key: string): string {
  const d = KEY_DATES.find((k) => k.key === key);
  if (!d) throw new Error(`Unknown key date '${key}': add it to KEY_DATES.`);
  return d.date;
}

/** The EU threshold key for a consultation's nature and (canonical) buyer category. */
export function euThresholdKey(nature: string | undefined, categorie: string | undefined, defense: boolean): string {
  if (nature === 'travaux') return 'travaux';
  if (defense || categorie === 'entite_adjudicatrice') return 'fcs_ea_defense';
  if (categorie === 'autorite_publique_centrale') return 'fcs_etat';
  return 'fcs_autres_pa';
}

/** How the law treats a buyer category. Every flag carries the article that draws the line. */
export interface BuyerCategory {
  label: { fr: string; en: string };
  /** Subject to the CCP as a contracting authority (`pa`) or a contracting entity (`ea`); `none`: a private owner. */
  ccp: 'pa' | 'ea' | 'none';
  /** A central government authority listed in the notice on thresholds: 140 k€ services threshold (annexe 2 CCP), 30/25-day AOR/PN offer limits (R2161-7/8, R2161-14/15). */
  apc: boolean;
  /** BOAMP or JAL above 90 k€ in MAPA (R2131-12) and BOAMP + JOUE in formalised procedures (R2131-16 1°): the State, its public bodies other than EPIC, local authorities, their public bodies and groupings. */
  boamp: boolean;
  /** Livre IV (L2411-1): 'yes', 'no', or 'housing' (private HLM bodies and SEM: for State-aided rental housing only). */
  livreIV: 'yes' | 'no' | 'housing';
  /**
   * Maximum payment time in days (R2192-10: 30 for contracting authorities; R2192-11: 50 for public health
   * bodies, 60 for public undertakings other than local public bodies). `lenient` > `strict` where the file
   * cannot tell whether the buyer is a public undertaking: above `lenient` an error, above `strict` a warning.
   */
  paiementMax?: { strict: number; lenient: number };
  /** Financial execution rules of L2191-1 (mandatory advance, retention money): the State and its public bodies other than EPIC, local authorities, their public bodies and groupings. */
  executionFinanciere: boolean;
}

/**
 * The buyer categories the law distinguishes (sources: CCP L2411-1, R2131-12, R2131-16, R2161-9, R2161-16,
 * R2192-10/11, L2191-1; notice on thresholds, annexe 2). Values of version 1 of the format are aliases:
 * `etat` (State and its public bodies) may be a listed central authority or another State body, `hlm` an OPH
 * or a private HLM body, `epic` a State or a local EPIC; a rule then reports an error only when every
 * reading breaks the law, a warning when one does.
 */
export const BUYER_CATEGORIES: Readonly<Record<string, BuyerCategory>> = {
  autorite_publique_centrale: { label: { fr: 'Autorité publique centrale (État, liste de l’avis sur les seuils)', en: 'Central government authority (listed)' }, ccp: 'pa', apc: true, boamp: true, livreIV: 'yes', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: true },
  etat_autre: { label: { fr: 'Autre service ou établissement public administratif de l’État', en: 'Other State body (administrative public body)' }, ccp: 'pa', apc: false, boamp: true, livreIV: 'yes', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: true },
  collectivite: { label: { fr: 'Collectivité territoriale, ses établissements publics ou groupements', en: 'Local authority, its public bodies or groupings' }, ccp: 'pa', apc: false, boamp: true, livreIV: 'yes', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: true },
  etablissement_sante: { label: { fr: 'Établissement public de santé', en: 'Public health body' }, ccp: 'pa', apc: false, boamp: true, livreIV: 'yes', paiementMax: { strict: 50, lenient: 50 }, executionFinanciere: true },
  epic_etat: { label: { fr: 'Établissement public industriel et commercial de l’État', en: 'State industrial and commercial public body (EPIC)' }, ccp: 'pa', apc: false, boamp: false, livreIV: 'yes', paiementMax: { strict: 30, lenient: 60 }, executionFinanciere: false },
  epic_local: { label: { fr: 'Établissement public industriel et commercial local', en: 'Local industrial and commercial public body (EPIC)' }, ccp: 'pa', apc: false, boamp: true, livreIV: 'yes', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: true },
  oph: { label: { fr: 'Office public de l’habitat (OPH)', en: 'Public housing office (OPH)' }, ccp: 'pa', apc: false, boamp: true, livreIV: 'yes', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: true },
  hlm_prive: { label: { fr: 'Organisme privé d’HLM (ESH, coopérative)', en: 'Private social-housing body (ESH, cooperative)' }, ccp: 'pa', apc: false, boamp: false, livreIV: 'housing', paiementMax: { strict: 30, lenient: 60 }, executionFinanciere: false },
  sem: { label: { fr: 'Société d’économie mixte (SEM)', en: 'Semi-public company (SEM)' }, ccp: 'pa', apc: false, boamp: false, livreIV: 'housing', paiementMax: { strict: 30, lenient: 60 }, executionFinanciere: false },
  spl: { label: { fr: 'Société publique locale (SPL)', en: 'Local public company (SPL)' }, ccp: 'pa', apc: false, boamp: false, livreIV: 'no', paiementMax: { strict: 30, lenient: 60 }, executionFinanciere: false },
  pa_droit_prive: { label: { fr: 'Pouvoir adjudicateur de droit privé (association, fondation…)', en: 'Private-law contracting authority' }, ccp: 'pa', apc: false, boamp: false, livreIV: 'no', paiementMax: { strict: 30, lenient: 30 }, executionFinanciere: false },
  entite_adjudicatrice: { label: { fr: 'Entité adjudicatrice (opérateur de réseaux)', en: 'Contracting entity (utilities)' }, ccp: 'ea', apc: false, boamp: false, livreIV: 'no', paiementMax: { strict: 30, lenient: 60 }, executionFinanciere: false },
  prive: { label: { fr: 'Maître d’ouvrage privé (hors code de la commande publique)', en: 'Private owner (outside the public procurement code)' }, ccp: 'none', apc: false, boamp: false, livreIV: 'no', executionFinanciere: false },
};

/** Version-1 values and common words that stand for one or several canonical categories. */
export const BUYER_CATEGORY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  etat: ['autorite_publique_centrale', 'etat_autre'],
  apc: ['autorite_publique_centrale'],
  epic: ['epic_etat', 'epic_local'],
  hlm: ['oph', 'hlm_prive'],
  esh: ['hlm_prive'],
  epsm: ['etablissement_sante'],
  eps: ['etablissement_sante'],
};
