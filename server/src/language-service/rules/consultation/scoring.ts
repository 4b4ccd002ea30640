import { isObj, nonEmpty, num, obj, str } from '../../util/data';
import type { Rule } from '../types';
import { procedureType } from '../../model/consultation';

const KNOWN_METHODS = new Set(['classique', 'lineaire', 'moyenne']);

export const CSL_009: Rule = {
  id: 'CSL-009', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CE 29 oct. 2013, OPH Val d’Oise Habitat, n° 370789',
  title: { fr: 'La notation du prix donne la meilleure note au prix le plus bas : notation par rapport à l’estimation (erreur) ; formule qui mentionne l’estimation (avertissement)', en: 'Price scoring gives the best mark to the lowest price: scoring against the estimate (error); a formula that mentions the estimate (warning)' },
  check(ctx) {
    const np = obj(ctx.data.notation_prix);
    if (str(np.reference) === 'estimation') {
      ctx.report(['notation_prix', 'reference'], {
        fr: 'Notation du prix par rapport à l’estimation : illégale, la meilleure note doit aller au prix le plus bas (CE 2013, n° 370789). Utilisez le prix minimum ou la moyenne des offres.',
        en: 'Price scored against the estimate: unlawful, the best mark must go to the lowest price (CE 2013, no. 370789). Use the lowest price or the mean of the offers.',
      }, { target: 'value' });
    }
    const formule = str(np.formule);
    // « Pe » is usually the price of the offer examined (N = 40 × Pmin / Pe): only the words of the estimate
    // count, and a formula may mention the estimate to detect abnormally low offers without scoring on it.
    if (formule && /estimation|estimatif|estim[ée]e?\b|\bPest\b/i.test(formule) && str(np.reference) !== 'estimation') {
      ctx.report(['notation_prix', 'formule'], {
        fr: 'La formule mentionne l’estimation : vérifiez que la meilleure note va au prix le plus bas et que la note ne mesure pas l’écart à l’estimation (CE 2013, n° 370789).',
        en: 'The formula mentions the estimate: check that the best mark goes to the lowest price and that the mark does not measure the distance to the estimate (CE 2013, no. 370789).',
      }, { target: 'value', severity: 'warning' });
    }
  },
};

export const CSL_009B: Rule = {
  id: 'CSL-009b', kind: 'consultation', severity: 'warning', confidence: 'V', basis: 'CE 3 nov. 2014, Belleville-sur-Loire, n° 373362 ; fiche DAJ 2024',
  url: 'https://marche-public.fr/contrats-publics/Fiche-DAJ-methodes-notation-prix-2024.htm',
  title: { fr: 'Méthode de notation du prix personnalisée : simulation exigée', en: 'Custom price-scoring method: a simulation is required' },
  check(ctx) {
    const np = obj(ctx.data.notation_prix);
    const methode = str(np.methode);
    if (procedureType(ctx.data) === 'CONCOURS') return;
    if (!methode || KNOWN_METHODS.has(methode) || nonEmpty(np.simulation)) return;
    ctx.report(['notation_prix', 'methode'], {
      fr: 'Méthode de notation personnalisée : simulez-la (Pmin, Pmin×1,5, Pmin×2) pour montrer qu’elle ne neutralise pas la pondération (CE 2014, n° 373362), puis renseignez « simulation ».',
      en: "Custom scoring method: simulate it (Pmin, Pmin×1.5, Pmin×2) to show it does not neutralise the weighting (CE 2014, no. 373362), then fill in 'simulation'.",
    }, { target: 'value' });
  },
};

export const CSL_009C: Rule = {
  id: 'CSL-009c', kind: 'consultation', severity: 'information', confidence: 'S', basis: 'Fiche DAJ 2024 ; projet R2152-7-1',
  title: { fr: 'Comparaison des prix hors TTC : la DAJ recommande le TTC', en: 'Prices not compared all taxes included: the DAJ recommends TTC' },
  check(ctx) {
    if (!isObj(ctx.data.notation_prix)) return;
    const base = str(ctx.data.notation_prix.base);
    if (base === 'TTC') return;
    ctx.report(['notation_prix', base ? 'base' : 'methode'], {
      fr: 'La fiche DAJ 2024 recommande de comparer les prix TTC (un projet de décret le rendrait obligatoire) : envisagez « base: TTC ».',
      en: "The 2024 DAJ note recommends comparing prices all taxes included (a draft decree would make it binding): consider 'base: TTC'.",
    }, { target: 'value' });
  },
};

