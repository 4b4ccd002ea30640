import { reserveOpen } from '../model/reception';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { isSeq, type Node } from 'yaml';
import { acteursAmoFirst } from '../completion/refs';
import { nodeAt } from '../parse';
import { pick, type Msg, type Path } from '../types';
import { date, frDate, obj, str, type Obj } from '../util/data';
import { pathOf, quickFix, type FixContext } from './fixContext';
import { appendToList, setValue, toTextEdits, type Entry, type OffsetEdit } from './yamlEdits';

/**
 * Follow-up and reception edits (docs/format.md, « Suivi, réception et réserves »): lift a reserve today (REC-002, REC-006, and as a refactor on
 * any open reserve under the cursor), record a review of a deliverable (SUI-002, and as a refactor on
 * any deliverable under the cursor). Dates are the service's today (AMO_TODAY in tests and CI).
 */

const RESERVE = ['reception', 'reserves'] as const;

/** `['reception', 'reserves', i]` when `path` is inside a reserve. */
function reservePath(path: Path | undefined): Path | undefined {
  return path && path.length >= 3 && path[0] === RESERVE[0] && path[1] === RESERVE[1] && typeof path[2] === 'number' ? path.slice(0, 3) : undefined;
}

/** `['phases', i, 'livrables', j]` when `path` is inside a deliverable. */
function deliverablePath(path: Path | undefined): Path | undefined {
  return path && path.length >= 4 && path[0] === 'phases' && typeof path[1] === 'number' && path[2] === 'livrables' && typeof path[3] === 'number' ? path.slice(0, 4) : undefined;
}

function dataAt(ctx: FixContext, path: Path): Obj {
  let v: unknown = ctx.parsed.data;
  for (const seg of path) v = Array.isArray(v) ? v[seg as number] : obj(v)[seg as string];
  return obj(v);
}

/**
 * Two keys added to the same map land at the same offset (after its last key): one edit, in order, so
 * that no client has to guess the order of two insertions at one position.
 */
function mergeInserts(edits: (OffsetEdit | undefined)[]): (OffsetEdit | undefined)[] {
  const out: (OffsetEdit | undefined)[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (e && prev && prev.start === prev.end && e.start === e.end && e.start === prev.start) out[out.length - 1] = { ...prev, newText: prev.newText + e.newText };
    else out.push(e);
  }
  return out;
}

/** The edits that make the reserve at `path` lifted on `day` (statut `levee`, `date_levee`), or undefined. */
function liftEdits(ctx: FixContext, path: Path, day: string | undefined): (OffsetEdit | undefined)[] {
  const r = dataAt(ctx, path);
  const edits: (OffsetEdit | undefined)[] = [];
  if (str(r.statut) !== 'levee') edits.push(setValue(ctx.parsed, [...path, 'statut'], 'levee'));
  if (day !== undefined && str(r.date_levee) !== day) edits.push(setValue(ctx.parsed, [...path, 'date_levee'], day));
  return mergeInserts(edits);
}

function reserveName(ctx: FixContext, path: Path): string {
  return str(dataAt(ctx, path).id) ?? `#${Number(path[2]) + 1}`;
}

/** « Marquer la réserve comme levée aujourd’hui », and « … le <date_levee> » when a past lifting date is recorded. */
function liftActions(ctx: FixContext, paths: Path[], make: (title: Msg, edits: (OffsetEdit | undefined)[], preferred: boolean) => CodeAction | undefined): CodeAction[] {
  const today = ctx.today;
  const names = paths.map((p) => reserveName(ctx, p)).join(', ');
  const many = paths.length > 1;
  const out: CodeAction[] = [];
  if (paths.length === 1) {
    // A recorded lifting date (REC-006: date_levee on an open reserve) is the fact to keep: only the status changes.
    const recorded = date(dataAt(ctx, paths[0]).date_levee);
    if (recorded && recorded <= today && recorded !== today) {
      const a = make({ fr: `Marquer la réserve comme levée le ${frDate(recorded)}, date notée (${names})`, en: `Mark the reserve as lifted on ${recorded}, the recorded date (${names})` }, liftEdits(ctx, paths[0], undefined), true);
      if (a) out.push(a);
    }
  }
  const title = many
    ? { fr: `Marquer les ${paths.length} réserves comme levées aujourd’hui (${names})`, en: `Mark the ${paths.length} reserves as lifted today (${names})` }
    : { fr: `Marquer la réserve comme levée aujourd’hui (${names})`, en: `Mark the reserve as lifted today (${names})` };
  const a = make(title, paths.flatMap((p) => liftEdits(ctx, p, today)), out.length === 0);
  if (a) out.push(a);
  return out;
}

/** REC-002 (open after the GPA), REC-006 (statut and date disagree): lift the reserve today. */
export function liftReserve(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = reservePath(pathOf(diag));
  if (!path || Object.keys(dataAt(ctx, path)).length === 0) return [];
  return liftActions(ctx, [path], (title, edits, preferred) => quickFix(ctx, diag, title, edits, { preferred }));
}

