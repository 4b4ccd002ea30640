import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { nodeAt } from '../parse';
import { consultationModel, criteriaSetAt, criterionAt } from '../model/build';
import type { CriterionM } from '../model/types';
import type { Path } from '../types';
import { isObj, num, obj, sum } from '../util/data';
import { apportion } from './apportion';
import { dataOf, isNumber, pathOf, quickFix, type FixContext } from './fixContext';
import { appendToList, setValue, type Entry, type OffsetEdit } from './yamlEdits';

/** Typical shares of a criterion added by a quick fix (illustrative practice, never legal). */
const PRICE_SHARE = 0.4;
const ENV_SHARE = 0.1;

function getIn(data: unknown, path: Path): unknown {
  let cur = data;
  for (const k of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[k] : undefined;
  return cur;
}

function declaredTotal(ctx: FixContext): number {
  return num(obj(ctx.parsed.data).ponderation_totale) ?? 100;
}

/** The criteria of the set whose list is at `setPath`, from the typed model. */
function criteriaAt(ctx: FixContext, setPath: Path): CriterionM[] | undefined {
  return criteriaSetAt(consultationModel(obj(ctx.parsed.data)), setPath)?.criteria;
}

const ranged = (criteres: CriterionM[]): boolean => criteres.some((c) => isObj(c.o.fourchette));

/**
 * Edits giving the criteria of a set new weights (index → weight). Sub-criteria that added up to their
 * parent's old weight are rescaled with it, so that the fix does not create a CSL-007 finding.
 */
function reweight(ctx: FixContext, setPath: Path, criteres: CriterionM[], weights: Map<number, number>): (OffsetEdit | undefined)[] {
  const edits: (OffsetEdit | undefined)[] = [];
  for (const [i, w] of weights) {
    const old = criteres[i].ponderation;
    if (old === w) continue;
    edits.push(setValue(ctx.parsed, [...setPath, i, 'ponderation'], w));
    const sw = criteres[i].sub.map((s) => s.ponderation);
    if (old === undefined || sw.length === 0 || sw.some((x) => x === undefined) || Math.abs(sum(sw) - old) > 0.005) continue;
    apportion(sw as number[], w).forEach((nw, j) => {
      if (nw !== sw[j]) edits.push(setValue(ctx.parsed, [...setPath, i, 'sous_criteres', j, 'ponderation'], nw));
    });
  }
  return edits;
}

function weighted(criteres: CriterionM[]): Map<number, number> {
  const m = new Map<number, number>();
  criteres.forEach((c, i) => {
    if (c.ponderation !== undefined) m.set(i, c.ponderation);
  });
  return m;
}

/** CSL-006: weights normalised to the declared total, proportionally, as integers that add up exactly. */
export function normaliseWeights(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const setPath = pathOf(diag);
  const criteres = setPath && criteriaAt(ctx, setPath);
  if (!setPath || !criteres || ranged(criteres)) return [];
  const total = dataOf(diag, 'expected', isNumber) ?? declaredTotal(ctx);
  const current = weighted(criteres);
  if (current.size === 0) return [];
  const next = apportion([...current.values()], total);
  const targets = new Map([...current.keys()].map((i, k) => [i, next[k]]));
  const shown = [...targets.values()].join('/');
  const action = quickFix(ctx, diag, { fr: `Ramener les pondérations à ${total} (${shown})`, en: `Scale the weights to ${total} (${shown})` }, reweight(ctx, setPath, criteres, targets), { preferred: true });
  return action ? [action] : [];
}

/** CSL-007: sub-criteria weights proportional to their current ones, adding up to the parent's weight. */
export function fixSubCriteria(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  if (!path) return [];
  // The finding is on the list (wrong total) or on one sub-criterion without weight.
  const subsPath = typeof path[path.length - 1] === 'number' && path[path.length - 2] === 'sous_criteres' ? path.slice(0, -1) : path;
  const parent = criterionAt(consultationModel(obj(ctx.parsed.data)), subsPath.slice(0, -1));
  if (!parent || parent.sub.length === 0) return [];
  const target = parent.ponderation ?? dataOf(diag, 'expected', isNumber) ?? 100;
  const given = parent.sub.map((s) => s.ponderation);
  const present = given.filter((x): x is number => x !== undefined);
  // A sub-criterion without weight gets the mean of the others before apportioning.
  const mean = present.length ? sum(present) / present.length : 1;
  const next = apportion(given.map((x) => x ?? mean), target);
  const edits = next.flatMap((w, j) => (w === given[j] ? [] : [setValue(ctx.parsed, [...subsPath, j, 'ponderation'], w)]));
  const label = parent.id ?? parent.libelle ?? '';
  const action = quickFix(ctx, diag, { fr: `Répartir la pondération de « ${label} » (${target}) entre ses sous-critères (${next.join('/')})`, en: `Spread the weight of '${label}' (${target}) over its sub-criteria (${next.join('/')})` }, edits, { preferred: true });
  return action ? [action] : [];
}

function uniqueId(criteres: CriterionM[], base: string): string {
  const ids = new Set<string | undefined>();
  const add = (c: CriterionM): void => {
    ids.add(c.id);
    c.sub.forEach(add);
  };
  criteres.forEach(add);
  if (!ids.has(base)) return base;
  let n = 2;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Adds a criterion to a set. When the set is weighted (numbers, no ranges), it gets `share` of the
 * declared total and the other weights are scaled down proportionally so the total still holds.
 */
function addCriterion(ctx: FixContext, diag: Diagnostic, setPath: Path, make: (id: string, weight?: number) => Entry[], base: string, share: number, title: (id: string, w?: number) => { fr: string; en: string }): CodeAction | undefined {
  const criteres = criteriaAt(ctx, setPath);
  if (!criteres) return undefined;
  const id = uniqueId(criteres, base);
  const current = weighted(criteres);
  const withWeights = current.size > 0 && !ranged(criteres);
  const total = declaredTotal(ctx);
  const w = withWeights ? Math.max(1, Math.round(share * total)) : undefined;
  const edits: (OffsetEdit | undefined)[] = [];
  if (w !== undefined) {
    const next = apportion([...current.values()], total - w);
    edits.push(...reweight(ctx, setPath, criteres, new Map([...current.keys()].map((i, k) => [i, next[k]]))));
  }
  edits.push(appendToList(ctx.parsed, setPath, make(id, w)));
  return quickFix(ctx, diag, title(id, w), edits);
}

/** CSL-002: a price criterion. */
export function addPriceCriterion(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const setPath = pathOf(diag);
  if (!setPath || !Array.isArray(getIn(ctx.parsed.data, setPath))) return [];
  const action = addCriterion(
    ctx, diag, setPath,
    (id, w) => [['id', id], ['libelle', 'Prix'], ['type', 'prix'], ...(w !== undefined ? [['ponderation', w] as Entry] : [])],
    'PRIX', PRICE_SHARE,
    (id, w) => w !== undefined
      ? { fr: `Ajouter le critère prix « ${id} » (${w}) et réduire les autres pondérations en proportion`, en: `Add price criterion '${id}' (${w}) and scale the other weights down` }
      : { fr: `Ajouter le critère prix « ${id} »`, en: `Add price criterion '${id}'` },
  );
  return action ? [action] : [];
}

/** CSL-004: an environmental criterion, or a weighted sub-criterion flagged environmental; cost instead of a single price. */
export function addEnvironmentalCriterion(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  if (!path) return [];
  const out: (CodeAction | undefined)[] = [];
  // On a single price criterion the finding is on the criterion itself: `cost` may be a single criterion.
  const single = typeof path[path.length - 1] === 'number';
  const setPath = single ? path.slice(0, -1) : path;
  const criteres = criteriaAt(ctx, setPath);
  if (!criteres) return [];
  if (single && criteres[0]?.type === 'prix' && nodeAt(ctx.parsed.doc, [...setPath, 0])) {
    out.push(quickFix(ctx, diag, { fr: 'Remplacer le prix par le coût global (« type: cout »)', en: "Use whole-life cost instead of price ('type: cout')" }, [setValue(ctx.parsed, [...setPath, 0, 'type'], 'cout')]));
  }
  out.push(addCriterion(
    ctx, diag, setPath,
    (id, w) => [['id', id], ['libelle', 'Performance environnementale de l’offre'], ['type', 'environnement'], ...(w !== undefined ? [['ponderation', w] as Entry] : []), ['environnemental', true]],
    'ENV', ENV_SHARE,
    (id, w) => w !== undefined
      ? { fr: `Ajouter le critère environnemental « ${id} » (${w}) et réduire les autres pondérations en proportion`, en: `Add environmental criterion '${id}' (${w}) and scale the other weights down` }
      : { fr: `Ajouter le critère environnemental « ${id} »`, en: `Add environmental criterion '${id}'` },
  ));
  criteres.forEach((c, i) => {
    c.sub.forEach((s, j) => {
      if (s.ponderation === undefined || s.environmental) return;
      const label = s.id ?? s.libelle ?? `${i + 1}.${j + 1}`;
      out.push(quickFix(ctx, diag, { fr: `Marquer le sous-critère « ${label} » comme environnemental`, en: `Flag sub-criterion '${label}' as environmental` }, [setValue(ctx.parsed, [...setPath, i, 'sous_criteres', j, 'environnemental'], true)]));
    });
  });
  return out.filter((a): a is CodeAction => a !== undefined);
}
