import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { pick, type Locale, type Msg, type Path } from '../types';
import { toTextEdits, type OffsetEdit } from './yamlEdits';

/** What a quick-fix builder may read: the document's parse, and other documents (a consultation's programme). */
export interface FixContext {
  parsed: ParsedDocument;
  locale: Locale;
  /** The parse of another document, e.g. the programme a consultation names (open buffer first, then disk). */
  parseOther(uri: string): ParsedDocument | undefined;
  /** The URI of the programme the document names (consultations only). */
  programmeUri(): string | undefined;
  /** Today (ISO), as the service sees it (AMO_TODAY): the date of a review or of a lifting recorded now. */
  today: string;
}

/** The diagnostic's `data.path`, when it is one (data comes back from the client: never trust its shape). */
export function pathOf(diag: Diagnostic): Path | undefined {
  const p = (diag.data as { path?: unknown } | undefined)?.path;
  return Array.isArray(p) && p.every((s) => typeof s === 'string' || typeof s === 'number') ? (p as Path) : undefined;
}

export function dataOf<T>(diag: Diagnostic, key: string, check: (v: unknown) => v is T): T | undefined {
  const v = (diag.data as Record<string, unknown> | undefined)?.[key];
  return check(v) ? v : undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * A quick fix of `diag`: edits of the current document (offsets), and optionally of other documents
 * (already as LSP TextEdits by URI). Undefined when there is nothing to apply, or when one of the edits
 * could not be computed (undefined): a fix is applied whole or not offered.
 */
export function quickFix(
  ctx: FixContext,
  diag: Diagnostic,
  title: Msg,
  edits: (OffsetEdit | undefined)[],
  opts: { preferred?: boolean; other?: WorkspaceEdit['changes'] } = {},
): CodeAction | undefined {
  if (edits.some((e) => e === undefined)) return undefined;
  const own = edits as OffsetEdit[];
  const changes: NonNullable<WorkspaceEdit['changes']> = { ...(opts.other ?? {}) };
  if (own.length) changes[ctx.parsed.uri] = toTextEdits(ctx.parsed, own);
  if (Object.values(changes).every((c) => c.length === 0)) return undefined;
  const action: CodeAction = { title: pick(title, ctx.locale), kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes } };
  if (opts.preferred) action.isPreferred = true;
  return action;
}
