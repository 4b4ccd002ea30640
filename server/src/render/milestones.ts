import { MINIMUM_DELAYS, PRACTICE_DEFAULTS, STANDSTILL_DAYS, type MinimumDelay } from '../language-service/data/legalData';
import { FORMALISED, procedureType } from '../language-service/model/consultation';
import { addDays, addMonths, date, daysBetween, nonEmpty, num, obj, str, type Obj } from '../language-service/util/data';
import { programmeModel } from '../language-service/model/build';
import type { SourceDoc } from './context';
import { dateFr } from './format';
import { guaranteesFrom, operationReception, type ReceptionDate } from './guarantees';
import type { Line } from './model';

/** A date computed from the documents and the law, with how it was computed. */
export interface LegalMilestone {
  date: string;
  label: string;
  /** The computation, in words ("réception 28/08/2028 + 1 an"). */
  how: string;
  basis: string;
  /** [V] verified, [S] secondary, [U] professional practice or unverified (the confidence of docs/rules.md). */
  conf: 'V' | 'S' | 'U';
  line?: Line;
  /** The date the document plans for the same event, when it says (for comparison). */
  planned?: string;
  /** False for far-off dates (biennale, décennale): listed in the table, not drawn on the Gantt chart. */
  chart?: boolean;
  /** Whether the planned date must be on or after (`after`) or on or before (`before`) the computed one. */
  plannedMustBe?: 'after' | 'before';
}

/** True when the planned date respects the computed one (undefined when nothing is planned). */
export function plannedOk(m: LegalMilestone): boolean | undefined {
  if (!m.planned || !m.plannedMustBe) return undefined;
  return m.plannedMustBe === 'after' ? m.planned >= m.date : m.planned <= m.date;
}

const RECEPTION = /r[ée]ception/i;
const NOT_RECEPTION = /pr[ée]alable|\bOPR\b|lev[ée]e/i;

/**
 * The reception (acceptance) date the programme plans: a « réception » milestone of an AOR/REC phase,
 * else of any phase (its actual date `date_reelle` when recorded, else its planned `date`), else the
 * AOR/REC phase start (assumed).
 */
export function receptionDate(prog: SourceDoc): ReceptionDate | undefined {
  const phases = programmeModel(prog.data).phases;
  const closing = (o: Obj): boolean => ['AOR', 'REC'].includes(str(o.code)?.toUpperCase() ?? '');
  for (const onlyClosing of [true, false]) {
    for (const p of phases) {
      if (onlyClosing && !closing(p.o)) continue;
      const hit = p.jalons.find((j) => RECEPTION.test(j.libelle ?? '') && !NOT_RECEPTION.test(j.libelle ?? '') && (j.date || j.dateReelle));
      if (hit) {
        const actual = hit.dateReelle;
        return { date: actual ?? (hit.date as string), basis: actual ? 'effective' : 'planned', line: prog.src.at(...hit.path) };
      }
    }
  }
  const rec = phases.find((p) => closing(p.o) && p.debut);
  return rec ? { date: rec.debut as string, line: prog.src.at(...rec.path), basis: 'assumed' } : undefined;
}

/**
 * Milestones of a programme: permit appeal period, guarantees from the reception — the effective one
 * recorded by its consultations when there is one (guarantees.ts, the same dates as the PV and the
 * reserve log), else the programme's own.
 */
export function programmeMilestones(prog: SourceDoc, consultations: SourceDoc[] = []): LegalMilestone[] {
  const out: LegalMilestone[] = [];
  const op = obj(prog.data.operation);
  const posting = date(op.date_affichage_pc);
  if (posting) {
    out.push({ date: addMonths(posting, 2), label: 'Fin du délai de recours des tiers contre le permis de construire', how: `affichage continu sur le terrain le ${dateFr(posting)} + 2 mois`, basis: 'C. urb. R600-2', conf: 'V', line: prog.src.at('operation', 'date_affichage_pc') });
  }
  const rec = operationReception(receptionDate(prog), consultations);
  if (rec) {
    const g = guaranteesFrom(rec, dateFr);
    out.push(
      { date: g.gpa, label: 'Fin de la garantie de parfait achèvement', how: `${g.from} + 1 an`, basis: 'C. civ. art. 1792-6', conf: 'V', line: rec.line },
      { date: g.biennale, label: 'Fin de la garantie biennale de bon fonctionnement', how: `${g.from} + 2 ans`, basis: 'C. civ. art. 1792-3', conf: 'V', line: rec.line, chart: false },
      { date: g.decennale, label: 'Fin de la garantie décennale', how: `${g.from} + 10 ans`, basis: 'C. civ. art. 1792, 1792-4-1', conf: 'V', line: rec.line, chart: false },
    );
  }
  return out;
}

