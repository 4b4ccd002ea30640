import { lotRanking, retainedCandidates } from '../lotRanking';
import { addYears, date, daysBetween, frDate, isObj, list, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Path } from '../types';
import type { Rule } from './types';
import { nameIn } from './amo';

/**
 * REC- rules: the acceptance of the works of a consultation (CCAG-Travaux 2021 art. 41, C. civ. 1792-6)
 * and the lifting of its reserves within the one-year garantie de parfait achèvement (GPA).
 */

const GPA_URL = 'https://www.index-habitation.fr/decennale/article-1792-code-civil/1792-6';
const GPA_BASIS = 'C. civ. 1792-6 ; CCAG-Travaux 2021 art. 41 ; Le Moniteur (levée avant la fin de la GPA)';

interface Reserve {
  o: Obj;
  path: Path;
}

function reception(data: Obj): Obj | undefined {
  return isObj(data.reception) ? data.reception : undefined;
}

function reserves(rec: Obj): Reserve[] {
  return list(rec.reserves).map((r, i) => ({ o: obj(r), path: ['reception', 'reserves', i] }));
}

/** A reserve is lifted when its statut says so, or, without a statut, when it has a lifting date. */
export function reserveOpen(r: Obj): boolean {
  const s = str(r.statut);
  if (s !== undefined) return s !== 'levee';
  return date(r.date_levee) === undefined;
}

/** End of the GPA: one year after the acceptance (29 February → 28 February, util/data addYears). */
export function gpaEnd(rec: Obj): string | undefined {
  const d = date(rec.date_reception);
  return d ? addYears(d, 1) : undefined;
}

function rid(r: Obj, i: number): string {
  return str(r.id) ?? `#${i + 1}`;
}

function days(n: number): { fr: string; en: string } {
  return { fr: `${n} jour${n > 1 ? 's' : ''}`, en: `${n} day${n > 1 ? 's' : ''}` };
}

export const REC_001: Rule = {
  id: 'REC-001', kind: 'consultation', severity: 'warning', confidence: 'S', basis: GPA_BASIS, url: GPA_URL,
  title: { fr: 'Levée de réserve prévue après la fin de la garantie de parfait achèvement (réception + 1 an)', en: 'Reserve to be lifted after the end of the one-year defects-liability period (acceptance + 1 year)' },
  check(ctx) {
    const rec = reception(ctx.data);
    const end = rec && gpaEnd(rec);
    if (!rec || !end) return;
    reserves(rec).forEach((r, i) => {
      const planned = date(r.o.date_levee_prevue);
      // Once lifted, the planned date no longer puts anything at risk.
      if (!planned || planned <= end || !reserveOpen(r.o)) return;
      ctx.report([...r.path, 'date_levee_prevue'], {
        fr: `Réserve ${rid(r.o, i)} : levée prévue le ${frDate(planned)}, ${days(daysBetween(end, planned)).fr} après la fin de la garantie de parfait achèvement (${frDate(end)}, réception + 1 an). Fixez une levée avant cette date : au-delà, l’obligation de l’entreprise est plus difficile à faire valoir.`,
        en: `Reserve ${rid(r.o, i)}: lifting planned on ${planned}, ${days(daysBetween(end, planned)).en} after the end of the defects-liability period (${end}, acceptance + 1 year). Set a date before it: afterwards, the contractor's obligation is harder to enforce.`,
      }, { target: 'value' });
    });
  },
};

export const REC_002: Rule = {
  id: 'REC-002', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'C. civ. 1792-6 (garantie de parfait achèvement d’un an) ; CCAG-Travaux 2021 art. 41 et 44', url: GPA_URL,
  title: { fr: 'Réserve toujours ouverte après la fin de la garantie de parfait achèvement', en: 'Reserve still open after the end of the defects-liability period' },
  check(ctx) {
    const rec = reception(ctx.data);
    const end = rec && gpaEnd(rec);
    if (!rec || !end || ctx.today <= end) return;
    reserves(rec).forEach((r, i) => {
      if (!reserveOpen(r.o)) return;
      const since = days(daysBetween(end, ctx.today));
      const path = r.o.statut !== undefined ? [...r.path, 'statut'] : [...r.path, 'id'];
      ctx.report(path, {
        fr: `Réserve ${rid(r.o, i)} toujours ouverte alors que la garantie de parfait achèvement a pris fin le ${frDate(end)} (il y a ${since.fr}) : faites constater la levée ou engagez les travaux aux frais de l’entreprise après mise en demeure.`,
        en: `Reserve ${rid(r.o, i)} is still open although the defects-liability period ended on ${end} (${since.en} ago): have the lifting recorded, or have the work done at the contractor's expense after formal notice.`,
      }, { target: 'value' });
    });
  },
};

