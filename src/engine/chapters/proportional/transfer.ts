/**
 * The target network coupled to a quenched source (docs/science/proportional.md (P11)–(P17)): the
 * stationary point of the single-instance action Φ(u, v, z) in the order
 * parameters u = Q_t, v = Q_tt, z = Q_st, and the resulting predictor and
 * posterior-averaged test error.
 *
 *   A(u,v) = (u K_tt − v K_off)/λ1 + T I,   r = y_t − (z/λ1) μ,
 *   Σ_g    = (v/λ1) K_off − (z/λ1)² M,      d = u − v,
 *   z*     = [μᵀA⁻¹y_t/(N1λ1)] / [1/(Q_s d) + (μᵀA⁻¹μ − Tr A⁻¹M)/(N1λ1²)],
 *   ∂_uΦ = −v/d² − 1 + 1/d + z²/(Q_s d²) − [Tr A⁻¹K_tt − rᵀA⁻¹K_ttA⁻¹r − Tr A⁻¹Σ_gA⁻¹K_tt]/(λ1N1) = 0,
 *   ∂_vΦ =  u/d² − 1/d − z²/(Q_s d²) − [rᵀA⁻¹K_offA⁻¹r + Tr A⁻¹Σ_gA⁻¹K_off]/(λ1N1) = 0.
 *
 * The point is a saddle (max in u, min in v), so it is found as a root, by
 * Newton's method in (log d, v) with a finite-difference Jacobian and
 * backtracking (steps that make A indefinite are halved), warm-started by the
 * caller along a continuation path.
 */
import {
  choleskyInPlace,
  cholInverse,
  dotFrom,
  dotv,
  matvec,
  quad,
  sandwichTraces,
  traceProdSym,
} from '../../core/dense';

export interface TargetProblem {
  n: number;
  Ktt: Float64Array;
  Koff: Float64Array;
  /** μ = K_ts G⁻¹ y_s (transferred source fit on the target inputs). */
  mu: Float64Array;
  /** M = K_ts G⁻¹ K_st. */
  M: Float64Array;
  y: Float64Array;
  Qs: number;
  lam1: number;
  T: number;
  N1: number;
}

export interface Stationary {
  u: number;
  v: number;
  z: number;
  converged: boolean;
  residual: number;
  iterations: number;
  /** Evaluations of Φ's gradient spent (each one P_t×P_t Cholesky, inverse and two products). */
  evaluations: number;
  /** Jacobian of (∂_uΦ, ∂_vΦ) in (log d, v) at the solution (Broyden estimate): a warm start for a nearby solve. */
  J: number[] | null;
  /** A(u, v)⁻¹ at the solution, from its last evaluation: the test error reuses it instead of factorising A again. */
  Ainv?: Float64Array;
}

/** A starting point; with `J`, the Jacobian of a nearby solve, Newton starts without finite differences. */
export interface WarmStart {
  u: number;
  v: number;
  J?: number[] | null;
}

interface Eval {
  Fu: number;
  Fv: number;
  z: number;
  Ainv: Float64Array;
}

export function evaluate(pb: TargetProblem, u: number, v: number): Eval | null {
  const { n, Ktt, Koff, mu, M, y, Qs, lam1, N1 } = pb;
  const d = u - v;
  if (!(d > 0) || !Number.isFinite(u) || !Number.isFinite(v)) return null;
  const Ainv = inverseA(pb, u, v);
  if (!Ainv) return null;
  const ay = matvec(Ainv, y, n, n);
  const amu = matvec(Ainv, mu, n, n);
  const trAM = traceProdSym(Ainv, M);
  const den = 1 / (Qs * d) + (dotv(mu, amu) - trAM) / (N1 * lam1 * lam1);
  const z = den !== 0 ? dotv(mu, ay) / (N1 * lam1) / den : 0;
  const zl = z / lam1;
  const ar = ay.map((x, i) => x - zl * amu[i]);
  const Sg = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) Sg[i] = (v / lam1) * Koff[i] - zl * zl * M[i];
  // Tr(A⁻¹Σ_gA⁻¹K) for K = K_tt, K_off, without forming A⁻¹Σ_gA⁻¹ whole.
  const [sTT, sOff] = sandwichTraces(Ainv, Sg, [Ktt, Koff], n);
  const c = 1 / (lam1 * N1);
  const Fu =
    -v / (d * d) - 1 + 1 / d + (z * z) / (Qs * d * d) - c * (traceProdSym(Ainv, Ktt) - quad(ar, Ktt, ar, n) - sTT);
  const Fv = u / (d * d) - 1 / d - (z * z) / (Qs * d * d) - c * (quad(ar, Koff, ar, n) + sOff);
  return { Fu, Fv, z, Ainv };
}

