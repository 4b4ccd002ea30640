/** Follow-up facts of a programme: whether follow-up is active, a deliverable's status, the latest dated item (SUI- rules, hovers, the dashboard). */
import { date, list, obj, str, type Obj } from '../util/index';
import type { Path } from '../types';

/** An object of the programme and its path (for diagnostics and click-to-source). */
export interface Item {
  o: Obj;
  path: Path;
}

export function phases(data: Obj): Item[] {
  return list(data.phases).map((p, i) => ({ o: obj(p), path: ['phases', i] }));
}

export function deliverables(data: Obj): (Item & { phase: Obj })[] {
  return phases(data).flatMap((ph) => list(ph.o.livrables).map((l, j) => ({ o: obj(l), path: [...ph.path, 'livrables', j], phase: ph.o })));
}

export function milestones(data: Obj): (Item & { phase: Obj })[] {
  return phases(data).flatMap((ph) => list(ph.o.jalons).map((m, j) => ({ o: obj(m), path: [...ph.path, 'jalons', j], phase: ph.o })));
}

/**
 * Follow-up is active as soon as one deliverable carries a `statut`: a programme written before the works
 * (no status anywhere) is not a follow-up file, and its past deadlines are not late deliveries.
 */
export function followUpActive(data: Obj): boolean {
  return deliverables(data).some((d) => str(d.o.statut) !== undefined);
}

/** A deliverable's status; without one, `attendu` while follow-up is active. */
export function deliverableStatus(d: Obj, active: boolean): string | undefined {
  return str(d.statut) ?? (active ? 'attendu' : undefined);
}

/** The item of `items` with the latest valid `date` (the last one in the list among equal dates). */
export function latestByDate<T>(items: readonly T[], dateOf: (t: T) => unknown): { item: T; index: number; date: string } | undefined {
  let best: { item: T; index: number; date: string } | undefined;
  items.forEach((item, index) => {
    const d = date(dateOf(item));
    if (d && (!best || d >= best.date)) best = { item, index, date: d };
  });
  return best;
}
