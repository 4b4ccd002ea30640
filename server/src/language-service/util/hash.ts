/**
 * Two independent 32-bit FNV-1a hashes of a UTF-16 text and its length: a changed text is never taken for
 * an earlier one in practice (2^-64). Keys of the workspace index (a file's text) and result ids of pull
 * diagnostics (a file's diagnostics as JSON).
 */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