export const REC_003: Rule = {
  id: 'REC-003', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'C. civ. 1792-6 (réception avec ou sans réserves) ; CCAG-Travaux 2021 art. 41',
  title: { fr: 'Réception « sans réserve » alors que des réserves ouvertes ont été constatées à la réception ou avant', en: "Acceptance 'without reservations' although open reserves were recorded at or before the acceptance" },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec || str(rec.decision) !== 'sans_reserve') return;
    const at = date(rec.date_reception);
    // Reserves noticed during the GPA, after the acceptance, are notified in writing: allowed.
    const atReception = reserves(rec).filter((r) => {
      if (!reserveOpen(r.o)) return false;
      const seen = date(r.o.date_constat);
      return r.o.date_constat === undefined || (seen !== undefined && at !== undefined && seen <= at);
    });
    if (atReception.length === 0) return;
    const ids = atReception.map((r) => str(r.o.id) ?? '?').join(', ');
    ctx.report(['reception', 'decision'], {
      fr: `Réception prononcée sans réserve, mais ${atReception.length} réserve(s) ouverte(s) constatée(s) à la réception ou avant (${ids}) : la décision est « avec_reserves », ou ces réserves sont des désordres révélés après la réception (« date_constat » postérieure au ${at ? frDate(at) : 'jour de la réception'}).`,
      en: `Acceptance without reservations, but ${atReception.length} open reserve(s) recorded at or before the acceptance (${ids}): the decision is 'avec_reserves', or these are defects revealed after the acceptance ('date_constat' after ${at ?? 'the acceptance day'}).`,
    }, { target: 'value' });
  },
};

export const REC_004: Rule = {
  id: 'REC-004', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41 (procès-verbal : réserves énumérées)',
  title: { fr: 'Réception « avec réserves » sans aucune réserve listée', en: "Acceptance 'with reservations' without any reserve listed" },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec || str(rec.decision) !== 'avec_reserves' || list(rec.reserves).length > 0) return;
    ctx.report(['reception', 'decision'], {
      fr: 'Réception avec réserves, mais aucune réserve n’est listée dans « reserves » : énumérez-les (lot, localisation, description, entreprise, délai de levée) comme au procès-verbal.',
      en: "Acceptance with reservations, but no reserve is listed in 'reserves': list them (lot, location, description, contractor, lifting date) as in the acceptance report.",
    }, { target: 'value' });
  },
};

export const REC_005: Rule = {
  id: 'REC-005', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41 (OPR puis décision de réception) ; logique des dates',
  title: { fr: 'Dates de réception dans le désordre : OPR après la réception, levée d’une réserve avant son constat', en: 'Acceptance dates out of order: pre-acceptance inspection after the acceptance, reserve lifted before it was recorded' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec) return;
    const opr = date(rec.date_opr);
    const at = date(rec.date_reception);
    if (opr && at && opr > at) {
      ctx.report(['reception', 'date_opr'], {
        fr: `Opérations préalables à la réception le ${frDate(opr)}, après la réception du ${frDate(at)} : les OPR précèdent la décision de réception (CCAG-Travaux art. 41).`,
        en: `Pre-acceptance inspection on ${opr}, after the acceptance of ${at}: the inspection comes before the acceptance decision (CCAG-Travaux art. 41).`,
      }, { target: 'value' });
    }
    // A reserve noticed before the OPR (during the works) is normal: only lifting before noticing is wrong.
    reserves(rec).forEach((r, i) => {
      const seen = date(r.o.date_constat);
      const lifted = date(r.o.date_levee);
      if (!seen || !lifted || lifted >= seen) return;
      ctx.report([...r.path, 'date_levee'], {
        fr: `Réserve ${rid(r.o, i)} levée le ${frDate(lifted)}, avant d’avoir été constatée (${frDate(seen)}).`,
        en: `Reserve ${rid(r.o, i)} lifted on ${lifted}, before it was recorded (${seen}).`,
      }, { target: 'value' });
    });
  },
};

