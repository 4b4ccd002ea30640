import { consultationModel } from '../../model/build';
import { FR_THRESHOLDS, PRACTICE_DEFAULTS, valueAt } from '../../data/legalData';
import { date, euros, frDate, isObj, nonEmpty, num, obj, str, sum } from '../../util/index';
import type { Rule, RuleContext } from '../types';
import { buyerProfile, datedRange, estimatedValue, judgeBuyer, launchInfo } from '../../model/consultation';

/**
 * Checks of the execution clauses (payment, advance, retention money, price variation, capacities), the
 * consistency of the file's dates and amounts, and the award against the estimate. Each error cites the text
 * it enforces; what the file cannot prove either way is a warning.
 */

const CHRONOLOGY: readonly string[] = ['date_envoi_avis', 'date_limite_candidatures', 'date_envoi_invitation', 'date_limite_offres', 'date_notification_rejet', 'date_signature'];

export const CSL_028: Rule = {
  id: 'CSL-028', kind: 'consultation', severity: 'error', confidence: 'practice', basis: 'Cohérence du document (chronologie de la procédure)',
  title: { fr: 'Dates dans l’ordre de la procédure : lancement ≤ avis ≤ candidatures ≤ invitation ≤ offres ≤ attribution ≤ rejets ≤ signature', en: 'Dates in the order of the procedure: launch ≤ notice ≤ requests to participate ≤ invitation ≤ tenders ≤ award ≤ rejections ≤ signature' },
  check(ctx) {
    const d = ctx.data;
    const known = CHRONOLOGY.map((k) => ({ key: k, date: date(d[k]) })).filter((x): x is { key: string; date: string } => x.date !== undefined);
    const launch = date(d.date_lancement);
    // A consultation is launched at the latest when its notice is sent: every later step follows the launch.
    if (launch) {
      // The tender deadline before the launch is PLN-001's finding (the planning's own check).
      const first = known.find((x) => x.key !== 'date_envoi_avis');
      if (first && first.date < launch && first.key !== 'date_limite_offres') report(ctx, first.key, first.date, 'date_lancement', launch);
    }
    for (let i = 1; i < known.length; i++) {
      const prev = known.slice(0, i).reduce((a, b) => (b.date > a.date ? b : a));
      if (known[i].date < prev.date) report(ctx, known[i].key, known[i].date, prev.key, prev.date);
    }
    const award = date(d.date_attribution_prevue);
    const offers = date(d.date_limite_offres);
    if (award && offers && award < offers) report(ctx, 'date_attribution_prevue', award, 'date_limite_offres', offers);
    const sig = date(d.date_signature);
    if (award && sig && sig < award) report(ctx, 'date_signature', sig, 'date_attribution_prevue', award);
  },
};

function report(ctx: RuleContext, key: string, value: string, beforeKey: string, before: string): void {
  ctx.report([key], {
    fr: `« ${key} » (${frDate(value)}) précède « ${beforeKey} » (${frDate(before)}) : le document se contredit, corrigez l’une des deux dates.`,
    en: `'${key}' (${value}) comes before '${beforeKey}' (${before}): the document contradicts itself; correct one of the dates.`,
  }, { target: 'value' });
}

export const CSL_029: Rule = {
  id: 'CSL-029', kind: 'consultation', severity: 'error', confidence: 'practice', basis: 'Cohérence du document (la valeur estimée détermine la procédure, R2121-1)',
  title: { fr: 'La somme des valeurs estimées des lots ne dépasse pas la valeur estimée de la consultation', en: "The lots' estimated values do not exceed the consultation's estimated value" },
  check(ctx) {
    const total = num(ctx.data.valeur_estimee_ht);
    const values = consultationModel(ctx.data).lots.map((l) => l.valeurEstimeeHt).filter((v): v is number => v !== undefined);
    if (total === undefined || values.length === 0) return;
    const lots = sum(values);
    if (lots <= total + 1) return;
    ctx.report(['valeur_estimee_ht'], {
      fr: `Les lots totalisent ${euros(lots)} HT, plus que la valeur estimée de la consultation (${euros(total)} HT) : la procédure et la publicité dépendent de cette valeur (R2121-1) ; corrigez l’une ou l’autre.`,
      en: `The lots add up to ${euros(lots)}, more than the consultation's estimated value (${euros(total)}): the procedure and advertising depend on it (R2121-1); correct one of them.`,
    }, { target: 'value' });
  },
};

