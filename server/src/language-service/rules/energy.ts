import { allCriteria, consultationModel } from '../model/build';
import { someNature } from '../model/operation';
import { CEE_REPEALS, keyDate } from '../data/legalData';
import { date, frDate, isObj, list, nonEmpty, num, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Rule } from './types';

const EXISTING = new Set(['rehabilitation', 'extension', 'reutilisation']);

export const NRJ_001: Rule = {
  id: 'NRJ-001', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'Loi ELAN art. 175 ; décret 2019-771 ; arrêté du 10 avril 2020',
  title: { fr: 'Bâtiment tertiaire existant ≥ 1 000 m² : objectifs du décret tertiaire (année de référence, consommation, méthode, −40/−50/−60 %, OPERAT)', en: 'Existing tertiary building ≥ 1,000 m²: décret tertiaire targets (reference year, consumption, method, −40/−50/−60%, OPERAT)' },
  check(ctx) {
    const op = obj(ctx.data.operation);
    const dt = obj(obj(ctx.data.energie).decret_tertiaire);
    const surface = num(op.surface_tertiaire_m2) ?? num(dt.surface_tertiaire_m2);
    if (!someNature(op, EXISTING) || surface === undefined || surface < 1000) return;
    if (!isObj(obj(ctx.data.energie).decret_tertiaire)) {
      ctx.report([isObj(ctx.data.energie) ? 'energie' : 'operation'], {
        fr: `Bâtiment tertiaire existant de ${surface} m² (≥ 1 000 m²) : assujetti au décret tertiaire. Ajoutez « energie.decret_tertiaire » (année de référence, consommation de référence, méthode, objectifs 2030/2040/2050, identifiant OPERAT).`,
        en: `Existing tertiary building of ${surface} m² (≥ 1,000 m²): subject to the décret tertiaire. Add 'energie.decret_tertiaire' (reference year, reference consumption, method, 2030/2040/2050 targets, OPERAT id).`,
      });
      return;
    }
    const base = ['energie', 'decret_tertiaire'];
    const missing = ['annee_reference', 'conso_reference_kwhef_m2_an', 'methode', 'operat_id'].filter((k) => !nonEmpty(dt[k]));
    if (missing.length) ctx.report(base, { fr: `Décret tertiaire : à renseigner ${missing.join(', ')}.`, en: `Décret tertiaire: fill in ${missing.join(', ')}.` });
    const year = num(dt.annee_reference);
    if (year !== undefined && year < 2010) ctx.report([...base, 'annee_reference'], { fr: `Année de référence ${year} : elle doit être 2010 ou postérieure.`, en: `Reference year ${year}: it must be 2010 or later.` }, { target: 'value' });
    if (str(dt.methode) !== 'absolue') {
      for (const [k, min] of [['objectif_2030', 40], ['objectif_2040', 50], ['objectif_2050', 60]] as const) {
        const v = num(dt[k]);
        if (v === undefined) ctx.report(base, { fr: `Décret tertiaire (méthode relative) : « ${k} » manquant (au moins −${min} %).`, en: `Décret tertiaire (relative method): '${k}' missing (at least −${min}%).` });
        else if (Math.abs(v) < min) ctx.report([...base, k], { fr: `« ${k} » = ${v} % : la réduction doit être d’au moins ${min} %.`, en: `'${k}' = ${v}%: the reduction must be at least ${min}%.` }, { target: 'value' });
      }
    }
  },
};

export const NRJ_001B: Rule = {
  id: 'NRJ-001b', kind: 'programme', severity: 'information', confidence: 'S', basis: 'Sources secondaires divergentes (2010–2019 ou 2010–2020)',
  title: { fr: 'Année de référence du décret tertiaire postérieure à 2019 : à revérifier', en: 'Décret tertiaire reference year after 2019: re-check' },
  check(ctx) {
    const y = num(obj(obj(ctx.data.energie).decret_tertiaire).annee_reference);
    if (y === undefined || y <= 2019) return;
    ctx.report(['energie', 'decret_tertiaire', 'annee_reference'], { fr: `Année de référence ${y} : les sources divergent sur la borne (2019 ou 2020), vérifiez l’éligibilité.`, en: `Reference year ${y}: sources disagree on the bound (2019 or 2020), check eligibility.` }, { target: 'value' });
  },
};

