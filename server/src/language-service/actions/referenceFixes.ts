import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { phaseEntry } from '../catalog/phases';
import { nodeAt } from '../parse';
import type { Path } from '../types';
import { str } from '../util/data';
import { dataOf, isString, pathOf, quickFix, type FixContext } from './fixContext';
import { appendToList, toTextEdits, type Entry } from './yamlEdits';

/** SCH-002, SCH-004, RSK-005: the misspelt key or value replaced by the suggestion (`data.replacement`). */
export function replaceMisspelling(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const replacement = dataOf(diag, 'replacement', isString);
  if (!replacement) return [];
  const text = ctx.parsed.text;
  let start = ctx.parsed.lines.offsetAt(diag.range.start);
  let end = ctx.parsed.lines.offsetAt(diag.range.end);
  const q = text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && text[end - 1] === q) {
    start++;
    end--;
  }
  if (text.slice(start, end) === replacement || end <= start) return [];
  const action = quickFix(ctx, diag, { fr: `Remplacer par « ${replacement} »`, en: `Replace with '${replacement}'` }, [{ start, end, newText: replacement }], { preferred: true });
  return action ? [action] : [];
}

function valueAt(ctx: FixContext, path: Path): string | undefined {
  const node = nodeAt(ctx.parsed.doc, path);
  return node && 'value' in node ? str((node as { value: unknown }).value) : undefined;
}

/** A minimal phase: its id, and the catalogue code and label when the id names one (ACT, PH-ACT). */
function phaseEntries(id: string): Entry[] {
  const code = [id, id.replace(/^PH[-_.]?/i, '')].map((c) => phaseEntry(c)).find(Boolean);
  return code ? [['id', id], ['code', code.code], ['libelle', code.fr]] : [['id', id]];
}

/**
 * REF-001 on a phase (consultation `phase`, or a risk's `phases` item) or an offer's `lot`: the missing
 * phase appended to the programme's `phases` (in the programme file for a consultation), the missing
 * lot to `lots`.
 */
export function createMissingTarget(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  if (!path) return [];
  const id = valueAt(ctx, path);
  if (!id) return [];
  if (ctx.parsed.kind === 'consultation' && path.length === 1 && path[0] === 'phase') {
    const uri = ctx.programmeUri();
    const programme = uri ? ctx.parseOther(uri) : undefined;
    if (!uri || !programme?.ok || programme.kind !== 'programme') return [];
    const edit = appendToList(programme, ['phases'], phaseEntries(id));
    if (!edit) return [];
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    const action = quickFix(ctx, diag, { fr: `Créer la phase « ${id} » dans le programme (${name})`, en: `Create phase '${id}' in the programme (${name})` }, [], { other: { [uri]: toTextEdits(programme, [edit]) } });
    return action ? [action] : [];
  }
  if (ctx.parsed.kind === 'programme' && path[0] === 'risques' && path[2] === 'phases') {
    const action = quickFix(ctx, diag, { fr: `Créer la phase « ${id} » dans « phases »`, en: `Create phase '${id}' in 'phases'` }, [appendToList(ctx.parsed, ['phases'], phaseEntries(id))]);
    return action ? [action] : [];
  }
  if (ctx.parsed.kind === 'consultation' && path[0] === 'offres' && path[2] === 'lot') {
    const action = quickFix(ctx, diag, { fr: `Créer le lot « ${id} » dans « lots »`, en: `Create lot '${id}' in 'lots'` }, [appendToList(ctx.parsed, ['lots'], [['id', id]])]);
    return action ? [action] : [];
  }
  return [];
}
