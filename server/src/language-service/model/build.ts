/**
 * Builds the typed read-model (model/types.ts) of a programme or a consultation from its normalised data,
 * once per parse: the model is remembered per data object, so every rule, hover, hint and deliverable of
 * one document version shares one model, and a parse that reuses an unchanged data object (the incremental
 * parse, the cache) reuses its model. Linear in the size of the document; total on any data.
 */
import type { Path } from '../types';
import { date, isObj, list, num, obj, str, type Obj } from '../util/data';
import { criteriaSets, criterionType, isEnvironmental, isPriceOrCost } from './consultation';
import { deliverableStatus } from './followup';
import { admissible, criterionId, criterionWeight, offerId, subCriterionId } from './lotRanking';
import { natures } from './operation';
import { gpaEnd, reserveOpen } from './reception';
import { criticality, riskScale } from './risks';
import type { ActorM, ConsultationModel, CriteriaSetM, CriterionM, DeliverableM, Entity, IndicatorM, LotM, MilestoneM, OfferM, PhaseM, ProgrammeModel, ReceptionM, ReserveM, RiskM } from './types';

const programmes = new WeakMap<Obj, ProgrammeModel>();
const consultations = new WeakMap<Obj, ConsultationModel>();

/** The entities of the list at `o[key]`, with their paths under `base`. */
export function entities(o: Obj, key: string, base: Path): Entity[] {
  return list(o[key]).map((v, index): Entity => (isObj(v) ? { path: [...base, key, index], index, o: v } : { path: [...base, key, index], index, o: {}, notObject: true }));
}

function nameOf(o: Obj, index: number): string {
  return str(o.id) ?? str(o.libelle) ?? `#${index + 1}`;
}

/**
 * The model of a programme's data (any object: a broken document gives a model with what it holds). Entities are
 * written as literals with their base fields spelled out: an object spread of the base (`{ ...e, id }`) cost
 * ten times as much, 3 ms of each validation of a 10,000-line programme.
 */
export function programmeModel(data: Obj): ProgrammeModel {
  const known = programmes.get(data);
  if (known) return known;
  const phases: PhaseM[] = entities(data, 'phases', []).map((e) => {
    const phase: PhaseM = { path: e.path, index: e.index, o: e.o, notObject: e.notObject, id: str(e.o.id), name: nameOf(e.o, e.index), libelle: str(e.o.libelle), code: str(e.o.code)?.toUpperCase(), debut: date(e.o.debut), fin: date(e.o.fin), livrables: [], jalons: [] };
    phase.livrables = entities(e.o, 'livrables', e.path).map((d): DeliverableM => ({ path: d.path, index: d.index, o: d.o, notObject: d.notObject, phase, id: str(d.o.id), name: nameOf(d.o, d.index), libelle: str(d.o.libelle), statut: str(d.o.statut) }));
    phase.jalons = entities(e.o, 'jalons', e.path).map((m): MilestoneM => ({ path: m.path, index: m.index, o: m.o, notObject: m.notObject, phase, id: str(m.o.id), name: nameOf(m.o, m.index), libelle: str(m.o.libelle), date: date(m.o.date), dateReelle: date(m.o.date_reelle) }));
    return phase;
  });
  const deliverables = phases.flatMap((p) => p.livrables);
  const followUp = deliverables.some((d) => d.statut !== undefined);
  for (const d of deliverables) d.status = deliverableStatus(d.o, followUp);
  const risks = entities(data, 'risques', []).map((e): RiskM => {
    const rp = num(e.o.probabilite_residuelle);
    const ri = num(e.o.impact_residuel);
    return {
      path: e.path, index: e.index, o: e.o, notObject: e.notObject, name: str(e.o.id) ?? `#${e.index + 1}`, id: str(e.o.id), titre: str(e.o.titre), probabilite: num(e.o.probabilite), impact: num(e.o.impact),
      criticality: criticality(e.o), residual: rp !== undefined && ri !== undefined ? rp * ri : undefined, statut: str(e.o.statut), proprietaire: str(e.o.proprietaire),
      phaseRefs: list(e.o.phases).map((value, j) => ({ path: [...e.path, 'phases', j], value })),
    };
  });
  const model: ProgrammeModel = {
    kind: 'programme',
    data,
    operation: obj(data.operation),
    natures: natures(obj(data.operation)),
    actors: entities(data, 'acteurs', []).map((e): ActorM => ({ path: e.path, index: e.index, o: e.o, notObject: e.notObject, id: str(e.o.id), nom: str(e.o.nom), role: str(e.o.role), organisme: str(e.o.organisme) })),
    phases,
    deliverables,
    milestones: phases.flatMap((p) => p.jalons),
    risks,
    riskScale: riskScale(data),
    indicators: entities(data, 'indicateurs', []).map((e): IndicatorM => ({ path: e.path, index: e.index, o: e.o, notObject: e.notObject, id: str(e.o.id), name: nameOf(e.o, e.index), cible: num(e.o.cible), sens: str(e.o.sens), mesures: entities(e.o, 'mesures', e.path) })),
    followUp,
  };
  programmes.set(data, model);
  return model;
}

