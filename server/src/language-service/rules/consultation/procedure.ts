import { FR_THRESHOLDS, MINIMUM_DELAYS, PRACTICE_DEFAULTS, STANDSTILL_DAYS, valueAt, type MinimumDelay } from '../../data/legalData';
import { addDays, date, daysBetween, euros, fold, frDate, isObj, list, nonEmpty, num, obj, str, sum } from '../../util/index';
import type { Rule, RuleContext } from '../types';
import { buyerCategory, estimatedValue, euThreshold, FORMALISED, launchDate, minimumDelay, procedureType, THRESHOLD_LABEL } from './model';

function thresholdText(ctx: RuleContext): { fr: string; en: string; value: number } {
  const t = euThreshold(ctx);
  const label = THRESHOLD_LABEL[t.key];
  const note = t.extrapolated ? { fr: ' (valeur la plus proche connue : à vérifier)', en: ' (nearest known value: check it)' } : { fr: '', en: '' };
  return { fr: `seuil européen ${label.fr} de ${euros(t.value)} HT${note.fr}`, en: `EU threshold (${label.en}) of ${euros(t.value)} excl. VAT${note.en}`, value: t.value };
}

/** MAPA whatever the value, for social and other specific services (R2123-1 3°), when the ground is cited. */
function mapaBySubject(proc: Record<string, unknown>): boolean {
  const text = fold(`${str(proc.motif) ?? ''} ${str(proc.fondement) ?? ''}`);
  return /r\s?2123-1\s*3|services? sociaux|services? specifiques|services? juridiques/.test(text);
}

/** CSL-016's test: every lot of the consultation is a valid "petit lot". */
function allPetitsLots(ctx: RuleContext): boolean {
  const lots = list(ctx.data.lots).map(obj);
  return lots.length > 0 && lots.every((l) => l.mapa_petit_lot === true) && petitsLotsProblems(ctx).length === 0;
}

export const CSL_012: Rule = {
  id: 'CSL-012', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP R2122-8 ; R2123-1 ; avis sur les seuils (annexe 2 CCP)',
  url: 'https://www.marche-public.fr/Marches-publics/Definitions/Entrees/Seuil.htm',
  title: { fr: 'Procédure cohérente avec la valeur estimée, la nature, l’acheteur et la date de lancement', en: 'Procedure consistent with estimated value, nature, buyer and launch date' },
  check(ctx) {
    const type = procedureType(ctx.data);
    const value = estimatedValue(ctx.data);
    if (!type || value === undefined) return;
    const at = launchDate(ctx).date;
    const proc = obj(ctx.data.procedure);
    if (type === 'SPMC' && /R\s?2122-8\b/.test(str(proc.fondement) ?? '')) {
      const key = str(ctx.data.nature) === 'travaux' ? 'dispense_travaux' : 'dispense_fcs';
      const limit = valueAt(FR_THRESHOLDS, key, at);
      if (limit && value >= limit.value) {
        ctx.report(['procedure', 'type'], {
          fr: `Marché sans publicité ni mise en concurrence (R2122-8) : la valeur ${euros(value)} HT atteint le seuil de dispense de ${euros(limit.value)} HT en vigueur le ${frDate(at)}.`,
          en: `Contract without advertising or competition (R2122-8): value ${euros(value)} reaches the ${euros(limit.value)} exemption threshold in force on ${at}.`,
        }, { target: 'value' });
      }
      return;
    }
    const t = thresholdText(ctx);
    if (type === 'MAPA' && value >= t.value && !allPetitsLots(ctx) && !mapaBySubject(proc)) {
      ctx.report(['procedure', 'type'], {
        fr: `Procédure adaptée impossible : la valeur ${euros(value)} HT atteint le ${t.fr}. Procédure formalisée requise (AOO, AOR…), sauf petits lots (R2123-1 2°) ou MAPA en raison de l’objet (motif à indiquer).`,
        en: `Adapted procedure not allowed: value ${euros(value)} reaches the ${t.en}. A formalised procedure is required (AOO, AOR…), unless small lots (R2123-1 2°) or a MAPA by subject (give the ground).`,
      }, { target: 'value' });
    }
  },
};