export const CSL_030: Rule = {
  id: 'CSL-030', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2192-10 ; R2192-10 (30 jours) ; R2192-11 (50 jours établissements publics de santé, 60 jours entreprises publiques)',
  url: 'https://www.code-commande-publique.com/delais-de-paiement-l2192-10-s/',
  title: { fr: 'Délai de paiement prévu par le marché au plus égal au délai réglementaire de l’acheteur', en: "Payment time set by the contract at most the buyer's regulatory limit" },
  check(ctx) {
    const days = num(ctx.data.delai_paiement_jours);
    if (days === undefined) return;
    const verdict = judgeBuyer(buyerProfile(ctx), (cat) => {
      const max = cat.paiementMax;
      if (!max || days <= max.strict) return undefined;
      const legal = days > max.lenient;
      return {
        severity: legal ? 'error' : 'warning',
        message: {
          fr: `Délai de paiement de ${days} jours : le délai prévu par le marché ne peut excéder ${legal ? max.lenient : max.strict} jours pour ${cat.label.fr.toLowerCase()} (L2192-10, R2192-10/11)${legal ? '' : ' (60 jours seulement pour une entreprise publique)'}.`,
          en: `Payment time of ${days} days: the contract may not exceed ${legal ? max.lenient : max.strict} days for this buyer (${cat.label.en}; L2192-10, R2192-10/11)${legal ? '' : ' (60 days only for a public undertaking)'}.`,
        },
      };
    });
    if (verdict) ctx.report(['delai_paiement_jours'], verdict.message, { target: 'value', severity: verdict.severity });
  },
};

export const CSL_031: Rule = {
  id: 'CSL-031', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2191-1 ; R2191-3 ; R2191-7 (mod. décret 2024-1251)',
  url: 'https://marche-public.fr/ccp/R2191-07-montant-avance-duree-marche.htm',
  title: { fr: 'Avance obligatoire au-delà de 50 000 € HT et deux mois d’exécution : ni exclue, ni sous 5 % (minimums PME)', en: 'Mandatory advance above €50,000 and two months of performance: neither excluded nor below 5% (SME minimums)' },
  check(ctx) {
    const value = estimatedValue(ctx.data);
    const months = num(ctx.data.duree_execution_mois);
    const avance = ctx.data.avance;
    if (!isObj(avance) || value === undefined || months === undefined) return;
    const l = launchInfo(ctx);
    const seuil = valueAt(FR_THRESHOLDS, 'avance_seuil_montant', l.date)?.value ?? 50_000;
    if (value <= seuil || months <= 2) return;
    const profile = buyerProfile(ctx);
    const verdict = judgeBuyer(profile, (cat, id) => {
      if (!cat.executionFinanciere) return undefined;
      const taux = num(avance.taux_pct);
      const min = (valueAt(FR_THRESHOLDS, 'avance_taux_min', l.date)?.value ?? 0.05) * 100;
      if (avance.exclue === true || (taux !== undefined && taux < min)) {
        return { severity: 'error', message: { fr: `Marché de ${euros(value)} HT sur ${months} mois : l’avance est de droit (R2191-3), au taux d’au moins ${min} % (R2191-7) ; elle ne peut être exclue ni fixée à ${taux ?? 0} %.`, en: `Contract of ${euros(value)} over ${months} months: the advance is due (R2191-3), at ${min}% at least (R2191-7); it cannot be excluded nor set at ${taux ?? 0}%.` } };
      }
      const pme = num(avance.taux_pme_pct) ?? taux;
      const pmeKey = id === 'autorite_publique_centrale' ? 'avance_pme_min_etat' : obj(ctx.data.acheteur).depenses_fonctionnement_sup_60m === true ? 'avance_pme_min_grandes_collectivites' : undefined;
      const pmeMin = pmeKey ? datedRange(FR_THRESHOLDS, pmeKey, l) : undefined;
      if (pme !== undefined && pmeMin && !pmeMin.extrapolated && pme < pmeMin.max * 100) {
        return {
          severity: pme < pmeMin.min * 100 ? 'error' : 'warning',
          message: { fr: `Avance de ${pme} % pour une PME titulaire : le taux minimal est de ${Math.round(pmeMin.max * 100)} % pour cet acheteur (R2191-7) ; prévoyez « taux_pme_pct ».`, en: `Advance of ${pme}% for an SME: the minimum rate is ${Math.round(pmeMin.max * 100)}% for this buyer (R2191-7); set 'taux_pme_pct'.` },
        };
      }
      return undefined;
    });
    if (verdict) ctx.report(['avance'], verdict.message, { severity: verdict.severity });
  },
};

