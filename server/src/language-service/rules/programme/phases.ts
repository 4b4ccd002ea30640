import { programmeModel } from '../../model/build';
import { someNature } from '../../model/operation';
import { INSIDE_DET, phaseEntry } from '../../catalog/phases';
import { keyDate } from '../../data/legalData';
import { addMonths, date, frDate, isObj, list, obj, str } from '../../util/index';
import type { Obj } from '../../util/index';
import { mentions } from '../../util/mentions';
import type { Rule } from '../types';
import { preAsbestosBuilding } from '../consultation/execution';

const REHAB = new Set(['rehabilitation', 'reutilisation']);
/** What counts as an asbestos survey (PRG-015) and a geotechnical mission (PRG-016) anywhere in the programme. */
const ASBESTOS = /amiante|\bRAT\b/i;
const GEOTECHNICS = /g[ée]otech|\bG1\b|\bG2\b/i;

/** The phases' objects, from the model (each one's index is its index in `phases`). */
function phaseList(data: Obj): Obj[] {
  return programmeModel(data).phases.map((p) => p.o);
}

function code(p: Obj): string | undefined {
  return str(p.code)?.toUpperCase();
}

export const PRG_008: Rule = {
  id: 'PRG-008', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-3 ; L2421-4', livreIV: true,
  title: { fr: 'Programme arrêté avant l’avant-projet (APS) ; exception pour la réhabilitation ou les opérations complexes', en: 'Programme fixed before outline design (APS); exception for rehabilitation or complex operations' },
  check(ctx) {
    if (str(ctx.data.statut) === 'arrete') return;
    const started = phaseList(ctx.data).findIndex((p) => {
      const e = phaseEntry(code(p));
      const d = date(p.debut);
      return e && e.family === 'moe' && e.rank >= 60 && d !== undefined && d <= ctx.today;
    });
    if (started < 0) return;
    const moe = obj(ctx.data.moe);
    const exception = someNature(obj(ctx.data.operation), REHAB) || (moe.complexe === true && moe.clause_dans_consultation_moe === true);
    ctx.report([isObj(ctx.data) && 'statut' in ctx.data ? 'statut' : 'operation'], {
      fr: `La phase ${code(phaseList(ctx.data)[started])} a commencé mais le programme n’est pas arrêté (« statut: arrete ») : il doit l’être avant l’avant-projet (L2421-3)${exception ? ', sauf réhabilitation ou opération complexe prévue au marché de MOE (L2421-4)' : ''}.`,
      en: `Phase ${code(phaseList(ctx.data)[started])} has started but the programme is not fixed ('statut: arrete'): it must be before outline design (L2421-3)${exception ? ', except for rehabilitation or a complex operation provided for in the design contract (L2421-4)' : ''}.`,
    }, { target: 'key', severity: exception ? 'warning' : undefined });
  },
};

export const PRG_010: Rule = {
  id: 'PRG-010', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2431-3 ; R2431-4 ; R2431-5', url: 'https://www.code-commande-publique.com/articles-r2431-4-a-r2431-7/', livreIV: true,
  title: { fr: 'Bâtiment : la mission de base de MOE contient ESQ, APS, APD, PRO, ACT, DET, AOR et VISA ou EXE (sans ESQ en réhabilitation)', en: 'Building: the basic design mission includes ESQ, APS, APD, PRO, ACT, DET, AOR and VISA or EXE (no ESQ for rehabilitation)' },
  check(ctx) {
    const op = obj(ctx.data.operation);
    if ((str(op.ouvrage_type) ?? 'batiment') !== 'batiment') return;
    // Global contracts (L2171-x: conception-réalisation, marchés globaux de performance…) carry their own design:
    // R2431-4/5 describe the mission of a separate MOE contract.
    if (['conception_realisation', 'marche_global_performance', 'crem', 'realem', 'vefa'].includes(str(ctx.data.mode_realisation) ?? '')) return;
    const elements = obj(obj(ctx.data.moe).mission).elements;
    if (!Array.isArray(elements)) return;
    const have = new Set(elements.map((e) => str(e)?.toUpperCase()));
    if (have.has('AVP')) {
      have.add('APS');
      have.add('APD');
    }
    const need = ['ESQ', 'APS', 'APD', 'PRO', 'ACT', 'DET', 'AOR'].filter((c) => !(c === 'ESQ' && someNature(op, REHAB)));
    const missing = need.filter((c) => !have.has(c));
    if (!have.has('VISA') && !have.has('EXE')) missing.push('VISA ou EXE');
    if (missing.length === 0) return;
    ctx.report(['moe', 'mission', 'elements'], {
      fr: `Mission de base de maîtrise d’œuvre incomplète : il manque ${missing.join(', ')} (R2431-${someNature(op, REHAB) ? '5' : '4'}).`,
      en: `Incomplete basic design mission: missing ${missing.join(', ')} (R2431-${someNature(op, REHAB) ? '5' : '4'}).`,
    });
  },
};

