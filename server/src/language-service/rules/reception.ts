import { consultationModel } from '../model/build';
import { gpaEnd, lotCandidates, reserveOpen } from '../model/reception';
import { date, daysBetween, frDate, isObj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Path } from '../types';
import type { Rule } from './types';
import { nameIn } from './amo';

/**
 * REC- rules: the acceptance of the works of a consultation (CCAG-Travaux 2021 art. 41, C. civ. 1792-6)
 * and the lifting of its reserves within the one-year garantie de parfait achèvement (GPA).
 */

const GPA_URL = 'https://www.index-habitation.fr/decennale/article-1792-code-civil/1792-6';
/**
 * For a public owner the GPA is contractual: it exists through CCAG-Travaux 2021 art. 44.1 when the contract
 * refers to it (CE Sect. 28 févr. 1986 Entreprise Blondet refused to draw it from C. civ. 1792-6), and runs
 * from the effective date of the reception; C. civ. 1792-6 governs private owners (docs/rules.md, REC-001).
 */
const GPA_BASIS = 'CCAG-Travaux 2021 art. 44.1 (marché public : GPA contractuelle, CE Sect. 28 févr. 1986 Entreprise Blondet) ; C. civ. 1792-6 (maître d’ouvrage privé)';

interface Reserve {
  o: Obj;
  path: Path;
}

function reception(data: Obj): Obj | undefined {
  return isObj(data.reception) ? data.reception : undefined;
}

