/**
 * Ridge readout on a fixed feature map: the saddle-point equations of the
 * Gaussian covariate model (docs/science/chmm.md, "Theory"), for two Gaussian
 * surrogates of the features:
 *   'sign'  — features jointly Gaussian with the teacher's latent field ν, label sign(ν);
 *   'label' — features Gaussian given the label: v = μ y + g with μ = E[v y]
 *             (a two-cluster mixture; the teacher "feature" is the label itself,
 *             k = 1, ρ = 1, κ = 1 − 2η, test error ½ erfc(m/√(2(q − m²)))).
 * Learned features are sign-like functions of ν; the 'label' surrogate keeps that
 * and lands on the simulations at N = 50, the 'sign' one sits ≈ 0.025 above
 * them (docs/science/chmm.md, "Diagnosis"). Input is the spectral data of one (feature map, target task) pair,
 * computed once (`spectrum`); each (α, λ, η) then re-solves in O(p) per
 * iteration, which is what keeps slider moves under a frame.
 */
import { Matrix, symmetricEigen } from '../../core/linalg';
import { erf } from './mathUtil';

/** erfc without cancellation for large positive x (tail of the error). */
function erfc(x: number): number {
  if (x < 3) return 1 - erf(x);
  // asymptotic series, relative error < 1e-4 for x ≥ 3
  const x2 = x * x;
  return (Math.exp(-x2) / (x * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x2) + 3 / (4 * x2 * x2));
}

/** Everything the equations need from Ω = E[vvᵀ] (p×p), b = Φθ_t and ρ. */
export interface Spectrum {
  /** Student dimension p = K. */
  p: number;
  /** Teacher dimension k = D_t. */
  k: number;
  /** Eigenvalues ω_i of Ω. */
  omega: Float64Array;
  /** t_i = (Uᵀ b)_i², b = Φ θ_t (fixed teacher, never teacher-averaged: docs/science/chmm.md, Theory). */
  t: Float64Array;
  /** ρ = |θ_t|²/k, the realised value (docs/science/chmm.md, Reference numbers); 1 for the 'label' surrogate. */
  rho: number;
  /** Which Gaussian surrogate (see above); default 'sign'. */
  teacher?: 'sign' | 'label';
}

/** Eigendecompose Ω once and project b on its eigenvectors. */
export function spectrum(
  Omega: Float64Array,
  b: Float64Array,
  p: number,
  k: number,
  rho: number,
  teacher: 'sign' | 'label' = 'sign',
): Spectrum {
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
  return { p, k, omega, t, rho, teacher };
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
export function solveRidge(
  sp: Spectrum,
  knobs: RidgeKnobs,
  opts: { tol?: number; maxIter?: number; damping?: number } = {},
): RidgeSolution {
  const { omega, t, p, k, rho } = sp;
  const { alphaP, lambda } = knobs;
  const eta = knobs.eta ?? 0;
  const tol = opts.tol ?? 1e-8;
  const maxIter = opts.maxIter ?? 2000;
  const damp = opts.damping ?? 0.5;
  const gamma = k / p;
  const sg = Math.sqrt(gamma);
  const label = sp.teacher === 'label';
  // κ = E[y ν]/ρ: for a sign teacher on Gaussian ν, √(2/(πρ)); when the teacher is the label, 1.
  const kappa = (1 - 2 * eta) * (label ? 1 : Math.sqrt(2 / (Math.PI * rho)));
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
  let error: number;
  if (label) {
    // ω = m y + N(0, q − m²) on a clean test label y = ±1.
    const s2 = q - m * m;
    error = q > 0 && Number.isFinite(m) ? (s2 > 0 ? 0.5 * erfc(m / Math.sqrt(2 * s2)) : m > 0 ? 0 : 1) : NaN;
  } else {
    const c = m / Math.sqrt(rho * q);
    error = q > 0 && Number.isFinite(c) ? Math.acos(Math.max(-1, Math.min(1, c))) / Math.PI : NaN;
  }
  return { error, V, q, m, iterations: it, converged };
}
