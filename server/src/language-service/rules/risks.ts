import { programmeModel } from '../model/build';
import { someNature } from '../model/operation';
import { criticality, riskScale } from '../model/risks';
import { riskCategory, STRATEGIES } from '../catalog/risks';
import { EU_THRESHOLDS, valueAt } from '../data/legalData';
import { closest, daysBetween, date, fold, frDate, isObj, list, nonEmpty, num, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Rule, RuleContext } from './types';
import { preAsbestosBuilding } from './consultation/execution';

/** The risks' objects, from the model (`i` is each one's index in `risques`, as in its path). */
function risks(data: Obj): Obj[] {
  return programmeModel(data).risks.map((r) => r.o);
}

function name(r: Obj, i: number): string {
  return str(r.id) ?? `#${i + 1}`;
}



export const RSK_001: Rule = {
  id: 'RSK-001', fixes: ['pickOwnerForIncomplete'], kind: 'programme', severity: 'warning', confidence: 'V', basis: 'ISO 31000:2018 (enregistrement) ; ISO Guide 73 (propriétaire du risque)',
  title: { fr: 'Chaque risque a un id unique, un titre, une catégorie, un propriétaire, une probabilité, un impact et un statut', en: 'Each risk has a unique id, a title, a category, an owner, a likelihood, an impact and a status' },
  check(ctx) {
    const custom = list(ctx.data.categories_risques).map((c) => (isObj(c) ? str(c.code) ?? str(c.libelle) : str(c))).filter((c): c is string => !!c);
    const seen = new Map<string, number>();
    risks(ctx.data).forEach((r, i) => {
      const missing = ['id', 'titre', 'categorie', 'proprietaire', 'probabilite', 'impact', 'statut'].filter((k) => !nonEmpty(r[k]));
      if (missing.length) {
        ctx.report(['risques', i], { fr: `Risque ${name(r, i)} incomplet : ${missing.join(', ')} manquant(s).`, en: `Risk ${name(r, i)} is incomplete: missing ${missing.join(', ')}.` }, { target: 'key', data: { missing } });
      }
      const id = str(r.id);
      if (id !== undefined) {
        if (seen.has(id)) ctx.report(['risques', i, 'id'], { fr: `Identifiant de risque en double : « ${id} » (déjà utilisé au risque n° ${(seen.get(id) as number) + 1}).`, en: `Duplicate risk id '${id}' (already used by risk no. ${(seen.get(id) as number) + 1}).` }, { target: 'value' });
        else seen.set(id, i);
      }
      const cat = str(r.categorie);
      if (cat && !riskCategory(cat, custom)) {
        ctx.report(['risques', i, 'categorie'], {
          fr: `Catégorie « ${cat} » inconnue : utilisez une catégorie du catalogue (technique, réglementaire, procédure, financier, entreprises, chantier, organisation, exploitation) ou déclarez-la dans « categories_risques ».`,
          en: `Unknown category '${cat}': use a catalogue category (technical, regulatory, procurement, financial, contractors, site, organisation, operation) or declare it in 'categories_risques'.`,
        }, { target: 'value', severity: 'warning' });
      }
    });
  },
};

