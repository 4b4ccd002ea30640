import { keyDate, PRACTICE_DEFAULTS } from '../../data/legalData';
import { isObj, near, nonEmpty, num, obj, str, sum, type Obj } from '../../util/data';
import type { Rule, RuleContext } from '../types';
import { consultationModel } from '../../model/build';
import type { CriteriaSetM, CriterionM } from '../../model/types';
import { hasWeight, isDefense, isEnvironmental, launchDate, launchInfo, launchText, procedureType, FORMALISED } from '../../model/consultation';

const L2152_7 = 'http://www.marche-public.fr/ccp/L2152-07-attribution-offre-economiquement-plus-avantageuse-criteres-objectifs.htm';
const R2152_7 = 'https://www.marche-public.fr/ccp/R2152-07-criteres-attribution-offre-economiquement-plus-avantageuse.htm';

function label(c: Obj): string {
  return str(c.id) ?? str(c.libelle) ?? '?';
}

/** The criteria sets in force, from the model (model/build.ts). */
function setsOf(ctx: RuleContext): CriteriaSetM[] {
  return consultationModel(ctx.data).criteriaSets;
}

export const CSL_001: Rule = {
  id: 'CSL-001', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2152-11 ; CE 30 janv. 2009, ANPE, n° 290236',
  url: 'https://code-commande-publique.com/?p=25728',
  title: { fr: 'Au moins un critère d’attribution, chacun avec sa modalité de mise en œuvre (pondération, fourchette ou rang)', en: 'At least one award criterion, each with how it is applied (weight, range or rank)' },
  check(ctx) {
    // A contract without advertising or competition (SPMC) is negotiated with one operator: no award criteria;
    // a design contest's jury judges projects on the contest's own criteria (R2162-18), not award criteria.
    if (procedureType(ctx.data) === 'SPMC' || isContest(ctx.data)) return;
    for (const set of setsOf(ctx)) {
      if (set.criteria.length === 0) {
        // Without the key the file says nothing of the criteria (a notice may refer to the RC): a warning.
        const declared = Array.isArray(set.lotId === undefined ? ctx.data.criteres : set.owner.criteres);
        ctx.report(set.path, {
          fr: `Aucun critère d’attribution${set.lotId ? ` pour le lot ${set.lotId}` : ''} : les documents de la consultation doivent indiquer les critères et leurs modalités (R2152-11).`,
          en: `No award criterion${set.lotId ? ` for lot ${set.lotId}` : ''}: the consultation documents must state the criteria and how they apply (R2152-11).`,
        }, { severity: declared ? 'error' : 'warning' });
        continue;
      }
      const ranked = set.owner.hierarchisation === true;
      set.criteria.forEach(({ o: c, path: at }) => {
        if (!hasWeight(c) && num(c.rang) === undefined && !ranked) {
          ctx.report([...at], {
            fr: `Le critère « ${label(c)} » n’indique ni pondération, ni fourchette, ni rang : précisez comment il est mis en œuvre.`,
            en: `Criterion '${label(c)}' has no weight, range or rank: state how it is applied.`,
          });
        }
      });
    }
  },
};

export const CSL_002: Rule = {
  id: 'CSL-002', fixes: ['addPriceCriterion'], kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2152-7 ; R2152-7 2°', url: L2152_7,
  title: { fr: 'Le prix ou le coût figure parmi les critères (hors concours : les projets ne sont pas chiffrés)', en: 'Price or cost is among the criteria (not for a design contest: projects are not priced)' },
  check(ctx) {
    if (isContest(ctx.data)) return;
    for (const set of setsOf(ctx)) {
      if (set.criteria.length === 0 || set.criteria.some((c) => c.priceOrCost)) continue;
      ctx.report(set.path, {
        fr: 'Aucun critère de type « prix » ou « cout » : le prix ou le coût doit figurer parmi les critères d’attribution (L2152-7).',
        en: "No criterion of type 'prix' or 'cout': price or cost must be among the award criteria (L2152-7).",
      });
    }
  },
};

