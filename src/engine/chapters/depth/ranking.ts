/**
 * Small pure functions that turn error curves and scores into the chapter's
 * answers: the optimal transfer depth k* and the rank agreement between a
 * similarity score and the error reached from each source.
 */

/** Ranks 1..n with ties given their average rank. */
export function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const out = new Array<number>(xs.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) out[idx[t]] = r;
    i = j + 1;
  }
  return out;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * Spearman rank correlation of (x, y) pairs; non-finite pairs are dropped.
 * NaN with fewer than 3 pairs or when one side is constant.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const keep = xs.map((_, i) => i).filter((i) => Number.isFinite(xs[i]) && Number.isFinite(ys[i]));
  if (keep.length < 3) return NaN;
  return pearson(ranks(keep.map((i) => xs[i])), ranks(keep.map((i) => ys[i])));
}

/**
 * Rank agreement of a similarity score with transfer errors: +1 when the most
 * similar source (highest score) is exactly the one with the lowest error, and so
 * on down the list; −1 for the reverse order. (Minus the Spearman correlation of
 * score and error.) For a dissimilarity such as the information imbalance pass `higherIsCloser = false`.
 */
export function rankAgreement(scores: readonly number[], errors: readonly number[], higherIsCloser = true): number {
  const rho = spearman(scores, errors);
  return higherIsCloser ? -rho : rho;
}

/** Optimal transfer depth k* = argmin_k err[k] (first minimum on ties); NaN if no finite value. */
export function argminDepth(err: readonly number[]): number {
  let best = NaN;
  let bestErr = Infinity;
  for (let k = 0; k < err.length; k++) {
    if (Number.isFinite(err[k]) && err[k] < bestErr) {
      best = k;
      bestErr = err[k];
    }
  }
  return best;
}

/**
 * The smallest depth whose error is within one standard error of the best one
 * (docs/science/depth.md (D5)): with few seeds neighbouring depths are often tied,
 * and the shallowest of them is the cheaper, safer choice.
 */
export function shallowestWithinOneSe(err: readonly number[], se: readonly number[]): number {
  const k = argminDepth(err);
  if (!Number.isFinite(k)) return NaN;
  const bar = err[k] + (Number.isFinite(se[k]) ? se[k] : 0);
  for (let j = 0; j < err.length; j++) if (Number.isFinite(err[j]) && err[j] <= bar) return j;
  return k;
}