export const RSK_002: Rule = {
  id: 'RSK-002', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Pratique (AUNEGE, GERMA)',
  title: { fr: 'Échelle des risques déclarée (4 ou 5 niveaux) ; probabilités et impacts entiers dans l’échelle', en: 'Risk scale declared (4 or 5 levels); likelihoods and impacts are integers within it' },
  check(ctx) {
    const list_ = risks(ctx.data);
    if (list_.length === 0) return;
    const scale = riskScale(ctx.data);
    if (!scale.declared) {
      ctx.report([isObj(ctx.data.echelle_risques) ? 'echelle_risques' : 'risques'], {
        fr: 'Échelle des risques non déclarée ou invalide : indiquez « echelle_risques » avec « probabilite » et « impact » à 4 ou 5 niveaux.',
        en: "Risk scale missing or invalid: declare 'echelle_risques' with 'probabilite' and 'impact' of 4 or 5 levels.",
      });
    }
    list_.forEach((r, i) => {
      for (const [k, max] of [['probabilite', scale.p], ['impact', scale.i]] as const) {
        const v = r[k];
        if (v === undefined || v === null) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
          ctx.report(['risques', i, k], { fr: `${k === 'probabilite' ? 'Probabilité' : 'Impact'} « ${String(v)} » hors de l’échelle : entier de 1 à ${max} attendu.`, en: `${k === 'probabilite' ? 'Likelihood' : 'Impact'} '${String(v)}' outside the scale: an integer from 1 to ${max} is expected.` }, { target: 'value' });
        }
      }
    });
  },
};

export const RSK_003: Rule = {
  id: 'RSK-003', kind: 'programme', severity: 'warning', confidence: 'S', basis: 'Pratique P × G',
  title: { fr: 'La criticité indiquée égale probabilité × impact', en: 'The stated criticality equals likelihood × impact' },
  check(ctx) {
    risks(ctx.data).forEach((r, i) => {
      const c = num(r.criticite);
      const expected = criticality(r);
      if (c === undefined || expected === undefined || c === expected) return;
      ctx.report(['risques', i, 'criticite'], { fr: `Criticité ${c} incohérente : ${num(r.probabilite)} × ${num(r.impact)} = ${expected}.`, en: `Criticality ${c} is inconsistent: ${num(r.probabilite)} × ${num(r.impact)} = ${expected}.` }, { target: 'value' });
    });
  },
};

export const RSK_004: Rule = {
  id: 'RSK-004', kind: 'programme', severity: 'warning', confidence: 'U', basis: 'ISO 31000:2018 §6.5 (rétention éclairée) ; seuils par défaut configurables',
  title: { fr: 'Risque critique : pas d’acceptation sans justification ; actions avec responsable et échéance', en: 'Critical risk: no retention without justification; actions with an owner and a due date' },
  check(ctx) {
    const { seuil } = riskScale(ctx.data);
    risks(ctx.data).forEach((r, i) => {
      const c = criticality(r);
      if (c === undefined || c < seuil) return;
      const strat = str(r.strategie);
      if ((strat === 'accepter' || strat === 'retenir') && !nonEmpty(r.justification)) {
        ctx.report(['risques', i, 'strategie'], { fr: `Risque critique ${name(r, i)} (P×I = ${c} ≥ ${seuil}) accepté sans « justification » : la rétention doit être une décision éclairée et motivée.`, en: `Critical risk ${name(r, i)} (P×I = ${c} ≥ ${seuil}) retained without 'justification': retention must be an informed, reasoned decision.` }, { target: 'value' });
      }
      const actions = list(r.actions);
      if (actions.length === 0 && strat !== 'accepter') {
        ctx.report(['risques', i], { fr: `Risque critique ${name(r, i)} (P×I = ${c}) sans action de traitement.`, en: `Critical risk ${name(r, i)} (P×I = ${c}) has no treatment action.` }, { target: 'key' });
        return;
      }
      actions.forEach((a, j) => {
        const o = obj(a);
        const missing = [!nonEmpty(o.responsable) && 'responsable', !nonEmpty(o.echeance) && 'echeance'].filter(Boolean);
        if (missing.length) {
          ctx.report(['risques', i, 'actions', j], { fr: `Action du risque critique ${name(r, i)} sans ${missing.join(' ni ')}.`, en: `Action of critical risk ${name(r, i)} without ${missing.join(' or ')}.` }, { target: 'value' });
        }
      });
    });
  },
};

