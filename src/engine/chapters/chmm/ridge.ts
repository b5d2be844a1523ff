/**
 * Closed-form ridge readout on fixed features (docs/science/chmm.md, Protocols):
 * w = argmin Σ_μ (y_μ − w·φ_μ)² + λ|w|² = (ΦᵀΦ + λI)⁻¹ Φᵀ y, with φ = v/√K.
 * A direct solve (Cholesky in float64), never an iteration.
 */
import { choleskyInPlace, cholSolve } from '../../core/dense';

/**
 * Ridge weights for features V (P×K, row-major, the raw g(·) values: the 1/√K
 * is applied here) and labels y. λ > 0 keeps the system SPD.
 */
export function ridgeReadout(
  V: ArrayLike<number>,
  P: number,
  K: number,
  y: ArrayLike<number>,
  lambda: number,
): Float64Array {
  const A = new Float64Array(K * K);
  const rhs = new Float64Array(K);
  const s = 1 / K; // (1/√K)² for ΦᵀΦ
  for (let mu = 0; mu < P; mu++) {
    const o = mu * K;
    const ym = y[mu];
    for (let a = 0; a < K; a++) {
      const va = V[o + a];
      rhs[a] += va * ym;
      if (va === 0) continue;
      const row = a * K;
      for (let c = 0; c <= a; c++) A[row + c] += va * V[o + c];
    }
  }
  for (let a = 0; a < K; a++) {
    rhs[a] /= Math.sqrt(K);
    for (let c = 0; c <= a; c++) {
      const v = A[a * K + c] * s + (a === c ? lambda : 0);
      A[a * K + c] = v;
      A[c * K + a] = v;
    }
  }
  if (!choleskyInPlace(A, K)) throw new Error('ridge system not positive definite');
  return cholSolve(A, K, rhs);
}

/** Test error of a readout w on features V (P×K raw g values): sign(w·v/√K) vs y. */
export function readoutError(
  w: Float64Array,
  V: ArrayLike<number>,
  P: number,
  K: number,
  y: ArrayLike<number>,
): number {
  let wrong = 0;
  for (let mu = 0; mu < P; mu++) {
    let f = 0;
    const o = mu * K;
    for (let a = 0; a < K; a++) f += w[a] * V[o + a];
    if ((f >= 0 ? 1 : -1) !== y[mu]) wrong++;
  }
  return wrong / P;
}
