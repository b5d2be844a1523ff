/**
 * Ridge readout on a fixed feature map, sign teacher: the saddle-point
 * equations of the Gaussian covariate model (spec §4, re-derived and checked
 * in §4.6). Input is the spectral data of one (feature map, target task) pair,
 * computed once (`spectrum`); each (α, λ, η) then re-solves in O(p) per
 * iteration, which is what keeps slider moves under a frame.
 */
import { Matrix, symmetricEigen } from '../../core/linalg';

/** Everything the equations need from Ω = E[vvᵀ] (p×p), b = Φθ_t and ρ. */
export interface Spectrum {
  /** Student dimension p = K. */
  p: number;
  /** Teacher dimension k = D_t. */
  k: number;
  /** Eigenvalues ω_i of Ω. */
  omega: Float64Array;
  /** t_i = (Uᵀ b)_i², b = Φ θ_t (fixed teacher, never teacher-averaged: spec §4). */
  t: Float64Array;
  /** ρ = |θ_t|²/k, the realised value (spec §4.6). */
  rho: number;
}

/** Eigendecompose Ω once and project b on its eigenvectors. */
export function spectrum(Omega: Float64Array, b: Float64Array, p: number, k: number, rho: number): Spectrum {
  const M = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) M.set(i, j, 0.5 * (Omega[i * p + j] + Omega[j * p + i]));
  const { values, vectors } = symmetricEigen(M);
  const omega = new Float64Array(p);
  const t = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    omega[i] = Math.max(0, values[i]);
    let s = 0;
    for (let j = 0; j < p; j++) s += vectors.get(j, i) * b[j];
    t[i] = s * s;
  }
  return { p, k, omega, t, rho };
}

export interface RidgeSolution {
  /** Test classification error ε_g = arccos(m/√(ρq))/π. */
  error: number;
  V: number;
  q: number;
  m: number;
  iterations: number;
  converged: boolean;
}

export interface RidgeKnobs {
  /** α_p = P/p: samples per student feature (= α N / K). */
  alphaP: number;
  lambda: number;
  /** Label-flip probability: E[yν] shrinks by (1 − 2η). */
  eta?: number;
}

/** Iterate the hat/prior updates with damping 0.5 until |ΔV|+|Δq|+|Δm| < tol. */
export function solveRidge(sp: Spectrum, knobs: RidgeKnobs, opts: { tol?: number; maxIter?: number; damping?: number } = {}): RidgeSolution {
  const { omega, t, p, k, rho } = sp;
  const { alphaP, lambda } = knobs;
  const eta = knobs.eta ?? 0;
  const tol = opts.tol ?? 1e-8;
  const maxIter = opts.maxIter ?? 2000;
  const damp = opts.damping ?? 0.5;
  const gamma = k / p;
  const sg = Math.sqrt(gamma);
  const kappa = (1 - 2 * eta) * Math.sqrt(2 / (Math.PI * rho));
  let V = 1;
  let q = 0.1;
  let m = 0.1;
  let it = 0;
  let converged = false;
  for (; it < maxIter; it++) {
    const Vh = alphaP / (1 + V);
    const qh = (alphaP * (1 + q - 2 * kappa * m)) / ((1 + V) * (1 + V));
    const mh = (kappa * alphaP) / (sg * (1 + V));
    let sV = 0;
    let sq = 0;
    let sm = 0;
    for (let i = 0; i < p; i++) {
      const w = omega[i];
      const d = lambda + Vh * w;
      sV += w / d;
      sq += (qh * w * w + mh * mh * w * t[i]) / (d * d);
      sm += t[i] / d;
    }
    const Vn = sV / p;
    const qn = sq / p;
    const mn = ((mh / sg) * sm) / p;
    const nV = damp * V + (1 - damp) * Vn;
    const nq = damp * q + (1 - damp) * qn;
    const nm = damp * m + (1 - damp) * mn;
    const diff = Math.abs(nV - V) + Math.abs(nq - q) + Math.abs(nm - m);
    V = nV;
    q = nq;
    m = nm;
    if (!Number.isFinite(diff)) break;
    if (diff < tol) {
      converged = true;
      it++;
      break;
    }
  }
  const c = m / Math.sqrt(rho * q);
  const error = q > 0 && Number.isFinite(c) ? Math.acos(Math.max(-1, Math.min(1, c))) / Math.PI : NaN;
  return { error, V, q, m, iterations: it, converged };
}
