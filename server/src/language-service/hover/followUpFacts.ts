import { consultationModel, programmeModel } from '../model/build';
import { latestByDate } from '../model/followup';
import { gpaEnd, reserveOpen } from '../model/reception';
import { mdText } from '../util/markdown';
import { date, daysBetween, list, num, obj, str, type Obj } from '../util/data';
import { mark, type HoverData } from './hoverData';

/**
 * Facts of the follow-up (programme) and of the reception (consultation), counted from the day the
 * service runs (`today`, AMO_TODAY in tests and CI): a deliverable's delay, a milestone's slippage, the
 * end of the GPA, a reserve's position against it and against its planned lifting, an indicator's last
 * measure against its target. The definitions (open reserve, follow-up active, latest measure) are the
 * rules' own (rules/followup.ts, rules/reception.ts), so that a hover never contradicts a diagnostic.
 */

/** `3 jours` / `1 day`: a number of days, in the locale. */
function days(d: HoverData, n: number): string {
  const a = Math.abs(n);
  return d.t(`${a} jour${a > 1 ? 's' : ''}`, `${a} day${a > 1 ? 's' : ''}`);
}

/** The label of an enum value as the schema gives it (`en_revue` → « En revue »), else the value. */
const STATUS: Record<string, { fr: string; en: string }> = {
  attendu: { fr: 'Attendu', en: 'Expected' },
  recu: { fr: 'Reçu', en: 'Received' },
  en_revue: { fr: 'En revue', en: 'Under review' },
  valide: { fr: 'Validé', en: 'Approved' },
  refuse: { fr: 'Refusé', en: 'Rejected' },
};
const AVIS: Record<string, { fr: string; en: string }> = {
  favorable: { fr: 'favorable', en: 'favourable' },
  favorable_avec_remarques: { fr: 'favorable avec remarques', en: 'favourable with comments' },
  defavorable: { fr: 'défavorable', en: 'unfavourable' },
};
const RESERVE_STATUS: Record<string, { fr: string; en: string }> = {
  ouverte: { fr: 'ouverte', en: 'open' },
  en_cours: { fr: 'en cours de levée', en: 'being remedied' },
  levee: { fr: 'levée', en: 'lifted' },
  contestee: { fr: 'contestée', en: 'disputed' },
};

function label(d: HoverData, table: Record<string, { fr: string; en: string }>, v: string): string {
  return Object.hasOwn(table, v) ? d.t(table[v].fr, table[v].en) : mdText(v);
}

/** A deliverable: its status, then its delay (or days left) against `echeance`, its issuer and last review. */
export function deliverableFacts(d: HoverData, phase: number, index: number): string | undefined {
  const model = programmeModel(d.root);
  const deliverable = model.phases[phase]?.livrables[index];
  const l = deliverable?.o ?? {};
  if (!deliverable || Object.keys(l).length === 0) return undefined;
  const active = model.followUp;
  const status = deliverable.status;
  const name = mdText(str(l.id) ?? str(l.libelle) ?? `#${index + 1}`);
  const implicit = status !== undefined && str(l.statut) === undefined ? d.t(' (statut absent : attendu, le suivi est actif)', ' (no status: expected, follow-up is active)') : '';
  const lines = [`**${d.t('Livrable', 'Deliverable')} ${name}${status ? ` — ${label(d, STATUS, status)}` : ''}**${implicit}`];
  const due = date(l.echeance);
  const received = date(l.date_reception);
  const today = d.env.today;
  if (received && due) {
    const late = daysBetween(due, received);
    lines.push(`${d.t('Reçu le', 'Received on')} ${d.date(received)}${d.colon} ${late > 0 ? d.t(`${days(d, late)} après l’échéance`, `${days(d, late)} after the due date`) : late < 0 ? d.t(`${days(d, late)} avant l’échéance`, `${days(d, late)} before the due date`) : d.t('à l’échéance', 'on the due date')} (${d.date(due)}).`);
  } else if (received) {
    lines.push(`${d.t('Reçu le', 'Received on')} ${d.date(received)}.`);
  } else if (due) {
    const left = daysBetween(today, due);
    const done = status !== undefined && status !== 'attendu';
    if (done) lines.push(`${d.k('Échéance', 'Due date')} ${d.date(due)} ; ${d.t('statut', 'status')} « ${label(d, STATUS, status)} » ${d.t('sans « date_reception »', "without 'date_reception'")}.`);
    else if (left < 0 && active) lines.push(`**${d.t('En retard de', 'Late by')} ${days(d, left)}** (${d.t('échéance', 'due')} ${d.date(due)}) ${mark(false)} (SUI-001)`);
    else if (left < 0) lines.push(d.t(`Échéance passée depuis ${days(d, left)} (${d.date(due)}) ; suivi non actif : aucun livrable du programme n’a de « statut ».`, `Due date passed ${days(d, left)} ago (${d.date(due)}); follow-up not active: no deliverable of the programme has a 'statut'.`));
    else if (left === 0) lines.push(d.t(`Échéance aujourd’hui (${d.date(due)}).`, `Due today (${d.date(due)}).`));
    else lines.push(`**${days(d, left)} ${d.t('restants', 'left')}** (${d.t('échéance', 'due')} ${d.date(due)})`);
  }
  const issuer = str(l.emetteur);
  if (issuer) lines.push(`${d.k('Émetteur', 'Issuer')} ${mdText(issuer)}`);
  const reviews = list(l.revues).map(obj);
  const last = latestByDate(reviews, (r) => r.date)?.item ?? reviews[reviews.length - 1];
  if (last) {
    const avis = str(last.avis);
    const when = date(last.date);
    const parts = [when && d.date(when), str(last.relecteur) && mdText(str(last.relecteur)), avis && label(d, AVIS, avis)].filter(Boolean).join(', ');
    lines.push(`${d.k(reviews.length > 1 ? `Dernière revue (sur ${reviews.length})` : 'Revue', reviews.length > 1 ? `Last review (of ${reviews.length})` : 'Review')} ${parts || '—'}`);
  } else if (status === 'valide' || status === 'refuse') {
    lines.push(d.t('Aucune revue enregistrée (SUI-002).', 'No review recorded (SUI-002).'));
  }
  return lines.join('\n\n');
}