export const CSL_003: Rule = {
  id: 'CSL-003', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2152-7 1° a', url: R2152_7,
  title: { fr: 'Critère unique du prix réservé aux fournitures ou services standardisés', en: 'A single price criterion only for standardised supplies or services' },
  check(ctx) {
    const nature = str(ctx.data.nature);
    for (const set of setsOf(ctx)) {
      if (set.criteria.length !== 1 || set.criteria[0].type !== 'prix') continue;
      if ((nature === 'fournitures' || nature === 'services') && ctx.data.standardise === true) continue;
      ctx.report([...set.path, 0], {
        fr: 'Critère unique du prix : admis seulement pour des fournitures ou services standardisés (« standardise: true »). Ajoutez des critères qualitatifs ou utilisez le coût global.',
        en: "Single price criterion: allowed only for standardised supplies or services ('standardise: true'). Add qualitative criteria or use whole-life cost.",
      });
    }
  },
};

/** Sub-criteria at every depth (a third level is allowed). */
function below(c: CriterionM): CriterionM[] {
  return c.sub.flatMap((s) => [s, ...below(s)]);
}

function weightOf(s: Obj): number | undefined {
  return num(s.ponderation) ?? num(s.points);
}

/** Whether a criteria set takes the environmental characteristics of the offer into account with a published weight. */
function envCovered(criteres: readonly CriterionM[]): boolean {
  if (criteres.length === 1 && criteres[0].type === 'cout' && criteres[0].environmental) return true;
  return criteres.some((c) => c.environmental || below(c).some((s) => s.environmental && weightOf(s.o) !== undefined));
}

/**
 * Environmental characteristics present but not as a weighted criterion: an unweighted sub-criterion (the DAJ
 * reads L2152-7 as "un critère prenant en compte les caractéristiques environnementales", which elements
 * inside the technical criterion may satisfy), or a single cost criterion that does not say it includes them.
 */
function envPartly(criteres: readonly CriterionM[]): boolean {
  if (envCovered(criteres)) return false;
  if (criteres.length === 1 && criteres[0].type === 'cout') return true;
  return criteres.some((c) => below(c).some((s) => s.environmental));
}

/** A design contest (R2162-15 et s.): projects judged by a jury, no price, no award criteria of L2152-7. */
export function isContest(data: Obj): boolean {
  return procedureType(data) === 'CONCOURS';
}

