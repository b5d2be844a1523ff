/**
 * The single-network renormalised-kernel theory of Pacelli et al. (2023), one
 * hidden layer (docs/science/proportional.md (P9)): with K = U diag(κ) Uᵀ and ŷ = Uᵀ y,
 *   S(Q) = Q − log Q + (1/N1) Σ_k [ log(T + Q κ_k/λ1) + ŷ_k² / (T + Q κ_k/λ1) ],
 * Q* = argmin S on (1e-6, 1e3) (bounded Brent in log Q). Used for the source
 * network and for the no-transfer (scratch) baseline on the target data.
 */
import { brentMinimize } from './minimize';

export interface Spectrum {
  /** Eigenvalues of K. */
  kappa: Float64Array;
  /** Squared projections (Uᵀy)_k². */
  y2: Float64Array;
}

export function pacelliAction(Q: number, s: Spectrum, N1: number, T: number, lam1: number): number {
  let acc = 0;
  for (let k = 0; k < s.kappa.length; k++) {
    const den = T + (Q * Math.max(0, s.kappa[k])) / lam1;
    acc += Math.log(den) + s.y2[k] / den;
  }
  return Q - Math.log(Q) + acc / N1;
}

/** dS/dQ (its zero is the saddle point; used by tests and as a convergence check). */
export function pacelliGradient(Q: number, s: Spectrum, N1: number, T: number, lam1: number): number {
  let acc = 0;
  for (let k = 0; k < s.kappa.length; k++) {
    const kk = Math.max(0, s.kappa[k]) / lam1;
    const den = T + Q * kk;
    acc += kk / den - (s.y2[k] * kk) / (den * den);
  }
  return 1 - 1 / Q + acc / N1;
}

export function solvePacelli(s: Spectrum, N1: number, T: number, lam1: number): number {
  const r = brentMinimize((lq) => pacelliAction(Math.exp(lq), s, N1, T, lam1), Math.log(1e-6), Math.log(1e3), 1e-12);
  return Math.exp(r.x);
}