const R2124_3 = ['adaptation', 'innov', 'conception', 'complex', 'risque', 'specification', 'infructueu', 'irreguli', 'inacceptable'];

export const CSL_013: Rule = {
  id: 'CSL-013', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP R2124-3 ; CE 7 oct. 2020, n° 440575',
  title: { fr: 'Procédure avec négociation ou dialogue compétitif : motif de R2124-3', en: 'Negotiated procedure or competitive dialogue: a ground of R2124-3' },
  check(ctx) {
    const type = procedureType(ctx.data);
    if (type !== 'PN' && type !== 'DC') return;
    if (buyerCategory(ctx).categorie === 'entite_adjudicatrice') return;
    const motif = fold(str(obj(ctx.data.procedure).motif) ?? '');
    if (R2124_3.some((k) => motif.includes(k))) return;
    ctx.report(['procedure', 'motif'], {
      fr: `${type} : indiquez un motif de R2124-3 (adaptation de solutions, innovation, prestations de conception, complexité ou risques, spécifications impossibles, appel d’offres infructueux) ; sinon le contrat est nul (CE 2020, n° 440575).`,
      en: `${type}: give a ground of R2124-3 (adaptation, innovation, design services, complexity or risks, specifications impossible, unsuccessful call for tenders); otherwise the contract is void (CE 2020, no. 440575).`,
    }, { target: 'value' });
  },
};

export const CSL_014: Rule = {
  id: 'CSL-014', kind: 'consultation', severity: 'error', confidence: 'S', basis: 'CCP R2131-12 ; R2131-16 et s.',
  title: { fr: 'Supports de publicité cohérents avec la valeur', en: 'Advertising media consistent with the value' },
  check(ctx) {
    if (!isObj(ctx.data.publicite)) return;
    const supports = new Set(list(ctx.data.publicite.supports).map((s) => str(s)));
    const value = estimatedValue(ctx.data);
    const type = procedureType(ctx.data);
    if (value === undefined || type === 'SPMC') return;
    const t = thresholdText(ctx);
    const libre = valueAt(FR_THRESHOLDS, 'mapa_publicite_libre_max', launchDate(ctx).date)?.value ?? 90_000;
    if (value >= t.value && !(supports.has('BOAMP') && supports.has('JOUE'))) {
      ctx.report(['publicite', 'supports'], {
        fr: `Valeur ${euros(value)} HT ≥ ${t.fr} : publicité au BOAMP et au JOUE obligatoire.`,
        en: `Value ${euros(value)} ≥ ${t.en}: notices in the BOAMP and the OJEU are required.`,
      });
    } else if (value >= libre && value < t.value && !(supports.has('BOAMP') || supports.has('JAL'))) {
      ctx.report(['publicite', 'supports'], {
        fr: `Valeur ${euros(value)} HT entre ${euros(libre)} et le seuil européen : avis au BOAMP ou dans un JAL obligatoire (R2131-12 2°).`,
        en: `Value ${euros(value)} between ${euros(libre)} and the EU threshold: a notice in the BOAMP or a JAL is required (R2131-12 2°).`,
      });
    }
  },
};

interface DelayCheck {
  table: MinimumDelay;
  from: string;
  to: string;
  fromKey: string;
  toKey: string;
  what: { fr: string; en: string };
}