export const CSL_004: Rule = {
  id: 'CSL-004', fixes: ['addEnvironmentalCriterion'], kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp',
  basis: 'CCP L2152-7 (loi 2021-1104 art. 35) ; R2152-7 mod. décret 2022-767', url: L2152_7,
  title: { fr: 'Consultation lancée à partir du 21/08/2026 : un critère prend en compte les caractéristiques environnementales (erreur s’il n’y en a aucune trace, avertissement pour un sous-critère non pondéré ou un coût unique muet) ; pas de critère unique du prix', en: 'Consultation launched from 2026-08-21: a criterion takes environmental characteristics into account (an error when there is no trace of them, a warning for an unweighted sub-criterion or a silent single cost criterion); no single price criterion' },
  check(ctx) {
    if (isDefense(ctx.data) || isContest(ctx.data)) return;
    const l = launchInfo(ctx);
    const date = l.date;
    const from = keyDate('critere_environnemental_obligatoire');
    if (date < from) return;
    const when = launchText(l).fr;
    const whenEn = launchText(l).en;
    // With only an upper bound of the launch, it may have come before the date: the file cannot prove the breach.
    const level = l.bounded ? 'warning' : 'error';
    const edge = date < keyDate('critere_environnemental_backstop_loi')
      ? { fr: ' Le décret 2022-767 fixe l’entrée en vigueur au 21/08/2026 (la loi prévoyait au plus tard le 22/08/2026).', en: ' Décret 2022-767 sets 2026-08-21 (the law\'s backstop was 2026-08-22).' }
      : { fr: '', en: '' };
    for (const set of setsOf(ctx)) {
      if (set.criteria.length === 0) continue;
      if (set.criteria.length === 1 && set.criteria[0].type === 'prix') {
        ctx.report([...set.path, 0], {
          fr: `Consultation ${when} : le critère unique du prix est interdit ; seul le coût (approche globale) peut être critère unique.${edge.fr}`,
          en: `Consultation ${whenEn}: a single price criterion is forbidden; only cost (global approach) may be the single criterion.${edge.en}`,
        }, { severity: level });
      } else if (envPartly(set.criteria)) {
        ctx.report(set.path, set.criteria.length === 1
          ? {
            fr: `Consultation ${when} : le critère unique du coût doit prendre en compte les caractéristiques environnementales de l’offre (R2152-7 1°) ; indiquez-le (« environnemental: true ») et décrivez les éléments de coût concernés.${edge.fr}`,
            en: `Consultation ${whenEn}: the single cost criterion must take the environmental characteristics of the offer into account (R2152-7 1°); say so ('environnemental: true') and describe the cost items concerned.${edge.en}`,
          }
          : {
            fr: `Consultation ${when} : l’aspect environnemental n’apparaît que dans un sous-critère non pondéré. La DAJ admet un critère « prenant en compte » ces caractéristiques, mais sans poids publié leur prise en compte réelle ne se démontre pas : pondérez le sous-critère ou marquez le critère « environnemental: true ».${edge.fr}`,
            en: `Consultation ${whenEn}: the environmental aspect only appears in an unweighted sub-criterion. The DAJ accepts a criterion that "takes into account" these characteristics, but without a published weight it cannot be shown: weight the sub-criterion or flag the criterion 'environnemental: true'.${edge.en}`,
          }, { severity: 'warning' });
      } else if (!envCovered(set.criteria)) {
        ctx.report(set.path, {
          fr: `Consultation ${when} : au moins un critère (ou sous-critère pondéré) doit prendre en compte les caractéristiques environnementales de l’offre (« environnemental: true » ou type « environnement »).${edge.fr}`,
          en: `Consultation ${whenEn}: at least one criterion (or weighted sub-criterion) must take the environmental characteristics of the offer into account ('environnemental: true' or type 'environnement').${edge.en}`,
        }, { severity: level });
      }
    }
  },
};

export const CSL_004B: Rule = {
  id: 'CSL-004b', kind: 'consultation', severity: 'hint', confidence: 'S', basis: 'Loi 2021-1104 (Climat et résilience) art. 35 ; déclarations DAJ ; PNAD',
  title: { fr: 'Entre la loi Climat (22/08/2021) et le 21/08/2026 : anticiper le critère environnemental (une fois par fichier)', en: 'Between the loi Climat (2021-08-22) and 2026-08-21: anticipate the environmental criterion (once per file)' },
  check(ctx) {
    if (isDefense(ctx.data) || isContest(ctx.data)) return;
    const { date } = launchDate(ctx);
    // From the date on, CSL-004 reports the same facts; before the law there was nothing to anticipate.
    if (date >= keyDate('critere_environnemental_obligatoire') || date < keyDate('loi_climat_promulgation')) return;
    for (const set of setsOf(ctx)) {
      if (set.criteria.length === 0) continue;
      if (envPartly(set.criteria)) {
        ctx.report(set.path, {
          fr: 'L’aspect environnemental n’apparaît que dans des sous-critères non pondérés : son poids réel est opaque. Pondérez le sous-critère ou marquez le critère « environnemental: true ».',
          en: "The environmental aspect only appears in unweighted sub-criteria: its real weight is opaque. Weight the sub-criterion or flag the criterion 'environnemental: true'.",
        });
        return;
      } else if (!envCovered(set.criteria)) {
        ctx.report(set.path, {
          fr: 'Aucun critère environnemental : il sera obligatoire pour les consultations lancées à partir du 21/08/2026. Anticipez-le.',
          en: 'No environmental criterion: it becomes mandatory for consultations launched from 2026-08-21. Anticipate it.',
        });
        return;
      }
    }
  },
};

