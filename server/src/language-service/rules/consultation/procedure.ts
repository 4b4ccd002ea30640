import { consultationModel } from '../../model/build';
import { onlyNature } from '../../model/operation';
import { FR_THRESHOLDS, MINIMUM_DELAYS, PRACTICE_DEFAULTS, STANDSTILL_DAYS, valueAt, type MinimumDelay } from '../../data/legalData';
import { addDays, date, daysBetween, euros, fold, frDate, isObj, list, nonEmpty, num, obj, str, sum } from '../../util/index';
import type { Rule, RuleContext } from '../types';
import { BUYER_CATEGORIES, type BuyerCategory } from '../../data/legalData';
import { livreIVExcluded } from '../../model/buyer';
import { buyerProfile, datedRange, estimatedValue, euRange, FORMALISED, judgeBuyer, launchDate, launchInfo, launchText, minimumDelay, operationWorksValue, procedureType, THRESHOLD_LABEL, type DatedRange } from '../../model/consultation';

function euLabel(key: string): { fr: string; en: string } {
  return THRESHOLD_LABEL[key] ?? { fr: key, en: key };
}

/** Information instead of an error when the launch date lies outside every known period of a dated value. */
function reportExtrapolated(ctx: RuleContext, path: (string | number)[], what: { fr: string; en: string }, r: DatedRange): void {
  const l = launchInfo(ctx);
  ctx.report(path, {
    fr: `Aucune valeur connue de ${what.fr} à la date de référence (${frDate(l.date)}, ${l.source}) : la plus proche (${euros(r.max)} HT, ${r.entry.source}) n’est qu’indicative, vérifiez le texte en vigueur à cette date.`,
    en: `No known value of ${what.en} at the reference date (${l.date}, ${l.source}): the nearest (${euros(r.max)}, ${r.entry.source}) is only indicative; check the text in force at that date.`,
  }, { target: 'value', severity: 'information' });
}

/** MAPA whatever the value, for social and other specific services (R2123-1 3°), when the ground is cited. */
function mapaBySubject(proc: Record<string, unknown>): boolean {
  const text = fold(`${str(proc.motif) ?? ''} ${str(proc.fondement) ?? ''}`);
  return /r\s?2123-1\s*3|services? sociaux|services? specifiques|services? juridiques/.test(text);
}

/** CSL-016's test: every lot of the consultation is a valid "petit lot". */
function allPetitsLots(ctx: RuleContext): boolean {
  const lots = consultationModel(ctx.data).lots.map((l) => l.o);
  return lots.length > 0 && lots.every((l) => l.mapa_petit_lot === true) && petitsLotsProblems(ctx).length === 0;
}

