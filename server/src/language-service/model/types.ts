/**
 * The typed read-model of a programme and of a consultation (docs/architecture.md, "The model"): what the
 * rules, completion, hovers, hints, navigation and the renderer read instead of walking the YAML data.
 *
 * Built once per parse from the normalised data (model/build.ts), so every spelling the format accepts has
 * already been read as its canonical form. Every entity keeps its `path` in the document (diagnostics and
 * click-to-source land on the exact node through parse.ts `locate`) and the object it was read from (`o`),
 * for the rare field the model does not type. Typed fields are checked as they are read: a value of the
 * wrong type is absent here (the schema reports it), never a crash further on.
 */
import type { Path } from '../types';
import type { Obj } from '../util/data';

/** An object of a list of the document. */
export interface Entity {
  /** Its path in the document: `['phases', 2]`, `['lots', 0, 'criteres', 1]`. */
  path: Path;
  /** Its index in its list. */
  index: number;
  /** The object as read (normalised data). */
  o: Obj;
  /** Set when the item is not an object (a scalar or null, which the schema reports): `o` is then empty. */
  notObject?: true;
}

// Programme

export interface PhaseM extends Entity {
  id?: string;
  /** The id, else the label, else `#n`: how messages and documents name it. */
  name: string;
  libelle?: string;
  /** The phase's code (`ESQ`, `DET`, `TRX`…), upper case as the catalogue writes it. */
  code?: string;
  debut?: string;
  fin?: string;
  livrables: DeliverableM[];
  jalons: MilestoneM[];
}

export interface DeliverableM extends Entity {
  phase: PhaseM;
  id?: string;
  name: string;
  libelle?: string;
  /** As written; `status` gives the follow-up status. */
  statut?: string;
  /** `statut`, else `attendu` when the programme's follow-up is active (model/followup.ts). */
  status?: string;
}

export interface MilestoneM extends Entity {
  phase: PhaseM;
  id?: string;
  name: string;
  libelle?: string;
  /** Planned date (a real ISO date, else absent). */
  date?: string;
  /** Actual date. */
  dateReelle?: string;
}

export interface RiskM extends Entity {
  /** The id, else `#n`. */
  name: string;
  id?: string;
  titre?: string;
  probabilite?: number;
  impact?: number;
  /** Probability × impact (model/risks.ts). */
  criticality?: number;
  /** Residual probability × residual impact. */
  residual?: number;
  statut?: string;
  /** The id of the acteur who owns it. */
  proprietaire?: string;
  /** The ids of the phases it is linked to (`phases:`), each with its path. */
  phaseRefs: RefM[];
}

/** An id written in a list of references (a risk's `phases`), with its path: what the value is, not what it names. */
export interface RefM {
  path: Path;
  value: unknown;
}

export interface ActorM extends Entity {
  id?: string;
  nom?: string;
  role?: string;
  organisme?: string;
}

export interface IndicatorM extends Entity {
  id?: string;
  name: string;
  cible?: number;
  sens?: string;
  mesures: Entity[];
}

export interface RiskScale {
  p: number;
  i: number;
  seuil: number;
  declared: boolean;
}

export interface ProgrammeModel {
  kind: 'programme';
  data: Obj;
  operation: Obj;
  /** `operation.nature`: one value or a mixed list (model/operation.ts). */
  natures: string[];
  actors: ActorM[];
  phases: PhaseM[];
  /** Every deliverable of every phase, in document order. */
  deliverables: DeliverableM[];
  /** Every milestone of every phase, in document order. */
  milestones: MilestoneM[];
  risks: RiskM[];
  riskScale: RiskScale;
  indicators: IndicatorM[];
  /** Follow-up is active once one deliverable carries a `statut` (model/followup.ts). */
  followUp: boolean;
}

// Consultation

export interface CriterionM extends Entity {
  /** The id, else `#n` (a sub-criterion: `<parent>.n`), as the RAO prints it. */
  name: string;
  id?: string;
  libelle?: string;
  /** Declared, else inferred from the id or label (`prix`, `cout`: model/consultation.ts). */
  type?: string;
  ponderation?: number;
  /** The weight in totals: the ponderation, else the middle of its range. */
  weight?: number;
  priceOrCost: boolean;
  environmental: boolean;
  sub: CriterionM[];
}

export interface CriteriaSetM {
  /** Path of the `criteres` list. */
  path: Path;
  criteria: CriterionM[];
  /** The object that holds the list (the consultation or a lot). */
  owner: Obj;
  lotId?: string;
}

export interface LotM extends Entity {
  id?: string;
  name: string;
  libelle?: string;
  statut?: string;
  /** `valeur_estimee_ht`. */
  valeurEstimeeHt?: number;
  /** `montant_attribue_ht`: the awarded amount. */
  montantAttribueHt?: number;
  /** The lot's own criteria set, when it has one. */
  criteria?: CriteriaSetM;
}

export interface OfferM extends Entity {
  /** The id, else `#n`. */
  name: string;
  id?: string;
  candidat?: string;
  lot?: string;
  prixHt?: number;
  prixTtc?: number;
  statut?: string;
  /** Ranked unless its statut removes it (irregular, unacceptable, inappropriate, abnormally low). */
  admissible: boolean;
}

export interface ReserveM extends Entity {
  name: string;
  id?: string;
  lot?: string;
  entreprise?: string;
  /** Open unless its statut says lifted or, without a statut, it has a lifting date (model/reception.ts). */
  open: boolean;
}

export interface ReceptionM {
  path: Path;
  o: Obj;
  dateReception?: string;
  /** One year after the reception (model/reception.ts). */
  gpaEnd?: string;
  reserves: ReserveM[];
}

export interface ConsultationModel {
  kind: 'consultation';
  data: Obj;
  procedure?: string;
  lots: LotM[];
  /** The first lot of each id. */
  lotById: ReadonlyMap<string, LotM>;
  /** The criteria sets in force: the consultation's (unless every lot has its own), then each lot's own. */
  criteriaSets: CriteriaSetM[];
  offers: OfferM[];
  /** Offers by their `lot` (undefined: offers without a lot), in document order. */
  offersByLot: ReadonlyMap<string | undefined, OfferM[]>;
  reception?: ReceptionM;
}
