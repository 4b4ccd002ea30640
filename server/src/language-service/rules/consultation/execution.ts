import { onlyNature } from '../../model/operation';
import { keyDate } from '../../data/legalData';
import { isObj, list, nonEmpty, num, obj, str } from '../../util/index';
import type { Obj } from '../../util/index';
import type { Rule, RuleContext } from '../types';
import { estimatedValue, euThreshold, isDefense, launchInfo, launchText } from '../../model/consultation';

export const CSL_020: Rule = {
  id: 'CSL-020', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2112-2 (loi 2021-1104 art. 35) ; L2112-2-1',
  url: 'https://marche-public.fr/ccp/L2112-02-contenu-marche-conditions-execution-liees-objet.htm',
  title: { fr: 'À partir du 21/08/2026 : conditions d’exécution environnementales (erreur) ; au-delà du seuil européen, conditions sociales (avertissement)', en: 'From 2026-08-21: environmental performance conditions (error); above the EU threshold, social conditions (warning)' },
  check(ctx) {
    if (isDefense(ctx.data)) return;
    const l = launchInfo(ctx);
    if (l.date < keyDate('conditions_execution_environnementales')) return;
    const declared = isObj(ctx.data.conditions_execution);
    const ce = obj(ctx.data.conditions_execution);
    const where = declared ? ['conditions_execution'] : ['objet'];
    if (!nonEmpty(ce.environnementales)) {
      // A file that lists its conditions without environmental ones breaks L2112-2; one that lists none (a
      // notice transcribed without its CCAP), or whose launch may precede the date, cannot prove it.
      ctx.report(where, {
        fr: `Consultation ${launchText(l).fr} : les conditions d’exécution doivent prendre en compte des considérations environnementales (« conditions_execution.environnementales », L2112-2).`,
        en: `Consultation ${launchText(l).en}: performance conditions must include environmental considerations ('conditions_execution.environnementales', L2112-2).`,
      }, { severity: declared && !l.bounded ? 'error' : 'warning' });
    }
    const value = estimatedValue(ctx.data);
    if (value !== undefined && value >= euThreshold(ctx).value && !nonEmpty(ce.sociales) && !nonEmpty(ce.exception_sociale)) {
      ctx.report(where, {
        fr: 'Marché au-delà du seuil européen : des conditions d’exécution sociales sont requises (L2112-2-1), sauf exception à documenter dans « conditions_execution.exception_sociale ».',
        en: "Contract above the EU threshold: social performance conditions are required (L2112-2-1), unless an exception is documented in 'conditions_execution.exception_sociale'.",
      }, { severity: 'warning' });
    }
  },
};

/** The codes and labels of the DCE items, upper-cased, for presence tests. */
function dceItems(data: Obj): string[] {
  return list(data.dce).map((d) => (isObj(d) ? `${str(d.code) ?? ''} ${str(d.libelle) ?? ''}` : str(d) ?? '').toUpperCase());
}

function hasItem(items: string[], re: RegExp): boolean {
  return items.some((i) => re.test(i));
}

export const CSL_023: Rule = {
  id: 'CSL-023', kind: 'consultation', severity: 'warning', confidence: 'S', basis: 'Pratique (CCAG-Travaux 2021)',
  title: { fr: 'DCE de travaux complet : RC, AE, CCAP, CCTP, pièces de prix, plans', en: 'Complete works tender file: RC, AE, CCAP, CCTP, price documents, drawings' },
  check(ctx) {
    if (str(ctx.data.nature) !== 'travaux' || !Array.isArray(ctx.data.dce)) return;
    const items = dceItems(ctx.data);
    const missing: string[] = [];
    const need: [string, RegExp][] = [
      ['RC', /\bRC\b|R[EÈ]GLEMENT DE (LA )?CONSULTATION/],
      ['AE/ATTRI1', /\bAE\b|ATTRI1|ACTE D.ENGAGEMENT/],
      ['CCAP', /\bCCAP\b/],
      ['CCTP', /\bCCTP\b/],
      ['PLANS', /\bPLANS?\b/],
    ];
    for (const [name, re] of need) if (!hasItem(items, re)) missing.push(name);
    const forme = str(ctx.data.forme_prix);
    if (forme === 'forfait' && !hasItem(items, /\bDPGF\b/)) missing.push('DPGF');
    if (forme === 'prix_unitaires') {
      if (!hasItem(items, /\bBPU\b/)) missing.push('BPU');
      if (!hasItem(items, /\bDQE\b/)) missing.push('DQE');
    }
    if (!forme && !hasItem(items, /\bDPGF\b|\bBPU\b|\bDQE\b/)) missing.push('DPGF ou BPU/DQE');
    if (missing.length === 0) return;
    ctx.report(['dce'], { fr: `DCE incomplet, pièces manquantes : ${missing.join(', ')}.`, en: `Incomplete tender file, missing: ${missing.join(', ')}.` });
  },
};

