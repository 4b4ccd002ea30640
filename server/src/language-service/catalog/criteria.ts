/**
 * Award-criteria catalogue (domain reference §3.3): the usual criteria of building procurement with
 * their type flag, whether they can carry the offer's environmental characteristics (L2152-7 from
 * 2026-08-21) and typical sub-criteria. Weights in the criteria sets are illustrative defaults only:
 * the code fixes no minimum or maximum ([U] as "typical").
 */

export type CriterionType = 'prix' | 'cout' | 'qualite' | 'environnement' | 'delai' | 'social';

export interface SubCriterionEntry {
  id: string;
  fr: string;
  en: string;
  /** Takes the environmental characteristics of the offer into account. */
  env?: boolean;
}

export interface CriterionEntry {
  code: string;
  fr: string;
  en: string;
  type: CriterionType;
  /** Environmental flag: always (ENV, cost with environmental costs), through sub-criteria, possible, or none. */
  env: 'oui' | 'sous-criteres' | 'possible' | 'non';
  basis: string;
  sousCriteres: readonly SubCriterionEntry[];
}

export const CRITERIA: readonly CriterionEntry[] = [
  {
    code: 'PRIX', fr: 'Prix', en: 'Price', type: 'prix', env: 'non', basis: 'L2152-7 ; R2152-7 2° (prix ou coût obligatoire)',
    sousCriteres: [
      { id: 'PRIX-DPGF', fr: 'Montant total de la DPGF', en: 'Total of the lump-sum price breakdown (DPGF)' },
      { id: 'PRIX-DQE', fr: 'Montant du détail quantitatif estimatif (DQE)', en: 'Total of the detailed quantity estimate (DQE)' },
      { id: 'PRIX-COHERENCE', fr: 'Cohérence des prix unitaires', en: 'Consistency of unit prices' },
    ],
  },
  {
    code: 'COUT', fr: 'Coût global (coût du cycle de vie)', en: 'Whole-life / life-cycle cost', type: 'cout', env: 'oui', basis: 'R2152-7 1° b ; R2152-9 ; R2152-10',
    sousCriteres: [
      { id: 'COUT-INVEST', fr: 'Coût d’investissement', en: 'Investment cost' },
      { id: 'COUT-ENERGIE', fr: 'Coût de l’énergie consommée', en: 'Energy cost', env: true },
      { id: 'COUT-MAINT', fr: 'Coût de maintenance', en: 'Maintenance cost' },
      { id: 'COUT-FIN-VIE', fr: 'Coût de fin de vie', en: 'End-of-life cost', env: true },
    ],
  },
  {
    code: 'VT', fr: 'Valeur technique', en: 'Technical merit', type: 'qualite', env: 'sous-criteres', basis: 'R2152-7 2° a',
    sousCriteres: [
      { id: 'VT-METHODO', fr: 'Méthodologie et compréhension du projet', en: 'Methodology and understanding' },
      { id: 'VT-PHASAGE', fr: 'Organisation et phasage du chantier', en: 'Site organisation and phasing' },
      { id: 'VT-MOYENS', fr: 'Moyens humains et matériels affectés', en: 'Staff and equipment' },
      { id: 'VT-MATERIAUX', fr: 'Qualité des matériaux (fiches techniques)', en: 'Quality of materials (technical sheets)' },
      { id: 'VT-NUISANCES', fr: 'Gestion des nuisances (bruit, poussières, circulation)', en: 'Nuisance management (noise, dust, traffic)', env: true },
      { id: 'VT-SECURITE', fr: 'Hygiène et sécurité (PPSPS)', en: 'Health and safety (PPSPS)' },
      { id: 'VT-DECHETS', fr: 'Gestion des déchets (SOSED)', en: 'Waste management (SOSED)', env: true },
      { id: 'VT-DURABILITE', fr: 'Maintenance et durabilité', en: 'Maintenance and durability' },
    ],
  },
  {
    code: 'ENV', fr: 'Performance environnementale', en: 'Environmental performance', type: 'environnement', env: 'oui', basis: 'L2152-7 (loi 2021-1104 art. 35) ; R2152-7 2° a',
    sousCriteres: [
      { id: 'ENV-CARBONE', fr: 'Empreinte carbone (ACV, FDES) des produits proposés', en: 'Carbon footprint / LCA of proposed products', env: true },
      { id: 'ENV-BIOSOURCES', fr: 'Matériaux biosourcés ou de réemploi', en: 'Bio-based or re-used materials', env: true },
      { id: 'ENV-DECHETS', fr: 'Taux de valorisation des déchets de chantier', en: 'Site-waste recovery rate', env: true },
      { id: 'ENV-CONSO', fr: 'Consommations d’énergie et d’eau du chantier', en: 'Energy and water use on site', env: true },
      { id: 'ENV-LOGISTIQUE', fr: 'Logistique bas carbone', en: 'Low-carbon logistics', env: true },
      { id: 'ENV-BIODIV', fr: 'Mesures en faveur de la biodiversité', en: 'Biodiversity measures', env: true },
      { id: 'ENV-ENERGIE', fr: 'Engagements de performance énergétique', en: 'Energy performance commitments', env: true },
    ],
  },
  {
    code: 'DELAI', fr: 'Délai d’exécution', en: 'Completion time', type: 'delai', env: 'non', basis: 'R2152-7 2° b',
    sousCriteres: [
      { id: 'DELAI-DUREE', fr: 'Durée globale', en: 'Overall duration' },
      { id: 'DELAI-PLANNING', fr: 'Planning détaillé', en: 'Detailed schedule' },
      { id: 'DELAI-REALISME', fr: 'Réalisme du planning', en: 'Realism of the schedule' },
    ],
  },
  {
    code: 'SOC', fr: 'Performances sociales', en: 'Social performance', type: 'social', env: 'non', basis: 'R2152-7 2° a (insertion professionnelle)',
    sousCriteres: [
      { id: 'SOC-INSERTION', fr: 'Heures d’insertion professionnelle', en: 'Hours of professional integration' },
      { id: 'SOC-APPRENTISSAGE', fr: 'Apprentissage', en: 'Apprenticeship' },
    ],
  },
  {
    code: 'PERS', fr: 'Qualification et expérience du personnel', en: 'Staff qualifications and experience', type: 'qualite', env: 'non', basis: 'R2152-7 2° c',
    sousCriteres: [
      { id: 'PERS-EQUIPE', fr: 'Composition de l’équipe', en: 'Team composition' },
      { id: 'PERS-REFERENCES', fr: 'Références', en: 'References' },
      { id: 'PERS-TEMPS', fr: 'Temps affecté par phase', en: 'Time allocated per phase' },
    ],
  },
  {
    code: 'SAV', fr: 'Service après-vente, assistance technique', en: 'After-sales service, technical assistance', type: 'qualite', env: 'non', basis: 'R2152-7 2° b',
    sousCriteres: [
      { id: 'SAV-DELAIS', fr: 'Délais d’intervention', en: 'Response times' },
      { id: 'SAV-MAINTENANCE', fr: 'Offre de maintenance', en: 'Maintenance offer' },
    ],
  },
  { code: 'INNOV', fr: 'Caractère innovant', en: 'Innovation', type: 'qualite', env: 'possible', basis: 'R2152-7 2° a', sousCriteres: [] },
];