export const CSL_005: Rule = {
  id: 'CSL-005', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2152-12',
  url: 'https://french-business-law.com/french-legislation/legiscta000037731063-legiscta000037731057-book-i-general-provisions/page/20',
  title: { fr: 'Procédure formalisée : chaque critère est pondéré (nombre ou fourchette), sauf hiérarchisation justifiée', en: 'Formalised procedure: every criterion is weighted (number or range), unless a justified ranking' },
  check(ctx) {
    const type = procedureType(ctx.data);
    if (!type || !FORMALISED.has(type)) return;
    for (const set of setsOf(ctx)) {
      const justified = set.owner.hierarchisation === true && nonEmpty(set.owner.justification_impossibilite_ponderation ?? ctx.data.justification_impossibilite_ponderation);
      if (justified) continue;
      set.criteria.forEach(({ o: c, path: at }) => {
        if (hasWeight(c)) return;
        ctx.report([...at], {
          fr: `Procédure ${type} : le critère « ${label(c)} » doit être pondéré (« ponderation » ou « fourchette »). La hiérarchisation n’est admise que si la pondération est impossible, avec « justification_impossibilite_ponderation ».`,
          en: `${type} procedure: criterion '${label(c)}' must be weighted ('ponderation' or 'fourchette'). Ranking is allowed only when weighting is impossible, with 'justification_impossibilite_ponderation'.`,
        });
      });
    }
  },
};

export const CSL_005B: Rule = {
  id: 'CSL-005b', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CE 7 oct. 2005, CU Marseille-Provence-Métropole, n° 276867',
  title: { fr: 'Hiérarchisation en procédure formalisée : risque contentieux élevé', en: 'Ranking in a formalised procedure: high litigation risk' },
  check(ctx) {
    const type = procedureType(ctx.data);
    if (!type || !FORMALISED.has(type)) return;
    for (const set of setsOf(ctx)) {
      if (set.owner.hierarchisation !== true) continue;
      ctx.report(set.path, {
        fr: 'Hiérarchisation au lieu d’une pondération en procédure formalisée : le juge l’annule presque toujours (CE 2005, n° 276867). Pondérez les critères si c’est possible.',
        en: 'Ranking instead of weighting in a formalised procedure: courts almost always annul it (CE 2005, no. 276867). Weight the criteria if at all possible.',
      });
    }
  },
};

export const CSL_006: Rule = {
  id: 'CSL-006', fixes: ['normaliseWeights'], kind: 'consultation', severity: 'error', confidence: 'V', basis: 'Cohérence du document (transparence de la pondération, R2152-11)',
  title: { fr: 'Les pondérations totalisent le total déclaré (100 ou N points) ; fourchettes cohérentes', en: 'Weights add up to the declared total (100 or N points); consistent ranges' },
  check(ctx) {
    const total = num(ctx.data.ponderation_totale) ?? 100;
    for (const set of setsOf(ctx)) {
      // Ranked criteria have no weights to add up; a criterion without weight is CSL-001/CSL-005's finding,
      // but the weights that are given must still reach the total.
      if (set.owner.hierarchisation === true || !set.criteria.some((c) => hasWeight(c.o))) continue;
      let lo = 0;
      let hi = 0;
      let ranges = false;
      set.criteria.forEach(({ o: c, path: at }) => {
        if (!hasWeight(c)) return;
        const w = num(c.ponderation);
        if (w !== undefined) {
          lo += w;
          hi += w;
          return;
        }
        ranges = true;
        const f = obj(c.fourchette);
        const min = num(f.min) ?? 0;
        const max = num(f.max) ?? 0;
        if (min > max) {
          ctx.report([...at, 'fourchette'], { fr: `Fourchette de « ${label(c)} » : min (${min}) > max (${max}).`, en: `Range of '${label(c)}': min (${min}) > max (${max}).` }, { target: 'key' });
        }
        lo += min;
        hi += max;
      });
      if (!ranges && !near(lo, total)) {
        ctx.report(set.path, {
          fr: `La somme des pondérations vaut ${round(lo)} au lieu de ${total}${set.lotId ? ` (lot ${set.lotId})` : ''}. Ajustez les pondérations.`,
          en: `Weights add up to ${round(lo)} instead of ${total}${set.lotId ? ` (lot ${set.lotId})` : ''}. Adjust the weights.`,
        }, { data: { expected: total } });
      } else if (ranges && (lo > total + 0.005 || hi < total - 0.005)) {
        ctx.report(set.path, {
          fr: `Fourchettes incohérentes : Σmin = ${round(lo)}, Σmax = ${round(hi)} ; il faut Σmin ≤ ${total} ≤ Σmax.`,
          en: `Inconsistent ranges: Σmin = ${round(lo)}, Σmax = ${round(hi)}; Σmin ≤ ${total} ≤ Σmax is required.`,
        });
      }
    }
  },
};

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export const CSL_006B: Rule = {
  id: 'CSL-006b', kind: 'consultation', severity: 'warning', confidence: 'U', basis: 'CCP R2152-12 (« écart maximum approprié ») ; seuil configurable',
  title: { fr: 'Fourchette de pondération trop large (écart > 20 points par défaut)', en: 'Weight range too wide (spread > 20 points by default)' },
  check(ctx) {
    for (const set of setsOf(ctx)) {
      set.criteria.forEach(({ o: c, path: at }) => {
        const f = c.fourchette;
        if (!isObj(f)) return;
        const spread = (num(f.max) ?? 0) - (num(f.min) ?? 0);
        if (spread > PRACTICE_DEFAULTS.fourchetteEcartMax) {
          ctx.report([...at, 'fourchette'], {
            fr: `Fourchette de « ${label(c)} » large de ${spread} points : la loi exige un « écart maximum approprié » (repère : ${PRACTICE_DEFAULTS.fourchetteEcartMax}).`,
            en: `Range of '${label(c)}' spans ${spread} points: the law requires an "appropriate maximum spread" (guide: ${PRACTICE_DEFAULTS.fourchetteEcartMax}).`,
          }, { target: 'key' });
        }
      });
    }
  },
};

