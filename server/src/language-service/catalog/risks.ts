import { fold } from '../util/strings';

/** Risk categories (ISO 31000:2018 vocabulary, construction practice), with the words consultants use for them. */
export interface RiskCategory {
  code: string;
  fr: string;
  en: string;
  /** Folded prefixes that identify the category in free text ("technique", "tech", "TEC"…). */
  prefixes: string[];
}

export const RISK_CATEGORIES: readonly RiskCategory[] = [
  { code: 'TEC', fr: 'Technique', en: 'Technical', prefixes: ['tec'] },
  { code: 'REG', fr: 'Réglementaire', en: 'Regulatory', prefixes: ['reg', 'jurid', 'urbanis'] },
  { code: 'PROC', fr: 'Procédure', en: 'Procurement', prefixes: ['proc', 'pass', 'achat', 'contrac'] },
  { code: 'FIN', fr: 'Financier', en: 'Financial', prefixes: ['fin', 'budg', 'econ', 'cout'] },
  { code: 'ENT', fr: 'Entreprises', en: 'Contractors', prefixes: ['ent'] },
  { code: 'CHT', fr: 'Chantier', en: 'Site', prefixes: ['cht', 'chan', 'secu', 'site'] },
  { code: 'ORG', fr: 'Organisation', en: 'Organisation', prefixes: ['org', 'gouv', 'poli', 'huma', 'soci', 'plan', 'delai'] },
  { code: 'EXP', fr: 'Exploitation', en: 'Operation', prefixes: ['exp', 'maint'] },
  { code: 'ENV', fr: 'Environnement', en: 'Environment', prefixes: ['env', 'ener', 'pollu', 'clim'] },
  { code: 'ETU', fr: 'Études', en: 'Studies', prefixes: ['etu', 'conc'] },
];

/** The catalogue's words folded once: RSK-001 looks up the category of every risk on every keystroke. */
const FOLDED_CATEGORIES = RISK_CATEGORIES.map((c) => ({ c, code: fold(c.code), fr: fold(c.fr), en: fold(c.en) }));

/** The catalogue category for a `categorie` value (code, French or English word, or a catalogue risk code). */
export function riskCategory(value: string, custom: readonly string[] = []): RiskCategory | 'custom' | undefined {
  const f = fold(value.trim());
  if (custom.some((c) => fold(c) === f)) return 'custom';
  const head = f.split(/[-_\s/]/)[0];
  for (const { c, code, fr, en } of FOLDED_CATEGORIES) {
    if (code === head || fr === f || en === f) return c;
  }
  for (const c of RISK_CATEGORIES) {
    if (c.prefixes.some((p) => f.startsWith(p))) return c;
  }
  return undefined;
}

export interface CatalogRisk {
  code: string;
  category: string;
  fr: string;
  owner: string;
  treatment: string;
  strategie: string;
}

