import type { CodeLens } from 'vscode-languageserver-types';
import { locate, nodeAt, type ParsedDocument } from '../parse';
import { consultationModel } from '../model/build';
import { hasWeight } from '../model/consultation';
import { pick, type Locale, type Msg } from '../types';
import { isObj, near, num, obj } from '../util/data';

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The lens title of one criteria set: Σ of the weights (or of the ranges) against the declared total. */
function summary(criteres: Record<string, unknown>[], total: number): Msg | undefined {
  const weighted = criteres.filter(hasWeight);
  if (weighted.length === 0) return undefined;
  const unit = total === 100 ? ' %' : ` / ${total} points`;
  if (weighted.some((c) => isObj(c.fourchette))) {
    let lo = 0;
    let hi = 0;
    for (const c of weighted) {
      const w = num(c.ponderation);
      const f = obj(c.fourchette);
      lo += w ?? num(f.min) ?? 0;
      hi += w ?? num(f.max) ?? 0;
    }
    const ok = lo <= total + 0.005 && total - 0.005 <= hi;
    const mark = ok ? '' : '⚠ ';
    return { fr: `${mark}Σ fourchettes = ${round(lo)}–${round(hi)} (total ${total})`, en: `${mark}Σ ranges = ${round(lo)}–${round(hi)} (total ${total})` };
  }
  const s = weighted.reduce((a, c) => a + (num(c.ponderation) ?? 0), 0);
  if (near(s, total)) return { fr: `Σ pondérations = ${round(s)}${unit}`, en: `Σ weights = ${round(s)}${unit}` };
  return { fr: `⚠ Σ pondérations = ${round(s)}${unit} (attendu ${total})`, en: `⚠ Σ weights = ${round(s)}${unit} (expected ${total})` };
}

/**
 * Code lenses of a consultation: on `criteres:` (and each lot's own `criteres:`), the sum of the weights
 * against the declared total, with a warning mark when they differ. The lenses only show text: their
 * command is empty. Nothing for programmes, unweighted criteria or a document with syntax errors.
 */
export function getCodeLenses(parsed: ParsedDocument, locale: Locale = 'fr'): CodeLens[] {
  if (!parsed.ok || parsed.kind !== 'consultation' || !isObj(parsed.data)) return [];
  const total = num(parsed.data.ponderation_totale) ?? 100;
  const out: CodeLens[] = [];
  for (const set of consultationModel(parsed.data).criteriaSets) {
    if (!nodeAt(parsed.doc, set.path)) continue;
    const title = summary(set.criteria.map((c) => c.o), total);
    if (!title) continue;
    const [start, end] = locate(parsed.doc, set.path, 'key');
    out.push({ range: parsed.lines.range(start, end), command: { title: pick(title, locale), command: '' } });
  }
  return out;
}
