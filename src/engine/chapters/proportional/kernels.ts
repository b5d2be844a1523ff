/**
 * Closed-form erf kernels (docs/science/proportional.md (P7)–(P8)). For inputs x, x' and first-layer weight
 * rows w, w' that are jointly Gaussian per component with variances a, b and
 * covariance c,  E[erf(w·x/√N0) erf(w'·x'/√N0)] =
 *   (2/π) arcsin( 2c q / √((1 + 2a n)(1 + 2b n')) ),  q = x·x'/N0, n = |x|²/N0.
 * The transfer theory needs four (a, b, c) combinations, set by the coupling γ.
 */

/**
 * Per-component weight moments of the source and of target replicas sharing one source (docs/science/proportional.md
 * (P6)).
 */
export interface WeightMoments {
  /** Source weight variance 1/λ0. */
  varS: number;
  /** One target replica's variance 1/(λ0+γ) + covTT. */
  varT: number;
  /** Source–target covariance γ/(λ0(λ0+γ)). */
  covST: number;
  /** Covariance of two target replicas coupled to the same source γ²/(λ0(λ0+γ)²). */
  covTT: number;
}

export function weightMoments(lam0: number, gamma: number): WeightMoments {
  const covTT = (gamma * gamma) / (lam0 * (lam0 + gamma) ** 2);
  return { varS: 1 / lam0, varT: 1 / (lam0 + gamma) + covTT, covST: gamma / (lam0 * (lam0 + gamma)), covTT };
}

/** The scalar kernel from the Gram entry q = x·x'/N0 and the squared norms n, n' (already divided by N0). */
export function erfKernel(a: number, b: number, c: number, q: number, n: number, n2: number): number {
  const t = (2 * c * q) / Math.sqrt((1 + 2 * a * n) * (1 + 2 * b * n2));
  return (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, t)));
}

/**
 * Kernel matrix between two point sets from their Gram block `gram` (rows×cols,
 * entries x_i·x'_j/N0) and squared norms.
 */
export function kernelMatrix(
  a: number,
  b: number,
  c: number,
  gram: Float64Array,
  normsRow: Float64Array,
  normsCol: Float64Array,
): Float64Array {
  const rows = normsRow.length;
  const cols = normsCol.length;
  const out = new Float64Array(rows * cols);
  const sr = normsRow.map((n) => 1 / Math.sqrt(1 + 2 * a * n));
  const sc = normsCol.map((n) => 1 / Math.sqrt(1 + 2 * b * n));
  const k = 2 / Math.PI;
  for (let i = 0; i < rows; i++) {
    const f = 2 * c * sr[i];
    for (let j = 0; j < cols; j++) {
      const t = f * gram[i * cols + j] * sc[j];
      out[i * cols + j] = k * Math.asin(t > 1 ? 1 : t < -1 ? -1 : t);
    }
  }
  return out;
}

/** Diagonal k(x, x) for one set with moments (a, a, c). */
export function kernelDiag(a: number, c: number, norms: Float64Array): Float64Array {
  return norms.map((n) => (2 / Math.PI) * Math.asin(Math.min(1, (2 * c * n) / (1 + 2 * a * n))));
}
