/**
 * The small gymnasium operation of the server tests: a programme with one phase, PH-ACT, and a works
 * consultation naming it, whose two criteria weigh `weights` (CSL-006 unless they add up to 100).
 */

export const GYMNASIUM_PROGRAMME = `operation:
  id: OP
  intitule: Gymnase
phases:
  - id: PH-ACT
    code: ACT
    libelle: Consultation des entreprises
    debut: 2027-01-04
    fin: 2027-03-31
`;

/** The consultation of `op.programme.yaml` (beside it), for the phase `phase`. */
export function gymnasiumConsultation(weights: [number, number], phase = 'PH-ACT'): string {
  return `programme: ./op.programme.yaml
id: C1
objet: Travaux du gymnase
nature: travaux
phase: ${phase}
procedure:
  type: MAPA
date_lancement: 2027-01-11
date_limite_offres: 2027-02-15
non_allotissement:
  motif: Ouvrage unique de faible montant
criteres:
  - {id: PRIX, type: prix, ponderation: ${weights[0]}}
  - {id: ENV, type: environnement, ponderation: ${weights[1]}}
`;
}
