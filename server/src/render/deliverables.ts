import type { DocKind } from '../language-service/types';

/** The five deliverables (domain reference Part 4). */
export type DeliverableId = 'programme' | 'risques' | 'planning' | 'rc' | 'rao';

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
  ],
  consultation: [
    { id: 'rc', label: 'RC — critères d’attribution' },
    { id: 'rao', label: 'Rapport d’analyse des offres' },
  ],
};

export const ALL_DELIVERABLES: readonly DeliverableId[] = ['programme', 'risques', 'planning', 'rc', 'rao'];

export function isDeliverableId(v: unknown): v is DeliverableId {
  return typeof v === 'string' && (ALL_DELIVERABLES as readonly string[]).includes(v);
}

/** The deliverables of a document kind (none for an unknown kind). */
export function deliverablesOf(kind: DocKind | undefined): readonly DeliverableInfo[] {
  return kind ? DELIVERABLES[kind] : [];
}