/** A milestone: planned vs actual date (slippage), or the days to (or since) the planned date; against its phase's end. */
export function milestoneFacts(d: HoverData, phase: number, index: number): string | undefined {
  const p = programmeModel(d.root).phases[phase];
  const ph = p?.o ?? {};
  const m = p?.jalons[index]?.o ?? {};
  if (Object.keys(m).length === 0) return undefined;
  const planned = date(m.date);
  const actual = date(m.date_reelle);
  const name = mdText(str(m.id) ?? str(m.libelle) ?? `#${index + 1}`);
  const lines = [`**${d.t('Jalon', 'Milestone')} ${name}**`];
  if (planned && actual) {
    const slip = daysBetween(planned, actual);
    const what = slip > 0 ? `**${d.t('glissement de', 'slipped by')} ${days(d, slip)}** (SUI-005)` : slip < 0 ? d.t(`en avance de ${days(d, slip)}`, `${days(d, slip)} early`) : d.t('tenu à la date prévue', 'met on the planned date');
    lines.push(`${d.t('Prévu le', 'Planned on')} ${d.date(planned)}, ${d.t('réalisé le', 'achieved on')} ${d.date(actual)}${d.colon} ${what} ${mark(slip <= 0)}`);
  } else if (actual) {
    lines.push(`${d.t('Réalisé le', 'Achieved on')} ${d.date(actual)} ${d.t('(pas de date prévue)', '(no planned date)')}`);
  } else if (planned) {
    const left = daysBetween(d.env.today, planned);
    lines.push(
      left < 0
        ? d.t(`Date prévue passée depuis ${days(d, left)} (${d.date(planned)}) : renseignez « date_reelle » quand le jalon est atteint.`, `Planned date passed ${days(d, left)} ago (${d.date(planned)}): fill in 'date_reelle' once the milestone is met.`)
        : d.t(`Prévu le ${d.date(planned)}, dans ${days(d, left)}.`, `Planned on ${d.date(planned)}, in ${days(d, left)}.`),
    );
  }
  const end = date(ph.fin);
  const latest = actual ?? planned;
  if (end && latest && latest > end) lines.push(d.t(`Après la fin de la phase ${mdText(str(ph.id) ?? '')} (${d.date(end)}) de ${days(d, daysBetween(end, latest))} (SUI-004).`, `After the end of phase ${mdText(str(ph.id) ?? '')} (${d.date(end)}) by ${days(d, daysBetween(end, latest))} (SUI-004).`));
  return lines.join('\n\n');
}

