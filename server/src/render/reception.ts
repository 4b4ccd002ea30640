/**
 * The reception (acceptance of the works) of a consultation and its reserves, as the PV de réception
 * and the reserve log read them. Pure and total: odd values give dashes, never exceptions.
 * Days are counted with util/data daysBetween (calendar days), the guarantees by guarantees.ts.
 */
import { consultationModel, entities } from '../language-service/model/build';
import { lotRankings, retainedCandidates } from '../language-service/model/lotRanking';
import { date, daysBetween, isObj, obj, str, type Obj } from '../language-service/util/data';
import type { BuildInput } from './context';
import { dateFr } from './format';
import { effectiveReceptionDate, guaranteesFrom, type Guarantees } from './guarantees';
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
  /** Effective date of the reception: `date_reception` (guarantees.ts). */
  reception?: string;
  decision?: string;
  /** Date of the maître d'ouvrage's decision (`date_decision`). */
  decisionDate?: string;
  /** GPA, biennale, décennale from the effective reception date (the one helper every deliverable uses). */
  guarantees?: Guarantees;
  /** End of the GPA: guarantees.gpa. */
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
  const reception = effectiveReceptionDate(r);
  const reserves = (consultationModel(data).reception?.reserves ?? []).map(({ o, index: i, path, name }): ReserveView => {
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
      id: name,
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
      line: src.at(...path),
    };
  });
  const guarantees = reception ? guaranteesFrom({ date: reception, basis: 'effective', line: src.at('reception', 'date_reception') }, dateFr) : undefined;
  return { r, opr: date(r.date_opr), reception, decision: str(r.decision), decisionDate: date(r.date_decision), guarantees, gpaEnd: guarantees?.gpa, reserves };
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

/** A works contract as the reception reads it: declared in `reception.marches`, else its holder inferred from the ranking. */
export interface MarketView {
  lot?: string;
  numero?: string;
  /** The holder: declared (`titulaire`), else the RAO's first-ranked candidate(s). */
  titulaire?: string;
  declared: boolean;
  notification?: string;
  montant?: number;
  decision?: string;
  /** Effective reception date of this contract (its own `date_effet`, else the reception's). */
  effet?: string;
  line: Line;
}

/** One contract per lot of the consultation (one without lots), in lot order; declared data first. */
export function markets(input: BuildInput, view: ReceptionView): MarketView[] {
  const { data, src } = input.doc;
  const declared = entities(view.r, 'marches', ['reception']);
  const held = holders(input);
  const { lots: allLots, lotById } = consultationModel(data);
  const lots = allLots.map((l) => l.id).filter((x): x is string => !!x);
  const ids: (string | undefined)[] = lots.length ? [...lots] : [undefined];
  for (const { o } of declared) {
    const l = str(o.lot);
    if (l && !ids.includes(l)) ids.push(l);
  }
  return ids.map((lot): MarketView => {
    const d = declared.find(({ o }) => (str(o.lot) ?? undefined) === lot || (!lot && declared.length === 1));
    const m = d ? d.o : {};
    // The lot's own award data (« lots[].titulaire », « date_notification », « montant_attribue_ht ») when the marché does not restate it.
    const l = lot ? obj(lotById.get(lot)?.o) : {};
    const titulaire = str(m.titulaire)?.trim() || str(l.titulaire)?.trim() || undefined;
    const montant = typeof m.montant_ht === 'number' ? m.montant_ht : typeof l.montant_attribue_ht === 'number' ? l.montant_attribue_ht : undefined;
    return {
      lot,
      numero: str(m.numero),
      titulaire: titulaire ?? held.get(lot ?? ''),
      declared: !!titulaire,
      notification: date(m.date_notification) ?? date(l.date_notification),
      montant,
      // A lot without any reserve noted at the reception is received without reserve, whatever the others.
      decision: str(m.decision) ?? (view.decision === 'avec_reserves' && !view.reserves.some((r) => !r.duringGpa && (lot ? r.lot === lot : true)) ? 'sans_reserve' : view.decision),
      effet: date(m.date_effet) ?? view.reception,
      line: d ? src.at(...d.path) : lot ? src.at('lots', lotById.get(lot)?.index ?? 0) : src.at('reception'),
    };
  });
}

/** "Lot L02 — Gros œuvre" for a lot id of the consultation; the id alone when unknown; "Sans lot" for none. */
export function lotTitle(data: Obj, id: string | undefined): string {
  if (!id) return 'Sans lot';
  const lot = consultationModel(data).lotById.get(id)?.o;
  return lot && str(lot.intitule) ? `Lot ${id} — ${str(lot.intitule)}` : `Lot ${id}`;
}