export const CSL_012: Rule = {
  id: 'CSL-012', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2122-8 ; R2123-1 ; R2121-1 et s. (R2121-5 : valeur de l’opération de travaux) ; avis sur les seuils (annexe 2 CCP)',
  url: 'https://www.marche-public.fr/Marches-publics/Definitions/Entrees/Seuil.htm',
  title: { fr: 'Procédure cohérente avec la valeur estimée (celle de l’opération pour des travaux), la nature, l’acheteur et la date de lancement', en: 'Procedure consistent with the estimated value (the whole operation for works), nature, buyer and launch date' },
  check(ctx) {
    const type = procedureType(ctx.data);
    const value = estimatedValue(ctx.data);
    if (!type || value === undefined) return;
    const l = launchInfo(ctx);
    const when = launchText(l);
    const proc = obj(ctx.data.procedure);
    const works = str(ctx.data.nature) === 'travaux';
    const op = works ? operationWorksValue(ctx) : undefined;
    if (type === 'SPMC' && /R\s?2122-8\b/.test(str(proc.fondement) ?? '')) {
      const limit = datedRange(FR_THRESHOLDS, works ? 'dispense_travaux' : 'dispense_fcs', l);
      if (!limit) return;
      if (limit.extrapolated) {
        if (value >= limit.min) reportExtrapolated(ctx, ['procedure', 'type'], { fr: 'seuil de dispense de procédure (R2122-8)', en: 'the R2122-8 exemption threshold' }, limit);
        return;
      }
      if (value >= limit.min) {
        ctx.report(['procedure', 'type'], {
          fr: `Marché sans publicité ni mise en concurrence (R2122-8) : la valeur ${euros(value)} HT atteint le seuil de dispense de ${euros(value >= limit.max ? limit.max : limit.min)} HT en vigueur pour une consultation ${when.fr}.`,
          en: `Contract without advertising or competition (R2122-8): value ${euros(value)} reaches the ${euros(value >= limit.max ? limit.max : limit.min)} exemption threshold in force for a consultation ${when.en}.`,
        }, { target: 'value', severity: value >= limit.max ? 'error' : 'warning' });
      } else if (op && op.value >= limit.max) {
        ctx.report(['procedure', 'type'], {
          fr: `Dispense de procédure (R2122-8) pour ${euros(value)} HT alors que les travaux de l’opération sont estimés à ${euros(op.value)} HT (${op.source}) : la valeur du besoin s’apprécie sur l’ensemble de l’opération (R2121-5). Justifiez le recours à la dispense pour ce lot.`,
          en: `Exemption (R2122-8) for ${euros(value)} while the operation's works are estimated at ${euros(op.value)} (${op.source}): the value of the need is that of the whole operation (R2121-5). Justify the exemption for this lot.`,
        }, { target: 'value', severity: 'warning' });
      }
      return;
    }
    if (type !== 'MAPA' || allPetitsLots(ctx) || mapaBySubject(proc)) return;
    const profile = buyerProfile(ctx);
    let extrapolated: (DatedRange & { key: string }) | undefined;
    const verdict = judgeBuyer(profile, (_cat, id) => {
      const t = euRange(ctx, id);
      if (t.extrapolated) {
        extrapolated = t;
        return undefined;
      }
      const label = euLabel(t.key);
      if (value >= t.min) {
        return {
          severity: value >= t.max ? 'error' : 'warning',
          message: {
            fr: `Procédure adaptée impossible : la valeur ${euros(value)} HT atteint le seuil européen ${label.fr} de ${euros(value >= t.max ? t.max : t.min)} HT (consultation ${when.fr}). Procédure formalisée requise (AOO, AOR…), sauf petits lots (R2123-1 2°) ou MAPA en raison de l’objet (motif à indiquer).`,
            en: `Adapted procedure not allowed: value ${euros(value)} reaches the EU threshold (${label.en}) of ${euros(value >= t.max ? t.max : t.min)} (consultation ${when.en}). A formalised procedure is required (AOO, AOR…), unless small lots (R2123-1 2°) or a MAPA by subject (give the ground).`,
          },
        };
      }
      if (op && op.value >= t.max) {
        const small = valueAt(FR_THRESHOLDS, 'petit_lot_travaux', l.date)?.value ?? 1_000_000;
        return {
          severity: value >= small ? 'error' : 'warning',
          message: value >= small
            ? { fr: `Procédure adaptée impossible : les travaux de l’opération (${euros(op.value)} HT, ${op.source}) atteignent le seuil européen (${euros(t.max)} HT) et ce marché de ${euros(value)} HT ne peut être un petit lot (< ${euros(small)} HT, R2123-1 2°) : procédure formalisée requise (R2121-5).`, en: `Adapted procedure not allowed: the operation's works (${euros(op.value)}, ${op.source}) reach the EU threshold (${euros(t.max)}) and this ${euros(value)} contract cannot be a small lot (< ${euros(small)}, R2123-1 2°): a formalised procedure is required (R2121-5).` }
            : { fr: `Les travaux de l’opération (${euros(op.value)} HT, ${op.source}) atteignent le seuil européen (${euros(t.max)} HT) : une procédure adaptée n’est possible que pour des petits lots (R2123-1 2°, au plus 20 % de la valeur des lots). Déclarez « mapa_petit_lot: true » sur les lots concernés, sinon une procédure formalisée est requise (R2121-5).`, en: `The operation's works (${euros(op.value)}, ${op.source}) reach the EU threshold (${euros(t.max)}): an adapted procedure is possible only for small lots (R2123-1 2°, at most 20% of the lots' value). Set 'mapa_petit_lot: true' on those lots, otherwise a formalised procedure is required (R2121-5).` },
        };
      }
      return undefined;
    });
    if (verdict) ctx.report(['procedure', 'type'], verdict.message, { target: 'value', severity: verdict.severity });
    else if (extrapolated && value >= extrapolated.min) reportExtrapolated(ctx, ['procedure', 'type'], { fr: 'seuil européen', en: 'the EU threshold' }, extrapolated);
  },
};

