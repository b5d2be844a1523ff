/**
 * L2-logistic readout on fixed features (docs/science/chmm.md, Protocols; a logistic loss):
 * w = argmin Σ_μ log(1 + exp(−y_μ w·φ_μ)) + (λ/2)|w|².
 * The objective is strictly convex: Newton's method (IRLS) with a backtracking
 * line search reaches machine precision in a handful of K×K solves (float64).
 */
import { Matrix, solveSpd } from '../../core/linalg';

/** log(1 + e^{−m}) without overflow. */
function softplusNeg(m: number): number {
  return m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
}

/** The fit's data: P feature rows of length K (row-major), their ±1 labels and the ridge λ. */
export interface LogisticData {
  Phi: Float64Array;
  P: number;
  K: number;
  y: ArrayLike<number>;
  lam: number;
}

/** w·φ_μ, summed in feature order. */
function margin(w: Float64Array, { Phi, K }: LogisticData, mu: number): number {
  let m = 0;
  for (let k = 0; k < K; k++) m += w[k] * Phi[mu * K + k];
  return m;
}

export function logisticObjective(w: Float64Array, d: LogisticData): number {
  let f = 0;
  for (let mu = 0; mu < d.P; mu++) f += softplusNeg(d.y[mu] * margin(w, d, mu));
  let r = 0;
  for (let k = 0; k < d.K; k++) r += w[k] * w[k];
  return f + 0.5 * d.lam * r;
}

/** Gradient of the objective (exported for tests: it vanishes at the solution). */
export function logisticGradient(w: Float64Array, d: LogisticData): Float64Array {
  const { Phi, K, y } = d;
  const g = Float64Array.from(w, (v) => d.lam * v);
  for (let mu = 0; mu < d.P; mu++) {
    const s = -y[mu] / (1 + Math.exp(y[mu] * margin(w, d, mu))); // d/dm log(1+e^{−y m})
    for (let k = 0; k < K; k++) g[k] += s * Phi[mu * K + k];
  }
  return g;
}

export function logisticReadout(
  Phi: Float64Array,
  P: number,
  K: number,
  y: ArrayLike<number>,
  lam: number,
  maxIter = 50,
): Float64Array {
  const data: LogisticData = { Phi, P, K, y, lam };
  let w = new Float64Array(K);
  let f = logisticObjective(w, data);
  for (let it = 0; it < maxIter; it++) {
    const g = logisticGradient(w, data);
    let gn = 0;
    for (const v of g) gn += v * v;
    if (Math.sqrt(gn) < 1e-10 * Math.max(1, P)) break;
    // Hessian Φᵀ D Φ + λ I with D = σ(m)(1 − σ(m)).
    const H = Matrix.eye(K).mul(lam);
    for (let mu = 0; mu < P; mu++) {
      const sg = 1 / (1 + Math.exp(-margin(w, data, mu)));
      const d = sg * (1 - sg);
      if (d < 1e-300) continue;
      for (let a = 0; a < K; a++) {
        const pa = d * Phi[mu * K + a];
        if (pa === 0) continue;
        for (let b = a; b < K; b++) H.set(a, b, H.get(a, b) + pa * Phi[mu * K + b]);
      }
    }
    for (let a = 0; a < K; a++) for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
    const step = solveSpd(H, Matrix.columnVector(Array.from(g))).getColumn(0);
    // Backtracking: Newton steps can overshoot far from the optimum when the data are nearly separable.
    let t = 1;
    for (;;) {
      const trial = Float64Array.from(w, (v, k) => v - t * step[k]);
      const ft = logisticObjective(trial, data);
      if (ft <= f - 1e-4 * t * step.reduce((s, v, k) => s + v * g[k], 0) || t < 1e-8) {
        w = trial;
        const done = Math.abs(f - ft) < 1e-14 * Math.max(1, Math.abs(f));
        f = ft;
        if (done) return w;
        break;
      }
      t /= 2;
    }
  }
  return w;
}