function criterion(o: Obj, path: Path, index: number, name: string): CriterionM {
  const subs = list(o.sous_criteres);
  return {
    path, index, o, name, id: str(o.id), libelle: str(o.libelle), type: criterionType(o), ponderation: num(o.ponderation), weight: criterionWeight(o),
    priceOrCost: isPriceOrCost(o), environmental: isEnvironmental(o),
    sub: subs.map((s, j) => criterion(obj(s), [...path, 'sous_criteres', j], j, subCriterionId(obj(s), name, j))),
  };
}

/** The model of a consultation's data. */
export function consultationModel(data: Obj): ConsultationModel {
  const known = consultations.get(data);
  if (known) return known;
  const sets: CriteriaSetM[] = criteriaSets(data).map((s) => ({
    path: s.path, owner: s.owner, lotId: s.lotId,
    criteria: s.criteres.map((c, i) => criterion(c, [...s.path, i], i, criterionId(c, i))),
  }));
  const ownSet = new Map<Obj, CriteriaSetM>(sets.filter((s) => s.owner !== data).map((s) => [s.owner, s]));
  const lots = entities(data, 'lots', []).map((e): LotM => ({ path: e.path, index: e.index, o: e.o, notObject: e.notObject, id: str(e.o.id), name: nameOf(e.o, e.index), libelle: str(e.o.libelle), statut: str(e.o.statut), valeurEstimeeHt: num(e.o.valeur_estimee_ht), montantAttribueHt: num(e.o.montant_attribue_ht), criteria: ownSet.get(e.o) }));
  const lotById = new Map<string, LotM>();
  for (const l of lots) if (l.id !== undefined && !lotById.has(l.id)) lotById.set(l.id, l);
  const offers = entities(data, 'offres', []).map((e): OfferM => ({
    path: e.path, index: e.index, o: e.o, notObject: e.notObject, name: offerId(e.o, e.index), id: str(e.o.id), candidat: str(e.o.candidat), lot: str(e.o.lot), prixHt: num(e.o.prix_ht), prixTtc: num(e.o.prix_ttc), statut: str(e.o.statut), admissible: admissible(e.o),
  }));
  const offersByLot = new Map<string | undefined, OfferM[]>();
  for (const o of offers) {
    const mine = offersByLot.get(o.lot);
    if (mine) mine.push(o);
    else offersByLot.set(o.lot, [o]);
  }
  const model: ConsultationModel = { kind: 'consultation', data, procedure: str(obj(data.procedure).type), lots, lotById, criteriaSets: sets, offers, offersByLot, reception: receptionOf(data) };
  consultations.set(data, model);
  return model;
}

function receptionOf(data: Obj): ReceptionM | undefined {
  if (!isObj(data.reception)) return undefined;
  const o = data.reception;
  const path: Path = ['reception'];
  return {
    path, o, dateReception: date(o.date_reception), gpaEnd: gpaEnd(o),
    reserves: entities(o, 'reserves', path).map((e): ReserveM => ({ path: e.path, index: e.index, o: e.o, notObject: e.notObject, name: str(e.o.id) ?? `#${e.index + 1}`, id: str(e.o.id), lot: str(e.o.lot), entreprise: str(e.o.entreprise), open: reserveOpen(e.o) })),
  };
}

/** Every criterion of a set, sub-criteria after their parent, at every level. */
export function allCriteria(set: CriteriaSetM): CriterionM[] {
  const out: CriterionM[] = [];
  const walk = (c: CriterionM): void => {
    out.push(c);
    c.sub.forEach(walk);
  };
  set.criteria.forEach(walk);
  return out;
}

const byPath = new WeakMap<ProgrammeModel | ConsultationModel, Map<string, Entity>>();

function pathKey(path: Path): string {
  return path.join('\u0000');
}

/**
 * The entity of a model at `path` (a phase, deliverable, milestone, risk, actor, indicator, lot, criterion
 * or sub-criterion at any depth, offer, reserve), for features that start from a position in the document.
 */
export function entityAt(model: ProgrammeModel | ConsultationModel, path: Path): Entity | undefined {
  let index = byPath.get(model);
  if (!index) {
    index = new Map();
    const all: Entity[] = model.kind === 'programme'
      ? [...model.phases, ...model.deliverables, ...model.milestones, ...model.risks, ...model.actors, ...model.indicators, ...model.indicators.flatMap((i) => i.mesures)]
      : [...model.lots, ...model.offers, ...model.criteriaSets.flatMap(allCriteria), ...(model.reception?.reserves ?? [])];
    for (const e of all) index.set(pathKey(e.path), e);
    byPath.set(model, index);
  }
  return index.get(pathKey(path));
}

/** The criterion or sub-criterion at `path`. */
export function criterionAt(model: ConsultationModel, path: Path): CriterionM | undefined {
  const e = entityAt(model, path);
  return e && 'sub' in e ? (e as CriterionM) : undefined;
}

/** The criteria set whose list is at `path` (`['criteres']`, `['lots', i, 'criteres']`). */
export function criteriaSetAt(model: ConsultationModel, path: Path): CriteriaSetM | undefined {
  const key = pathKey(path);
  return model.criteriaSets.find((s) => pathKey(s.path) === key);
}

/** The criteria that apply to the offers of `lot`: the lot's own when it has some, else the consultation's. */
export function criteriaForLot(model: ConsultationModel, lot: string | undefined): CriterionM[] {
  const own = lot !== undefined ? model.lotById.get(lot)?.criteria : undefined;
  return (own ?? model.criteriaSets.find((s) => s.owner === model.data))?.criteria ?? [];
}