const TOL = 1e-8;

/** Finite-difference Jacobian of F in (s, v) at the current point `cur`; null where a probe is infeasible. */
function fdJacobian(at: (u: number, v: number) => Eval | null, s: number, v: number, cur: Eval): number[] | null {
  const hs = 1e-6;
  const hv = 1e-6 * Math.max(1, Math.abs(v));
  const es = at(Math.exp(s + hs) + v, v);
  const ev = at(Math.exp(s) + v + hv, v + hv);
  if (!es || !ev) return null;
  return [(es.Fu - cur.Fu) / hs, (ev.Fu - cur.Fu) / hv, (es.Fv - cur.Fv) / hs, (ev.Fv - cur.Fv) / hv];
}

/**
 * The Newton step −J⁻¹F in (s, v), limited to a factor e in d and a unit in v (the order parameters are O(1));
 * null where J is singular.
 */
function newtonStep(J: number[], F: Pick<Eval, 'Fu' | 'Fv'>): [number, number] | null {
  const [J11, J12, J21, J22]: number[] = J;
  const det = J11 * J22 - J12 * J21;
  if (!Number.isFinite(det) || det === 0) return null;
  let ds: number = -(J22 * F.Fu - J12 * F.Fv) / det;
  let dv: number = -(-J21 * F.Fu + J11 * F.Fv) / det;
  const big = Math.max(Math.abs(ds), Math.abs(dv));
  if (big > 1) {
    ds /= big;
    dv /= big;
  }
  return [ds, dv];
}

/** Broyden's rank-one update of J with the change of F observed over the step (xs, xv). */
function broyden(J: number[], cur: Pick<Eval, 'Fu' | 'Fv'>, next: Pick<Eval, 'Fu' | 'Fv'>, xs: number, xv: number) {
  const dFu: number = next.Fu - cur.Fu - (J[0] * xs + J[1] * xv);
  const dFv: number = next.Fv - cur.Fv - (J[2] * xs + J[3] * xv);
  const nx: number = xs * xs + xv * xv;
  return [J[0] + (dFu * xs) / nx, J[1] + (dFu * xv) / nx, J[2] + (dFv * xs) / nx, J[3] + (dFv * xv) / nx];
}

export function solveStationary(pb: TargetProblem, init: WarmStart, maxIter = 40): Stationary {
  let evaluations = 0;
  const at = (u: number, v: number) => {
    evaluations++;
    return evaluate(pb, u, v);
  };
  let s = Math.log(Math.max(1e-8, init.u - init.v));
  let v = init.v;
  let cur = at(Math.exp(s) + v, v);
  if (!cur) {
    // The warm start is infeasible (A indefinite): fall back to the uncoupled guess.
    s = 0;
    v = 0;
    cur = at(1, 0);
    if (!cur)
      return { u: NaN, v: NaN, z: NaN, converged: false, residual: Infinity, iterations: 0, evaluations, J: null };
  }
  let norm = Math.hypot(cur.Fu, cur.Fv);
  let it = 0;
  // Jacobian in (s, v): the warm start's if given, else finite differences; then Broyden rank-one
  // updates (one evaluation per iteration); refreshed by finite differences when a step does not help.
  let J: number[] | null = init.J && init.J.every(Number.isFinite) ? [...init.J] : null;
  let fresh = false;
  for (; it < maxIter && norm > TOL; it++) {
    if (!J) {
      J = fdJacobian(at, s, v, cur);
      fresh = true;
      if (!J) break;
    }
    const step = newtonStep(J, cur);
    if (!step) {
      if (fresh) break;
      J = null;
      continue;
    }
    const [ds, dv] = step;
    let accepted = false;
    for (let t = 1, k = 0; k < 30; k++, t /= 2) {
      const next = at(Math.exp(s + t * ds) + v + t * dv, v + t * dv);
      if (next) {
        const nn = Math.hypot(next.Fu, next.Fv);
        if (nn < norm) {
          const xs: number = t * ds;
          const xv: number = t * dv;
          J = broyden(J, cur, next, xs, xv);
          fresh = false;
          s += xs;
          v += xv;
          cur = next;
          norm = nn;
          accepted = true;
          break;
        }
      }
      if (!fresh && k >= 2) break; // a stale Jacobian: refresh it instead of shrinking further
    }
    if (!accepted) {
      if (fresh) break;
      J = null;
    }
  }
  return {
    u: Math.exp(s) + v,
    v,
    z: cur.z,
    converged: norm <= 1e-7,
    residual: norm,
    iterations: it,
    evaluations,
    J,
    Ainv: cur.Ainv,
  };
}