export const RSK_005: Rule = {
  id: 'RSK-005', fixes: ['replaceMisspelling'], kind: 'programme', severity: 'warning', confidence: 'V', basis: 'ISO 31000:2018 §6.5.2',
  title: { fr: 'Stratégie de traitement parmi les options d’ISO 31000', en: 'Treatment strategy among the ISO 31000 options' },
  check(ctx) {
    const codes = STRATEGIES.map((s) => s.code);
    risks(ctx.data).forEach((r, i) => {
      const s = r.strategie;
      if (s === undefined || s === null || (typeof s === 'string' && codes.includes(s))) return;
      const guess = typeof s === 'string' ? closest(s, codes) : undefined;
      ctx.report(['risques', i, 'strategie'], {
        fr: `Stratégie « ${String(s)} » inconnue. Valeurs ISO 31000 : ${codes.join(', ')}.${guess ? ` Vouliez-vous dire « ${guess} » ?` : ''}`,
        en: `Unknown strategy '${String(s)}'. ISO 31000 values: ${codes.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`,
      }, { target: 'value', data: guess ? { replacement: guess } : undefined });
    });
  },
};

export const RSK_006: Rule = {
  id: 'RSK-006', kind: 'programme', severity: 'warning', confidence: 'practice', basis: 'Logique',
  title: { fr: 'Criticité résiduelle supérieure à la criticité initiale', en: 'Residual criticality above the initial one' },
  check(ctx) {
    risks(ctx.data).forEach((r, i) => {
      const p = num(r.probabilite_residuelle);
      const im = num(r.impact_residuel);
      const c = criticality(r);
      if (p === undefined || im === undefined || c === undefined || p * im <= c) return;
      ctx.report(['risques', i, 'probabilite_residuelle'], { fr: `Criticité résiduelle ${p * im} supérieure à la criticité initiale ${c} : le traitement aggrave le risque ?`, en: `Residual criticality ${p * im} above the initial ${c}: does the treatment worsen the risk?` }, { target: 'key' });
    });
  },
};

function worksOngoing(ctx: RuleContext): boolean {
  return programmeModel(ctx.data).phases.some((p) => ['DET', 'TRX'].includes(p.code ?? '') && (p.debut ?? '9999') <= ctx.today && ctx.today <= (p.fin ?? '0000'));
}

export const RSK_007: Rule = {
  id: 'RSK-007', kind: 'programme', severity: 'information', confidence: 'V', basis: 'ISO 31000:2018 (surveillance et revue)',
  title: { fr: 'Revue du risque ancienne (plus de 30 jours en travaux, 90 en études)', en: 'Risk review out of date (over 30 days during works, 90 during studies)' },
  check(ctx) {
    const limit = worksOngoing(ctx) ? 30 : 90;
    risks(ctx.data).forEach((r, i) => {
      const d = date(r.date_revue);
      if (!d || str(r.statut) === 'clos' || daysBetween(d, ctx.today) <= limit) return;
      ctx.report(['risques', i, 'date_revue'], { fr: `Dernière revue le ${frDate(d)}, il y a ${daysBetween(d, ctx.today)} jours (repère : ${limit} jours).`, en: `Last reviewed on ${d}, ${daysBetween(d, ctx.today)} days ago (guide: ${limit} days).` }, { target: 'value' });
    });
  },
};

interface Trigger {
  when: (ctx: RuleContext) => boolean;
  match: RegExp;
  code: string;
  fr: string;
  en: string;
}