export const PRG_011: Rule = {
  id: 'PRG-011', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Ancien décret 93-1268 art. 12 ; MIQCP Médiations 17',
  title: { fr: 'Réhabilitation ou réutilisation sans diagnostic (DIAG)', en: 'Rehabilitation or re-use without a survey (DIAG)' },
  check(ctx) {
    if (!someNature(obj(ctx.data.operation), REHAB)) return;
    const elements = list(obj(obj(ctx.data.moe).mission).elements).map((e) => str(e)?.toUpperCase());
    if (elements.includes('DIAG') || phaseList(ctx.data).some((p) => code(p) === 'DIAG')) return;
    ctx.report(['operation', 'nature'], { fr: 'Réhabilitation sans études de diagnostic (DIAG) ni dans la mission de MOE ni en phase : prévoyez-les.', en: 'Rehabilitation without a survey (DIAG), neither in the design mission nor as a phase: plan one.' }, { target: 'value' });
  },
};

export const PRG_012: Rule = {
  id: 'PRG-012', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Pratique professionnelle (R2431-x définissent le contenu des éléments, non un ordre de démarrage)',
  title: { fr: 'Ordre des phases respecté : OPP < FAI < PROG < SEL-MOE < ESQ/DIAG < APS < APD < PRO < ACT < DET < AOR < GPA', en: 'Phase order respected: OPP < FAI < PROG < SEL-MOE < ESQ/DIAG < APS < APD < PRO < ACT < DET < AOR < GPA' },
  check(ctx) {
    const phases = phaseList(ctx.data);
    const det = phases.find((p) => code(p) === 'DET');
    const earlier = laterStartOfEarlierPhase(phases);
    phases.forEach((p, i) => {
      const e = phaseEntry(code(p));
      const start = date(p.debut);
      if (!e || !start) return;
      if (INSIDE_DET.has(e.code)) {
        const ds = date(det?.debut);
        const de = date(det?.fin);
        if (ds && de && (start < ds || start > de)) {
          ctx.report(['phases', i, 'debut'], { fr: `${e.code} se déroule pendant la DET (${frDate(ds)} – ${frDate(de)}) : son début est hors de cette période.`, en: `${e.code} runs during DET (${ds} – ${de}): its start is outside that period.` }, { target: 'value' });
        }
        return;
      }
      // The phase that starts before one that precedes it in the legal order is the one out of place.
      const before = earlier(e.rank, start);
      if (before) {
        ctx.report(['phases', i, 'debut'], {
          fr: `${e.code} commence le ${frDate(start)}, avant ${code(before)} (${frDate(date(before.debut) as string)}) qui la précède dans l’ordre légal des phases.`,
          en: `${e.code} starts on ${start}, before ${code(before)} (${date(before.debut)}) which precedes it in the legal order of phases.`,
        }, { target: 'value' });
      }
    });
  },
};

/**
 * `(rank, start)` → the first phase, in document order, that comes before `rank` in the legal order (and
 * does not run inside DET) yet starts after `start`. Linear in the phases for each rank asked (a dozen at
 * most), then a binary search: the phases' pairwise comparison was quadratic.
 */
function laterStartOfEarlierPhase(phases: Obj[]): (rank: number, start: string) => Obj | undefined {
  const ordered = phases
    .map((p) => ({ p, e: phaseEntry(code(p)), start: date(p.debut) }))
    .filter((x): x is { p: Obj; e: NonNullable<typeof x.e>; start: string } => x.e !== undefined && x.start !== undefined && !INSIDE_DET.has(x.e.code));
  const byRank = new Map<number, { phases: Obj[]; maxStart: string[] }>();
  return (rank, start) => {
    let r = byRank.get(rank);
    if (!r) {
      // The running maximum of the starts is ordered: the first phase starting after `start` is where it
      // first exceeds `start`.
      r = { phases: [], maxStart: [] };
      for (const x of ordered) {
        if (x.e.rank >= rank) continue;
        const last = r.maxStart[r.maxStart.length - 1];
        r.phases.push(x.p);
        r.maxStart.push(last !== undefined && last > x.start ? last : x.start);
      }
      byRank.set(rank, r);
    }
    let lo = 0;
    let hi = r.maxStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r.maxStart[mid] > start) hi = mid;
      else lo = mid + 1;
    }
    return r.phases[lo];
  };
}

