/**
 * Thresholds, key dates and minimum delays of French public procurement, as versioned data with
 * validity intervals (domain reference §2.6). Rules never hold these figures as literals: they look
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

export const EU_THRESHOLDS: readonly DatedValue[] = [
  // 2020–2023: for consultations of operations already under way (examples/mediatheque-prevert-*).
  { key: 'travaux', value: 5_350_000, from: '2020-01-01', to: '2021-12-31', conf: 'S', source: 'Règlements délégués (UE) 2019/1827-1830 ; avis JO 9 déc. 2019' },
  { key: 'travaux', value: 5_382_000, from: '2022-01-01', to: '2023-12-31', conf: 'S', source: 'Règlements délégués (UE) 2021/1950-1953 ; avis JO 9 déc. 2021' },
  { key: 'fcs_etat', value: 139_000, from: '2020-01-01', to: '2021-12-31', conf: 'S', source: 'Règlements délégués (UE) 2019/1827-1830 ; avis JO 9 déc. 2019' },
  { key: 'fcs_etat', value: 140_000, from: '2022-01-01', to: '2023-12-31', conf: 'S', source: 'Règlements délégués (UE) 2021/1950-1953 ; avis JO 9 déc. 2021' },
  { key: 'fcs_autres_pa', value: 214_000, from: '2020-01-01', to: '2021-12-31', conf: 'S', source: 'Règlements délégués (UE) 2019/1827-1830 ; avis JO 9 déc. 2019' },
  { key: 'fcs_autres_pa', value: 215_000, from: '2022-01-01', to: '2023-12-31', conf: 'S', source: 'Règlements délégués (UE) 2021/1950-1953 ; avis JO 9 déc. 2021' },
  { key: 'fcs_ea_defense', value: 428_000, from: '2020-01-01', to: '2021-12-31', conf: 'S', source: 'Règlements délégués (UE) 2019/1827-1830 ; avis JO 9 déc. 2019' },
  { key: 'fcs_ea_defense', value: 431_000, from: '2022-01-01', to: '2023-12-31', conf: 'S', source: 'Règlements délégués (UE) 2021/1950-1953 ; avis JO 9 déc. 2021' },
  { key: 'travaux', value: 5_538_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: 'Avis JO 2023, annexe 2 CCP' },
  { key: 'travaux', value: 5_404_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: 'Règlements (UE) 2025/2150-2152 ; avis JO 26 déc. 2025' },
  { key: 'fcs_etat', value: 143_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: 'Avis JO 2023, annexe 2 CCP' },
  { key: 'fcs_etat', value: 140_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: 'Règlements (UE) 2025/2150-2152 ; avis JO 26 déc. 2025' },
  { key: 'fcs_autres_pa', value: 221_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: 'Avis JO 2023, annexe 2 CCP' },
  { key: 'fcs_autres_pa', value: 216_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: 'Règlements (UE) 2025/2150-2152 ; avis JO 26 déc. 2025' },
  { key: 'fcs_ea_defense', value: 443_000, from: '2024-01-01', to: '2025-12-31', conf: 'V', source: 'Avis JO 2023, annexe 2 CCP' },
  { key: 'fcs_ea_defense', value: 432_000, from: '2026-01-01', to: '2027-12-31', conf: 'V', source: 'Règlements (UE) 2025/2150-2152 ; avis JO 26 déc. 2025' },
];

export const FR_THRESHOLDS: readonly DatedValue[] = [
  { key: 'dispense_travaux', value: 40_000, from: '2025-01-01', to: '2025-12-31', conf: 'S', source: 'R2122-8 (fin du seuil temporaire ASAP)' },
  { key: 'dispense_travaux', value: 100_000, from: '2026-01-01', conf: 'V', source: 'R2122-8 mod. décret 2025-1386 art. 1' },
  { key: 'dispense_fcs', value: 40_000, from: '2020-01-01', to: '2026-03-31', conf: 'V', source: 'R2122-8' },
  { key: 'dispense_fcs', value: 60_000, from: '2026-04-01', conf: 'V', source: 'R2122-8 mod. décret 2025-1386 art. 1' },
  { key: 'dce_gratuit_profil', value: 40_000, from: '2020-01-01', to: '2026-03-31', conf: 'S', source: 'R2132-2' },
  { key: 'dce_gratuit_profil', value: 60_000, from: '2026-04-01', conf: 'V', source: 'R2132-2 mod. décret 2025-1386' },
  { key: 'mapa_publicite_libre_max', value: 90_000, from: '2019-04-01', conf: 'V', source: 'R2131-12' },
  { key: 'petit_lot_fcs', value: 80_000, conf: 'V', source: 'R2123-1 2°' },
  { key: 'petit_lot_travaux', value: 1_000_000, conf: 'V', source: 'R2123-1 2°' },
  { key: 'petits_lots_part_max', value: 0.2, conf: 'V', source: 'R2123-1 2°' },
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
  { key: 're2020_enseignement', date: '2022-07-01', conf: 'V', source: 'CCH R172-x' },
  { key: 're2020_tertiaire_specifique', date: '2026-05-01', conf: 'V', source: 'Décret 2026-16 du 15 janvier 2026' },
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

/** Minimum time limits in days, pouvoirs adjudicateurs (R2161-x), valid since 2019-04-01. */
export const MINIMUM_DELAYS: Readonly<Record<string, MinimumDelay>> = {
  AOO: { standard: 35, electronique: 30, preinformation: 15, urgence: 15, conf: 'V', basis: 'R2161-2, R2161-3' },
  AOR_candid: { standard: 30, urgence: 15, conf: 'S', basis: 'R2161-6' },
  AOR_offres: { standard: 30, electronique: 25, preinformation: 10, urgence: 10, conf: 'S', basis: 'R2161-7, R2161-8' },
  PN_candid: { standard: 30, urgence: 15, conf: 'V', basis: 'R2161-12' },
  PN_offres: { standard: 30, electronique: 25, preinformation: 10, urgence: 10, conf: 'V', basis: 'R2161-14, R2161-15' },
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

/** The EU threshold key for a consultation's nature and buyer category. */
export function euThresholdKey(nature: string | undefined, categorie: string | undefined, defense: boolean): string {
  if (nature === 'travaux') return 'travaux';
  if (defense || categorie === 'entite_adjudicatrice') return 'fcs_ea_defense';
  if (categorie === 'etat') return 'fcs_etat';
  return 'fcs_autres_pa';
}
