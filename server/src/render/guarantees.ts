/**
 * The post-reception guarantees, computed ONCE for every deliverable (planning, PV, décision, reserve
 * log): GPA (C. civ. 1792-6, CCAG-Travaux 2021 art. 44.1), biennale (1792-3) and décennale (1792,
 * 1792-4-1), from the effective reception date when a document records it, the planned one otherwise,
 * and saying which. Pure.
 */
import { addYears, date, obj, type Obj } from '../language-service/util/data';
import type { Line } from './model';

/** Where the reception date comes from. */
export type ReceptionBasis = 'effective' | 'planned' | 'assumed';

export interface ReceptionDate {
  date: string;
  basis: ReceptionBasis;
  line?: Line;
}

export interface Guarantees {
  reception: ReceptionDate;
  gpa: string;
  biennale: string;
  decennale: string;
  /** "réception effective le 17/10/2025" — how the start date was obtained, in words. */
  from: string;
}

const BASIS_WORDS: Record<ReceptionBasis, string> = {
  effective: 'réception effective',
  planned: 'réception prévue',
  assumed: 'réception supposée au début de la phase de réception',
};

/** The effective date of a consultation's reception: `date_reception` (the completion date the owner's decision retains, CCAG-Travaux 2021 art. 41.3). */
export function effectiveReceptionDate(reception: Obj | undefined): string | undefined {
  return date(obj(reception).date_reception);
}

/** The guarantees running from a reception date. */
export function guaranteesFrom(reception: ReceptionDate, dateText: (d: string) => string): Guarantees {
  return {
    reception,
    gpa: addYears(reception.date, 1),
    biennale: addYears(reception.date, 2),
    decennale: addYears(reception.date, 10),
    from: `${BASIS_WORDS[reception.basis]} le ${dateText(reception.date)}`,
  };
}

/**
 * The reception of an operation seen from its programme: the latest effective reception recorded by
 * its consultations (the acceptance of the last works contract), else `planned` (the programme's
 * milestone: actual date first, then planned date), else undefined.
 */
export function operationReception(planned: ReceptionDate | undefined, consultations: { data: Obj; line?: Line }[]): ReceptionDate | undefined {
  const effective = consultations
    .map((c) => ({ d: effectiveReceptionDate(obj(c.data.reception)), line: c.line }))
    .filter((x): x is { d: string; line: Line } => x.d !== undefined)
    .sort((a, b) => b.d.localeCompare(a.d))[0];
  if (effective) return { date: effective.d, basis: 'effective', line: planned?.line };
  return planned;
}
