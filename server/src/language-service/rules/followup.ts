import { programmeModel } from '../model/build';
import { deliverables, deliverableStatus, followUpActive, latestByDate, milestones } from '../model/followup';
import { date, daysBetween, frDate, list, nonEmpty, num, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Path } from '../types';
import type { Rule } from './types';

/**
 * SUI- rules: the follow-up of a programme once the works are under way: deliverables (status, receipt,
 * reviews), milestones (planned vs actual dates) and indicators (measures vs target).
 */



function name(o: Obj, fallback: string): string {
  return str(o.id) ?? str(o.libelle) ?? fallback;
}

function days(n: number): { fr: string; en: string } {
  return { fr: `${n} jour${n > 1 ? 's' : ''}`, en: `${n} day${n > 1 ? 's' : ''}` };
}

const AVIS: Record<string, { fr: string; en: string }> = {
  favorable: { fr: 'favorable', en: 'favourable' },
  favorable_avec_remarques: { fr: 'favorable avec remarques', en: 'favourable with comments' },
  defavorable: { fr: 'défavorable', en: 'unfavourable' },
};

export const SUI_001: Rule = {
  id: 'SUI-001', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Suivi des livrables (mission d’AMO, conduite d’opération) ; pratique',
  title: { fr: 'Livrable en retard : échéance passée et livrable non reçu (suivi actif)', en: 'Late deliverable: past its due date and not received (follow-up active)' },
  check(ctx) {
    const active = followUpActive(ctx.data);
    if (!active) return;
    for (const d of deliverables(ctx.data)) {
      const due = date(d.o.echeance);
      if (!due || due >= ctx.today) continue;
      if (deliverableStatus(d.o, active) !== 'attendu' || nonEmpty(d.o.date_reception)) continue;
      const late = days(daysBetween(due, ctx.today));
      const who = str(d.o.emetteur);
      ctx.report([...d.path, 'echeance'], {
        fr: `Livrable ${name(d.o, '?')} attendu le ${frDate(due)} et toujours pas reçu : ${late.fr} de retard au ${frDate(ctx.today)}${who ? ` (émetteur ${who})` : ''}. Relancez l’émetteur ou notez « date_reception » et le statut.`,
        en: `Deliverable ${name(d.o, '?')} was due on ${due} and is still not received: ${late.en} late on ${ctx.today}${who ? ` (issuer ${who})` : ''}. Chase the issuer or record 'date_reception' and the status.`,
      }, { target: 'value' });
    }
  },
};

export const SUI_002: Rule = {
  id: 'SUI-002', fixes: ['addReview'], kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Traçabilité du visa des livrables (mission d’AMO) ; pratique',
  title: { fr: 'Livrable validé ou refusé sans aucune revue enregistrée', en: 'Deliverable approved or rejected without any recorded review' },
  check(ctx) {
    for (const d of deliverables(ctx.data)) {
      const s = str(d.o.statut);
      if ((s !== 'valide' && s !== 'refuse') || list(d.o.revues).length > 0) continue;
      const what = s === 'valide' ? { fr: 'validé', en: 'approved' } : { fr: 'refusé', en: 'rejected' };
      ctx.report([...d.path, 'statut'], {
        fr: `Livrable ${name(d.o, '?')} ${what.fr} sans aucune revue dans « revues » : notez la revue qui fonde la décision (date, relecteur, avis).`,
        en: `Deliverable ${name(d.o, '?')} ${what.en} without any review in 'revues': record the review the decision rests on (date, reviewer, opinion).`,
      }, { target: 'value' });
    }
  },
};

