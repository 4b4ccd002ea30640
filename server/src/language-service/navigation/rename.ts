import { parse as parseYaml } from 'yaml';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { pick, type Locale, type Msg } from '../types';
import { sortOccurrences } from './definition';
import { KIND_LABEL } from './kinds';
import { getSymbolTable, symbolKey } from './symbolTable';
import { occurrencesOf, targetAt, type NavigationHost, type Occurrence, type Target } from './targets';

/** The id pattern of the format (docs/format.md). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Where a rename may start, or why it may not (a message in the requested locale). */
export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };
/** The edits of a rename over every file, or why it is refused. */
export type RenameResult = { edit: WorkspaceEdit } | { error: string };

const NOT_ON_ID: Msg = {
  fr: 'Placez le curseur sur un identifiant (acteur, phase, livrable, risque, lot, critère, offre…) pour le renommer.',
  en: 'Place the cursor on an id (actor, phase, deliverable, risk, lot, criterion, offer…) to rename it.',
};

interface Renamable {
  target: Target;
  occurrences: Occurrence[];
}

function renamable(host: NavigationHost, parsed: ParsedDocument, position: Position): Renamable | { error: Msg } {
  const target = targetAt(host, parsed, parsed.lines.offsetAt(position));
  if (!target) return { error: NOT_ON_ID };
  const { id } = target.at.sym;
  if (target.at.sym.viaCode) {
    return { error: { fr: `« ${id} » désigne la phase par son code : renommez l’id de la phase, ou remplacez ce code par l’id.`, en: `'${id}' names the phase by its code: rename the phase's id, or replace this code with the id.` } };
  }
  if (!target.definition) {
    return { error: { fr: `« ${id} » n’est défini nulle part : définissez-le avant de le renommer.`, en: `'${id}' is not defined anywhere: define it before renaming it.` } };
  }
  const def = target.definition;
  // References name the first definition: renaming a REF-002 duplicate renames that definition alone.
  const first = getSymbolTable(def.parsed).definitions.get(def.sym.key)?.[0];
  const isDef = (o: Occurrence): boolean => o.parsed === def.parsed && o.sym.start === def.sym.start;
  const occurrences = occurrencesOf(host, target, parsed).filter((o) => !o.sym.viaCode && (o.sym.role === 'reference' ? first === def.sym : isDef(o)));
  // A number written `1.0` has the id "1": replacing 1 character of 3 would corrupt the file.
  const odd = occurrences.find((o) => o.parsed.text.slice(o.sym.start, o.sym.end) !== o.sym.id);
  if (odd) {
    return { error: { fr: `L’id « ${odd.sym.id} » n’est pas écrit tel quel dans ${odd.parsed.uri} : écrivez-le comme une chaîne avant de le renommer.`, en: `The id '${odd.sym.id}' is not written verbatim in ${odd.parsed.uri}: write it as a string before renaming it.` } };
  }
  return { target, occurrences };
}

/** The id under the cursor and its range, or why it cannot be renamed. */
export function prepareRename(host: NavigationHost, parsed: ParsedDocument, position: Position, locale: Locale): PrepareRenameResult {
  const r = renamable(host, parsed, position);
  if ('error' in r) return { error: pick(r.error, locale) };
  const { sym } = r.target.at;
  return { range: parsed.lines.range(sym.start, sym.end), placeholder: sym.id };
}

/** One edit per occurrence of the id under the cursor, in every file; refused for an invalid or taken name. */
export function getRenameEdits(host: NavigationHost, parsed: ParsedDocument, position: Position, newName: string, locale: Locale): RenameResult {
  const r = renamable(host, parsed, position);
  if ('error' in r) return { error: pick(r.error, locale) };
  const { target, occurrences } = r;
  if (!ID_PATTERN.test(newName)) {
    return { error: pick({ fr: `« ${newName} » n’est pas un identifiant valide : lettres, chiffres, « _ », « . » ou « - », en commençant par une lettre ou un chiffre.`, en: `'${newName}' is not a valid id: letters, digits, '_', '.' or '-', starting with a letter or a digit.` }, locale) };
  }
  if (newName === target.id) return { edit: { changes: {} } };
  const def = target.definition!;
  if (getSymbolTable(def.parsed).definitions.has(symbolKey(target.kind, def.sym.scope, newName))) {
    const what = KIND_LABEL[target.kind];
    return { error: pick({ fr: `Renommage refusé : ${what.fr} porte déjà l’id « ${newName} ».`, en: `Rename refused: ${what.en} already has the id '${newName}'.` }, locale) };
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const asPlain = plain(newName);
  for (const o of sortOccurrences(occurrences)) {
    const at = `${o.parsed.uri}#${o.sym.start}`;
    if (seen.has(at)) continue;
    seen.add(at);
    (changes[o.parsed.uri] ??= []).push({ range: o.parsed.lines.range(o.sym.start, o.sym.end), newText: quoted(o) ? newName : asPlain });
  }
  return { edit: { changes } };
}

function quoted(o: Occurrence): boolean {
  const before = o.parsed.text[o.sym.start - 1];
  return before === '"' || before === "'";
}

/** The text of a new id where it was a plain scalar: quoted when YAML would read it as a number, boolean or null. */
function plain(name: string): string {
  try {
    return typeof parseYaml(name) === 'string' ? name : `"${name}"`;
  } catch {
    return `"${name}"`;
  }
}