/** Whether the programme describes an existing building whose permit predates 1 July 1997. */
export function preAsbestosBuilding(programme: Obj | undefined): boolean {
  if (!programme) return false;
  const op = obj(programme.operation);
  if (onlyNature(op, 'construction_neuve')) return false;
  const limit = keyDate('permis_amiante');
  const y = num(op.annee_permis);
  if (y !== undefined) return y < Number(limit.slice(0, 4));
  const d = str(op.annee_permis);
  return d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d) && d < limit;
}

export const CSL_024: Rule = {
  id: 'CSL-024', fixes: ['addRat'], kind: 'consultation', severity: 'error', confidence: 'V', basis: 'C. trav. L4412-2 (document joint aux documents de la consultation), R4412-97 ; arrêté du 16 juillet 2019',
  title: { fr: 'Travaux sur un bâtiment existant (permis avant le 01/07/1997) : le DCE contient le repérage amiante avant travaux (RAT)', en: 'Works on an existing building (permit before 1997-07-01): the tender file contains the pre-works asbestos survey (RAT)' },
  check(ctx: RuleContext) {
    if (str(ctx.data.nature) !== 'travaux' || !preAsbestosBuilding(ctx.programme?.data)) return;
    if (hasItem(dceItems(ctx.data), /\bRAT\b|AMIANTE/)) return;
    // Only a listed DCE without the survey proves its absence.
    const listed = Array.isArray(ctx.data.dce);
    ctx.report([listed ? 'dce' : 'nature'], {
      fr: 'Travaux sur un bâtiment dont le permis est antérieur au 01/07/1997 : le rapport de repérage amiante avant travaux (RAT) doit être joint au DCE (R4412-97). Ajoutez « RAT » à « dce ».',
      en: "Works on a building permitted before 1997-07-01: the pre-works asbestos survey report (RAT) must be in the tender file (R4412-97). Add 'RAT' to 'dce'.",
    }, { severity: listed ? 'error' : 'warning' });
  },
};

const CCAG_BY_NATURE: Record<string, string[]> = {
  travaux: ['travaux_2021', 'travaux_2009'],
  maitrise_oeuvre: ['moe_2021', 'pi_2009'],
  services: ['pi_2021', 'fcs_2021', 'tic_2021', 'moe_2021', 'pi_2009', 'fcs_2009', 'tic_2009'],
  fournitures: ['fcs_2021', 'mi_2021', 'tic_2021', 'fcs_2009', 'mi_2009', 'tic_2009'],
};

export const CSL_025: Rule = {
  id: 'CSL-025', kind: 'consultation', severity: 'hint', confidence: 'S', basis: 'Arrêtés du 30 mars 2021 (CCAG) ; CCAG 2009 pour les marchés antérieurs',
  title: { fr: 'CCAG de référence cohérent avec la nature du marché', en: 'Reference CCAG consistent with the nature of the contract' },
  check(ctx) {
    const nature = str(ctx.data.nature);
    const ccag = str(ctx.data.ccag);
    // Own keys only: a nature such as `constructor` must not find Object.prototype's members.
    if (!nature || !Object.hasOwn(CCAG_BY_NATURE, nature)) return;
    if (!ccag) {
      ctx.report(['nature'], { fr: `CCAG de référence non indiqué : le marché n’applique un CCAG que s’il s’y réfère (ex. « ccag: ${CCAG_BY_NATURE[nature][0]} »).`, en: `No reference CCAG: a contract applies a CCAG only if it refers to it (e.g. 'ccag: ${CCAG_BY_NATURE[nature][0]}').` }, { target: 'key' });
    } else if (ccag !== 'aucun' && !CCAG_BY_NATURE[nature].includes(ccag)) {
      ctx.report(['ccag'], { fr: `CCAG « ${ccag} » inhabituel pour un marché de ${nature} (attendu : ${CCAG_BY_NATURE[nature].join(' ou ')}).`, en: `CCAG '${ccag}' is unusual for a ${nature} contract (expected: ${CCAG_BY_NATURE[nature].join(' or ')}).` }, { target: 'value' });
    }
  },
};

export const executionRules: Rule[] = [CSL_020, CSL_023, CSL_024, CSL_025];