/** Typical sub-criteria of the technical criterion for MOE/AMO service consultations (§3.3). */
export const SERVICE_SUBCRITERIA: readonly SubCriterionEntry[] = [
  { id: 'VT-COMPREHENSION', fr: 'Compréhension du programme et du site', en: 'Understanding of the programme and site' },
  { id: 'VT-METHODE', fr: 'Méthode par phase', en: 'Method per phase' },
  { id: 'VT-COUTS', fr: 'Méthode de maîtrise des coûts (engagement sur l’estimation)', en: 'Cost-control method (commitment on the estimate)' },
  { id: 'VT-BIM', fr: 'Démarche BIM', en: 'BIM approach' },
  { id: 'VT-PLANNING', fr: 'Planning des études', en: 'Planning of studies' },
];

const BY_CODE = new Map(CRITERIA.map((c) => [c.code, c]));

export function criterionEntry(code: string | undefined): CriterionEntry | undefined {
  return code ? BY_CODE.get(code.toUpperCase()) : undefined;
}

/** The catalogue entry of a criterion by its id, else by its type when only one entry has it. */
export function criterionEntryFor(id: string | undefined, type: string | undefined): CriterionEntry | undefined {
  const byId = criterionEntry(id);
  if (byId) return byId;
  const sameType = CRITERIA.filter((c) => c.type === type);
  return sameType.length === 1 ? sameType[0] : undefined;
}

export interface CriteriaSetEntry {
  key: 'travaux' | 'services' | 'fournitures';
  fr: string;
  en: string;
  /** Natures (consultation `nature`) the set suits. */
  natures: readonly string[];
  criteria: readonly { code: string; weight: number; sub?: readonly { id: string; weight: number }[] }[];
}

/** Illustrative weighted sets (each adds up to 100) with an environmental criterion (L2152-7). */
export const CRITERIA_SETS: readonly CriteriaSetEntry[] = [
  {
    key: 'travaux', fr: 'Travaux', en: 'Works', natures: ['travaux'],
    criteria: [
      { code: 'PRIX', weight: 40 },
      { code: 'VT', weight: 45, sub: [{ id: 'VT-METHODO', weight: 20 }, { id: 'VT-MOYENS', weight: 10 }, { id: 'VT-MATERIAUX', weight: 8 }, { id: 'VT-NUISANCES', weight: 7 }] },
      { code: 'ENV', weight: 15 },
    ],
  },
  {
    key: 'services', fr: 'Services, maîtrise d’œuvre, AMO', en: 'Services, design, client assistance', natures: ['services', 'maitrise_oeuvre'],
    criteria: [
      { code: 'PRIX', weight: 30 },
      { code: 'VT', weight: 40, sub: [{ id: 'VT-COMPREHENSION', weight: 15 }, { id: 'VT-METHODE', weight: 15 }, { id: 'VT-COUTS', weight: 10 }] },
      { code: 'PERS', weight: 20 },
      { code: 'ENV', weight: 10 },
    ],
  },
  {
    key: 'fournitures', fr: 'Fournitures', en: 'Supplies', natures: ['fournitures'],
    criteria: [
      { code: 'PRIX', weight: 50 },
      { code: 'VT', weight: 25 },
      { code: 'ENV', weight: 15 },
      { code: 'DELAI', weight: 10 },
    ],
  },
];

/** A sub-criterion of the catalogue by id (criteria and service sub-criteria). */
export function subCriterionEntry(id: string): SubCriterionEntry | undefined {
  for (const c of CRITERIA) {
    const hit = c.sousCriteres.find((s) => s.id === id);
    if (hit) return hit;
  }
  return SERVICE_SUBCRITERIA.find((s) => s.id === id);
}
