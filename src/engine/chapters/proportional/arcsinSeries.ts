/**
 * The source–target kernel projected on the source eigenvectors, K_ts U and
 * K_0s U, for many couplings at once. Its γ-dependence sits in the arcsine's
 * argument t_ij = 2c ρ_i(a) · σ_j g_ij (ρ_i = 1/√(1+2a n_i) on the target side,
 * σ_j = 1/√(1+2b n_j) fixed on the source side), so the series
 *   (2/π) arcsin t = (2/π) Σ_m β_m t^{2m+1},  β_m = (2m)! / (4^m (m!)² (2m+1)),
 * splits it into γ-independent matrices H_m = [(σ_j g_ij)^{2m+1}] U (computed
 * once per dataset) and per-γ row weights (2cρ_i)^{2m+1}: a new γ then costs
 * O(P Ps · terms) instead of the O(P Ps²) projection. Source–target points are
 * distinct, so |t| stays well below 1 and few terms are needed; when it does
 * not, the caller projects directly.
 */
import { matmul } from '../../core/dense';

/** Largest |t| for which the series is used, and the truncation error aimed at. */
const T_MAX = 0.8;
const TOL = 1e-10;
const MAX_TERMS = 40;

export function arcsinCoefficient(m: number): number {
  let b = 1;
  for (let k = 1; k <= m; k++) b *= ((2 * k - 1) * (2 * k - 1)) / (2 * k * (2 * k + 1));
  return b;
}

/** Terms needed so that β_M t^{2M+1}/(1 − t²) < TOL. */
export function termsFor(t: number): number {
  for (let M = 1; M <= MAX_TERMS; M++) if ((arcsinCoefficient(M) * t ** (2 * M + 1)) / (1 - t * t) < TOL) return M;
  return MAX_TERMS + 1;
}

export class ProjectedArcsin {
  private readonly base: Float64Array;
  private readonly base2: Float64Array;
  private power: Float64Array;
  private readonly terms: Float64Array[] = [];
  /** max_ij |σ_j g_ij|. */
  readonly bound: number;

  /** `gram` rows × Ps (x_i·x_j/N0), source norms → σ_j with source variance b; U is Ps×Ps. */
  constructor(
    gram: Float64Array,
    private readonly rows: number,
    normsSrc: Float64Array,
    b: number,
    private readonly U: Float64Array,
    private readonly Ps: number,
  ) {
    const sigma = normsSrc.map((n) => 1 / Math.sqrt(1 + 2 * b * n));
    this.base = new Float64Array(rows * Ps);
    let bound = 0;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < Ps; j++) {
        const v = gram[i * Ps + j] * sigma[j];
        this.base[i * Ps + j] = v;
        bound = Math.max(bound, Math.abs(v));
      }
    this.bound = bound;
    this.base2 = this.base.map((x) => x * x);
    this.power = Float64Array.from(this.base);
  }

  /** Whether the series converges fast enough for row weights 2cρ_i ≤ `scale`. */
  usable(scale: number): boolean {
    const t = scale * this.bound;
    return t < T_MAX && termsFor(t) <= MAX_TERMS;
  }

  private term(m: number): Float64Array {
    while (this.terms.length <= m) {
      if (this.terms.length > 0) for (let i = 0; i < this.power.length; i++) this.power[i] *= this.base2[i];
      this.terms.push(matmul(this.power, this.U, this.rows, this.Ps, this.Ps));
    }
    return this.terms[m];
  }

  /** (K U) with K_ij = (2/π) arcsin(w_i σ_j g_ij), w_i = 2c ρ_i the per-row weights. */
  project(w: Float64Array): Float64Array {
    let wmax = 0;
    for (const x of w) wmax = Math.max(wmax, Math.abs(x));
    const M = termsFor(wmax * this.bound);
    const out = new Float64Array(this.rows * this.Ps);
    const wp = Float64Array.from(w); // w^{2m+1}, starting at m = 0
    const w2 = w.map((x) => x * x);
    for (let m = 0; m < M; m++) {
      const H = this.term(m);
      const beta = (2 / Math.PI) * arcsinCoefficient(m);
      for (let i = 0; i < this.rows; i++) {
        const f = beta * wp[i];
        const o = i * this.Ps;
        for (let k = 0; k < this.Ps; k++) out[o + k] += f * H[o + k];
        wp[i] *= w2[i];
      }
    }
    return out;
  }
}
