/**
 * Largest-remainder apportionment (Hamilton method): integers proportional to `weights` that add up
 * exactly to `total`. Each weight gets the floor of its exact share; the points left go one by one to
 * the largest remainders, ties going to the larger weight, then to the earlier item — so 33/33/33
 * becomes 34/33/33. All-zero weights are split equally. A total with decimals is apportioned in
 * hundredths.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  if (weights.length === 0) return [];
  if (!Number.isInteger(total)) return apportion(weights, Math.round(total * 100)).map((w) => w / 100);
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const base = sum > 0 ? w : w.map(() => 1);
  const baseSum = sum > 0 ? sum : w.length;
  const exact = base.map((x) => (x * total) / baseSum);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - out[i], weight: base[i] }))
    .sort((a, b) => b.rem - a.rem || b.weight - a.weight || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  return out;
}
