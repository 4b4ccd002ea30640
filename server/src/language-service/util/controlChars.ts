/**
 * Characters of a document that must not reach a terminal, a message or an editor's UI as they are:
 * C0 controls (NUL, ESC of ANSI sequences, BEL…) but tab and line breaks, DEL, C1 controls, the bidi
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069, which reorder what a reader sees:
 * "Trojan Source") and the BOM/zero-width no-break space. Each becomes a visible `\u{…}` escape, so the
 * message still says what the file holds.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** `s` with every control, bidi and NUL character written as `\u{hex}`. Tab, LF and CR are kept. */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** Whether `s` holds a character `escapeControls` would rewrite. */
export function hasControls(s: string): boolean {
  CONTROLS.lastIndex = 0;
  const found = CONTROLS.test(s);
  CONTROLS.lastIndex = 0;
  return found;
}

/** `s` fit for one line of a terminal: `escapeControls`, and line breaks (CR, LF) escaped too. */
export function escapeLine(s: string): string {
  return escapeControls(s).replace(/[\r\n]/g, (c) => (c === '\r' ? '\\u{D}' : '\\u{A}'));
}

/** `s` fit for a terminal, several lines allowed: `escapeControls`, and a CR not followed by LF (which moves the cursor back over a line) escaped. */
export function escapeTerminal(s: string): string {
  return escapeControls(s).replace(/\r(?!\n)/g, '\\u{D}');
}

/**
 * JSON text with the characters `escapeControls` rewrites written as JSON `\uXXXX` escapes: the same JSON
 * value (a parser reads the same strings), but nothing in it reorders or drives a terminal that shows it.
 */
export function escapeControlsJson(json: string): string {
  return json.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
