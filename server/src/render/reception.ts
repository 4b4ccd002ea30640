/**
 * The reception (acceptance of the works) of a consultation and its reserves, as the PV de réception
 * and the reserve log read them. Pure and total: odd values give dashes, never exceptions.
 * Days are counted with util/data daysBetween (calendar days), the end of the GPA with addYears.
 */
import { lotRankings, retainedCandidates } from '../language-service/lotRanking';
import { addYears, date, daysBetween, isObj, list, obj, str, type Obj } from '../language-service/util/data';
import { items, type BuildInput } from './context';
import { enumLabel } from './labels';
import type { Line } from './model';

export type ReserveStatus = 'ouverte' | 'en_cours' | 'levee' | 'contestee';

const STATUSES: readonly ReserveStatus[] = ['ouverte', 'en_cours', 'levee', 'contestee'];

export interface ReserveView {
  o: Obj;
  i: number;
  id: string;
  lot?: string;
  /** `entreprise` as written (trimmed); undefined when absent. */
  firm?: string;
  constat?: string;
  planned?: string;
  lifted?: string;
  /** Effective status: absent statut = ouverte, unless date_levee is set (then levee). */
  status: ReserveStatus;
  open: boolean;
  /** Recorded after the reception date: noticed during the GPA, not at the reception. */
  duringGpa: boolean;
  /**
   * Days late against `date_levee_prevue`: for an open reserve, today − planned when positive; for a
   * lifted one, date_levee − planned when positive. Undefined when not late or not computable.
   */
  daysLate?: number;
  /** Open and past its planned lifting date at `today`. */
  overdue: boolean;
  line: Line;
}

export interface ReceptionView {
  r: Obj;
  opr?: string;
  reception?: string;
  decision?: string;
  /** date_reception + 1 year (C. civ. art. 1792-6). */
  gpaEnd?: string;
  reserves: ReserveView[];
}

/** True when the consultation has a `reception` block (the PV and the reserve log are offered). */
export function hasReception(data: Obj): boolean {
  return isObj(data.reception);
}

export function reserveStatus(o: Obj): ReserveStatus {
  const s = str(o.statut);
  if (s && (STATUSES as readonly string[]).includes(s)) return s as ReserveStatus;
  return date(o.date_levee) ? 'levee' : 'ouverte';
}

export function receptionView(input: BuildInput): ReceptionView {
  const { data, src } = input.doc;
  const r = obj(data.reception);
  const reception = date(r.date_reception);
  const reserves = items(r, 'reserves').map(({ o, i }): ReserveView => {
    const status = reserveStatus(o);
    const open = status !== 'levee';
    const planned = date(o.date_levee_prevue);
    const lifted = date(o.date_levee);
    const constat = date(o.date_constat);
    const ref = open ? input.today : lifted;
    const late = planned && ref ? daysBetween(planned, ref) : undefined;
    return {
      o,
      i,
      id: str(o.id) ?? `#${i + 1}`,
      lot: str(o.lot),
      firm: str(o.entreprise)?.trim() || undefined,
      constat,
      planned,
      lifted,
      status,
      open,
      duringGpa: !!(constat && reception && constat > reception),
      daysLate: late !== undefined && late > 0 ? late : undefined,
      overdue: open && !!planned && planned < input.today,
      line: src.at('reception', 'reserves', i),
    };
  });
  return { r, opr: date(r.date_opr), reception, decision: str(r.decision), gpaEnd: reception ? addYears(reception, 1) : undefined, reserves };
}

/** Label of a reserve status (schema labels, « Ouverte »…). */
export function reserveStatusLabel(s: ReserveStatus): string {
  return enumLabel('consultation', '#reserve.statut', s);
}

export function decisionLabel(d: string | undefined): string {
  return enumLabel('consultation', 'reception.decision', d);
}

/**
 * The holder of each lot: the candidates of the offers ranked first by the RAO's scoring
 * (language-service/lotRanking.ts, the ranking REC-007 reads too), joined by " / " on a tie; key '' for
 * a consultation without lots. Lots without a ranked offer are absent.
 */
export function holders(input: BuildInput): Map<string, string> {
  const out = new Map<string, string>();
  for (const lot of lotRankings(input.doc.data)) {
    const names = retainedCandidates(lot);
    if (names.length) out.set(lot.lotId ?? '', names.join(' / '));
  }
  return out;
}

/** "Lot L02 — Gros œuvre" for a lot id of the consultation; the id alone when unknown; "Sans lot" for none. */
export function lotTitle(data: Obj, id: string | undefined): string {
  if (!id) return 'Sans lot';
  const lot = list(data.lots).map(obj).find((l) => str(l.id) === id);
  return lot && str(lot.intitule) ? `Lot ${id} — ${str(lot.intitule)}` : `Lot ${id}`;
}
