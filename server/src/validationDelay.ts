/**
 * How long the server waits after an edit before validating: an adaptive debounce, as clangd's
 * (`DebouncePolicy`: the median of the recent rebuild times × a ratio, clamped between a minimum and a
 * maximum).
 *
 * Why adaptive. A debounce trades latency for work saved while the user is still typing. A fixed 50 ms
 * adds 50 ms to every edit, whatever the document; but a validation of 8 ms has nothing worth saving by
 * waiting 50, while one of 80 ms (a 50,000-line file) is worth coalescing with the next keystroke. So the
 * delay follows what a validation of this document costs:
 * - `ratio` × the median of its last validations (median: one slow run — a collection, the first parse,
 *   another process on the core — does not move it);
 * - at least `floorMs` (20 ms): VS Code asks for completions 10 ms after a keystroke
 *   (`editor.quickSuggestionsDelay`) and that request must not queue behind the validation of the same
 *   keystroke; a paste, an undo or a multi-cursor edit sent as several changes within a few milliseconds
 *   still makes one validation;
 * - at most the configured delay (`amo.validation.delay`, default 50 ms), which stays the user's bound;
 *   with no history yet (a document just opened), exactly that.
 * A configured delay under the floor is obeyed as it is (0: validate at once).
 */

export interface DelayPolicy {
  /** Lower bound, unless the configured delay is lower. */
  floorMs: number;
  /** Target delay as a multiple of the median validation time. */
  ratio: number;
  /** How many recent validations count. */
  window: number;
}

/** Bounds of `amo.validation.delay`, whatever its source (a workspace setting of 2e9 deferred validation for weeks). */
export const MAX_CONFIGURED_DELAY_MS = 2000;

/** The configured delay as used: a number clamped to 0–MAX_CONFIGURED_DELAY_MS, else `fallback`. */
export function configuredDelay(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(MAX_CONFIGURED_DELAY_MS, Math.max(0, value));
}

export const DEFAULT_POLICY: DelayPolicy = { floorMs: 20, ratio: 1, window: 15 };

/** The delay before the next validation of a document, from its recent validation times (oldest first). */
export function adaptiveDelay(recentMs: readonly number[], configuredMs: number, policy: DelayPolicy = DEFAULT_POLICY): number {
  const max = Math.max(0, configuredMs);
  const recent = recentMs.slice(-policy.window).filter((x) => Number.isFinite(x) && x >= 0);
  if (recent.length === 0) return max;
  const sorted = [...recent].sort((a, b) => a - b);
  // The upper median, as clangd's nth_element at size / 2: with two samples, the slower one.
  const median = sorted[sorted.length >> 1];
  const target = Math.round(policy.ratio * median);
  return Math.min(max, Math.max(Math.min(policy.floorMs, max), target));
}

/** The recent validation times of each document, bounded. */
export class ValidationTimes {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly policy: DelayPolicy = DEFAULT_POLICY) {}

  record(uri: string, ms: number): void {
    let t = this.times.get(uri);
    if (!t) this.times.set(uri, (t = []));
    t.push(ms);
    if (t.length > this.policy.window) t.shift();
  }

  delay(uri: string, configuredMs: number): number {
    return adaptiveDelay(this.times.get(uri) ?? [], configuredMs, this.policy);
  }

  forget(uri: string): void {
    this.times.delete(uri);
  }
}
