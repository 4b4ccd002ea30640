/**
 * Award-criteria catalogue (CCP R2152-7): the usual criteria of building procurement with
 * their type flag, whether they can carry the offer's environmental characteristics (L2152-7 from
 * 2026-08-21) and typical sub-criteria. Weights in the criteria sets are illustrative defaults only:
 * the code fixes no minimum or maximum ([U] as "typical").
 */

export type CriterionType = 'prix' | 'cout' | 'qualite' | 'environnement' | 'delai' | 'social' | 'experience' | 'methode' | 'coordination' | 'independance' | 'references';

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
  /**
   * Only for intellectual services (AMO, MOE, OPC…): offered by completion in consultations of that
   * kind only, where a works or supplies buyer would never use them.
   */
  services?: boolean;
  /** A caveat shown with the entry (how the criterion may lawfully be used). */
  note?: { fr: string; en: string };
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
  // AMO / MOE missions: what an intellectual-services buyer actually judges. R2152-7 2° c
  // allows the team's qualifications and experience as an award criterion when the quality of the
  // assigned staff significantly affects performance — the case of every AMO or MOE mission.
  {
    code: 'EXPERIENCE', fr: 'Expérience et qualifications de l’équipe affectée', en: 'Experience and qualifications of the assigned team', type: 'experience', env: 'non', services: true,
    basis: 'R2152-7 2° c (organisation, qualifications et expérience du personnel assigné à l’exécution du marché)',
    note: { fr: 'Juge l’équipe nommément affectée à la mission (CV, temps passé), pas les références de l’entreprise.', en: 'Judges the team named for the assignment (CVs, time spent), not the firm’s references.' },
    sousCriteres: [
      { id: 'EXPERIENCE-CHEF', fr: 'Expérience du chef de projet sur des opérations comparables', en: 'Project leader’s experience of comparable operations' },
      { id: 'EXPERIENCE-EQUIPE', fr: 'Composition et qualifications de l’équipe (CV nominatifs)', en: 'Team composition and qualifications (named CVs)' },
      { id: 'EXPERIENCE-DISPONIBILITE', fr: 'Disponibilité et temps affecté par intervenant', en: 'Availability and time allocated per person' },
    ],
  },
  {
    code: 'METHODE', fr: 'Méthodologie et organisation de la mission', en: 'Method and organisation of the assignment', type: 'methode', env: 'sous-criteres', services: true,
    basis: 'R2152-7 2° a (valeur technique de l’offre)',
    sousCriteres: [
      { id: 'METHODE-COMPREHENSION', fr: 'Compréhension des enjeux de l’opération', en: 'Understanding of the operation’s stakes' },
      { id: 'METHODE-ORGANISATION', fr: 'Organisation et phasage de la mission', en: 'Organisation and phasing of the assignment' },
      { id: 'METHODE-OUTILS', fr: 'Outils de pilotage (planning, coûts, risques)', en: 'Steering tools (schedule, costs, risks)' },
      { id: 'METHODE-ENV', fr: 'Démarche environnementale de la mission (sobriété, bas carbone)', en: 'Environmental approach of the assignment (sufficiency, low carbon)', env: true },
    ],
  },
  {
    code: 'COORDINATION', fr: 'Capacité de coordination des intervenants', en: 'Ability to coordinate the parties', type: 'coordination', env: 'non', services: true,
    basis: 'R2152-7 2° a et c (valeur technique ; organisation du personnel assigné)',
    sousCriteres: [
      { id: 'COORDINATION-INTERFACES', fr: 'Gestion des interfaces (maîtrise d’œuvre, entreprises, concessionnaires, usagers)', en: 'Interface management (designer, contractors, utilities, users)' },
      { id: 'COORDINATION-REUNIONS', fr: 'Organisation des réunions, comptes rendus et circuits de validation', en: 'Meetings, minutes and approval workflows' },
    ],
  },
  {
    code: 'INDEPENDANCE', fr: 'Garanties d’indépendance et prévention des conflits d’intérêts', en: 'Independence guarantees and prevention of conflicts of interest', type: 'independance', env: 'non', services: true,
    basis: 'L2141-10 CCP (conflit d’intérêts) ; guide Cinov/Untec « 52 missions d’AMO » ; choisirsonamo.fr',
    note: {
      fr: 'Note les garanties proposées (déclaration des liens, organisation) ; un conflit d’intérêts avéré n’est pas une mauvaise note mais un motif d’exclusion (L2141-10) — voir AMO-001.',
      en: 'Scores the guarantees offered (declared links, organisation); an actual conflict of interest is not a low score but a ground for exclusion (L2141-10) — see AMO-001.',
    },
    sousCriteres: [
      { id: 'INDEPENDANCE-LIENS', fr: 'Déclaration des liens avec les entreprises et concepteurs', en: 'Declared links with contractors and designers' },
      { id: 'INDEPENDANCE-MESURES', fr: 'Mesures de prévention des conflits d’intérêts', en: 'Measures preventing conflicts of interest' },
    ],
  },
  {
    code: 'REFERENCES', fr: 'Références', en: 'References', type: 'references', env: 'non', services: true,
    basis: 'L2142-1, R2142-1 et arrêté du 22 mars 2019 (capacités techniques et professionnelles des candidats)',
    note: {
      fr: 'Les références jugent le candidat (ses capacités, à l’examen des candidatures), pas son offre : pour noter l’offre d’une prestation intellectuelle, jugez l’expérience de l’équipe affectée (`experience`, R2152-7 2° c) — AMO-002.',
      en: 'References judge the candidate (its capacities, when candidatures are examined), not its offer: to score the offer for intellectual services, judge the assigned team’s experience (`experience`, R2152-7 2° c) — AMO-002.',
    },
    sousCriteres: [],
  },
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
  key: 'travaux' | 'services' | 'fournitures' | 'amo';
  fr: string;
  en: string;
  /** Natures (consultation `nature`) the set suits. */
  natures: readonly string[];
  /** Missions (consultation `mission`) the set suits; they win over the nature when given. */
  missions?: readonly string[];
  /** Only offered in intellectual-services consultations (see CriterionEntry.services). */
  services?: boolean;
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
  {
    // The environmental characteristics (L2152-7) go through a weighted sub-criterion of the method.
    key: 'amo', fr: 'AMO / maîtrise d’œuvre : équipe, méthode, coordination, indépendance', en: 'AMO / design: team, method, coordination, independence', natures: [], missions: ['amo', 'moe', 'conduite_operation', 'opc'], services: true,
    criteria: [
      { code: 'PRIX', weight: 30 },
      { code: 'EXPERIENCE', weight: 25 },
      { code: 'METHODE', weight: 25, sub: [{ id: 'METHODE-ORGANISATION', weight: 15 }, { id: 'METHODE-ENV', weight: 10 }] },
      { code: 'COORDINATION', weight: 10 },
      { code: 'INDEPENDANCE', weight: 10 },
    ],
  },
];

/**
 * Whether a consultation buys intellectual services (AMO, MOE, OPC…): a `mission`, or a services or
 * design nature. The AMO/MOE criteria are only offered there.
 */
export function isIntellectualServices(nature: unknown, mission: unknown): boolean {
  return (typeof mission === 'string' && mission !== '') || nature === 'services' || nature === 'maitrise_oeuvre';
}

/** The mission a consultation buys: `mission`, else `moe` for a design (maîtrise d’œuvre) nature. */
export function missionOf(nature: unknown, mission: unknown): string | undefined {
  if (typeof mission === 'string' && mission !== '') return mission;
  return nature === 'maitrise_oeuvre' ? 'moe' : undefined;
}

/** A sub-criterion of the catalogue by id (criteria and service sub-criteria). */
export function subCriterionEntry(id: string): SubCriterionEntry | undefined {
  for (const c of CRITERIA) {
    const hit = c.sousCriteres.find((s) => s.id === id);
    if (hit) return hit;
  }
  return SERVICE_SUBCRITERIA.find((s) => s.id === id);
}
