import type { DocKind } from '../language-service/types';

/**
 * The deliverables (domain reference Part 4, issue #8 §4). Ids are lower-case letters only: the
 * webview validates them as such.
 */
export type DeliverableId = 'programme' | 'risques' | 'planning' | 'suivi' | 'rc' | 'rao' | 'reception' | 'decision' | 'reserves';

export interface DeliverableInfo {
  id: DeliverableId;
  /** French label ("Dossier de programme"). */
  label: string;
}

export const DELIVERABLES: Readonly<Record<DocKind, readonly DeliverableInfo[]>> = {
  programme: [
    { id: 'programme', label: 'Dossier de programme' },
    { id: 'risques', label: 'Registre des risques' },
    { id: 'planning', label: 'Planning' },
    { id: 'suivi', label: 'Tableau de bord de suivi' },
  ],
  consultation: [
    { id: 'rc', label: 'RC — critères d’attribution' },
    { id: 'rao', label: 'Rapport d’analyse des offres' },
    { id: 'reception', label: 'PV des opérations préalables à la réception' },
    { id: 'decision', label: 'Décision de réception' },
    { id: 'reserves', label: 'Journal de levée des réserves' },
  ],
};

export const ALL_DELIVERABLES: readonly DeliverableId[] = ['programme', 'risques', 'planning', 'suivi', 'rc', 'rao', 'reception', 'decision', 'reserves'];

/**
 * Deliverables offered only when the document has their data (render/index.ts checks), with what is
 * missing otherwise. The others are always offered for their kind.
 */
export const NEEDS_DATA: Readonly<Partial<Record<DeliverableId, string>>> = {
  suivi: 'aucune donnée de suivi (statut, réception ou revue d’un livrable, date réelle d’un jalon, historique d’un risque, indicateur)',
  reception: 'aucun bloc « reception » dans la consultation',
  decision: 'aucun bloc « reception » dans la consultation',
  reserves: 'aucun bloc « reception » dans la consultation',
};

export function isDeliverableId(v: unknown): v is DeliverableId {
  return typeof v === 'string' && (ALL_DELIVERABLES as readonly string[]).includes(v);
}

/** The deliverables of a document kind, whatever its data (none for an unknown kind). */
export function deliverablesOf(kind: DocKind | undefined): readonly DeliverableInfo[] {
  return kind ? DELIVERABLES[kind] : [];
}