export const RISK_CATALOG: readonly CatalogRisk[] = [
  { code: 'TEC-AMIANTE', category: 'TEC', fr: 'Amiante découvert ou découvert tardivement (permis avant le 01/07/1997)', owner: 'MOA', treatment: 'RAT avant DCE, joint au DCE, lot désamiantage, provision', strategie: 'supprimer_source' },
  { code: 'TEC-PLOMB', category: 'TEC', fr: 'Peintures au plomb', owner: 'MOA', treatment: 'Diagnostic, mesures de retrait', strategie: 'reduire_probabilite' },
  { code: 'TEC-SOL', category: 'TEC', fr: 'Sol imprévu (portance, argiles gonflantes, nappe)', owner: 'MOA', treatment: 'Missions G1 puis G2 (NF P 94-500), sondages, provision', strategie: 'reduire_probabilite' },
  { code: 'TEC-POLLUTION', category: 'TEC', fr: 'Sols ou déblais pollués', owner: 'MOA', treatment: 'Diagnostic, filières d’évacuation, provision', strategie: 'reduire_impact' },
  { code: 'TEC-EXISTANT', category: 'TEC', fr: 'Méconnaissance de l’existant (structure, réseaux, pathologies)', owner: 'MOE', treatment: 'DIAG, sondages destructifs, plans de récolement', strategie: 'reduire_probabilite' },
  { code: 'TEC-RESEAUX', category: 'TEC', fr: 'Réseaux endommagés ou mal localisés', owner: 'MOE', treatment: 'DT-DICT, détection', strategie: 'reduire_probabilite' },
  { code: 'TEC-CONCEPTION', category: 'TEC', fr: 'Erreur ou insuffisance de conception ; interfaces entre lots', owner: 'MOE', treatment: 'VISA, synthèse, contrôle technique', strategie: 'reduire_probabilite' },
  { code: 'TEC-PERF-ENERGIE', category: 'TEC', fr: 'Objectifs énergétiques non atteints ou CEE non éligibles', owner: 'MOA', treatment: 'Simulation thermique, commissionnement, vérification des fiches CEE', strategie: 'reduire_probabilite' },
  { code: 'REG-PC-REFUS', category: 'REG', fr: 'Permis refusé ou retardé (ABF, commission ERP)', owner: 'MOA', treatment: 'Consultation précoce ABF/SDIS/DDT', strategie: 'reduire_probabilite' },
  { code: 'REG-RECOURS-PC', category: 'REG', fr: 'Recours des tiers contre le permis (2 mois après affichage)', owner: 'MOA', treatment: 'Constat d’affichage par huissier ; travaux après purge du délai', strategie: 'eviter' },
  { code: 'REG-ARCHEO', category: 'REG', fr: 'Prescription d’archéologie préventive', owner: 'MOA', treatment: 'Demande anticipée de prescription, marge de planning', strategie: 'reduire_impact' },
  { code: 'REG-EVOL', category: 'REG', fr: 'Évolution réglementaire en cours d’opération', owner: 'MOA', treatment: 'Veille ; clauses contractuelles', strategie: 'accepter' },
  { code: 'PROC-INFRUCTUEUX', category: 'PROC', fr: 'Appel d’offres infructueux', owner: 'MOA', treatment: 'Sourçage, estimation réaliste, allotissement', strategie: 'reduire_probabilite' },
  { code: 'PROC-RECOURS', category: 'PROC', fr: 'Recours précontractuel ou contractuel', owner: 'MOA', treatment: 'RC conforme, critères transparents, standstill', strategie: 'reduire_probabilite' },
  { code: 'PROC-OAB', category: 'PROC', fr: 'Offre anormalement basse retenue', owner: 'MOA', treatment: 'Détection et procédure contradictoire (L2152-6)', strategie: 'reduire_probabilite' },
  { code: 'PROC-CRITERE-ENV', category: 'PROC', fr: 'Critère environnemental manquant après le 21/08/2026', owner: 'AMO', treatment: 'Modèle de critère (CSL-004)', strategie: 'supprimer_source' },
  { code: 'FIN-DEPASSEMENT', category: 'FIN', fr: 'Dépassement de l’enveloppe financière', owner: 'MOA', treatment: 'Conception à coût objectif, revues à chaque phase, aléas', strategie: 'reduire_probabilite' },
  { code: 'FIN-REVISION', category: 'FIN', fr: 'Hausse des prix (matériaux, énergie)', owner: 'MOA', treatment: 'Clauses de révision, indices', strategie: 'partager' },
  { code: 'FIN-SUBVENTION', category: 'FIN', fr: 'Subvention refusée ou retardée', owner: 'MOA', treatment: 'Plan de financement avec marges', strategie: 'reduire_impact' },
  { code: 'ENT-DEFAILLANCE', category: 'ENT', fr: 'Défaillance d’une entreprise', owner: 'MOA', treatment: 'Vérification de la capacité financière, retenues de garantie', strategie: 'reduire_impact' },
  { code: 'ENT-APPRO', category: 'ENT', fr: 'Retards ou pénuries d’approvisionnement', owner: 'Entreprise', treatment: 'Commandes anticipées, variantes', strategie: 'reduire_probabilite' },
  { code: 'CHT-METEO', category: 'CHT', fr: 'Intempéries', owner: 'Entreprise', treatment: 'Marge de planning, clauses de jours d’intempéries', strategie: 'accepter' },
  { code: 'CHT-SECURITE', category: 'CHT', fr: 'Accident de chantier', owner: 'Entreprise', treatment: 'PGC, PPSPS, coordination SPS', strategie: 'reduire_probabilite' },
  { code: 'CHT-SITE-OCCUPE', category: 'CHT', fr: 'Travaux en site occupé', owner: 'MOA', treatment: 'Phasage, locaux provisoires', strategie: 'reduire_impact' },
  { code: 'CHT-RIVERAINS', category: 'CHT', fr: 'Plaintes des riverains (bruit, circulation)', owner: 'MOA', treatment: 'Communication, charte chantier à faibles nuisances', strategie: 'reduire_probabilite' },
  { code: 'ORG-PROGRAMME', category: 'ORG', fr: 'Évolutions du programme pendant les études', owner: 'MOA', treatment: 'Programme arrêté avant l’AVP (L2421-3) ; gestion des modifications', strategie: 'reduire_probabilite' },
  { code: 'ORG-DECISION', category: 'ORG', fr: 'Décisions ou validations tardives du maître d’ouvrage', owner: 'MOA', treatment: 'Gouvernance, calendrier de décisions', strategie: 'reduire_probabilite' },
  { code: 'ORG-GOUVERNANCE', category: 'ORG', fr: 'Changement politique, rotation des équipes', owner: 'MOA', treatment: 'Dossier d’opération et traçabilité', strategie: 'reduire_impact' },
  { code: 'EXP-MISE-SERVICE', category: 'EXP', fr: 'Difficultés de mise en service, exploitants non formés', owner: 'MOA', treatment: 'Plan de mise en service, formation, qualité du DOE', strategie: 'reduire_probabilite' },
  { code: 'EXP-GPA', category: 'EXP', fr: 'Réserves non levées avant la fin de la GPA', owner: 'MOE', treatment: 'Suivi des réserves ; exécution aux frais de l’entreprise', strategie: 'reduire_probabilite' },
];

export const STRATEGIES: readonly { code: string; fr: string; en: string; iso: string }[] = [
  { code: 'eviter', fr: 'Éviter', en: 'Avoid', iso: 'Avoid (do not start or continue the activity)' },
  { code: 'supprimer_source', fr: 'Supprimer la source', en: 'Remove the source', iso: 'Remove the risk source' },
  { code: 'reduire_probabilite', fr: 'Réduire la probabilité', en: 'Reduce likelihood', iso: 'Change the likelihood' },
  { code: 'reduire_impact', fr: 'Réduire l’impact', en: 'Reduce impact', iso: 'Change the consequences' },
  { code: 'partager', fr: 'Partager (assurance, contrat)', en: 'Share', iso: 'Share the risk' },
  { code: 'transferer', fr: 'Transférer (assurance, contrat)', en: 'Transfer', iso: 'Share the risk' },
  { code: 'accepter', fr: 'Accepter (décision éclairée)', en: 'Retain', iso: 'Retain the risk by informed decision' },
  { code: 'saisir', fr: 'Saisir l’opportunité', en: 'Pursue the opportunity', iso: 'Take or increase the risk to pursue an opportunity' },
];