/** The shortest legal minimum among the reductions the consultation qualifies for (R2161-x). */
function minimumDays(data: Obj, table: MinimumDelay): { days: number; why: string } {
  const start = date(data.date_envoi_avis) ?? date(data.date_lancement);
  const pin = date(obj(data.avis_preinformation).date_envoi);
  const options = [{ days: table.standard, why: 'délai standard' }];
  if (table.electronique !== undefined && data.transmission_electronique === true) options.push({ days: table.electronique, why: 'transmission électronique' });
  if (table.preinformation !== undefined && pin && start && daysBetween(pin, start) >= 35 && daysBetween(pin, start) <= 366) options.push({ days: table.preinformation, why: 'avis de préinformation' });
  if (table.urgence !== undefined && nonEmpty(obj(data.urgence).justification)) options.push({ days: table.urgence, why: 'urgence justifiée' });
  return options.reduce((a, b) => (b.days < a.days ? b : a));
}

/** Milestones of a consultation: minimum tender period, standstill, offer validity. */
export function consultationMilestones(c: SourceDoc): LegalMilestone[] {
  const { data, src } = c;
  const out: LegalMilestone[] = [];
  const type = procedureType(data);
  const name = str(data.id) ?? 'consultation';
  const noticeKey = date(data.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement';
  const notice = date(data[noticeKey]);
  const offers = date(data.date_limite_offres);
  const invitation = date(data.date_envoi_invitation);
  if (notice && type === 'AOO') {
    const m = minimumDays(data, MINIMUM_DELAYS.AOO);
    out.push({ date: addDays(notice, m.days), label: `${name} : date limite des offres au plus tôt`, how: `envoi de l’avis le ${dateFr(notice)} + ${m.days} jours (${m.why})`, basis: MINIMUM_DELAYS.AOO.basis, conf: MINIMUM_DELAYS.AOO.conf, line: src.at(noticeKey), planned: offers, plannedMustBe: 'after' });
  } else if (notice && (type === 'AOR' || type === 'PN')) {
    const cand = MINIMUM_DELAYS[`${type}_candid`];
    const m = minimumDays(data, cand);
    out.push({ date: addDays(notice, m.days), label: `${name} : date limite des candidatures au plus tôt`, how: `envoi de l’avis le ${dateFr(notice)} + ${m.days} jours (${m.why})`, basis: cand.basis, conf: cand.conf, line: src.at(noticeKey), planned: date(data.date_limite_candidatures), plannedMustBe: 'after' });
    if (invitation) {
      const off = MINIMUM_DELAYS[`${type}_offres`];
      const mo = minimumDays(data, off);
      out.push({ date: addDays(invitation, mo.days), label: `${name} : date limite des offres au plus tôt`, how: `invitation le ${dateFr(invitation)} + ${mo.days} jours (${mo.why})`, basis: off.basis, conf: off.conf, line: src.at('date_envoi_invitation'), planned: offers, plannedMustBe: 'after' });
    }
  } else if (notice && type === 'MAPA') {
    const days = str(data.nature) === 'travaux' ? PRACTICE_DEFAULTS.mapaDelaiMinJoursTravaux : PRACTICE_DEFAULTS.mapaDelaiMinJours;
    out.push({ date: addDays(notice, days), label: `${name} : date limite des offres, repère de pratique (pas de minimum légal en MAPA)`, how: `lancement le ${dateFr(notice)} + ${days} jours ; le délai doit rester « suffisant et raisonnable »`, basis: 'R2123-4 ; CE 5 août 2009, n° 307117', conf: 'U', line: src.at(noticeKey), planned: offers, plannedMustBe: 'after' });
  }
  const rejet = date(data.date_notification_rejet);
  if (rejet && type && FORMALISED.has(type)) {
    const electronic = data.transmission_electronique !== false;
    const days = electronic ? STANDSTILL_DAYS.electronique : STANDSTILL_DAYS.papier;
    out.push({ date: addDays(rejet, days), label: `${name} : signature au plus tôt (fin du délai de suspension)`, how: `notification du rejet le ${dateFr(rejet)} + ${days} jours (${electronic ? 'voie électronique' : 'autre voie'})`, basis: STANDSTILL_DAYS.basis, conf: STANDSTILL_DAYS.conf, line: src.at('date_notification_rejet'), planned: date(data.date_signature), plannedMustBe: 'after' });
  }
  const validity = num(data.validite_offres_jours);
  if (offers && validity !== undefined) {
    out.push({ date: addDays(offers, validity), label: `${name} : fin de validité des offres`, how: `date limite des offres le ${dateFr(offers)} + ${validity} jours`, basis: 'RC ; CE 26 sept. 2007, n° 262607 (attribution pendant la validité)', conf: 'S', line: src.at('validite_offres_jours'), planned: date(data.date_attribution_prevue), plannedMustBe: 'before' });
  }
  return out;
}