export const CSL_007: Rule = {
  id: 'CSL-007', fixes: ['fixSubCriteria'], kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CE 18 juin 2010, Commune de Saint-Pal-de-Mons, n° 337377',
  title: { fr: 'Sous-critères pondérés : chacun a un poids publié, et leur somme égale le poids du critère, son barème (« note_sur ») ou 100 %', en: "Weighted sub-criteria: each has a published weight, and they add up to the criterion's weight, its mark scale ('note_sur') or 100%" },
  check(ctx) {
    for (const set of setsOf(ctx)) {
      set.criteria.forEach((c) => checkSubCriteria(ctx, c));
    }
  },
};

/**
 * One level of sub-criteria: weights (`ponderation`) or points (`points`) on every one, adding up to the
 * parent's weight, to the parent's mark scale (`note_sur`: "sur 20 points") or to 100. Then the next level.
 */
function checkSubCriteria(ctx: RuleContext, criterion: CriterionM): void {
  const c = criterion.o;
  const subs = criterion.sub.map((s) => s.o);
  const weighted = subs.filter((s) => weightOf(s) !== undefined);
  const subsPath = [...criterion.path, 'sous_criteres'];
  criterion.sub.forEach((s) => checkSubCriteria(ctx, s));
  if (weighted.length === 0) return;
  if (weighted.length < subs.length) {
    subs.forEach((s, j) => {
      if (weightOf(s) === undefined) {
        ctx.report([...subsPath, j], {
          fr: `Le sous-critère « ${label(s)} » n’a pas de pondération alors que les autres en ont : publiez le poids de chaque sous-critère (Saint-Pal-de-Mons).`,
          en: `Sub-criterion '${label(s)}' has no weight while the others do: publish the weight of every sub-criterion (Saint-Pal-de-Mons).`,
        });
      }
    });
    return;
  }
  const total = sum(weighted.map(weightOf));
  const parent = weightOf(c);
  const scale = num(c.note_sur);
  if (near(total, 100) || (parent !== undefined && near(total, parent)) || (scale !== undefined && near(total, scale))) return;
  const expected = scale ?? parent ?? 100;
  const against = scale !== undefined ? `au lieu de ${scale} (barème « note_sur » du critère)` : parent !== undefined ? `au lieu de ${parent} (pondération du critère)` : 'au lieu de 100';
  const againstEn = scale !== undefined ? `instead of ${scale} (the criterion's 'note_sur' scale)` : parent !== undefined ? `instead of ${parent} (the criterion's weight)` : 'instead of 100';
  ctx.report(subsPath, {
    fr: `Les sous-critères de « ${label(c)} » totalisent ${round(total)} ${against}.`,
    en: `Sub-criteria of '${label(c)}' add up to ${round(total)} ${againstEn}.`,
  }, { target: 'key', data: { expected } });
}

