/**
 * Closed-form excess risks of the deep-linear transfer model in the
 * proportional limit (d, n_t → ∞, γ = n_t/d fixed). docs/science/linear.md (L4)–(L15); the
 * scratch, linear-transfer and fine-tuning formulas match the authors' plotting
 * code, the finite-source statistics and the ridge with feature scale are ours.
 * Risk R = ||b̂ − b_t||² (test MSE minus σ²); transferability T = R_scratch − R_protocol.
 */

export interface LinearModel {
  /** Angle between b_s and b_t, degrees. */
  theta: number;
  gamma: number;
  sigma: number;
  lam: number;
  source: string;
  gamma_s: number;
  sigma_s: number;
  t: number;
  L: number;
}

export interface Risks {
  scratch: number;
  transfer: number;
  finetune: number;
}

export const rad = (deg: number) => (deg * Math.PI) / 180;

/** Min-norm least squares on isotropic data: ||b||²(1−γ) + σ²γ/(1−γ) below γ = 1, σ²/(γ−1) above. */
export function scratchRisk(gamma: number, sigma: number, norm2: number): number {
  if (gamma < 1) return norm2 * (1 - gamma) + (sigma * sigma * gamma) / (1 - gamma);
  if (gamma > 1) return (sigma * sigma) / (gamma - 1);
  return sigma > 0 ? Infinity : 0;
}

/**
 * The same min-norm least squares at finite size: n samples in d dimensions with Gaussian inputs. The bias
 * ||b||²(1 − n/d) is exact (projection on a uniformly random n-dimensional subspace) and so is the noise term,
 * σ² E tr((XXᵀ)⁻¹) = σ² n/(d − n − 1) below the threshold and σ² d/(n − d − 1) above (inverse-Wishart
 * means). Infinite for |n − d| ≤ 1. Near γ = 1 this sits above the d → ∞ curve by
 * σ²γ/((1−γ)(d(1−γ)−1)) (resp. σ²/((γ−1)(d(γ−1)−1))): that is the finite-size band of the curves figure.
 */
export function scratchRiskFinite(n: number, d: number, sigma: number, norm2: number): number {
  const s2 = sigma * sigma;
  if (n < d - 1) return norm2 * (1 - n / d) + (s2 * n) / (d - n - 1);
  if (n > d + 1) return (s2 * d) / (n - d - 1);
  return n < d ? (s2 > 0 ? Infinity : norm2 * (1 - n / d)) : s2 > 0 ? Infinity : 0;
}

/** q = ||b̂_s||², p = b_t·b̂_s of the pretrained vector. */
export function sourceStats(m: LinearModel): { q: number; p: number } {
  const cos = Math.cos(rad(m.theta));
  if (m.source !== 'finite') return { q: 1, p: m.t * cos };
  const gs = m.gamma_s;
  const ss2 = m.sigma_s * m.sigma_s;
  if (gs < 1) return { q: gs + (ss2 * gs) / (1 - gs), p: gs * m.t * cos };
  if (gs > 1) return { q: 1 + ss2 / (gs - 1), p: m.t * cos };
  return { q: ss2 > 0 ? Infinity : 1, p: m.t * cos };
}

/** Linear transfer: a single ridge-fitted scalar on the one pretrained feature (independent of γ in the limit). */
export function transferRisk(m: LinearModel): number {
  const { q, p } = sourceStats(m);
  if (!Number.isFinite(q)) return m.t * m.t;
  const rho2 = (p * p) / q;
  const s2 = Math.pow(q, (m.L - 1) / m.L);
  return m.t * m.t - (rho2 * s2 * (s2 + 2 * m.lam)) / ((s2 + m.lam) * (s2 + m.lam));
}

/** Finite-n_t correction to linear transfer (ours; λ = 0, one-dimensional OLS with Gaussian design). */
export function transferFiniteCorrection(m: LinearModel, nT: number): number {
  if (nT <= 2) return NaN;
  const { q, p } = sourceStats(m);
  const rho2 = (p * p) / q;
  return (m.t * m.t - rho2 + m.sigma * m.sigma) / (nT - 2);
}

/** Fine-tuning: the interpolator closest to the pretrained vector; error D² = ||b_t − b̂_s||² is scratch's ||b_t||². */
export function finetuneRisk(m: LinearModel): number {
  const { q, p } = sourceStats(m);
  const D2 = m.t * m.t - 2 * p + q;
  return scratchRisk(m.gamma, m.sigma, D2);
}

/**
 * Fine-tuning as gradient descent on the pretrained network runs it (docs/science/linear.md (L15), ours): a balanced
 * depth-L network moves its product b by −η ‖b‖^{2(L−1)/L} (I + (L−1) uuᵀ) ∇_b, L times faster along its learned
 * direction u than across it. While u stays put, GD stops at the interpolator closest to b̂_s in the metric of
 * (I + (L−1)uuᵀ)⁻¹; with r = b_t − b̂_s = r_u u + r_⊥, k = γ/(1−γ) and κ = L, its d → ∞ error is
 * (1−γ)‖r_⊥‖² + r_u²(1+k)/(1+κk)² + σ²k below γ = 1 (κ = 1 is finetuneRisk); above, least squares as scratch.
 * Exact only while the change stays along u (a rescaled teacher); a rotated target turns u as it trains.
 */
export function finetuneRiskGd(m: LinearModel): number {
  if (m.gamma >= 1) return scratchRisk(m.gamma, m.sigma, 0);
  const { q, p } = sourceStats(m);
  if (!(q > 0) || !Number.isFinite(q)) return finetuneRisk(m);
  const D2 = m.t * m.t - 2 * p + q;
  const ru = p / Math.sqrt(q) - Math.sqrt(q);
  const perp2 = Math.max(0, D2 - ru * ru);
  const k = m.gamma / (1 - m.gamma);
  const kappa = m.L;
  return (1 - m.gamma) * perp2 + (ru * ru * (1 + k)) / (1 + kappa * k) ** 2 + m.sigma * m.sigma * k;
}

export function risks(m: LinearModel): Risks {
  return { scratch: scratchRisk(m.gamma, m.sigma, m.t * m.t), transfer: transferRisk(m), finetune: finetuneRisk(m) };
}

/** T = R_scratch − R_protocol; +∞ − +∞ at the γ = 1 peak is reported as 0 for fine-tuning (both diverge alike). */
export function transferability(m: LinearModel, protocol: 'transfer' | 'finetune'): number {
  const r = risks(m);
  if (protocol === 'finetune') {
    if (m.gamma >= 1) return 0;
    return r.scratch - r.finetune;
  }
  return r.scratch - r.transfer;
}

/** Divergences between the two joint laws of (x, y) (equal noise σ, same x law): functions of ||b_t − b_s||/σ only. */
export function divergences(distance: number, sigma: number): { kl: number; hellinger2: number } {
  if (sigma <= 0) return { kl: distance > 0 ? Infinity : 0, hellinger2: distance > 0 ? 1 : 0 };
  const r2 = (distance * distance) / (sigma * sigma);
  return { kl: r2 / 2, hellinger2: 1 - Math.pow(1 + r2 / 4, -0.5) };
}

/** ||b_t − b_s|| for b_t = t (cos θ b_s + sin θ b_⊥), unit b_s. */
export function teacherDistance(theta: number, t: number): number {
  return Math.sqrt(Math.max(0, t * t - 2 * t * Math.cos(rad(theta)) + 1));
}