export const CSL_010: Rule = {
  id: 'CSL-010', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CJUE 20 sept. 2018, Montte, C-546/16',
  url: 'https://marche-public.fr/Marches-publics/Definitions/Entrees/Analyse-offres-note-eliminatoire.htm',
  title: { fr: 'Note éliminatoire annoncée dans le RC, avec son seuil et son critère', en: 'Elimination score announced in the RC, with its threshold and criterion' },
  check(ctx) {
    const ne = ctx.data.note_eliminatoire;
    if (ne === undefined || ne === null || ne === false) return;
    const o = obj(ne);
    const missing: string[] = [];
    if (o.annoncee_dans_rc !== true) missing.push('annoncee_dans_rc: true');
    if (num(o.seuil) === undefined) missing.push('seuil');
    if (!str(o.critere)) missing.push('critere');
    if (missing.length === 0) return;
    ctx.report(['note_eliminatoire'], {
      fr: `Note éliminatoire : elle n’est licite qu’annoncée dans les documents de la consultation, avec son seuil et son critère. À préciser : ${missing.join(', ')}.`,
      en: `Elimination score: lawful only when announced in the consultation documents with its threshold and criterion. Missing: ${missing.join(', ')}.`,
    }, { target: 'key' });
  },
};

export const CSL_011: Rule = {
  id: 'CSL-011', fixes: ['fixAbnormallyLowOffers'], kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP L2152-6 ; R2152-3, R2152-4 ; CJUE 29 mars 2012, C-599/10',
  url: 'https://code-commande-publique.com/article-l2152-6',
  title: { fr: 'Offres anormalement basses : pas de rejet automatique (erreur) ; demande de justification à prévoir (avertissement)', en: 'Abnormally low offers: no automatic rejection (error); plan the request for justification (warning)' },
  check(ctx) {
    if (!isObj(ctx.data.oab)) return;
    const oab = ctx.data.oab;
    if (oab.rejet_automatique === true) {
      ctx.report(['oab', 'rejet_automatique'], {
        fr: 'Rejet automatique des offres anormalement basses : illégal. Un seuil mathématique ne peut que déclencher une demande de justification (L2152-6, CJUE C-599/10).',
        en: 'Automatic rejection of abnormally low offers: unlawful. A mathematical threshold may only trigger a request for justification (L2152-6, CJEU C-599/10).',
      }, { target: 'value' });
    }
    // The duty to ask for justifications arises during the analysis: a file that does not say so breaks nothing;
    // one that says `false` announces an unlawful analysis.
    if (oab.procedure_contradictoire !== true) {
      ctx.report(['oab', 'procedure_contradictoire'], {
        fr: 'Offres anormalement basses : la demande de justification (procédure contradictoire) est obligatoire avant tout rejet ; indiquez « procedure_contradictoire: true ».',
        en: "Abnormally low offers: the request for justification is mandatory before any rejection; set 'procedure_contradictoire: true'.",
      }, { target: 'value', severity: oab.procedure_contradictoire === false ? 'error' : 'warning' });
    }
  },
};

export const CSL_011B: Rule = {
  id: 'CSL-011b', kind: 'consultation', severity: 'hint', confidence: 'S', basis: 'CCP L2152-6 (« tous moyens ») ; FFB/APVF ; CAA via Weka',
  title: { fr: 'Méthode de détection des offres anormalement basses à déclarer', en: 'Declare a detection method for abnormally low offers' },
  check(ctx) {
    if (nonEmpty(obj(ctx.data.oab).detection) || procedureType(ctx.data) === 'CONCOURS' || procedureType(ctx.data) === 'SPMC') return;
    ctx.report(isObj(ctx.data.oab) ? ['oab'] : ['procedure'], {
      fr: 'Aucune méthode de détection des offres anormalement basses : déclarez-en une dans « oab.detection » (ex. moyenne des offres moins un écart-type). Ce n’est qu’un déclencheur de demande de justification.',
      en: "No detection method for abnormally low offers: declare one in 'oab.detection' (e.g. mean minus one standard deviation). It only triggers a request for justification.",
    }, { target: 'key' });
  },
};

export const scoringRules: Rule[] = [CSL_009, CSL_009B, CSL_009C, CSL_010, CSL_011, CSL_011B];
