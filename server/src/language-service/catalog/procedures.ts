/**
 * Procedure types for contracting authorities: the code used in
 * `procedure.type`, its legal basis and the condition under which it may be used.
 */

export interface ProcedureEntry {
  code: string;
  fr: string;
  en: string;
  basis: string;
  /** A formalised procedure (R2152-12 weighting, minimum delays, standstill). */
  formalised: boolean;
  condition: { fr: string; en: string };
  conf: 'V' | 'S' | 'V/S';
}

export const PROCEDURES: readonly ProcedureEntry[] = [
  {
    code: 'SPMC', fr: 'Marché sans publicité ni mise en concurrence préalables', en: 'Contract without prior publication or competition', basis: 'L2122-1 ; R2122-1 à R2122-11', formalised: false, conf: 'V',
    condition: {
      fr: 'Cas limitativement énumérés et d’interprétation stricte, que l’acheteur doit pouvoir justifier : urgence impérieuse (R2122-1), procédure infructueuse (R2122-2), opérateur unique (R2122-3), lauréat d’un concours (R2122-6), faible montant (R2122-8). Un seul opérateur est normalement sollicité ; en consulter plusieurs en fait un MAPA.',
      en: 'A closed list of cases, strictly interpreted, which the buyer must be able to justify: imperative urgency (R2122-1), unsuccessful procedure (R2122-2), single operator (R2122-3), design-contest winner (R2122-6), low value (R2122-8). Normally one operator only; consulting several makes it a MAPA.',
    },
  },
  {
    code: 'MAPA', fr: 'Procédure adaptée', en: 'Adapted procedure', basis: 'L2123-1 ; R2123-1 à R2123-8', formalised: false, conf: 'V',
    condition: {
      fr: 'Valeur estimée inférieure au seuil européen ; ou « petits lots » d’une opération formalisée (R2123-1 2°) ; ou en raison de l’objet (services sociaux et spécifiques). Modalités librement fixées, proportionnées au besoin (R2123-4).',
      en: 'Estimated value below the EU threshold; or "small lots" of a formalised operation (R2123-1 2°); or by subject (social and specific services). Terms set freely, proportionate to the need (R2123-4).',
    },
  },
  {
    code: 'AOO', fr: 'Appel d’offres ouvert', en: 'Open call for tenders', basis: 'L2124-2 ; R2161-2 à R2161-5', formalised: true, conf: 'V',
    condition: {
      fr: 'Procédure formalisée, en une étape : aucune négociation, seulement des demandes de précisions ; les offres peuvent être examinées avant les candidatures.',
      en: 'Formalised, single-stage procedure: no negotiation, clarifications only; tenders may be examined before applications.',
    },
  },
  {
    code: 'AOR', fr: 'Appel d’offres restreint', en: 'Restricted call for tenders', basis: 'L2124-2 ; R2161-6 à R2161-11', formalised: true, conf: 'V/S',
    condition: {
      fr: 'Procédure formalisée en deux étapes : candidatures, puis offres des seuls candidats invités.',
      en: 'Formalised two-stage procedure: applications, then tenders from the invited candidates only.',
    },
  },
  {
    code: 'PN', fr: 'Procédure avec négociation', en: 'Competitive procedure with negotiation', basis: 'L2124-3 ; R2124-3 ; R2161-12 à R2161-20', formalised: true, conf: 'V',
    condition: {
      fr: 'Pour un pouvoir adjudicateur, seulement dans les cas de R2124-3 : adaptation de solutions disponibles, solution innovante, prestations de conception, complexité, montage ou risques, spécifications impossibles à établir, offres irrégulières ou inacceptables lors d’un appel d’offres. Sinon le contrat est nul (CE 7 oct. 2020, n° 440575).',
      en: 'For a contracting authority, only in the cases of R2124-3: adapting available solutions, innovative solution, design services, complexity, set-up or risks, specifications impossible to define, irregular or unacceptable tenders in a call for tenders. Otherwise the contract is void (CE 7 Oct 2020, no. 440575).',
    },
  },
  {
    code: 'DC', fr: 'Dialogue compétitif', en: 'Competitive dialogue', basis: 'L2124-4 ; R2124-5', formalised: true, conf: 'S',
    condition: {
      fr: 'Mêmes cas que la procédure avec négociation (R2124-3).',
      en: 'Same cases as the competitive procedure with negotiation (R2124-3).',
    },
  },
  {
    code: 'CONCOURS', fr: 'Concours', en: 'Design contest', basis: 'L2125-1 ; R2162-15 à R2162-26 ; R2172-2', formalised: false, conf: 'S',
    condition: {
      fr: 'Technique d’achat, pas une procédure : anonymat des projets et jury. Le marché de maîtrise d’œuvre est ensuite négocié sans mise en concurrence avec le ou les lauréats (R2122-6). Concours restreint requis pour la MOE d’un bâtiment neuf au-dessus des seuils formalisés (R2172-2), sauf exceptions.',
      en: 'A purchasing technique, not a procedure: anonymous projects and a jury. The design contract is then negotiated without competition with the winner(s) (R2122-6). A restricted contest is required for design of a new building above the formalised thresholds (R2172-2), with exceptions.',
    },
  },
];

const BY_CODE = new Map(PROCEDURES.map((p) => [p.code, p]));

export function procedureEntry(code: string | undefined): ProcedureEntry | undefined {
  return code ? BY_CODE.get(code.toUpperCase()) : undefined;
}
