/** Damerau-Levenshtein distance (optimal string alignment), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[m][n];
}

/** Lowercase, accents removed: "Réglementaire" → "reglementaire". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The closest candidate to `word`, if it is close enough to be a plausible misspelling:
 * same letters up to case/accents, or an edit distance of at most 1 (short words) to 3 (long words).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = fold(word);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const f = fold(c);
    if (f === w) return c;
    const d = editDistance(w, f);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}