/** An indicator: its last measure against the target in its direction, and the change since the previous one. */
export function indicatorFacts(d: HoverData, index: number): string | undefined {
  const indicator = programmeModel(d.root).indicators[index];
  const ind = indicator?.o ?? {};
  if (!indicator || Object.keys(ind).length === 0) return undefined;
  const unit = str(ind.unite) ? ` ${mdText(str(ind.unite))}` : '';
  const atLeast = str(ind.sens) === 'au_moins';
  const target = num(ind.cible);
  const name = mdText(str(ind.id) ?? str(ind.libelle) ?? `#${index + 1}`);
  const rule = atLeast ? d.t('au moins', 'at least') : d.t('au plus', 'at most');
  const lines = [`**${d.t('Indicateur', 'Indicator')} ${name}**${target !== undefined ? ` — ${d.t('cible', 'target')} ${rule} ${d.num(target)}${unit}` : ''}`];
  const measures = indicator.mesures.map((e) => e.o).filter((m) => date(m.date) && num(m.valeur) !== undefined);
  const last = latestByDate(measures, (m) => m.date);
  if (!last) {
    lines.push(d.t('Aucune mesure datée.', 'No dated measure.'));
    return lines.join('\n\n');
  }
  const value = num(last.item.valeur) as number;
  const head = `${d.k('Dernière mesure', 'Last measure')} ${d.num(value)}${unit} (${d.date(last.date)})`;
  if (target !== undefined) {
    const ok = atLeast ? value >= target : value <= target;
    const gap = Math.abs(value - target);
    lines.push(`**${head}** ${mark(ok)} ${ok ? d.t('cible atteinte', 'target met') : d.t(`cible manquée de ${d.num(gap)}${unit} (SUI-006)`, `target missed by ${d.num(gap)}${unit} (SUI-006)`)}`);
  } else lines.push(`**${head}** — ${d.t('pas de « cible »', "no 'cible'")}`);
  const before = latestByDate(measures.filter((_, i) => i !== last.index), (m) => m.date);
  if (before && before.date <= last.date) {
    const delta = value - (num(before.item.valeur) as number);
    lines.push(`${d.k('Depuis la mesure précédente', 'Since the previous measure')} ${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${d.num(Math.abs(delta))}${unit} (${d.date(before.date)}, ${measures.length} ${d.t('mesures', 'measures')})`);
  }
  return lines.join('\n\n');
}

/** The GPA line: its end and the days left, or since when it is over. */
function gpaLine(d: HoverData, end: string): string {
  const left = daysBetween(d.env.today, end);
  const head = `${d.k('Fin de la garantie de parfait achèvement', 'End of the one-year completion guarantee (GPA)')} ${d.date(end)} ${d.t('(réception + 1 an : CCAG-Travaux 2021 art. 44.1 ; C. civ. 1792-6 en marché privé)', '(acceptance + 1 year: CCAG-Travaux 2021 art. 44.1; C. civ. 1792-6 for private works)')}`;
  if (left > 0) return `**${head}** — ${d.t(`${days(d, left)} restants`, `${days(d, left)} left`)}`;
  if (left === 0) return `**${head}** — ${d.t('aujourd’hui', 'today')}`;
  return `**${head}** — ${d.t(`terminée depuis ${days(d, left)}`, `ended ${days(d, left)} ago`)}`;
}

/** The reception: end of the GPA, and the reserves still open. */
export function receptionFacts(d: HoverData): string | undefined {
  const reception = consultationModel(d.root).reception;
  const rec = reception?.o ?? {};
  const end = gpaEnd(rec);
  const lines: string[] = [];
  if (end) lines.push(gpaLine(d, end));
  else lines.push(d.t('Fin de la GPA non calculable : renseignez « date_reception ».', "End of the GPA not computable: fill in 'date_reception'."));
  const opr = date(rec.date_opr);
  const at = date(rec.date_reception);
  if (opr && at) lines.push(`${d.t('OPR le', 'Pre-acceptance inspection on')} ${d.date(opr)}, ${d.t(`${days(d, daysBetween(opr, at))} avant la réception`, `${days(d, daysBetween(opr, at))} before the acceptance`)} ${mark(opr <= at)}`);
  const reserves = (reception?.reserves ?? []).map((r) => r.o);
  if (reserves.length) {
    const open = reserves.filter(reserveOpen);
    const overdue = open.filter((r) => {
      const p = date(r.date_levee_prevue);
      return p !== undefined && p < d.env.today;
    });
    lines.push(`${d.k('Réserves', 'Reserves')} ${reserves.length}, ${d.t(`dont ${open.length} ouverte(s)`, `${open.length} open`)}${overdue.length ? d.t(`, ${overdue.length} en retard sur la levée prévue`, `, ${overdue.length} past their planned lifting`) : ''}`);
  }
  return lines.join('\n\n');
}