const R2124_3 = ['adaptation', 'innov', 'conception', 'complex', 'risque', 'specification', 'infructueu', 'irreguli', 'inacceptable'];

export const CSL_013: Rule = {
  id: 'CSL-013', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2124-3, R2124-3 (pouvoirs adjudicateurs ; R2124-4 pour les entités adjudicatrices)',
  title: { fr: 'Procédure avec négociation ou dialogue compétitif : motif de R2124-3', en: 'Negotiated procedure or competitive dialogue: a ground of R2124-3' },
  check(ctx) {
    const type = procedureType(ctx.data);
    if (type !== 'PN' && type !== 'DC') return;
    // Entités adjudicatrices choose the negotiated procedure freely (R2124-4).
    if (buyerProfile(ctx).categories.every((c) => BUYER_CATEGORIES[c].ccp !== 'pa')) return;
    const motif = fold(str(obj(ctx.data.procedure).motif) ?? '');
    if (R2124_3.some((k) => motif.includes(k))) return;
    ctx.report(['procedure', 'motif'], {
      fr: `${type} : indiquez un motif de R2124-3 (adaptation de solutions, innovation, prestations de conception, complexité ou risques, spécifications impossibles, appel d’offres infructueux) : à défaut, l’irrégularité peut entraîner l’annulation de la procédure (référé) ou du contrat.`,
      en: `${type}: give a ground of R2124-3 (adaptation, innovation, design services, complexity or risks, specifications impossible, unsuccessful call for tenders): otherwise the irregularity may lead to the annulment of the procedure or of the contract.`,
    }, { target: 'value' });
  },
};

export const CSL_014: Rule = {
  id: 'CSL-014', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2131-12 ; R2131-16 (1° État, EP autres qu’EPIC, collectivités : BOAMP et JOUE ; 2° autres acheteurs : JOUE)',
  title: { fr: 'Supports de publicité cohérents avec la valeur et la catégorie d’acheteur', en: 'Advertising media consistent with the value and the buyer category' },
  check(ctx) {
    if (!isObj(ctx.data.publicite)) return;
    const supports = new Set(list(ctx.data.publicite.supports).map((s) => str(s)));
    const value = estimatedValue(ctx.data);
    const type = procedureType(ctx.data);
    if (value === undefined || type === 'SPMC') return;
    const libre = valueAt(FR_THRESHOLDS, 'mapa_publicite_libre_max', launchInfo(ctx).date)?.value ?? 90_000;
    const verdict = judgeBuyer(buyerProfile(ctx), (cat, id) => {
      const t = euRange(ctx, id);
      if (t.extrapolated) return undefined;
      const label = euLabel(t.key);
      if (value >= t.min) {
        const severity = value >= t.max ? 'error' : 'warning';
        if (!supports.has('JOUE')) {
          return { severity, message: { fr: `Valeur ${euros(value)} HT ≥ seuil européen ${label.fr} (${euros(t.min)} HT) : avis au JOUE obligatoire${cat.boamp ? ', et au BOAMP pour cet acheteur (R2131-16 1°)' : ' (R2131-16 2°)'}.`, en: `Value ${euros(value)} ≥ EU threshold (${label.en}, ${euros(t.min)}): a notice in the OJEU is required${cat.boamp ? ', and in the BOAMP for this buyer (R2131-16 1°)' : ' (R2131-16 2°)'}.` } };
        }
        if (cat.boamp && !supports.has('BOAMP')) {
          return { severity, message: { fr: `Valeur ${euros(value)} HT ≥ seuil européen ${label.fr} : l’État, ses établissements publics autres qu’industriels et commerciaux et les collectivités publient au BOAMP et au JOUE (R2131-16 1°).`, en: `Value ${euros(value)} ≥ EU threshold (${label.en}): the State, its non-industrial public bodies and local authorities publish in the BOAMP and the OJEU (R2131-16 1°).` } };
        }
        return undefined;
      }
      if (type === 'MAPA' && cat.boamp && value >= libre && !(supports.has('BOAMP') || supports.has('JAL'))) {
        return { severity: 'error', message: { fr: `Valeur ${euros(value)} HT entre ${euros(libre)} et le seuil européen : avis au BOAMP ou dans un JAL obligatoire pour cet acheteur (R2131-12 2°).`, en: `Value ${euros(value)} between ${euros(libre)} and the EU threshold: a notice in the BOAMP or a JAL is required for this buyer (R2131-12 2°).` } };
      }
      return undefined;
    });
    if (verdict) ctx.report(['publicite', 'supports'], verdict.message, { severity: verdict.severity });
  },
};

