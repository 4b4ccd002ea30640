import { mdText } from '../util/markdown';
import { FR_THRESHOLDS, MINIMUM_DELAYS, PRACTICE_DEFAULTS, valueAt } from '../data/legalData';
import { buyerCategory, estimatedValue, euThreshold, FORMALISED, launchDate, minimumDelay, procedureType, THRESHOLD_LABEL, type ConsultationFacts } from '../model/consultation';
import { addDays, date, daysBetween, str } from '../util/data';
import { mark, type HoverData } from './hoverData';

/**
 * Procedure facts of a consultation: the time limit for tenders against the legal minimum of its
 * procedure (R2161-x, the rules' own helper), and the EU threshold in force at the launch date.
 */

function facts(d: HoverData): ConsultationFacts {
  return { data: d.root, today: d.env.today, programme: d.programmeLink() };
}

/** Days between the notice (or the invitation) and `date_limite_offres`, against the minimum. */
export function delayFacts(d: HoverData): string {
  const data = d.root;
  const type = procedureType(data);
  const noticeKey = date(data.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement';
  const notice = date(data[noticeKey]);
  const offers = date(data.date_limite_offres);
  if (!notice || !offers) {
    return d.t('Délai de réception des offres : renseignez « date_lancement » (ou « date_envoi_avis ») et « date_limite_offres ».', "Time limit for tenders: fill in 'date_lancement' (or 'date_envoi_avis') and 'date_limite_offres'.");
  }
  const invitation = type === 'AOR' || type === 'PN' ? date(data.date_envoi_invitation) : undefined;
  const [from, fromKey] = invitation ? [invitation, 'date_envoi_invitation'] : [notice, noticeKey];
  const days = daysBetween(from, offers);
  const lines = [`**${days} ${d.t('jours', 'days')}** ${d.t('entre', 'between')} ${fromKey} (${d.date(from)}) ${d.t('et', 'and')} date_limite_offres (${d.date(offers)})`];
  const table = type === 'AOO' ? MINIMUM_DELAYS.AOO : type === 'AOR' || type === 'PN' ? MINIMUM_DELAYS[`${type}_offres`] : undefined;
  if (table) {
    const min = minimumDelay(data, table);
    const ok = days >= min.days;
    const reduced = min.days < table.standard ? d.t(` (standard : ${table.standard} jours)`, ` (standard: ${table.standard} days)`) : '';
    lines.push(`${d.t('Minimum légal', 'Legal minimum')} ${type}${d.colon} ${min.days} ${d.t('jours', 'days')}, ${d.t('cas', 'case')} ${min.why}${reduced} — ${table.basis} [${table.conf}] ${mark(ok)}`);
    if (!ok) lines.push(`${d.k('Date limite au plus tôt', 'Earliest deadline')} ${d.date(addDays(from, min.days))} (CSL-015).`);
    if ((type === 'AOR' || type === 'PN') && !invitation) {
      lines.push(d.t('Compté depuis l’avis faute de « date_envoi_invitation » : le délai réel court depuis l’invitation.', "Counted from the notice for want of 'date_envoi_invitation': the real time limit runs from the invitation."));
    }
  } else if (type === 'MAPA') {
    const guide = str(data.nature) === 'travaux' ? PRACTICE_DEFAULTS.mapaDelaiMinJoursTravaux : PRACTICE_DEFAULTS.mapaDelaiMinJours;
    lines.push(d.t(`Procédure adaptée : pas de minimum légal, un délai « suffisant et raisonnable » (CE 2009, n° 307117) ; repère ${guide} jours ${mark(days >= guide)} (CSL-015b).`, `Adapted procedure: no legal minimum, a "sufficient and reasonable" time (CE 2009, no. 307117); guide ${guide} days ${mark(days >= guide)} (CSL-015b).`));
  } else {
    lines.push(d.t(`Pas de délai minimal dans les données pour ${type ? `la procédure ${mdText(type)}` : 'une procédure non renseignée'}.`, `No minimum time limit in the data for ${type ? `procedure ${mdText(type)}` : 'an unspecified procedure'}.`));
  }
  return lines.join('\n\n');
}

/** The EU threshold that applies at the launch date, and where the estimated value stands. */
export function thresholdFacts(d: HoverData): string {
  const ctx = facts(d);
  const t = euThreshold(ctx);
  const at = launchDate(ctx);
  const buyer = buyerCategory(ctx);
  const label = THRESHOLD_LABEL[t.key];
  const validity = `${t.entry.from ? d.date(t.entry.from) : '…'} → ${t.entry.to ? d.date(t.entry.to) : '…'}`;
  const lines = [
    `**${d.t('Seuil européen', 'EU threshold')} (${d.t(label.fr, label.en)})${d.colon} ${d.money(t.value)} ${d.t('HT', 'excl. VAT')}**`,
    `${d.t('En vigueur le', 'In force on')} ${d.date(at.date)}${at.assumed ? d.t(' (aujourd’hui : pas de « date_lancement »)', " (today: no 'date_lancement')") : ''} — ${validity} ; ${t.entry.source} [${t.entry.conf}]${t.extrapolated ? d.t(' ; date hors des intervalles connus : valeur la plus proche, à vérifier', ' ; date outside the known intervals: nearest value, to be checked') : ''}`,
    `${d.k('Acheteur', 'Buyer')} ${mdText(buyer.categorie)}${buyer.assumed ? d.t(' (par défaut)', ' (default)') : ''}`,
  ];
  const value = estimatedValue(ctx.data);
  const type = procedureType(ctx.data);
  if (value !== undefined) {
    const above = value >= t.value;
    lines.push(
      above
        ? d.t(`Valeur estimée ${d.money(value)} HT ≥ seuil : procédure formalisée (AOO, AOR, PN, DC), sauf petits lots (R2123-1 2°) ou MAPA en raison de l’objet.`, `Estimated value ${d.money(value)} ≥ threshold: formalised procedure (AOO, AOR, PN, DC), except small lots (R2123-1 2°) or a MAPA by subject.`)
        : d.t(`Valeur estimée ${d.money(value)} HT < seuil : procédure adaptée possible (R2123-1 1°).`, `Estimated value ${d.money(value)} < threshold: an adapted procedure is possible (R2123-1 1°).`),
    );
    if (type === 'MAPA' && above) lines.push(d.t('MAPA au-dessus du seuil : à justifier (CSL-012) ✗', 'MAPA above the threshold: to be justified (CSL-012) ✗'));
    if (type && FORMALISED.has(type)) lines.push(d.t(`Procédure ${type} : formalisée ✓`, `Procedure ${type}: formalised ✓`));
    if (type === 'SPMC') {
      const key = str(ctx.data.nature) === 'travaux' ? 'dispense_travaux' : 'dispense_fcs';
      const dispense = valueAt(FR_THRESHOLDS, key, at.date);
      if (dispense) lines.push(`${d.k('Seuil de dispense R2122-8', 'R2122-8 exemption threshold')} ${d.money(dispense.value)} ${mark(value < dispense.value)}`);
    }
  }
  return lines.join('\n\n');
}