export const CSL_032: Rule = {
  id: 'CSL-032', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP R2191-32 ; loi 71-584 du 16 juillet 1971 (marchés privés de travaux)',
  title: { fr: 'Retenue de garantie au plus égale à 5 % du montant du marché', en: 'Retention money at most 5% of the contract amount' },
  check(ctx) {
    const pct = num(ctx.data.retenue_garantie_pct);
    const max = (valueAt(FR_THRESHOLDS, 'retenue_garantie_max', launchInfo(ctx).date)?.value ?? 0.05) * 100;
    if (pct === undefined || pct <= max) return;
    ctx.report(['retenue_garantie_pct'], {
      fr: `Retenue de garantie de ${pct} % : elle ne peut dépasser ${max} % du montant initial du marché (R2191-32 ; loi du 16 juillet 1971 pour les marchés privés de travaux).`,
      en: `Retention money of ${pct}%: it may not exceed ${max}% of the initial contract amount (R2191-32; law of 16 July 1971 for private works).`,
    }, { target: 'value' });
  },
};

export const CSL_033: Rule = {
  id: 'CSL-033', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2112-13, R2112-14 (prix révisable) ; R2112-10, R2112-11 (actualisation du prix ferme)',
  title: { fr: 'Forme du prix : révisable quand l’exécution dépasse trois mois avec une part importante de matières premières (erreur) ; prix ferme actualisable au-delà de trois mois entre l’offre et l’exécution (avertissement)', en: 'Price form: revisable when performance exceeds three months with a large share of raw materials (error); a firm price adjustable beyond three months between tender and performance (warning)' },
  check(ctx) {
    const v = ctx.data.variation_prix;
    if (!isObj(v) || str(v.type) !== 'ferme') return;
    const months = num(ctx.data.duree_execution_mois);
    if (v.matieres_premieres_importantes === true && months !== undefined && months > 3) {
      ctx.report(['variation_prix', 'type'], {
        fr: `Prix ferme pour un marché de ${months} mois dont l’exécution requiert une part importante de matières premières aux cours mondiaux : un prix révisable, avec une clause de révision par indices, est obligatoire (R2112-14).`,
        en: `Firm price for a ${months}-month contract requiring a large share of raw materials priced on world markets: a revisable price with an index-based clause is mandatory (R2112-14).`,
      }, { target: 'value' });
    }
    const zero = str(v.mois_zero);
    const start = date(v.date_debut_execution);
    if (zero && /^\d{4}-\d{2}$/.test(zero) && start && v.actualisation !== true) {
      const gap = (Number(start.slice(0, 4)) - Number(zero.slice(0, 4))) * 12 + Number(start.slice(5, 7)) - Number(zero.slice(5, 7));
      if (gap > 3) {
        ctx.report(['variation_prix'], {
          fr: `Prix ferme : ${gap} mois entre le mois zéro (${zero}) et le début d’exécution (${frDate(start)}) : le marché doit prévoir l’actualisation du prix au-delà de trois mois (R2112-10, R2112-11) ; indiquez « actualisation: true ».`,
          en: `Firm price: ${gap} months between the base month (${zero}) and the start of performance (${start}): the contract must provide for price adjustment beyond three months (R2112-10, R2112-11); set 'actualisation: true'.`,
        }, { severity: 'warning' });
      }
    }
  },
};

