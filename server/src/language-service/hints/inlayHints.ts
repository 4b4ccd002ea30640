import { consultationModel, programmeModel } from '../model/build';
import { isScalar, type Node } from 'yaml';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { criticalityClass } from '../catalog/criticality';
import { nodeAt, type ParsedDocument } from '../parse';
import { pick, type Locale, type Path } from '../types';
import { date, daysBetween, frDate, isObj, num, type Obj } from '../util/data';

interface Ctx {
  parsed: ParsedDocument;
  locale: Locale;
  out: InlayHint[];
}

/** A hint after the value at `path` (after its closing quote, before any comment). */
function after(ctx: Ctx, path: Path, label: { fr: string; en: string }, tooltip?: { fr: string; en: string }): void {
  const node = nodeAt(ctx.parsed.doc, path) as Node | undefined;
  if (!node?.range || !isScalar(node)) return;
  const hint: InlayHint = { position: ctx.parsed.lines.positionAt(node.range[1]), label: pick(label, ctx.locale), paddingLeft: true };
  if (tooltip) hint.tooltip = pick(tooltip, ctx.locale);
  ctx.out.push(hint);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `P×I = 12 (critique)` after each risk's impact. */
function riskHints(ctx: Ctx, data: Obj): void {
  const model = programmeModel(data);
  const scale = model.riskScale;
  for (const r of model.risks) {
    const c = r.criticality;
    if (c === undefined) continue;
    const k = criticalityClass(c, scale.p, scale.i);
    after(ctx, [...r.path, 'impact'], { fr: `P×I = ${c} (${k.label.fr})`, en: `P×I = ${c} (${k.label.en})` }, {
      fr: `Criticité sur l’échelle ${scale.p}×${scale.i} ; seuil critique du registre : ${scale.seuil}.`,
      en: `Criticality on the ${scale.p}×${scale.i} scale; critical threshold of the register: ${scale.seuil}.`,
    });
  }
}

/** The duration of each phase after its `fin`. */
function phaseHints(ctx: Ctx, data: Obj): void {
  for (const p of programmeModel(data).phases) {
    const from = p.debut;
    const to = p.fin;
    if (!from || !to) continue;
    const d = daysBetween(from, to);
    after(ctx, [...p.path, 'fin'], { fr: `${d} j`, en: `${d} d` }, { fr: `Durée de la phase : du ${frDate(from)} au ${frDate(to)}.`, en: `Phase duration: ${from} to ${to}.` });
  }
}

/** Running totals of the weights after each criterion (`Σ 85/100`) and sub-criterion (out of its parent's weight). */
function weightHints(ctx: Ctx, data: Obj): void {
  const total = num(data.ponderation_totale) ?? 100;
  for (const set of consultationModel(data).criteriaSets) {
    let running = 0;
    for (const c of set.criteria) {
      const w = c.ponderation;
      if (w === undefined) continue;
      running += w;
      after(ctx, [...c.path, 'ponderation'], { fr: `Σ ${round(running)}/${total}`, en: `Σ ${round(running)}/${total}` });
      // Sub-criteria weigh either part of the parent's weight or 100 % of it (CSL-007 accepts both).
      const subTotal = c.sub.reduce((a, s) => a + (s.ponderation ?? 0), 0);
      const target = Math.abs(subTotal - 100) < 0.005 ? 100 : w;
      let sub = 0;
      for (const s of c.sub) {
        if (s.ponderation === undefined) continue;
        sub += s.ponderation;
        after(ctx, [...s.path, 'ponderation'], { fr: `Σ ${round(sub)}/${target}`, en: `Σ ${round(sub)}/${target}` });
      }
    }
  }
}

/** Days from the notice (or the launch) to the tender deadline. */
function deadlineHints(ctx: Ctx, data: Obj): void {
  const to = date(data.date_limite_offres);
  const key = date(data.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement';
  const from = date(data[key]);
  if (!to || !from) return;
  const d = daysBetween(from, to);
  after(ctx, ['date_limite_offres'], { fr: `${d} j`, en: `${d} d` }, { fr: `${d} jours depuis ${key} (${frDate(from)}).`, en: `${d} days since ${key} (${from}).` });
}

function inRange(h: InlayHint, range: Range): boolean {
  const p = h.position;
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * Inlay hints of a programme (risk criticality, phase durations) or a consultation (running weight
 * totals, days to the tender deadline) within `range`. Nothing for a document with syntax errors.
 */
export function getInlayHints(parsed: ParsedDocument, range: Range, locale: Locale = 'fr'): InlayHint[] {
  if (!parsed.ok || !isObj(parsed.data) || !parsed.kind) return [];
  const ctx: Ctx = { parsed, locale, out: [] };
  const data = parsed.data;
  if (parsed.kind === 'programme') {
    riskHints(ctx, data);
    phaseHints(ctx, data);
  } else {
    weightHints(ctx, data);
    deadlineHints(ctx, data);
  }
  return ctx.out.filter((h) => inRange(h, range)).sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