/** The first acteur whose role is the AMO's (the usual reviewer of deliverables), if any. */
function amoReviewer(ctx: FixContext): string | undefined {
  const first = acteursAmoFirst(ctx.parsed)[0];
  return first?.amo ? first.id : undefined;
}

/** A review entry of today: the AMO as reviewer, the opinion that agrees with the deliverable's status. */
function reviewEdits(ctx: FixContext, path: Path): { edits: (OffsetEdit | undefined)[]; title: Msg } {
  const who = amoReviewer(ctx);
  // A rejected deliverable rests on an unfavourable review: a favourable one would raise SUI-003.
  const avis = str(dataAt(ctx, path).statut) === 'refuse' ? 'defavorable' : 'favorable';
  const entry: Entry[] = [['date', ctx.today], ...(who ? [['relecteur', who] as Entry] : []), ['avis', avis]];
  const details = [frDate(ctx.today), who, avis].filter(Boolean).join(', ');
  const detailsEn = [ctx.today, who, avis].filter(Boolean).join(', ');
  return {
    edits: [appendToList(ctx.parsed, [...path, 'revues'], entry)],
    title: { fr: `Ajouter une revue (${details})`, en: `Add a review (${detailsEn})` },
  };
}

/** SUI-002 (validated or rejected without a review): record today's review by the AMO. */
export function addReview(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = deliverablePath(pathOf(diag));
  if (!path || Object.keys(dataAt(ctx, path)).length === 0) return [];
  const { edits, title } = reviewEdits(ctx, path);
  const a = quickFix(ctx, diag, title, edits, { preferred: true });
  return a ? [a] : [];
}

/** Whether the lines of `node` meet the lines of `range` (a cursor on the `- ` of an item counts). */
function touches(ctx: FixContext, node: Node, range: Range): boolean {
  const r = node.range;
  if (!r) return false;
  let end = r[1];
  while (end > r[0] && /\s/.test(ctx.parsed.text[end - 1])) end--;
  const first = ctx.parsed.lines.positionAt(r[0]).line;
  const last = ctx.parsed.lines.positionAt(end).line;
  return range.start.line <= last && range.end.line >= first;
}

/** The items of the list at `path` whose lines meet `range`, as paths. */
function itemsUnder(ctx: FixContext, path: Path, range: Range): Path[] {
  const seq = nodeAt(ctx.parsed.doc, path);
  if (!isSeq(seq)) return [];
  const out: Path[] = [];
  seq.items.forEach((n, i) => {
    if (n && touches(ctx, n as Node, range)) out.push([...path, i]);
  });
  return out;
}

/** A refactor (no diagnostic): the same edits as a quick fix, offered wherever the cursor is. */
function refactor(ctx: FixContext, title: Msg, edits: (OffsetEdit | undefined)[]): CodeAction | undefined {
  if (edits.some((e) => e === undefined) || edits.length === 0) return undefined;
  return { title: pick(title, ctx.locale), kind: CodeActionKind.RefactorRewrite, edit: { changes: { [ctx.parsed.uri]: toTextEdits(ctx.parsed, edits as OffsetEdit[]) } } };
}

/**
 * Refactors at `range`: lift the open reserves under the cursor (consultation), add a review to the
 * deliverable under it (programme). `covered`: the reserve and deliverable paths a quick fix of this
 * request already handles (the same action is not offered twice).
 */
export function followUpRefactors(ctx: FixContext, range: Range, covered: Set<string>): CodeAction[] {
  const out: CodeAction[] = [];
  if (ctx.parsed.kind === 'consultation') {
    const open = itemsUnder(ctx, RESERVE, range).filter((p) => !covered.has(JSON.stringify(p)) && reserveOpen(dataAt(ctx, p)));
    if (open.length) out.push(...liftActions(ctx, open, (title, edits) => refactor(ctx, title, edits)));
  }
  if (ctx.parsed.kind === 'programme') {
    const phases = itemsUnder(ctx, ['phases'], range);
    // The deliverable the cursor is in (the first one of a selection): one review at a time.
    const deliverable = phases.flatMap((p) => itemsUnder(ctx, [...p, 'livrables'], range))[0];
    if (deliverable && !covered.has(JSON.stringify(deliverable))) {
      const { edits, title } = reviewEdits(ctx, deliverable);
      const a = refactor(ctx, title, edits);
      if (a) out.push(a);
    }
  }
  return out;
}

/** The reserve or deliverable a follow-up quick fix of `diag` is about (to skip the same refactor). */
export function followUpSubject(diag: Diagnostic): string | undefined {
  const path = pathOf(diag);
  const p = diag.code === 'SUI-002' ? deliverablePath(path) : diag.code === 'REC-002' || diag.code === 'REC-006' ? reservePath(path) : undefined;
  return p ? JSON.stringify(p) : undefined;
}