/** Test-side kernel blocks for one coupling (rows = test points, columns = target training points). */
export interface TestBlocks {
  Pte: number;
  K0t: Float64Array;
  K0off: Float64Array;
  k00tt: Float64Array;
  k00off: Float64Array;
  /** m_0 = K_0s G⁻¹ y_s. */
  m0: Float64Array;
  /** K_0s G⁻¹ K_st (Pte × n). */
  B0: Float64Array;
  /** diag K_0s G⁻¹ K_s0. */
  d0: Float64Array;
  yte: Float64Array;
}

export interface TestError {
  /** Posterior-averaged test loss ⟨(y0 − f)²⟩ = ε_mean + ⟨variance⟩ (the quantity Langevin measures). */
  eg: number;
  /** Error of the posterior-mean predictor. */
  emean: number;
}

/**
 * Predictor f̄(x0) = m_g(x0) + k_ξ(x0)ᵀA⁻¹(y_t − m_g(X_t)) and its variance
 * var_fresh + var_g (docs/science/proportional.md (P15)–(P17)), averaged over the test points.
 */
/** A(u, v)⁻¹, or null where A is not positive definite. */
function inverseA(pb: TargetProblem, u: number, v: number): Float64Array | null {
  const { n, Ktt, Koff, lam1, T } = pb;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) A[i] = (u * Ktt[i] - v * Koff[i]) / lam1;
  for (let i = 0; i < n; i++) A[i * n + i] += T;
  return choleskyInPlace(A, n) ? cholInverse(A, n) : null;
}

export function testError(
  pb: TargetProblem,
  sol: { u: number; v: number; z: number; Ainv?: Float64Array },
  tb: TestBlocks,
): TestError {
  const { n, Koff, mu, M, y, lam1 } = pb;
  const { u, v, z } = sol;
  if (!Number.isFinite(u + v + z)) return { eg: NaN, emean: NaN };
  const Ainv = sol.Ainv ?? inverseA(pb, u, v);
  if (!Ainv) return { eg: NaN, emean: NaN };
  const zl = z / lam1;
  const r = y.map((x, i) => x - zl * mu[i]);
  const ar = matvec(Ainv, r, n, n);
  const Sg = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) Sg[i] = (v / lam1) * Koff[i] - zl * zl * M[i];
  // Rows k_t of the test–train kernel and s_t of the test–train Σ_g block.
  const Pte = tb.Pte;
  const Kt = new Float64Array(Pte * n);
  const St = new Float64Array(Pte * n);
  for (let i = 0; i < Pte * n; i++) {
    Kt[i] = (u * tb.K0t[i] - v * tb.K0off[i]) / lam1;
    St[i] = (v / lam1) * tb.K0off[i] - zl * zl * tb.B0[i];
  }
  // H = A⁻¹ Kᵀ (n × Pte, column t is h_t = A⁻¹k_t), then Σ_t h_tᵀΣ_g h_t = Tr(Σ_g H Hᵀ):
  // Pte n² + Pte n²/2 multiply-adds instead of 2 Pte n² for the per-point products.
  const H = new Float64Array(n * Pte);
  for (let j = 0; j < n; j++) for (let t = 0; t < Pte; t++) H[j * Pte + t] = dotFrom(Ainv, j * n, Kt, t * n, 0, n);
  // Σ_g = 0 for the baselines (scratch, infinite width: v = z = 0), which skip this n² Pte/2 product.
  let sgQuad = 0;
  if (v !== 0 || z !== 0)
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) sgQuad += (i === j ? 1 : 2) * Sg[i * n + j] * dotFrom(H, i * Pte, H, j * Pte, 0, Pte);
  let se = 0;
  let sv = sgQuad;
  for (let t = 0; t < Pte; t++) {
    const o = t * n;
    let kh = 0;
    let sh = 0;
    for (let j = 0; j < n; j++) {
      const h = H[j * Pte + t];
      kh += Kt[o + j] * h;
      sh += St[o + j] * h;
    }
    const fbar = zl * tb.m0[t] + dotFrom(Kt, o, ar, 0, 0, n);
    const varFresh = (u * tb.k00tt[t] - v * tb.k00off[t]) / lam1 - kh;
    const sg00 = (v / lam1) * tb.k00off[t] - zl * zl * tb.d0[t];
    se += (tb.yte[t] - fbar) ** 2;
    sv += varFresh + sg00 - 2 * sh;
  }
  return { emean: se / tb.Pte, eg: (se + sv) / tb.Pte };
}
