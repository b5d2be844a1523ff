/** Small statistics helpers for simulated points (mean ± standard error over seeds). */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Standard error of the mean (sample std / sqrt(n)); 0 for a single seed. */
export function stderr(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}

export interface Summary {
  mean: number;
  err: number;
  n: number;
}

export function summarize(xs: readonly number[]): Summary {
  const finite = xs.filter(Number.isFinite);
  return { mean: mean(finite), err: stderr(finite), n: finite.length };
}