export const REC_006: Rule = {
  id: 'REC-006', kind: 'consultation', severity: 'warning', confidence: 'S', basis: 'Suivi des réserves (cohérence du statut et des dates)',
  title: { fr: 'Statut et date de levée d’une réserve en désaccord (levée sans date, date de levée sur une réserve ouverte)', en: 'Status and lifting date of a reserve disagree (lifted without a date, lifting date on an open reserve)' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec) return;
    reserves(rec).forEach((r, i) => {
      const s = str(r.o.statut);
      const lifted = r.o.date_levee !== undefined && r.o.date_levee !== null;
      if (s === 'levee' && !lifted) {
        ctx.report([...r.path, 'statut'], {
          fr: `Réserve ${rid(r.o, i)} « levée » sans « date_levee » : notez la date du constat de levée (elle montre si la levée a eu lieu avant la fin de la GPA).`,
          en: `Reserve ${rid(r.o, i)} 'levee' without 'date_levee': record the date the lifting was noted (it shows whether it happened before the end of the GPA).`,
        }, { target: 'value' });
      } else if ((s === 'ouverte' || s === 'en_cours') && lifted) {
        const d = date(r.o.date_levee);
        ctx.report([...r.path, 'statut'], {
          fr: `Réserve ${rid(r.o, i)} au statut « ${s} » alors qu’une date de levée est notée${d ? ` (${frDate(d)})` : ''} : passez-la à « levee » ou retirez la date.`,
          en: `Reserve ${rid(r.o, i)} has status '${s}' although a lifting date is recorded${d ? ` (${d})` : ''}: set it to 'levee' or remove the date.`,
        }, { target: 'value' });
      }
    });
  },
};

/**
 * The candidates of the offers of `lot` (undefined: the offers without a lot), the retained ones first.
 * The retained ones hold the lot: ranked first (ties included) by the ranking of the rapport d'analyse
 * des offres (lotRanking.ts), which the PV de réception names too. `retained` is empty when the RAO ranks
 * no offer of that lot (all inadmissible or eliminated, or a lot the consultation does not declare).
 */
export function lotCandidates(data: Obj, lot: string | undefined): { retained: string[]; all: string[] } {
  const offers = list(data.offres).map(obj).filter((o) => str(o.lot) === lot);
  const all = [...new Set(offers.map((o) => str(o.candidat)).filter((c): c is string => !!c))];
  if (offers.length === 0) return { retained: [], all };
  const retained = retainedCandidates(lotRanking(data, lot));
  return { retained, all: [...retained, ...all.filter((c) => !retained.includes(c))] };
}

/** Whether a reserve's firm and a candidate name the same firm: either name contains the other (normalised). */
function sameFirm(a: string, b: string): boolean {
  return nameIn(a, b) || nameIn(b, a);
}

export const REC_007: Rule = {
  id: 'REC-007', kind: 'consultation', severity: 'information', confidence: 'S', basis: 'Journal de levée des réserves (regroupement par entreprise) ; pratique',
  title: { fr: 'Entreprise d’une réserve qui n’est pas le candidat retenu sur son lot (faute de frappe possible)', en: 'Contractor of a reserve who is not the retained tenderer of its lot (possible typo)' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec) return;
    // Once per lot: a reception may list hundreds of reserves over a few lots.
    const byLot = new Map<string | undefined, string[]>();
    reserves(rec).forEach((r, i) => {
      const firm = str(r.o.entreprise);
      if (!firm || firm.trim() === '') return;
      const lot = str(r.o.lot);
      let retained = byLot.get(lot);
      if (!retained) {
        retained = lotCandidates(ctx.data, lot).retained;
        byLot.set(lot, retained);
      }
      if (retained.length === 0 || retained.some((c) => sameFirm(firm, c))) return;
      const names = retained.map((c) => `« ${c} »`).join(', ');
      const namesEn = retained.map((c) => `'${c}'`).join(', ');
      ctx.report([...r.path, 'entreprise'], {
        fr: `Réserve ${rid(r.o, i)} : l’entreprise « ${firm} » n’est pas le candidat retenu ${lot ? `sur le lot ${lot}` : 'de la consultation'} (${names}). Faute de frappe ? Le journal de levée regroupe les réserves par entreprise.`,
        en: `Reserve ${rid(r.o, i)}: contractor '${firm}' is not the retained tenderer ${lot ? `of lot ${lot}` : 'of the consultation'} (${namesEn}). A typo? The reserve log groups reserves by contractor.`,
      }, { target: 'value' });
    });
  },
};

export const receptionRules: Rule[] = [REC_001, REC_002, REC_003, REC_004, REC_005, REC_006, REC_007];