/** The RE2020 typology: declared, else read from the operation's use. */
export function typology(data: Obj): string | undefined {
  const t = str(obj(obj(data.energie).re2020).typologie);
  if (t) return t;
  const usage = (str(obj(data.operation).usage) ?? '').toLowerCase();
  if (/logement|habitat/.test(usage)) return 'logement';
  if (/bureau/.test(usage)) return 'bureaux';
  // Higher education falls under décret 2026-16 (1 May 2026), primary and secondary schools under 1 July 2022.
  if (/universit|enseignement sup[ée]rieur|[ée]tudes sup[ée]rieures/.test(usage)) return 'tertiaire_specifique';
  if (/[ée]cole|coll[eè]ge|lyc[ée]e|enseignement|scolaire/.test(usage)) return 'enseignement';
  if (/m[ée]diath[eè]que|biblioth[eè]que|h[oô]tel|cr[eè]che|restaurant|commerce|sant[ée]|gymnase|sport|industri|artisan|universit/.test(usage)) return 'tertiaire_specifique';
  return undefined;
}

const RE2020_FROM: Record<string, string> = {
  logement: 're2020_logement',
  bureaux: 're2020_bureaux',
  enseignement: 're2020_enseignement',
  tertiaire_specifique: 're2020_tertiaire_specifique',
};

export const NRJ_002: Rule = {
  id: 'NRJ-002', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'CCH R172-x ; décret 2026-16 (la RE2020 s’impose au bâtiment ; le programme devrait en fixer les objectifs)',
  title: { fr: 'Bâtiment neuf soumis à la RE2020 (selon la date de dépôt du PC) : objectifs Bbio, Cep, Cep,nr, Ic énergie, Ic construction, DH', en: 'New building under RE2020 (by permit filing date): Bbio, Cep, Cep,nr, Ic energy, Ic construction, DH targets' },
  check(ctx) {
    if (!someNature(obj(ctx.data.operation), ['construction_neuve'])) return;
    const re = obj(obj(ctx.data.energie).re2020);
    const depot = date(re.date_depot_pc) ?? date(obj(ctx.data.operation).date_depot_pc);
    const t = typology(ctx.data);
    if (!depot || !t || !RE2020_FROM[t]) return;
    const from = keyDate(RE2020_FROM[t]);
    if (depot < from) return;
    const missing = ['bbio', 'cep', 'cep_nr', 'ic_energie', 'ic_construction', 'dh'].filter((k) => num(re[k]) === undefined);
    if (missing.length === 0) return;
    ctx.report([isObj(obj(ctx.data.energie).re2020) ? 'energie' : 'operation', ...(isObj(obj(ctx.data.energie).re2020) ? ['re2020'] : [])], {
      fr: `Bâtiment neuf (${t}) dont le PC est déposé le ${frDate(depot)} (RE2020 depuis le ${frDate(from)}) : objectifs RE2020 manquants : ${missing.join(', ')}.`,
      en: `New building (${t}) with permit filed on ${depot} (RE2020 since ${from}): missing RE2020 targets: ${missing.join(', ')}.`,
    });
  },
};

export const NRJ_003: Rule = {
  id: 'NRJ-003', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Pratique (labels, aides locales)',
  title: { fr: 'Objectif plus exigeant que la réglementation : valeur de référence et pourcentage requis', en: 'Target beyond regulation: reference value and percentage required' },
  check(ctx) {
    const re = obj(obj(ctx.data.energie).re2020);
    if (re.objectif_vs_seuil_pct === undefined || nonEmpty(re.valeur_reference)) return;
    ctx.report(['energie', 're2020', 'objectif_vs_seuil_pct'], { fr: 'Objectif exprimé par rapport au seuil réglementaire sans « valeur_reference » : précisez la valeur de référence.', en: "Target stated against the regulatory threshold without 'valeur_reference': give the reference value." }, { target: 'key' });
  },
};