export const CSL_034: Rule = {
  id: 'CSL-034', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2142-7 (2 fois la valeur estimée ; 1,5 fois à partir du 01/01/2026, décret 2025-1383)',
  title: { fr: 'Chiffre d’affaires minimal exigé au plus égal à 2 fois (1,5 fois depuis 2026) la valeur du marché ou du lot, sauf justification', en: 'Minimum turnover required at most twice (1.5 times from 2026) the value of the contract or lot, unless justified' },
  check(ctx) {
    const l = launchInfo(ctx);
    const range = datedRange(FR_THRESHOLDS, 'ca_minimum_multiple_max', l);
    if (!range || range.extrapolated) return;
    const check = (caps: unknown, value: number | undefined, path: (string | number)[], what: { fr: string; en: string }): void => {
      const c = obj(caps);
      const ca = num(c.ca_minimum_ht);
      if (ca === undefined || value === undefined || value <= 0 || nonEmpty(c.justification_ca)) return;
      const ratio = ca / value;
      if (ratio <= range.min + 1e-9) return;
      ctx.report([...path, 'ca_minimum_ht'], {
        fr: `Chiffre d’affaires minimal de ${euros(ca)} HT, soit ${Math.round(ratio * 100) / 100} fois la valeur ${what.fr} (${euros(value)} HT) : au plus ${range.min === range.max ? range.min : `${range.min} (ou ${range.max} selon la date de lancement)`} fois, sauf justification liée à l’objet ou aux conditions d’exécution (« justification_ca », R2142-7).`,
        en: `Minimum turnover of ${euros(ca)}, ${Math.round(ratio * 100) / 100} times the value ${what.en} (${euros(value)}): at most ${range.min === range.max ? range.min : `${range.min} (or ${range.max} depending on the launch date)`} times, unless justified by the subject or the performance conditions ('justification_ca', R2142-7).`,
      }, { target: 'value', severity: ratio > range.max + 1e-9 ? 'error' : 'warning' });
    };
    check(ctx.data.capacites, estimatedValue(ctx.data), ['capacites'], { fr: 'du marché', en: 'of the contract' });
    for (const lot of consultationModel(ctx.data).lots) check(lot.o.capacites, lot.valeurEstimeeHt, [...lot.path, 'capacites'], { fr: 'du lot', en: 'of the lot' });
  },
};

export const CSL_035: Rule = {
  id: 'CSL-035', kind: 'consultation', severity: 'information', confidence: 'U', basis: 'Pratique ; CCP L2152-3 (offre inacceptable : prix excédant les crédits budgétaires) ; repère configurable',
  title: { fr: 'Montant attribué très au-dessus de l’estimation du lot (écart > 20 % par défaut)', en: "Awarded amount far above the lot's estimate (gap > 20% by default)" },
  check(ctx) {
    for (const l of consultationModel(ctx.data).lots) {
      const lot = l.o;
      const i = l.index;
      const est = l.valeurEstimeeHt;
      const awarded = l.montantAttribueHt;
      if (est === undefined || awarded === undefined || est <= 0) continue;
      const gap = ((awarded - est) / est) * 100;
      if (gap <= PRACTICE_DEFAULTS.ecartAttributionEstimationPct) continue;
      ctx.report([...l.path, 'montant_attribue_ht'], {
        fr: `Lot ${str(lot.id) ?? i + 1} attribué ${euros(awarded)} HT, ${Math.round(gap)} % au-dessus de l’estimation (${euros(est)} HT) : vérifiez que l’offre n’excède pas les crédits budgétaires (offre inacceptable, L2152-3) et justifiez l’écart dans le rapport.`,
        en: `Lot ${str(lot.id) ?? i + 1} awarded at ${euros(awarded)}, ${Math.round(gap)}% above the estimate (${euros(est)}): check the offer does not exceed the budget (unacceptable offer, L2152-3) and explain the gap in the report.`,
      }, { target: 'value' });
    }
  },
};

export const clauseRules: Rule[] = [CSL_028, CSL_029, CSL_030, CSL_031, CSL_032, CSL_033, CSL_034, CSL_035];