const TRIGGERS: Trigger[] = [
  { when: (ctx) => preAsbestosBuilding(ctx.data), match: /amiante/, code: 'TEC-AMIANTE', fr: 'bâtiment existant au permis antérieur au 01/07/1997 → risque amiante', en: 'existing building permitted before 1997-07-01 → asbestos risk' },
  { when: (ctx) => someNature(obj(ctx.data.operation), ['construction_neuve']), match: /geotech|\bsols?\b|portance|argile|tec-sol/, code: 'TEC-SOL', fr: 'construction neuve → risque géotechnique', en: 'new build → geotechnical risk' },
  { when: (ctx) => obj(ctx.data.operation).permis_requis === true, match: /recours/, code: 'REG-RECOURS-PC', fr: 'permis requis → risque de recours des tiers (affichage + 2 mois)', en: 'permit required → third-party appeal risk (posting + 2 months)' },
  { when: (ctx) => obj(ctx.data.operation).zone_archeologique === true, match: /archeo/, code: 'REG-ARCHEO', fr: 'zone archéologique → risque de prescription', en: 'archaeological zone → prescription risk' },
  { when: (ctx) => obj(ctx.data.operation).site_occupe === true, match: /occup/, code: 'CHT-SITE-OCCUPE', fr: 'site occupé → risque travaux en site occupé', en: 'occupied site → occupied-site works risk' },
  {
    when: (ctx) => {
      const efp = obj(ctx.data.enveloppe_financiere);
      const works = num(efp.part_travaux) ?? num(efp.montant_ht);
      const at = /^\d{4}-\d{2}$/.test(str(efp.date_valeur) ?? '') ? `${str(efp.date_valeur)}-01` : ctx.today;
      const t = valueAt(EU_THRESHOLDS, 'travaux', at);
      return works !== undefined && t !== undefined && works >= t.value;
    },
    match: /recours|refere|precontract/,
    code: 'PROC-RECOURS',
    fr: 'travaux au-delà du seuil européen → risque de recours précontractuel',
    en: 'works above the EU threshold → pre-contractual challenge risk',
  },
];

/** A risk's words, folded; remembered per risk (data is shared between versions of a document, never modified). */
const riskTexts = new WeakMap<Obj, string>();
function riskText(r: Obj): string {
  let t = riskTexts.get(r);
  if (t === undefined) {
    t = fold(`${str(r.id) ?? ''} ${str(r.code) ?? ''} ${str(r.titre) ?? ''} ${str(r.description) ?? ''} ${str(r.categorie) ?? ''}`);
    riskTexts.set(r, t);
  }
  return t;
}

export const RSK_008: Rule = {
  id: 'RSK-008', fixes: ['addCatalogueRisk'], kind: 'programme', severity: 'warning', confidence: 'V', basis: 'C. trav. R4412-97 ; C. urb. R600-2 ; C. patrimoine R523-x',
  title: { fr: 'Risques obligatoires selon le contexte (amiante, sol, recours PC, archéologie, site occupé, recours précontractuel)', en: 'Context-triggered mandatory risks (asbestos, soil, permit appeal, archaeology, occupied site, procurement challenge)' },
  check(ctx) {
    const texts = risks(ctx.data).map(riskText);
    for (const t of TRIGGERS) {
      if (!t.when(ctx) || texts.some((x) => t.match.test(x))) continue;
      ctx.report([Array.isArray(ctx.data.risques) ? 'risques' : 'operation'], { fr: `Risque attendu absent du registre : ${t.fr} (catalogue ${t.code}).`, en: `Expected risk missing from the register: ${t.en} (catalogue ${t.code}).` }, { data: { catalog: t.code } });
    }
  },
};

export const RSK_009: Rule = {
  id: 'RSK-009', kind: 'programme', severity: 'information', confidence: 'practice', basis: 'Pratique',
  title: { fr: 'Chaque risque est rattaché à au moins une phase', en: 'Each risk is linked to at least one phase' },
  check(ctx) {
    programmeModel(ctx.data).risks.forEach((r) => {
      if (r.phaseRefs.length > 0) return;
      ctx.report(r.path, { fr: `Risque ${r.name} rattaché à aucune phase (« phases »).`, en: `Risk ${r.name} is linked to no phase ('phases').` }, { target: 'key' });
    });
  },
};

export const riskRules: Rule[] = [RSK_001, RSK_002, RSK_003, RSK_004, RSK_005, RSK_006, RSK_007, RSK_008, RSK_009];
