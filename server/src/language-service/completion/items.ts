import { InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionItemKind, type Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import type { Locale, Msg } from '../types';
import type { CursorContext } from './cursorContext';

/** What completion needs from the service besides the document: no file system, no connection. */
export interface CompletionEnv {
  locale: Locale;
  /** Today (ISO): the reference date of a consultation without `date_lancement`. */
  today: string;
  /** The parse of the programme a consultation names, read lazily (only when ids of it are needed). */
  programme(): ParsedDocument | undefined;
  /** The character that triggered the request, if any (`:`, ` `, `-`). */
  triggerCharacter?: string;
}

export interface CompletionRequest {
  parsed: ParsedDocument;
  ctx: CursorContext;
  env: CompletionEnv;
  /** The LSP range of the word under the cursor, replaced by every item. */
  range: Range;
  /** Text inserted before a value: `- ` for a new list item (defaults to a blank after `key:`). */
  lead?: string;
}

/** What goes before an inserted value: the request's lead, or the blank missing after `key:`. */
export function valueLead(req: CompletionRequest): string {
  return req.lead ?? (req.ctx.needsSpace ? ' ' : '');
}

export interface ItemSpec {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  /** Markdown documentation. */
  doc?: string;
  /** The inserted text (a snippet when `snippet`). */
  text: string;
  snippet?: boolean;
  sort: string;
  filter?: string;
  preselect?: boolean;
  /** Re-open the suggestions after insertion (a key whose values are offered). */
  retrigger?: boolean;
}

export function makeItem(req: CompletionRequest, spec: ItemSpec): CompletionItem {
  const item: CompletionItem = {
    label: spec.label,
    kind: spec.kind,
    sortText: spec.sort,
    filterText: spec.filter ?? spec.label,
    textEdit: { range: req.range, newText: spec.text },
    insertTextFormat: spec.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (spec.detail) item.detail = spec.detail;
  if (spec.doc) item.documentation = { kind: MarkupKind.Markdown, value: spec.doc };
  if (spec.preselect) item.preselect = true;
  // Continuation lines carry their absolute indentation: the client must not re-indent them.
  if (spec.text.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
  if (spec.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

export function pickMsg(msg: Msg, locale: Locale): string {
  return locale === 'en' ? msg.en : msg.fr;
}

/** Zero-padded sort key: `sortKey(3)` → `0003`, with an optional group prefix. */
export function sortKey(n: number, group = ''): string {
  return `${group}${String(n).padStart(4, '0')}`;
}

/** Text inside a snippet: `$`, `}` and `\` are escaped. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** A snippet choice `${n|a,b|}`, or a placeholder when there is one value or none. */
export function choice(n: number, values: readonly string[], fallback: string): string {
  if (values.length === 0) return `\${${n}:${snippetText(fallback)}}`;
  if (values.length === 1) return `\${${n}:${snippetText(values[0])}}`;
  return `\${${n}|${values.map((v) => v.replace(/[\\,|$}]/g, '\\$&')).join(',')}|}`;
}

const RESERVED_START = /^[\s\-?:,[\]{}#&*!|>'"%@`]/;
const SPECIAL_PLAIN = /^(true|false|null|~|yes|no|on|off|[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?|\d{4}-\d\d-\d\d.*)$/i;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  const plainSafe = s.length > 0 && !RESERVED_START.test(s) && !/:(\s|$)/.test(s) && !/\s#/.test(s) && !/\s$/.test(s) && !SPECIAL_PLAIN.test(s) && !/[\n\r\t]/.test(s);
  return plainSafe ? s : JSON.stringify(s);
}

/** Joins snippet lines: the first at the cursor, the others indented from column `col`. */
export function block(lines: readonly string[], col: number): string {
  const pad = ' '.repeat(col);
  return lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n');
}
