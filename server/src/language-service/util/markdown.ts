/**
 * Document text inside Markdown shown by the editor (hovers, completion documentation). A document comes
 * from other people: its text must render as text, never as an image (fetched when the hover shows), a
 * link, a command link, HTML or a table row. Every string of a document that reaches a MarkupContent goes
 * through `mdText` (prose) or `mdCode` (an inline code span); the text of the tool itself stays Markdown.
 */
import { escapeControls } from './controlChars';

/** Line breaks of any kind (LF, CR, CRLF, U+2028/2029, NEL): one paragraph of hover text, no new block. */
const BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;

/**
 * Markdown punctuation that can open an inline construct (emphasis, code, link, image, HTML, entity,
 * table cell, strikethrough) or an autolink (`https:`, `mailto:`), backslash-escaped as CommonMark allows
 * for any ASCII punctuation. Block constructs (`#`, `-`, `>` at a line start) cannot start: the text is
 * one line and always follows the tool's own words.
 */
const INLINE = /[\\`*_{}[\]()<>#+!|~&:=$^"]/g;

/** Plain document text as Markdown that renders that text and nothing else. */
export function mdText(value: unknown): string {
  return escapeControls(String(value ?? '').replace(BREAKS, ' '))
    .replace(INLINE, (c) => `\\${c}`)
    // GFM's extended autolinks: `www.example.org` becomes a link without any punctuation escaped above.
    .replace(/(w)(w)(w)\./gi, '$1$2$3\\.');
}

/** Document text as an inline code span: a fence longer than any backtick run inside, so nothing escapes it. */
export function mdCode(value: unknown): string {
  // An empty span is no span: a lone space keeps the backticks a code span.
  const s = escapeControls(String(value ?? '').replace(BREAKS, ' ')) || ' ';
  let run = 0;
  for (const m of s.matchAll(/`+/g)) run = Math.max(run, m[0].length);
  const fence = '`'.repeat(run + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ') && s.trim()) ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}
