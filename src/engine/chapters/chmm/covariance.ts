/**
 * Gaussian-equivalent second moments of (student features v = g(Wx/√N),
 * teacher latents c) for one feature map W and one target task (docs/science/chmm.md, Theory):
 * Ω = E[v vᵀ] (K×K) and b = Φ θ_t = E[v (θ_t·c)] (K), plus ρ = |θ_t|²/D_t,
 * and μ = E[v y] (K), the class mean of the features given the clean label,
 * which the label-conditioned surrogate needs (docs/science/chmm.md, "Theory").
 * Two ways: Monte Carlo over M fresh target latents (docs/science/chmm.md, Theory),
 * and the analytic two-step linearisation (docs/science/chmm.md (C9), a fast preview: O(K·N·(N+K)),
 * no sampling).
 */
import type { Rng } from '../../core/rng';
import { sampleTask, type HmmTask } from './generator';
import { hiddenFeatures } from './twoLayerTs';
import { TANH_MOMENTS } from './mathUtil';

export interface Moments {
  K: number;
  D: number;
  /** K×K row-major. */
  Omega: Float64Array;
  /** Φ θ_t, length K. */
  b: Float64Array;
  /** μ = E[v y] with y = sign(θ_t·c), length K. */
  mu: Float64Array;
  rho: number;
}

function rhoOf(task: HmmTask): number {
  let s = 0;
  for (let j = 0; j < task.D; j++) s += task.theta[j] * task.theta[j];
  return s / task.D;
}

/** Monte Carlo estimate from M target samples (cost O(M·(D·N + N·K + K²))). */
export function mcMoments(W: Float64Array, K: number, task: HmmTask, M: number, rng: Rng): Moments {
  const { N, D, theta } = task;
  const { X, C } = sampleTask(task, M, rng);
  const V = hiddenFeatures(X, M, W, N, K);
  const Omega = new Float64Array(K * K);
  const b = new Float64Array(K);
  const mean = new Float64Array(K);
  for (let mu = 0; mu < M; mu++) {
    const vo = mu * K;
    let field = 0;
    for (let j = 0; j < D; j++) field += theta[j] * C[mu * D + j];
    const y = field >= 0 ? 1 : -1;
    for (let a = 0; a < K; a++) {
      const va = V[vo + a];
      b[a] += va * field;
      mean[a] += va * y;
      const row = a * K;
      for (let c = a; c < K; c++) Omega[row + c] += va * V[vo + c];
    }
  }
  for (let a = 0; a < K; a++) {
    b[a] /= M;
    mean[a] /= M;
    for (let c = a; c < K; c++) {
      const val = Omega[a * K + c] / M;
      Omega[a * K + c] = val;
      Omega[c * K + a] = val;
    }
  }
  return { K, D, Omega, b, mu: mean, rho: rhoOf(task) };
}

/**
 * Two-step linearisation: tanh(z) ≈ μ1 z + μ* ξ makes h = Wx/√N Gaussian with
 * C = (μ1² W FᵀF Wᵀ/D + μ*² W Wᵀ)/N and E[h cᵀ] = μ1 W Fᵀ/√(ND); the erf
 * hidden unit then has closed-form moments (arcsine kernel). With ν = θ·c/√D,
 * erf(h/√2) = E_z[sign(h − z)] gives E[g(h) sign(ν)] = (2/π) arcsin(E[hν]/√((1+C)ρ)).
 */
export function analyticMoments(W: Float64Array, K: number, task: HmmTask): Moments {
  const { N, D, F, theta } = task;
  const { mu1, muStar } = TANH_MOMENTS;
  // B = W Fᵀ (K×D)
  const B = new Float64Array(K * D);
  for (let a = 0; a < K; a++) {
    for (let j = 0; j < D; j++) {
      let s = 0;
      const wo = a * N;
      const fo = j * N;
      for (let i = 0; i < N; i++) s += W[wo + i] * F[fo + i];
      B[a * D + j] = s;
    }
  }
  const Cm = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let c = a; c < K; c++) {
      let bb = 0;
      for (let j = 0; j < D; j++) bb += B[a * D + j] * B[c * D + j];
      let ww = 0;
      const ao = a * N;
      const co = c * N;
      for (let i = 0; i < N; i++) ww += W[ao + i] * W[co + i];
      const val = ((mu1 * mu1 * bb) / D + muStar * muStar * ww) / N;
      Cm[a * K + c] = val;
      Cm[c * K + a] = val;
    }
  }
  const Omega = new Float64Array(K * K);
  const norm = new Float64Array(K);
  for (let a = 0; a < K; a++) norm[a] = Math.sqrt(1 + Cm[a * K + a]);
  for (let a = 0; a < K; a++) {
    for (let c = a; c < K; c++) {
      const r = Math.max(-1, Math.min(1, Cm[a * K + c] / (norm[a] * norm[c])));
      const val = (2 / Math.PI) * Math.asin(r);
      Omega[a * K + c] = val;
      Omega[c * K + a] = val;
    }
  }
  const b = new Float64Array(K);
  const mean = new Float64Array(K);
  const rho = rhoOf(task);
  const pref = (Math.sqrt(2 / Math.PI) * mu1) / Math.sqrt(N * D);
  for (let a = 0; a < K; a++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += B[a * D + j] * theta[j];
    b[a] = (pref * s) / norm[a];
    // E[h_a ν] = μ1 (W Fᵀ θ)_a / (√N D), ν = θ·c/√D
    const r = Math.max(-1, Math.min(1, (mu1 * s) / (Math.sqrt(N) * D) / (norm[a] * Math.sqrt(rho))));
    mean[a] = (2 / Math.PI) * Math.asin(r);
  }
  return { K, D, Omega, b, mu: mean, rho };
}