export const SUI_003: Rule = {
  id: 'SUI-003', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Traçabilité du visa des livrables (mission d’AMO) ; pratique',
  title: { fr: 'Statut du livrable contraire à la dernière revue (validé après un avis défavorable, refusé après un avis favorable)', en: 'Deliverable status contrary to the last review (approved after an unfavourable opinion, rejected after a favourable one)' },
  check(ctx) {
    for (const d of deliverables(ctx.data)) {
      const s = str(d.o.statut);
      if (s !== 'valide' && s !== 'refuse') continue;
      const reviews = list(d.o.revues).map(obj);
      // The latest review by date; reviews without a valid date count in list order, before dated ones.
      const last = latestByDate(reviews, (r) => r.date)?.item ?? reviews[reviews.length - 1];
      const avis = str(last?.avis);
      if (!last || !avis || !(avis in AVIS)) continue;
      const contrary = (s === 'valide' && avis === 'defavorable') || (s === 'refuse' && avis !== 'defavorable');
      if (!contrary) continue;
      const when = date(last.date);
      const on = when ? { fr: ` du ${frDate(when)}`, en: ` of ${when}` } : { fr: '', en: '' };
      const what = s === 'valide' ? { fr: 'validé', en: 'approved' } : { fr: 'refusé', en: 'rejected' };
      ctx.report([...d.path, 'statut'], {
        fr: `Livrable ${name(d.o, '?')} ${what.fr} alors que sa dernière revue${on.fr} est « ${AVIS[avis].fr} » : ajoutez la revue qui justifie le statut ou corrigez-le.`,
        en: `Deliverable ${name(d.o, '?')} ${what.en} although its last review${on.en} is '${AVIS[avis].en}': add the review that justifies the status or correct it.`,
      }, { target: 'value' });
    }
  },
};

export const SUI_004: Rule = {
  id: 'SUI-004', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Logique du planning',
  title: { fr: 'Jalon (date prévue ou réelle) postérieur à la fin de sa phase', en: 'Milestone (planned or actual date) after the end of its phase' },
  check(ctx) {
    for (const m of milestones(ctx.data)) {
      const end = date(m.phase.fin);
      if (!end) continue;
      const planned = date(m.o.date);
      const actual = date(m.o.date_reelle);
      const phase = str(m.phase.id) ?? str(m.phase.code) ?? '?';
      // The planned date out of its phase is the planning error; the actual one, a slippage beyond the phase.
      if (planned && planned > end) {
        ctx.report([...m.path, 'date'], {
          fr: `Jalon ${name(m.o, '?')} prévu le ${frDate(planned)}, après la fin de sa phase ${phase} (${frDate(end)}) : ${days(daysBetween(end, planned)).fr} plus tard.`,
          en: `Milestone ${name(m.o, '?')} planned on ${planned}, after the end of its phase ${phase} (${end}): ${days(daysBetween(end, planned)).en} later.`,
        }, { target: 'value' });
      } else if (actual && actual > end) {
        ctx.report([...m.path, 'date_reelle'], {
          fr: `Jalon ${name(m.o, '?')} atteint le ${frDate(actual)}, après la fin de sa phase ${phase} (${frDate(end)}) : ${days(daysBetween(end, actual)).fr} plus tard. Recalez la phase ou le jalon.`,
          en: `Milestone ${name(m.o, '?')} reached on ${actual}, after the end of its phase ${phase} (${end}): ${days(daysBetween(end, actual)).en} later. Reschedule the phase or the milestone.`,
        }, { target: 'value' });
      }
    }
  },
};

export const SUI_005: Rule = {
  id: 'SUI-005', kind: 'programme', severity: 'information', confidence: 'S', basis: 'Suivi du planning (glissement des jalons)',
  title: { fr: 'Jalon atteint en retard : date réelle postérieure à la date prévue', en: 'Milestone reached late: actual date after the planned date' },
  check(ctx) {
    for (const m of milestones(ctx.data)) {
      const planned = date(m.o.date);
      const actual = date(m.o.date_reelle);
      if (!planned || !actual || actual <= planned) continue;
      const late = days(daysBetween(planned, actual));
      ctx.report([...m.path, 'date_reelle'], {
        fr: `Jalon ${name(m.o, '?')} atteint le ${frDate(actual)} au lieu du ${frDate(planned)} : ${late.fr} de retard.`,
        en: `Milestone ${name(m.o, '?')} reached on ${actual} instead of ${planned}: ${late.en} late.`,
      }, { target: 'value' });
    }
  },
};