/** The reserves of the consultation's reception, from the model. */
function reserves(data: Obj): Reserve[] {
  return consultationModel(data).reception?.reserves ?? [];
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
    reserves(ctx.data).forEach((r, i) => {
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
  id: 'REC-002', fixes: ['liftReserve'], kind: 'consultation', severity: 'warning', confidence: 'V', basis: `${GPA_BASIS} ; CCAG-Travaux 2021 art. 41`, url: GPA_URL,
  title: { fr: 'Réserve toujours ouverte après la fin de la garantie de parfait achèvement', en: 'Reserve still open after the end of the defects-liability period' },
  check(ctx) {
    const rec = reception(ctx.data);
    const end = rec && gpaEnd(rec);
    if (!rec || !end || ctx.today <= end) return;
    reserves(ctx.data).forEach((r, i) => {
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
  // A warning, not an error: the owner may lawfully accept without reserves despite what the inspection
  // noted (a price reduction, CCAG-T art. 41.7, or a deliberate choice); the apparent defects not reserved
  // are then purged (docs/rules.md, REC-003).
  id: 'REC-003', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41 (réception avec ou sans réserves ; art. 41.7 réfaction) ; réception sans réserve : purge des vices apparents',
  title: { fr: 'Réception « sans réserve » alors que des réserves ouvertes ont été constatées à la réception ou avant', en: "Acceptance 'without reservations' although open reserves were recorded at or before the acceptance" },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec || str(rec.decision) !== 'sans_reserve') return;
    const at = date(rec.date_reception);
    // Reserves noticed during the GPA, after the acceptance, are notified in writing: allowed.
    const atReception = reserves(ctx.data).filter((r) => {
      if (!reserveOpen(r.o)) return false;
      const seen = date(r.o.date_constat);
      return r.o.date_constat === undefined || (seen !== undefined && at !== undefined && seen <= at);
    });
    if (atReception.length === 0) return;
    const ids = atReception.map((r) => str(r.o.id) ?? '?').join(', ');
    ctx.report(['reception', 'decision'], {
      fr: `Réception prononcée sans réserve, mais ${atReception.length} réserve(s) ouverte(s) constatée(s) à la réception ou avant (${ids}) : une réception sans réserve purge les vices apparents non réservés, le maître d’ouvrage perd son recours contre l’entreprise pour ces désordres. Si c’est voulu (réfaction du prix, CCAG-Travaux art. 41.7), gardez-le ; sinon la décision est « avec_reserves », ou ces réserves sont des désordres révélés après la réception (« date_constat » postérieure au ${at ? frDate(at) : 'jour de la réception'}).`,
      en: `Acceptance without reservations, but ${atReception.length} open reserve(s) recorded at or before the acceptance (${ids}): an acceptance without reservations purges the apparent defects not reserved, and the owner loses recourse against the contractor for them. If that is intended (price reduction, CCAG-Travaux art. 41.7), keep it; otherwise the decision is 'avec_reserves', or these are defects revealed after the acceptance ('date_constat' after ${at ?? 'the acceptance day'}).`,
    }, { target: 'value' });
  },
};

export const REC_004: Rule = {
  id: 'REC-004', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41 (procès-verbal : réserves énumérées)',
  title: { fr: 'Réception « avec réserves » sans aucune réserve listée', en: "Acceptance 'with reservations' without any reserve listed" },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec || str(rec.decision) !== 'avec_reserves' || reserves(ctx.data).length > 0) return;
    ctx.report(['reception', 'decision'], {
      fr: 'Réception avec réserves, mais aucune réserve n’est listée dans « reserves » : énumérez-les (lot, localisation, description, entreprise, délai de levée) comme au procès-verbal.',
      en: "Acceptance with reservations, but no reserve is listed in 'reserves': list them (lot, location, description, contractor, lifting date) as in the acceptance report.",
    }, { target: 'value' });
  },
};

export const REC_005: Rule = {
  id: 'REC-005', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41.1 à 41.3 (OPR, procès-verbal, puis décision de réception) ; logique des dates',
  title: { fr: 'Dates de réception contradictoires : décision avant les OPR, levée d’une réserve avant son constat', en: 'Contradictory acceptance dates: decision before the inspection, reserve lifted before it was recorded' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec) return;
    const opr = date(rec.date_opr);
    const decided = date(rec.date_decision);
    if (opr && decided && opr > decided) {
      ctx.report(['reception', 'date_decision'], {
        fr: `Décision de réception le ${frDate(decided)}, avant les opérations préalables à la réception du ${frDate(opr)} : le maître d’ouvrage décide au vu du procès-verbal des OPR (CCAG-Travaux 2021 art. 41.3).`,
        en: `Acceptance decision on ${decided}, before the pre-acceptance inspection of ${opr}: the owner decides on the inspection report (CCAG-Travaux 2021 art. 41.3).`,
      }, { target: 'value' });
    }
    // A reserve noticed before the OPR (during the works) is normal: only lifting before noticing is wrong.
    reserves(ctx.data).forEach((r, i) => {
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

export const REC_005b: Rule = {
  // Not an error: the effective date is the completion date the owner retains, which may precede the OPR
  // (CCAG-T 2021 art. 41.3; CE 13 déc. 2024 Commune de Puget-Ville, n° 489720). Only when the file does not
  // say whether `date_reception` is that date or the decision's can the order be doubted.
  id: 'REC-005b', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCAG-Travaux 2021 art. 41.3 (date d’effet retenue par le maître d’ouvrage) ; CE 13 déc. 2024, n° 489720',
  url: 'https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2024-12-13/489720',
  title: { fr: 'OPR après la date de réception, sans date de décision : date d’effet ou date de décision ?', en: 'Inspection after the acceptance date, without a decision date: effective date or decision date?' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec || date(rec.date_decision)) return;
    const opr = date(rec.date_opr);
    const at = date(rec.date_reception);
    if (!opr || !at || opr <= at) return;
    ctx.report(['reception', 'date_opr'], {
      fr: `Opérations préalables à la réception le ${frDate(opr)}, après la date de réception du ${frDate(at)}. C’est régulier si le ${frDate(at)} est la date d’effet (l’achèvement des travaux retenu par le maître d’ouvrage, CCAG-Travaux art. 41.3) ; la décision, elle, suit les OPR : précisez-la dans « date_decision ».`,
      en: `Pre-acceptance inspection on ${opr}, after the acceptance date of ${at}. That is lawful if ${at} is the effective date (the completion date the owner retains, CCAG-Travaux art. 41.3); the decision itself follows the inspection: give it in 'date_decision'.`,
    }, { target: 'value' });
  },
};

export const REC_006: Rule = {
  id: 'REC-006', fixes: ['liftReserve'], kind: 'consultation', severity: 'warning', confidence: 'S', basis: 'Suivi des réserves (cohérence du statut et des dates)',
  title: { fr: 'Statut et date de levée d’une réserve en désaccord (levée sans date, date de levée sur une réserve ouverte)', en: 'Status and lifting date of a reserve disagree (lifted without a date, lifting date on an open reserve)' },
  check(ctx) {
    const rec = reception(ctx.data);
    if (!rec) return;
    reserves(ctx.data).forEach((r, i) => {
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
    reserves(ctx.data).forEach((r, i) => {
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

export const receptionRules: Rule[] = [REC_001, REC_002, REC_003, REC_004, REC_005, REC_005b, REC_006, REC_007];