/** A reserve: open or lifted, its position against the end of the GPA and against its planned lifting. */
export function reserveFacts(d: HoverData, index: number): string | undefined {
  const reception = consultationModel(d.root).reception;
  const rec = reception?.o ?? {};
  const r: Obj = reception?.reserves[index]?.o ?? {};
  if (Object.keys(r).length === 0) return undefined;
  const open = reserveOpen(r);
  const statut = str(r.statut);
  const name = mdText(str(r.id) ?? `#${index + 1}`);
  const state = statut ? label(d, RESERVE_STATUS, statut) : open ? d.t('ouverte (pas de statut)', 'open (no status)') : d.t('levée (date de levée sans statut)', 'lifted (lifting date, no status)');
  const lines = [`**${d.t('Réserve', 'Reserve')} ${name} — ${state}**${str(r.entreprise) ? ` · ${mdText(str(r.entreprise))}` : ''}${str(r.lot) ? ` · lot ${mdText(str(r.lot))}` : ''}`];
  const today = d.env.today;
  const end = gpaEnd(rec);
  const planned = date(r.date_levee_prevue);
  const lifted = date(r.date_levee);
  if (end) {
    const left = daysBetween(today, end);
    if (!open) lines.push(`${d.k('Fin de la GPA', 'End of the GPA')} ${d.date(end)}${lifted ? ` ; ${d.t('levée', 'lifted')} ${lifted <= end ? d.t(`${days(d, daysBetween(lifted, end))} avant`, `${days(d, daysBetween(lifted, end))} before`) : d.t(`${days(d, daysBetween(end, lifted))} après`, `${days(d, daysBetween(end, lifted))} after`)} ${mark(lifted <= end)}` : ''}`);
    else if (left >= 0) lines.push(`**${d.t(`Fin de la GPA dans ${days(d, left)}`, `GPA ends in ${days(d, left)}`)}** (${d.date(end)})`);
    else lines.push(`**${d.t(`GPA terminée depuis ${days(d, left)}`, `GPA ended ${days(d, left)} ago`)}** (${d.date(end)}) ${mark(false)} (REC-002)`);
  } else lines.push(d.t('Fin de la GPA non calculable : pas de « reception.date_reception ».', "End of the GPA not computable: no 'reception.date_reception'."));
  if (planned) {
    if (open) {
      const left = daysBetween(today, planned);
      lines.push(left < 0 ? `**${d.t(`En retard de ${days(d, left)}`, `Late by ${days(d, left)}`)}** ${d.t('sur la levée prévue le', 'on the lifting planned on')} ${d.date(planned)} ${mark(false)}` : `${d.t('Levée prévue le', 'Lifting planned on')} ${d.date(planned)}, ${d.t(`dans ${days(d, left)}`, `in ${days(d, left)}`)}`);
    } else if (lifted) {
      const late = daysBetween(planned, lifted);
      lines.push(`${d.t('Levée le', 'Lifted on')} ${d.date(lifted)}, ${late > 0 ? d.t(`${days(d, late)} après la date prévue`, `${days(d, late)} after the planned date`) : late < 0 ? d.t(`${days(d, late)} avant la date prévue`, `${days(d, late)} before the planned date`) : d.t('à la date prévue', 'on the planned date')} (${d.date(planned)}) ${mark(late <= 0)}`);
    }
    if (end && planned > end && open) lines.push(d.t('Levée prévue après la fin de la GPA (REC-001).', 'Lifting planned after the end of the GPA (REC-001).'));
  } else if (lifted && !open) {
    lines.push(`${d.t('Levée le', 'Lifted on')} ${d.date(lifted)}`);
  }
  if (open && lifted) lines.push(d.t(`Une date de levée (${d.date(lifted)}) est notée alors que la réserve est « ${state} » (REC-006).`, `A lifting date (${d.date(lifted)}) is recorded although the reserve is '${state}' (REC-006).`));
  return lines.join('\n\n');
}