export const CSL_008: Rule = {
  id: 'CSL-008', kind: 'consultation', severity: 'information', confidence: 'V', basis: 'Circulaire du 14 févr. 2012 ; CE 30 janv. 2009, ANPE, n° 290236',
  title: { fr: 'MAPA sans pondération : pondérer est recommandé', en: 'MAPA without weights: weighting is recommended' },
  check(ctx) {
    if (procedureType(ctx.data) !== 'MAPA') return;
    for (const set of setsOf(ctx)) {
      if (set.criteria.length > 1 && !set.criteria.some((c) => hasWeight(c.o))) {
        ctx.report(set.path, {
          fr: 'MAPA sans pondération : elle n’est pas obligatoire mais recommandée ; si des poids existent en interne, ils doivent être publiés.',
          en: 'MAPA without weights: not mandatory but recommended; weights used internally must be published.',
        });
      }
    }
  },
};

export const CSL_026: Rule = {
  id: 'CSL-026', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'Débats parlementaires ; DAJ (aucun minimum légal)',
  title: { fr: 'Critère environnemental de poids symbolique (< 5 % par défaut)', en: 'Environmental criterion with a symbolic weight (< 5% by default)' },
  check(ctx) {
    const total = num(ctx.data.ponderation_totale) ?? 100;
    for (const set of setsOf(ctx)) {
      set.criteria.forEach(({ o: c, path: at }) => {
        const w = num(c.ponderation);
        if (!isEnvironmental(c) || w === undefined || total <= 0) return;
        const pct = (w / total) * 100;
        if (pct < PRACTICE_DEFAULTS.critereEnvPoidsMin) {
          ctx.report([...at, 'ponderation'], {
            fr: `Critère environnemental pondéré à ${round(pct)} % : poids symbolique (repère ${PRACTICE_DEFAULTS.critereEnvPoidsMin} %). Aucun minimum légal, mais le juge apprécie l’effet réel.`,
            en: `Environmental criterion weighted at ${round(pct)}%: a symbolic weight (guide ${PRACTICE_DEFAULTS.critereEnvPoidsMin}%). No legal minimum, but its real effect matters.`,
          }, { target: 'value' });
        }
      });
    }
  },
};

const LOCALISM = /(entreprises?|implantation|si[eè]ge|origine|situation g[ée]ographique|proximit[ée])\s+(locale?s?|du territoire|dans la commune|dans le d[ée]partement)|pr[ée]f[ée]rence locale|entreprises? du (d[ée]partement|territoire)/i;

export const CSL_027: Rule = {
  id: 'CSL-027', kind: 'consultation', severity: 'warning', confidence: 'S', basis: 'CCP L2152-7 (lien avec l’objet) ; non-discrimination',
  title: { fr: 'Critère sans lien avec l’objet (préférence locale)', en: 'Criterion unrelated to the subject (local preference)' },
  check(ctx) {
    for (const set of setsOf(ctx)) {
      set.criteria.forEach((c) => {
        for (const { libelle, path } of [c, ...c.sub]) {
          const text = libelle ?? '';
          if (LOCALISM.test(text)) {
            ctx.report([...path, 'libelle'], {
              fr: `« ${text} » : la préférence locale est discriminatoire et sans lien avec l’objet du marché. Reformulez (ex. délais d’intervention, bilan carbone du transport).`,
              en: `'${text}': local preference is discriminatory and unrelated to the subject. Rephrase (e.g. response times, transport carbon footprint).`,
            }, { target: 'value' });
          }
        }
      });
    }
  },
};

export const criteriaRules: Rule[] = [CSL_001, CSL_002, CSL_003, CSL_004, CSL_004B, CSL_005, CSL_005B, CSL_006, CSL_006B, CSL_007, CSL_008, CSL_026, CSL_027];