export const PRG_015: Rule = {
  id: 'PRG-015', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'C. trav. R4412-97',
  title: { fr: 'Bâtiment existant (permis avant le 01/07/1997) sans repérage amiante prévu', en: 'Existing building (permit before 1997-07-01) with no asbestos survey planned' },
  check(ctx) {
    if (!preAsbestosBuilding(ctx.data)) return;
    if (mentions([ctx.data.phases, ctx.data.annexes, ctx.data.contraintes_exigences, ctx.data.enveloppe_financiere], ASBESTOS)) return;
    ctx.report(['operation', 'annee_permis'], { fr: `Permis antérieur au ${frDate(keyDate('permis_amiante'))} : prévoyez le repérage amiante avant travaux (livrable, annexe ou ligne budgétaire).`, en: `Permit before ${keyDate('permis_amiante')}: plan the pre-works asbestos survey (deliverable, annex or budget line).` }, { target: 'value' });
  },
};

export const PRG_016: Rule = {
  id: 'PRG-016', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'NF P 94-500',
  title: { fr: 'Construction neuve ou extension sans mission géotechnique (G1 puis G2)', en: 'New build or extension without a geotechnical mission (G1 then G2)' },
  check(ctx) {
    if (!someNature(obj(ctx.data.operation), ['construction_neuve', 'extension'])) return;
    if (mentions([ctx.data.phases, ctx.data.annexes, ctx.data.acteurs, ctx.data.enveloppe_financiere, ctx.data.contraintes_exigences], GEOTECHNICS)) return;
    ctx.report(['operation', 'nature'], { fr: 'Aucune mission géotechnique : prévoyez une G1 avant l’esquisse et une G2 en AVP/PRO (NF P 94-500).', en: 'No geotechnical mission: plan a G1 before sketch design and a G2 at AVP/PRO (NF P 94-500).' }, { target: 'value' });
  },
};

export const PLN_001: Rule = {
  id: 'PLN-001', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Logique du planning',
  title: { fr: 'Chaque tâche commence avant de finir (phases ; lancement et remise des offres)', en: 'Every task starts before it ends (phases; launch and tender deadline)' },
  check(ctx) {
    phaseList(ctx.data).forEach((p, i) => {
      const s = date(p.debut);
      const e = date(p.fin);
      if (s && e && e < s) {
        ctx.report(['phases', i, 'fin'], { fr: `La phase ${str(p.id) ?? code(p) ?? i + 1} finit (${frDate(e)}) avant de commencer (${frDate(s)}).`, en: `Phase ${str(p.id) ?? code(p) ?? i + 1} ends (${e}) before it starts (${s}).` }, { target: 'value' });
      }
    });
    const l = date(ctx.data.date_lancement);
    const o = date(ctx.data.date_limite_offres);
    if (l && o && o < l) {
      ctx.report(['date_limite_offres'], { fr: `Date limite des offres (${frDate(o)}) antérieure au lancement (${frDate(l)}).`, en: `Tender deadline (${o}) before the launch (${l}).` }, { target: 'value' });
    }
  },
};

export const PLN_005: Rule = {
  id: 'PLN-005', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'C. urb. R600-2',
  title: { fr: 'Travaux commencés avant la fin du délai de recours des tiers contre le permis (affichage + 2 mois)', en: 'Works starting before the end of the third-party appeal period (posting + 2 months)' },
  check(ctx) {
    const op = obj(ctx.data.operation);
    const posted = date(op.date_affichage_pc);
    if (!posted) return;
    const end = addMonths(posted, 2);
    const works = phaseList(ctx.data).find((p) => ['DET', 'TRX'].includes(code(p) ?? ''));
    const start = date(op.date_debut_travaux) ?? date(works?.debut);
    if (!start || start > end) return;
    const path = date(op.date_debut_travaux) ? ['operation', 'date_debut_travaux'] : ['phases', phaseList(ctx.data).indexOf(works as Obj), 'debut'];
    ctx.report(path, { fr: `Début des travaux le ${frDate(start)}, avant la fin du délai de recours des tiers (${frDate(end)} ; affichage du ${frDate(posted)} + 2 mois) : risque de recours.`, en: `Works start on ${start}, before the end of the third-party appeal period (${end}; posted ${posted} + 2 months): appeal risk.` }, { target: 'value' });
  },
};

export const phaseRules: Rule[] = [PRG_008, PRG_010, PRG_011, PRG_012, PRG_015, PRG_016, PLN_001, PLN_005];