function fmt(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n).replace(/\u202f/g, '\u00a0');
}

export const SUI_006: Rule = {
  id: 'SUI-006', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Tableau de bord de l’opération (indicateurs et cibles)',
  title: { fr: 'Indicateur dont la dernière mesure manque la cible (au plus : au-dessus ; au moins : en dessous)', en: 'Indicator whose last measure misses its target (at most: above; at least: below)' },
  check(ctx) {
    for (const indicator of programmeModel(ctx.data).indicators) {
      const ind = indicator.o;
      const target = indicator.cible;
      if (target === undefined) continue;
      const last = latestByDate(indicator.mesures, (m) => m.o.date);
      const value = num(last?.item.o.valeur);
      if (!last || value === undefined) continue;
      const atLeast = indicator.sens === 'au_moins';
      if (atLeast ? value >= target : value <= target) continue;
      const unit = str(ind.unite) ? ` ${str(ind.unite)}` : '';
      const rule = atLeast ? { fr: 'au moins', en: 'at least' } : { fr: 'au plus', en: 'at most' };
      ctx.report([...last.item.path, 'valeur'], {
        fr: `Indicateur ${name(ind, '?')} : dernière mesure (${frDate(last.date)}) de ${fmt(value)}${unit} pour une cible d’${rule.fr} ${fmt(target)}${unit} (écart ${fmt(Math.abs(value - target))}${unit}).`,
        en: `Indicator ${name(ind, '?')}: last measure (${last.date}) is ${value}${unit} against a target of ${rule.en} ${target}${unit} (gap ${Math.round(Math.abs(value - target) * 100) / 100}${unit}).`,
      }, { target: 'value' });
    }
  },
};

export const SUI_007: Rule = {
  id: 'SUI-007', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Cohérence du suivi (ce qui est enregistré comme fait est daté au plus tard aujourd’hui)',
  title: { fr: 'Date de suivi dans le futur : revue, réception d’un livrable, date réelle d’un jalon, mesure d’un indicateur', en: 'Follow-up date in the future: review, receipt of a deliverable, actual date of a milestone, measure of an indicator' },
  check(ctx) {
    const future = (path: Path, value: unknown, what: { fr: string; en: string }): void => {
      const d = date(value);
      if (!d || d <= ctx.today) return;
      const ahead = days(daysBetween(ctx.today, d));
      ctx.report(path, {
        // Every `what` is feminine (réception, revue, date, mesure).
        fr: `${what.fr} datée du ${frDate(d)}, dans ${ahead.fr} : ce qui est enregistré comme fait ne peut pas être postérieur à aujourd’hui (${frDate(ctx.today)}).`,
        en: `${what.en} dated ${d}, ${ahead.en} ahead: what is recorded as done cannot be later than today (${ctx.today}).`,
      }, { target: 'value' });
    };
    for (const d of deliverables(ctx.data)) {
      const n = name(d.o, '?');
      future([...d.path, 'date_reception'], d.o.date_reception, { fr: `Réception du livrable ${n}`, en: `Receipt of deliverable ${n}` });
      list(d.o.revues).forEach((r, k) => future([...d.path, 'revues', k, 'date'], obj(r).date, { fr: `Revue du livrable ${n}`, en: `Review of deliverable ${n}` }));
    }
    for (const m of milestones(ctx.data)) {
      future([...m.path, 'date_reelle'], m.o.date_reelle, { fr: `Date réelle du jalon ${name(m.o, '?')}`, en: `Actual date of milestone ${name(m.o, '?')}` });
    }
    for (const ind of programmeModel(ctx.data).indicators) {
      for (const ms of ind.mesures) future([...ms.path, 'date'], ms.o.date, { fr: `Mesure de l’indicateur ${name(ind.o, '?')}`, en: `Measure of indicator ${name(ind.o, '?')}` });
    }
  },
};

export const followupRules: Rule[] = [SUI_001, SUI_002, SUI_003, SUI_004, SUI_005, SUI_006, SUI_007];
