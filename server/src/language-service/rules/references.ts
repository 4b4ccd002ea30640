import { isObj, list, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Path } from '../types';
import type { Rule, RuleContext } from './types';
import { consultationModel, programmeModel } from '../model/build';
import type { Entity } from '../model/types';

/** Collections whose items carry an id that must be unique within the collection (REF-002). */
const PROGRAMME_SCOPES: Path[] = [['acteurs'], ['objectifs'], ['besoins'], ['phases'], ['enveloppe_financiere', 'decomposition'], ['financement'], ['indicateurs']];

function duplicates(ctx: RuleContext, items: readonly Entity[], what: string): void {
  const seen = new Set<string>();
  items.forEach((it) => {
    const id = str(it.o.id);
    if (id === undefined) return;
    if (seen.has(id)) {
      ctx.report([...it.path, 'id'], { fr: `Identifiant « ${id} » en double dans ${what} : chaque id doit être unique.`, en: `Duplicate id '${id}' in ${what}: every id must be unique.` }, { target: 'value' });
    }
    seen.add(id);
  });
}

function getIn(data: Obj, path: Path): unknown {
  let cur: unknown = data;
  for (const k of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[k] : undefined;
  return cur;
}

export const REF_002: Rule = {
  id: 'REF-002', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Format des fichiers AMO',
  title: { fr: 'Identifiant en double dans une même liste', en: 'Duplicate id within a list' },
  check(ctx) {
    if (ctx.parsed.kind === 'programme') {
      for (const p of PROGRAMME_SCOPES) duplicates(ctx, list(getIn(ctx.data, p)).map((o, index) => ({ path: [...p, index], index, o: obj(o) })), p.join('.'));
      for (const ph of programmeModel(ctx.data).phases) {
        duplicates(ctx, ph.livrables, `phases[${ph.index}].livrables`);
        duplicates(ctx, ph.jalons, `phases[${ph.index}].jalons`);
      }
      return;
    }
    const model = consultationModel(ctx.data);
    duplicates(ctx, model.lots, 'lots');
    duplicates(ctx, model.offers, 'offres');
    duplicates(ctx, model.reception?.reserves ?? [], 'reception.reserves');
    for (const set of model.criteriaSets) {
      // Criteria and sub-criteria share one namespace: both are keys of an offer's `notes`.
      const seen = new Set<string>();
      set.criteria.forEach((c) => {
        for (const item of [c, ...c.sub]) {
          const id = item.id;
          if (id === undefined) continue;
          if (seen.has(id)) ctx.report([...item.path, 'id'], { fr: `Identifiant de critère « ${id} » en double : critères et sous-critères doivent avoir des ids distincts.`, en: `Duplicate criterion id '${id}': criteria and sub-criteria need distinct ids.` }, { target: 'value' });
          seen.add(id);
        }
      });
    }
  },
};

function unresolved(ctx: RuleContext, path: Path, value: string, kind: { fr: string; en: string }, known: string[], target: 'key' | 'value' = 'value'): void {
  const list_ = known.length ? known.slice(0, 12).join(', ') + (known.length > 12 ? '…' : '') : '—';
  ctx.report(path, { fr: `${kind.fr} « ${value} » introuvable. Valeurs définies : ${list_}.`, en: `${kind.en} '${value}' not found. Defined: ${list_}.` }, { target });
}

function phaseRefs(programme: Obj): Set<string> {
  const s = new Set<string>();
  for (const { o: p } of programmeModel(programme).phases) {
    const id = str(p.id);
    if (id) s.add(id);
    // A phase code names the phase as well when the programme uses it once (lenient for hand-written files).
    const code = str(p.code);
    if (code) s.add(code);
  }
  return s;
}

export const REF_001: Rule = {
  id: 'REF-001', fixes: ['pickOwnerForUnknown', 'createMissingTarget'], kind: 'both', severity: 'error', confidence: 'practice', basis: 'Format des fichiers AMO',
  title: { fr: 'Toute référence désigne un id défini (acteur, phase, lot, critère)', en: 'Every reference names a defined id (actor, phase, lot, criterion)' },
  check(ctx) {
    if (ctx.parsed.kind === 'programme') {
      const model = programmeModel(ctx.data);
      const acteurs = model.actors.map((a) => a.id).filter((x): x is string => !!x);
      const phases = phaseRefs(ctx.data);
      for (const r of model.risks) {
        const owner = str(r.o.proprietaire);
        if (owner && !acteurs.includes(owner)) unresolved(ctx, [...r.path, 'proprietaire'], owner, { fr: 'Acteur', en: 'Actor' }, acteurs);
        for (const p of r.phaseRefs) {
          const ref = str(p.value);
          if (ref && !phases.has(ref)) unresolved(ctx, p.path, ref, { fr: 'Phase', en: 'Phase' }, [...phases]);
        }
      }
      // Follow-up: who issues a deliverable and who reviews it are parties of the programme.
      for (const l of model.deliverables) {
        const issuer = str(l.o.emetteur);
        if (issuer && !acteurs.includes(issuer)) unresolved(ctx, [...l.path, 'emetteur'], issuer, { fr: 'Acteur', en: 'Actor' }, acteurs);
        list(l.o.revues).forEach((r, k) => {
          const reviewer = str(obj(r).relecteur);
          if (reviewer && !acteurs.includes(reviewer)) unresolved(ctx, [...l.path, 'revues', k, 'relecteur'], reviewer, { fr: 'Acteur', en: 'Actor' }, acteurs);
        });
      }
      return;
    }
    if (ctx.programme) {
      const phase = str(ctx.data.phase);
      const phases = phaseRefs(ctx.programme.data);
      if (phase && !phases.has(phase)) unresolved(ctx, ['phase'], phase, { fr: 'Phase du programme', en: 'Programme phase' }, [...phases]);
    }
    const model = consultationModel(ctx.data);
    const lots = model.lots.map((l) => l.id).filter((x): x is string => !!x);
    const lotIds = new Set(lots);
    for (const r of model.reception?.reserves ?? []) {
      if (r.lot && !lotIds.has(r.lot)) unresolved(ctx, [...r.path, 'lot'], r.lot, { fr: 'Lot', en: 'Lot' }, lots);
    }
    const sets = model.criteriaSets;
    // Once per lot, not per offer: a consultation may have thousands of offers over hundreds of lots.
    const byLot = new Map<string | undefined, { ids: string[]; known: Set<string> }>();
    const criteriaOf = (lot: string | undefined): { ids: string[]; known: Set<string> } => {
      let hit = byLot.get(lot);
      if (!hit) {
        const set = sets.find((s) => s.lotId === lot && lot !== undefined) ?? sets.find((s) => s.lotId === undefined);
        const ids = set ? set.criteria.flatMap((c) => [c.id, ...c.sub.map((s) => s.id)]).filter((x): x is string => !!x) : [];
        hit = { ids, known: new Set(ids) };
        byLot.set(lot, hit);
      }
      return hit;
    };
    const ne = obj(ctx.data.note_eliminatoire);
    const neCrit = str(ne.critere);
    if (neCrit && !sets.some((s) => s.criteria.some((c) => c.id === neCrit))) unresolved(ctx, ['note_eliminatoire', 'critere'], neCrit, { fr: 'Critère', en: 'Criterion' }, criteriaOf(undefined).ids);
    // When nothing is defined at all (no criteria, a misspelt or missing `criteres`), the one cause is said
    // once, not once per note of every offer: the rest follows from it.
    let orphanNotes: { path: Path; count: number } | undefined;
    for (const offer of model.offers) {
      const lot = offer.lot;
      if (lot && !lotIds.has(lot)) unresolved(ctx, [...offer.path, 'lot'], lot, { fr: 'Lot', en: 'Lot' }, lots);
      const { ids, known } = criteriaOf(lot);
      for (const key of Object.keys(obj(offer.o.notes))) {
        if (known.has(key)) continue;
        if (ids.length === 0) {
          orphanNotes ??= { path: [...offer.path, 'notes', key], count: 0 };
          orphanNotes.count++;
        } else unresolved(ctx, [...offer.path, 'notes', key], key, { fr: 'Critère ou sous-critère', en: 'Criterion or sub-criterion' }, ids, 'key');
      }
    }
    if (orphanNotes) {
      const n = orphanNotes.count;
      ctx.report(orphanNotes.path, {
        fr: `Aucun critère n’est défini (« criteres ») : ${n} note${n > 1 ? 's' : ''} des offres ne se rattache${n > 1 ? 'nt' : ''} à aucun critère. Définissez les critères ; les notes seront alors vérifiées une à une.`,
        en: `No criterion is defined ('criteres'): ${n} offer mark${n > 1 ? 's' : ''} relate${n > 1 ? '' : 's'} to no criterion. Define the criteria; the marks will then be checked one by one.`,
      }, { target: 'key' });
    }
  },
};

export const referenceRules: Rule[] = [REF_001, REF_002];