interface DelayCheck {
  from: string;
  to: string;
  fromKey: string;
  toKey: string;
  what: { fr: string; en: string };
  /** The minimum for one buyer category; undefined: no legal minimum for it. `agreement`: fixed with the candidates. */
  table(cat: BuyerCategory): MinimumDelay | undefined;
  agreement?: boolean;
}

/** The offer time limit of AOR/PN may be set by agreement with the candidates (R2161-9, R2161-16, R2161-22). */
function agreedOfferDate(data: Record<string, unknown>): boolean | undefined {
  const v = data.delai_offres_accord_candidats;
  return typeof v === 'boolean' ? v : undefined;
}

export const CSL_015: Rule = {
  id: 'CSL-015', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2161-2/3 (AOO) ; R2161-6 à R2161-9 (AOR) ; R2161-12 à R2161-16 (PN) ; R2161-21/22 (entités adjudicatrices)',
  url: 'https://www.marche-public.fr/ccp/R2161-02-05-regles-applicables-procedures-formalisees-appel-offres-ouvert-aoo.htm',
  title: { fr: 'Délai minimal de réception des candidatures et des offres (procédures formalisées), selon l’acheteur', en: 'Minimum time limit for requests to participate and tenders (formalised procedures), by buyer' },
  check(ctx) {
    const type = procedureType(ctx.data);
    const d = ctx.data;
    const notice = date(d.date_envoi_avis) ?? date(d.date_lancement);
    const noticeKey = date(d.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement';
    const offers = date(d.date_limite_offres);
    const checks: DelayCheck[] = [];
    const offersWhat = { fr: 'réception des offres', en: 'receipt of tenders' };
    if (type === 'AOO' && notice && offers) {
      checks.push({ table: () => MINIMUM_DELAYS.AOO, from: notice, to: offers, fromKey: noticeKey, toKey: 'date_limite_offres', what: offersWhat });
    }
    if ((type === 'AOR' || type === 'PN') && notice) {
      const cand = date(d.date_limite_candidatures);
      if (cand) checks.push({ table: (c) => (c.ccp === 'ea' ? MINIMUM_DELAYS.EA_candid : MINIMUM_DELAYS[`${type}_candid`]), from: notice, to: cand, fromKey: noticeKey, toKey: 'date_limite_candidatures', what: { fr: 'réception des candidatures', en: 'receipt of requests to participate' } });
      // Counted from the invitation; without it, launch → deadline is an upper bound of the real delay.
      const inv = date(d.date_envoi_invitation);
      if (offers) {
        checks.push({
          table: (c) => (c.apc ? MINIMUM_DELAYS[`${type}_offres`] : c.ccp === 'ea' ? MINIMUM_DELAYS.EA_offres : MINIMUM_DELAYS[`${type}_offres_autres`]),
          agreement: true,
          from: inv ?? notice, to: offers, fromKey: inv ? 'date_envoi_invitation' : noticeKey, toKey: 'date_limite_offres', what: offersWhat,
        });
      }
    }
    const profile = buyerProfile(ctx);
    for (const c of checks) {
      const days = daysBetween(c.from, c.to);
      const verdict = judgeBuyer(profile, (cat) => {
        const table = c.table(cat);
        if (!table) return undefined;
        // Below the central authorities' figures, other buyers may have agreed the date with the candidates.
        const byAgreement = c.agreement && !cat.apc;
        if (byAgreement && agreedOfferDate(ctx.data) === true) return undefined;
        const min = minimumDelay(ctx.data, table);
        if (days >= min.days) return undefined;
        const agreementNote = byAgreement
          ? { fr: ` La date peut être fixée d’un commun accord avec les candidats sélectionnés (${table.basis}) : indiquez « delai_offres_accord_candidats: true » si c’est le cas.`, en: ` The date may be agreed with the selected candidates (${table.basis}): set 'delai_offres_accord_candidats: true' if so.` }
          : { fr: '', en: '' };
        return {
          // Without a recorded agreement (or refusal), the file cannot prove the breach.
          severity: byAgreement && agreedOfferDate(ctx.data) === undefined ? 'warning' : 'error',
          message: {
            fr: `Délai de ${c.what.fr} de ${days} jours (${c.fromKey} → ${c.toKey}) : minimum ${min.days} jours pour une procédure ${type} (cas ${min.why}, ${table.basis}). Date au plus tôt : ${frDate(addDays(c.from, min.days))}.${agreementNote.fr}`,
            en: `Time limit for ${c.what.en} of ${days} days (${c.fromKey} → ${c.toKey}): at least ${min.days} days for ${type} (${min.why} case, ${table.basis}). Earliest date: ${addDays(c.from, min.days)}.${agreementNote.en}`,
          },
        };
      });
      if (verdict) ctx.report([c.toKey], verdict.message, { target: 'value', severity: verdict.severity });
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
    // A deadline before the notice is a contradiction (PLN-001, CSL-028), not a short time limit.
    if (days >= min || days < 0) return;
    ctx.report(['date_limite_offres'], {
      fr: `MAPA : ${days} jours pour répondre. Aucun minimum légal, mais le délai doit être « suffisant et raisonnable » (repère : ${min} jours).`,
      en: `MAPA: ${days} days to respond. No legal minimum, but the time must be "sufficient and reasonable" (guide: ${min} days).`,
    }, { target: 'value' });
  },
};

function petitsLotsProblems(ctx: RuleContext): { path: (string | number)[]; fr: string; en: string }[] {
  const lots = consultationModel(ctx.data).lots.map((l) => l.o);
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
  // The 20 % ceiling is measured against the value of all the lots of the operation (R2123-1 2°): the works of
  // the operation when known, else the declared total, else the lots listed here — but a consultation that
  // publishes only its small lots, with no larger total known, says nothing of the operation: no verdict.
  const listed = sum(lots.map((l) => num(l.valeur_estimee_ht)));
  const op = works ? operationWorksValue(ctx)?.value : undefined;
  const all = Math.max(op ?? 0, num(ctx.data.valeur_estimee_ht) ?? 0, listed);
  const onlySmall = lots.every((l) => l.mapa_petit_lot === true);
  const knownBeyond = all > small + 0.005 || !onlySmall;
  if (small > 0 && all > 0 && knownBeyond && small > share * all + 0.005) {
    out.push({ path: ['lots'], fr: `Les petits lots totalisent ${euros(small)} HT, soit ${Math.round((small / all) * 1000) / 10} % de la valeur des lots de l’opération (${euros(all)} HT) : plafond ${share * 100} %.`, en: `Small lots total ${euros(small)}, ${Math.round((small / all) * 1000) / 10}% of the value of the operation's lots (${euros(all)}): ceiling ${share * 100}%.` });
  }
  return out;
}

export const CSL_016: Rule = {
  id: 'CSL-016', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2123-1 2°',
  title: { fr: 'Petits lots en MAPA : < 80 k€ (FCS) ou < 1 M€ (travaux), et au plus 20 % de la valeur totale', en: 'Small lots under MAPA: < €80k (supplies/services) or < €1M (works), and at most 20% of the total value' },
  check(ctx) {
    for (const p of petitsLotsProblems(ctx)) ctx.report(p.path, { fr: `${p.fr} (R2123-1 2°)`, en: `${p.en} (R2123-1 2°)` }, { target: 'key' });
  },
};

export const CSL_017: Rule = {
  id: 'CSL-017', kind: 'consultation', severity: 'warning', confidence: 'V', scope: 'ccp', basis: 'CCP L2113-10, L2113-11', url: 'https://code-commande-publique.com/?p=17534',
  title: { fr: 'Marché non alloti sans motivation (erreur quand la consultation formalisée déclare « lots: [] » sans motif)', en: 'No division into lots without reasons (an error when a formalised consultation declares "lots: []" without reasons)' },
  check(ctx) {
    if (consultationModel(ctx.data).lots.length > 0 || nonEmpty(obj(ctx.data.non_allotissement).motif)) return;
    const type = procedureType(ctx.data);
    // An explicit empty list in a formalised procedure states that the contract is not divided: the reasons
    // of L2113-11 must then be in the consultation documents. Without the key, the file says nothing of it.
    const declared = Array.isArray(ctx.data.lots) && type !== undefined && FORMALISED.has(type);
    ctx.report([Array.isArray(ctx.data.lots) ? 'lots' : 'objet'], {
      fr: 'Aucun lot et aucun motif de non-allotissement : l’allotissement est la règle (L2113-10) ; sinon motivez-le dans « non_allotissement.motif » (L2113-11).',
      en: "No lots and no reason for not dividing into lots: division is the rule (L2113-10); otherwise give reasons in 'non_allotissement.motif' (L2113-11).",
    }, { severity: declared ? 'error' : 'warning' });
  },
};

export const CSL_018: Rule = {
  id: 'CSL-018', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2172-1 ; R2172-2', url: 'https://code-commande-publique.com/maitrise-doeuvre-procedure-applicables',
  title: { fr: 'Maîtrise d’œuvre d’un bâtiment neuf au-delà du seuil : concours restreint', en: 'Design services for a new building above the threshold: restricted design contest' },
  check(ctx) {
    if (str(ctx.data.nature) !== 'maitrise_oeuvre' || !ctx.programme) return;
    const op = obj(ctx.programme.data.operation);
    // R2172-2 binds Livre IV owners (L2411-1); its 5° exempts HLM bodies and SEM: only the State, its public
    // bodies and local authorities remain.
    const profile = buyerProfile(ctx);
    if (livreIVExcluded(ctx.programme.data)) return;
    if (!onlyNature(op, 'construction_neuve') || (str(op.ouvrage_type) ?? 'batiment') !== 'batiment') return;
    const type = procedureType(ctx.data);
    const value = estimatedValue(ctx.data);
    if (type === 'CONCOURS' || value === undefined || /R\s?2172-2/.test(str(obj(ctx.data.procedure).fondement) ?? '')) return;
    const verdict = judgeBuyer(profile, (cat, id) => {
      if (cat.livreIV !== 'yes' || id === 'oph') return undefined;
      const t = euRange(ctx, id);
      if (t.extrapolated || value < t.min) return undefined;
      return {
        severity: value >= t.max ? 'error' : 'warning',
        message: {
          fr: `Maîtrise d’œuvre d’un bâtiment neuf (Livre IV) de ${euros(value)} HT ≥ seuil européen ${euLabel(t.key).fr} (${euros(t.min)} HT) : concours restreint requis (R2172-2), sauf exception à citer dans « procedure.fondement ».`,
          en: `Design services for a new building (Livre IV) of ${euros(value)} ≥ EU threshold (${euLabel(t.key).en}, ${euros(t.min)}): a restricted design contest is required (R2172-2), unless an exception is cited in 'procedure.fondement'.`,
        },
      };
    });
    if (verdict) ctx.report(['procedure', 'type'], verdict.message, { target: 'value', severity: verdict.severity });
  },
};

export const CSL_021: Rule = {
  id: 'CSL-021', kind: 'consultation', severity: 'warning', confidence: 'V', scope: 'ccp', basis: 'CCP R2182-1',
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
    // A design contest receives projects, not priced offers: no validity period.
    if (procedureType(ctx.data) === 'CONCOURS') return;
    const months = num(ctx.data.validite_offres_mois);
    const days = num(ctx.data.validite_offres_jours) ?? (months !== undefined ? Math.round(months * 30.4375) : undefined);
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