const FOST = /^(BAR|BAT|IND|AGRI|RES|TRA)-[A-Z]{2}-\d{3}$/;

export const NRJ_004: Rule = {
  id: 'NRJ-004', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'Nomenclature des fiches d’opérations standardisées (arrêté du 22 déc. 2014 modifié)',
  url: 'https://www.ecologie.gouv.fr/operations-standardisees-deconomies-denergie',
  title: { fr: 'Code de fiche CEE valide (ex. BAT-EN-101)', en: 'Valid CEE sheet code (e.g. BAT-EN-101)' },
  check(ctx) {
    list(obj(obj(ctx.data.energie).cee).fiches).forEach((f, i) => {
      const code = str(isObj(f) ? f.code : f);
      if (code && FOST.test(code)) return;
      ctx.report(['energie', 'cee', 'fiches', i], { fr: `Code de fiche CEE « ${String(code ?? '')} » invalide : forme attendue SECTEUR-FAMILLE-NNN (ex. BAT-EN-101).`, en: `Invalid CEE sheet code '${String(code ?? '')}': expected SECTOR-FAMILY-NNN (e.g. BAT-EN-101).` }, { target: 'value' });
    });
  },
};

export const NRJ_005: Rule = {
  id: 'NRJ-005', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'Texte des fiches CEE',
  title: { fr: 'Fiche CEE abrogée à la date d’engagement prévue', en: 'CEE sheet repealed at the planned commitment date' },
  check(ctx) {
    const cee = obj(obj(ctx.data.energie).cee);
    const at = date(cee.date_engagement);
    if (!at) return;
    list(cee.fiches).forEach((f, i) => {
      const code = str(isObj(f) ? f.code : f);
      const repeal = CEE_REPEALS.find((r) => r.key === code);
      if (!repeal || at < repeal.date) return;
      ctx.report(['energie', 'cee', 'fiches', i], { fr: `Fiche ${code} abrogée à compter du ${frDate(repeal.date)} : engagement prévu le ${frDate(at)}. Vérifiez la fiche qui la remplace.`, en: `Sheet ${code} is repealed from ${repeal.date}: commitment planned on ${at}. Check its replacement.` }, { target: 'value' });
    });
  },
};

export const NRJ_007: Rule = {
  id: 'NRJ-007', kind: 'consultation', severity: 'information', confidence: 'practice', basis: 'Cohérence programme / consultation',
  title: { fr: 'Programme avec objectifs énergétiques et aucun critère pondéré sur l’énergie ou le carbone', en: 'Programme with energy targets and no weighted criterion on energy or carbon' },
  check(ctx) {
    const energie = obj(ctx.programme?.data.energie);
    if (!isObj(energie.decret_tertiaire) && !isObj(energie.re2020)) return;
    // The building's energy targets are met by its design and works, not by the furniture bought for it.
    if (str(ctx.data.nature) === 'fournitures') return;
    const re = /[ée]nerg|carbone|thermique|consommation|bas carbone|acv|cycle de vie/i;
    for (const set of consultationModel(ctx.data).criteriaSets) {
      if (allCriteria(set).some((c) => c.ponderation !== undefined && re.test(`${c.libelle ?? ''} ${c.id ?? ''}`))) continue;
      if (set.criteria.length === 0) continue;
      ctx.report(set.path, { fr: 'Le programme fixe des objectifs énergétiques : envisagez un critère ou sous-critère pondéré sur la performance énergétique ou carbone.', en: 'The programme sets energy targets: consider a weighted criterion or sub-criterion on energy or carbon performance.' });
    }
  },
};

export const energyRules: Rule[] = [NRJ_001, NRJ_001B, NRJ_002, NRJ_003, NRJ_004, NRJ_005, NRJ_007];