export const CSL_015: Rule = {
  id: 'CSL-015', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP R2161-2/3, R2161-6/8, R2161-12/15',
  url: 'https://www.marche-public.fr/ccp/R2161-02-05-regles-applicables-procedures-formalisees-appel-offres-ouvert-aoo.htm',
  title: { fr: 'Délai minimal de réception des candidatures et des offres (procédures formalisées)', en: 'Minimum time limit for requests to participate and tenders (formalised procedures)' },
  check(ctx) {
    const type = procedureType(ctx.data);
    const d = ctx.data;
    const notice = date(d.date_envoi_avis) ?? date(d.date_lancement);
    const noticeKey = date(d.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement';
    const offers = date(d.date_limite_offres);
    const checks: DelayCheck[] = [];
    if (type === 'AOO' && notice && offers) {
      checks.push({ table: MINIMUM_DELAYS.AOO, from: notice, to: offers, fromKey: noticeKey, toKey: 'date_limite_offres', what: { fr: 'réception des offres', en: 'receipt of tenders' } });
    }
    if ((type === 'AOR' || type === 'PN') && notice) {
      const cand = date(d.date_limite_candidatures);
      if (cand) checks.push({ table: MINIMUM_DELAYS[`${type}_candid`], from: notice, to: cand, fromKey: noticeKey, toKey: 'date_limite_candidatures', what: { fr: 'réception des candidatures', en: 'receipt of requests to participate' } });
      // Counted from the invitation; without it, launch → deadline is an upper bound of the real delay.
      const inv = date(d.date_envoi_invitation);
      if (offers) checks.push({ table: MINIMUM_DELAYS[`${type}_offres`], from: inv ?? notice, to: offers, fromKey: inv ? 'date_envoi_invitation' : noticeKey, toKey: 'date_limite_offres', what: { fr: 'réception des offres', en: 'receipt of tenders' } });
    }
    for (const c of checks) {
      const days = daysBetween(c.from, c.to);
      const min = minimumDelay(ctx.data, c.table);
      if (days >= min.days) continue;
      ctx.report([c.toKey], {
        fr: `Délai de ${c.what.fr} de ${days} jours (${c.fromKey} → ${c.toKey}) : minimum ${min.days} jours pour une procédure ${type} (cas ${min.why}, ${c.table.basis}). Date au plus tôt : ${frDate(addDays(c.from, min.days))}.`,
        en: `Time limit for ${c.what.en} of ${days} days (${c.fromKey} → ${c.toKey}): at least ${min.days} days for ${type} (${min.why} case, ${c.table.basis}). Earliest date: ${addDays(c.from, min.days)}.`,
      }, { target: 'value' });
    }
  },
};

export const CSL_015B: Rule = {
  id: 'CSL-015b', kind: 'consultation', severity: 'warning', confidence: 'U', basis: 'CE 5 août 2009, Région Centre, n° 307117 (délai raisonnable) ; repères configurables',
  title: { fr: 'MAPA : délai de réponse court (< 15 jours, 20 pour des travaux)', en: 'MAPA: short response time (< 15 days, 20 for works)' },
  check(ctx) {
    if (procedureType(ctx.data) !== 'MAPA') return;
    const from = date(ctx.data.date_envoi_avis) ?? date(ctx.data.date_lancement);
    const to = date(ctx.data.date_limite_offres);
    if (!from || !to) return;
    const min = str(ctx.data.nature) === 'travaux' ? PRACTICE_DEFAULTS.mapaDelaiMinJoursTravaux : PRACTICE_DEFAULTS.mapaDelaiMinJours;
    const days = daysBetween(from, to);
    if (days >= min) return;
    ctx.report(['date_limite_offres'], {
      fr: `MAPA : ${days} jours pour répondre. Aucun minimum légal, mais le délai doit être « suffisant et raisonnable » (repère : ${min} jours).`,
      en: `MAPA: ${days} days to respond. No legal minimum, but the time must be "sufficient and reasonable" (guide: ${min} days).`,
    }, { target: 'value' });
  },
};

function petitsLotsProblems(ctx: RuleContext): { path: (string | number)[]; fr: string; en: string }[] {
  const lots = list(ctx.data.lots).map(obj);
  const works = str(ctx.data.nature) === 'travaux';
  const limit = valueAt(FR_THRESHOLDS, works ? 'petit_lot_travaux' : 'petit_lot_fcs', launchDate(ctx).date)?.value ?? (works ? 1_000_000 : 80_000);
  const share = valueAt(FR_THRESHOLDS, 'petits_lots_part_max', launchDate(ctx).date)?.value ?? 0.2;
  const out: { path: (string | number)[]; fr: string; en: string }[] = [];
  let small = 0;
  lots.forEach((l, i) => {
    if (l.mapa_petit_lot !== true) return;
    const v = num(l.valeur_estimee_ht);
    small += v ?? 0;
    if (v !== undefined && v >= limit) {
      out.push({ path: ['lots', i, 'mapa_petit_lot'], fr: `Lot ${str(l.id) ?? i + 1} : ${euros(v)} HT, au-delà du plafond de petit lot (${euros(limit)} HT).`, en: `Lot ${str(l.id) ?? i + 1}: ${euros(v)}, above the small-lot ceiling (${euros(limit)}).` });
    }
  });
  // The 20 % ceiling is measured against the value of all the lots of the operation: the declared total
  // when there is one (a consultation may publish only its small lots), else the lots listed here.
  const all = Math.max(num(ctx.data.valeur_estimee_ht) ?? 0, sum(lots.map((l) => num(l.valeur_estimee_ht))));
  if (small > 0 && all > 0 && small > share * all + 0.005) {
    out.push({ path: ['lots'], fr: `Les petits lots totalisent ${euros(small)} HT, soit ${Math.round((small / all) * 1000) / 10} % de la valeur des lots : plafond ${share * 100} %.`, en: `Small lots total ${euros(small)}, ${Math.round((small / all) * 1000) / 10}% of all lots: ceiling ${share * 100}%.` });
  }
  return out;
}

export const CSL_016: Rule = {
  id: 'CSL-016', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP R2123-1 2°',
  title: { fr: 'Petits lots en MAPA : < 80 k€ (FCS) ou < 1 M€ (travaux), et au plus 20 % de la valeur totale', en: 'Small lots under MAPA: < €80k (supplies/services) or < €1M (works), and at most 20% of the total value' },
  check(ctx) {
    for (const p of petitsLotsProblems(ctx)) ctx.report(p.path, { fr: `${p.fr} (R2123-1 2°)`, en: `${p.en} (R2123-1 2°)` }, { target: 'key' });
  },
};

export const CSL_017: Rule = {
  id: 'CSL-017', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCP L2113-10, L2113-11', url: 'https://code-commande-publique.com/?p=17534',
  title: { fr: 'Marché non alloti sans motivation', en: 'No division into lots without reasons' },
  check(ctx) {
    if (list(ctx.data.lots).length > 0 || nonEmpty(obj(ctx.data.non_allotissement).motif)) return;
    ctx.report([Array.isArray(ctx.data.lots) ? 'lots' : 'objet'], {
      fr: 'Aucun lot et aucun motif de non-allotissement : l’allotissement est la règle (L2113-10) ; sinon motivez-le dans « non_allotissement.motif » (L2113-11).',
      en: "No lots and no reason for not dividing into lots: division is the rule (L2113-10); otherwise give reasons in 'non_allotissement.motif' (L2113-11).",
    });
  },
};

export const CSL_018: Rule = {
  id: 'CSL-018', kind: 'consultation', severity: 'error', confidence: 'V', basis: 'CCP L2172-1 ; R2172-2', url: 'https://code-commande-publique.com/maitrise-doeuvre-procedure-applicables',
  title: { fr: 'Maîtrise d’œuvre d’un bâtiment neuf au-delà du seuil : concours restreint', en: 'Design services for a new building above the threshold: restricted design contest' },
  check(ctx) {
    if (str(ctx.data.nature) !== 'maitrise_oeuvre' || !ctx.programme) return;
    const op = obj(ctx.programme.data.operation);
    const cat = str(obj(ctx.data.acheteur).categorie) ?? str(op.categorie_acheteur);
    if (cat !== 'etat' && cat !== 'collectivite') return;
    if (str(op.nature) !== 'construction_neuve' || (str(op.ouvrage_type) ?? 'batiment') !== 'batiment') return;
    const type = procedureType(ctx.data);
    const value = estimatedValue(ctx.data);
    if (type === 'CONCOURS' || value === undefined || /R\s?2172-2/.test(str(obj(ctx.data.procedure).fondement) ?? '')) return;
    const t = thresholdText(ctx);
    if (value < t.value) return;
    ctx.report(['procedure', 'type'], {
      fr: `Maîtrise d’œuvre d’un bâtiment neuf (Livre IV) de ${euros(value)} HT ≥ ${t.fr} : concours restreint requis (R2172-2), sauf exception à citer dans « procedure.fondement ».`,
      en: `Design services for a new building (Livre IV) of ${euros(value)} ≥ ${t.en}: a restricted design contest is required (R2172-2), unless an exception is cited in 'procedure.fondement'.`,
    }, { target: 'value' });
  },
};

export const CSL_021: Rule = {
  id: 'CSL-021', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CCP R2182-1',
  title: { fr: 'Délai de suspension (standstill) entre notification du rejet et signature', en: 'Standstill period between rejection notice and signature' },
  check(ctx) {
    const type = procedureType(ctx.data);
    if (!type || !FORMALISED.has(type)) return;
    const rejet = date(ctx.data.date_notification_rejet);
    const sig = date(ctx.data.date_signature);
    if (!rejet || !sig) return;
    const min = ctx.data.transmission_electronique === false ? STANDSTILL_DAYS.papier : STANDSTILL_DAYS.electronique;
    if (daysBetween(rejet, sig) >= min) return;
    ctx.report(['date_signature'], {
      fr: `Signature ${daysBetween(rejet, sig)} jours après la notification du rejet : le délai de suspension est de ${min} jours (R2182-1). Au plus tôt le ${frDate(addDays(rejet, min))}.`,
      en: `Signature ${daysBetween(rejet, sig)} days after the rejection notice: the standstill is ${min} days (R2182-1). Earliest ${addDays(rejet, min)}.`,
    }, { target: 'value' });
  },
};

export const CSL_022: Rule = {
  id: 'CSL-022', kind: 'consultation', severity: 'information', confidence: 'S', basis: 'Pratique ; CE 26 sept. 2007, OPAC du Calvados, n° 262607',
  title: { fr: 'Durée de validité des offres, et attribution prévue pendant cette durée', en: 'Offer validity period, and award planned within it' },
  check(ctx) {
    const days = num(ctx.data.validite_offres_jours);
    if (days === undefined) {
      ctx.report(['date_limite_offres'], {
        fr: `Durée de validité des offres non précisée : indiquez « validite_offres_jours » (usage : 90 à 120 jours).`,
        en: `Offer validity not stated: set 'validite_offres_jours' (usual: 90 to 120 days).`,
      }, { target: 'key' });
      return;
    }
    const deadline = date(ctx.data.date_limite_offres);
    const award = date(ctx.data.date_attribution_prevue);
    if (deadline && award && award > addDays(deadline, days)) {
      ctx.report(['date_attribution_prevue'], {
        fr: `Attribution prévue le ${frDate(award)}, après la fin de validité des offres (${frDate(addDays(deadline, days))}) : allongez la validité ou avancez l’attribution.`,
        en: `Award planned on ${award}, after the offers expire (${addDays(deadline, days)}): extend the validity or award earlier.`,
      }, { target: 'value' });
    }
  },
};

export const procedureRules: Rule[] = [CSL_012, CSL_013, CSL_014, CSL_015, CSL_015B, CSL_016, CSL_017, CSL_018, CSL_021, CSL_022];
