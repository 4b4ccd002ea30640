/** Phase catalogue: AMO macro-phases and MOE mission elements (Livre IV CCP). */

export interface PhaseEntry {
  code: string;
  fr: string;
  en: string;
  family: 'amo' | 'moe' | 'cloture';
  /** Position in the legal/professional order (PRG-012); equal ranks are interchangeable. */
  rank: number;
  /** MOE element that belongs to the mission de base for buildings (R2431-4). */
  missionDeBase?: boolean;
  livrables?: string;
}

export const PHASES: readonly PhaseEntry[] = [
  { code: 'OPP', fr: 'Études d’opportunité', en: 'Opportunity study', family: 'amo', rank: 10, livrables: 'Note d’opportunité, premiers scénarios, coût d’ordre de grandeur, délibération' },
  { code: 'FAI', fr: 'Études de faisabilité', en: 'Feasibility study', family: 'amo', rank: 20, livrables: 'Analyse de site et PLU, diagnostics de l’existant, G1, scénarios chiffrés, registre des risques initial' },
  { code: 'PROG', fr: 'Programmation (pré-programme, programme)', en: 'Briefing / architectural programming', family: 'amo', rank: 30, livrables: 'Pré-programme, programme technique détaillé, EFP détaillée' },
  { code: 'SEL-MOE', fr: 'Choix de la maîtrise d’œuvre', en: 'Design-team selection', family: 'amo', rank: 40, livrables: 'Stratégie d’achat, avis, règlement, rapports d’analyse, PV du jury, marché de MOE' },
  { code: 'DIAG', fr: 'Études de diagnostic', en: 'Existing-building survey', family: 'moe', rank: 50 },
  { code: 'EP', fr: 'Études préliminaires', en: 'Preliminary studies', family: 'moe', rank: 50 },
  { code: 'ESQ', fr: 'Études d’esquisse', en: 'Sketch design', family: 'moe', rank: 50, missionDeBase: true },
  { code: 'ETU', fr: 'Suivi des études de conception', en: 'Design monitoring', family: 'amo', rank: 50 },
  { code: 'AVP', fr: 'Études d’avant-projet', en: 'Outline/scheme design', family: 'moe', rank: 60 },
  { code: 'APS', fr: 'Avant-projet sommaire', en: 'Outline design', family: 'moe', rank: 60, missionDeBase: true },
  { code: 'APD', fr: 'Avant-projet définitif', en: 'Developed design', family: 'moe', rank: 70, missionDeBase: true },
  { code: 'PRO', fr: 'Études de projet', en: 'Technical design', family: 'moe', rank: 80, missionDeBase: true },
  { code: 'ACT', fr: 'Assistance pour la passation des contrats de travaux', en: 'Tender assistance', family: 'moe', rank: 90, missionDeBase: true },
  { code: 'CONS', fr: 'Consultation des entreprises', en: 'Works tendering', family: 'amo', rank: 90, livrables: 'Revue du DCE, avis, questions-réponses, rapport d’analyse des offres' },
  { code: 'VISA', fr: 'Visa des études d’exécution', en: 'Review of shop drawings', family: 'moe', rank: 100, missionDeBase: true },
  { code: 'EXE', fr: 'Études d’exécution', en: 'Execution drawings', family: 'moe', rank: 100 },
  { code: 'SYN', fr: 'Synthèse', en: 'Coordination of drawings', family: 'moe', rank: 100 },
  { code: 'DET', fr: 'Direction de l’exécution des contrats de travaux', en: 'Site supervision', family: 'moe', rank: 100, missionDeBase: true },
  { code: 'OPC', fr: 'Ordonnancement, pilotage, coordination', en: 'Scheduling and coordination', family: 'moe', rank: 100 },
  { code: 'TRX', fr: 'Suivi des travaux', en: 'Construction monitoring', family: 'amo', rank: 100 },
  { code: 'AOR', fr: 'Assistance aux opérations de réception', en: 'Handover assistance', family: 'moe', rank: 110, missionDeBase: true },
  { code: 'REC', fr: 'Réception', en: 'Handover / acceptance', family: 'amo', rank: 110, livrables: 'PV des OPR, PV de réception, levée des réserves, DOE, DIUO' },
  { code: 'GPA', fr: 'Garantie de parfait achèvement (1 an)', en: 'Defects-liability year', family: 'amo', rank: 120 },
  { code: 'EXP', fr: 'Exploitation-maintenance', en: 'Operation', family: 'amo', rank: 130 },
];

const BY_CODE = new Map(PHASES.map((p) => [p.code, p]));

export function phaseEntry(code: string | undefined): PhaseEntry | undefined {
  return code ? BY_CODE.get(code.toUpperCase()) : undefined;
}

/** Codes that run inside DET rather than after it (R2431-4): checked against DET's dates, not by order. */
export const INSIDE_DET = new Set(['VISA', 'EXE', 'SYN', 'OPC']);
