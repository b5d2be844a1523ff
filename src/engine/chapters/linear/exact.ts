/**
 * The exact estimators (docs/science/linear.md, Simulation as implemented): the vectors that gradient
 * descent from a small initialisation converges to, computed in float64.
 *   scratch  = min-norm least squares pinv(X) y
 *   transfer = one-feature ridge on z = s (X u), u = b̂_s/|b̂_s|, s² = |b̂_s|^{2(L−1)/L}
 *   finetune = b̂_s + pinv(X)(y − X b̂_s)   (the interpolator closest to b̂_s)
 */
import { SingularValueDecomposition } from 'ml-matrix';
import { fromFlat, column, toVector, minNormLeastSquares, solveSpd, Matrix } from '../../core/linalg';
import { cholSolve, choleskyInPlace } from '../../core/dense';
import type { Dataset } from './data';

/** Min-norm least squares X⁺y: Xᵀ(XXᵀ)⁻¹y below n = d, (XᵀX)⁻¹Xᵀy from n = d (Gram matrices formed directly). */
export function minNorm(ds: Dataset): Float64Array {
  const { X, y, n, d } = ds;
  if (n < d) {
    const c = Float64Array.from(y);
    cholSolveInPlace(rowGram(X, n, d), n, [c]);
    const b = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) b[j] += X[i * d + j] * c[i];
    return b;
  }
  const g = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j] += X[i * d + j] * y[i];
  cholSolveInPlace(columnGram(X, n, d), d, [g]);
  return g;
}

/** Scratch through the library's least squares: the reference the shared-draw path is tested against. */
export function exactScratch(ds: Dataset): Float64Array {
  return toVector(minNormLeastSquares(fromFlat(ds.X, ds.n, ds.d), column(ds.y)));
}

export function exactFinetune(ds: Dataset, bsHat: Float64Array): Float64Array {
  const X = fromFlat(ds.X, ds.n, ds.d);
  const resid = column(ds.y).sub(X.mmul(column(bsHat)));
  const delta = toVector(minNormLeastSquares(X, resid));
  return bsHat.map((v, i) => v + delta[i]);
}

export function exactTransfer(ds: Dataset, bsHat: Float64Array, lam: number, L: number): Float64Array {
  const q = bsHat.reduce((s, v) => s + v * v, 0);
  if (q === 0) return new Float64Array(ds.d);
  const u = bsHat.map((v) => v / Math.sqrt(q));
  const s = Math.sqrt(Math.pow(q, (L - 1) / L));
  const z = toVector(fromFlat(ds.X, ds.n, ds.d).mmul(column(u))).map((v) => s * v);
  let zy = 0;
  let zz = 0;
  for (let i = 0; i < ds.n; i++) {
    zy += z[i] * ds.y[i];
    zz += z[i] * z[i];
  }
  const c = zy / (zz + ds.n * lam);
  return u.map((v) => s * c * v);
}

/**
 * Singular values below this fraction of the largest are what is left of the 1e-5 initialisation, not learned features.
 */
export const LEARNED_RCOND = 1e-3;

/**
 * Ridge readout on the frozen layers' learned features: with M = U Σ Vᵀ (M = product of the frozen
 * layers), keep the directions whose singular value is above LEARNED_RCOND·σ_max, fit
 * a = (ZᵀZ + n λ I)⁻¹ Zᵀ y on Z = X U_k Σ_k and return b̂ = U_k Σ_k a. Without the cut, a readout at
 * λ ≈ 0 would fit the labels through the tiny random remainder of the initialisation (a d-dimensional
 * random-feature model), which is not the pretrained feature the theory is about; with it, any λ ≥ 0
 * is the one-feature ridge of docs/science/linear.md. For λ ≳ 0.01 the cut changes nothing measurable.
 */
export function ridgeReadout(ds: Dataset, M: Matrix, lam: number): Float64Array {
  const svd = new SingularValueDecomposition(M, { autoTranspose: true });
  const sv = svd.diagonal;
  const top = Math.max(...sv);
  const keep = sv.map((v, i) => (v > LEARNED_RCOND * top ? i : -1)).filter((i) => i >= 0);
  if (top === 0 || keep.length === 0) return new Float64Array(ds.d);
  const Uk = new Matrix(M.rows, keep.length);
  keep.forEach((i, c) => {
    for (let r = 0; r < M.rows; r++) Uk.set(r, c, svd.leftSingularVectors.get(r, i) * sv[i]);
  });
  const Z = fromFlat(ds.X, ds.n, ds.d).mmul(Uk);
  const A = Z.transpose()
    .mmul(Z)
    .add(Matrix.eye(keep.length).mul(ds.n * lam));
  const a = solveSpd(A, Z.transpose().mmul(column(ds.y)));
  return toVector(Uk.mmul(a));
}

/** Least-squares minimum of the mean-squared training loss (0 when n ≤ d); GD stops when it gets within tolerance. */
export function leastSquaresMinimum(ds: Dataset): number {
  if (ds.n <= ds.d) return 0;
  const b = minNorm(ds);
  let s = 0;
  for (let i = 0; i < ds.n; i++) {
    let f = 0;
    for (let j = 0; j < ds.d; j++) f += ds.X[i * ds.d + j] * b[j];
    s += (f - ds.y[i]) ** 2;
  }
  return s / ds.n;
}

/**
 * One seed's target draw reduced to what the three exact estimators need for ANY angle θ, teacher norm t, noise
 * level σ, ridge λ and depth L (docs/science/linear.md, Simulation as implemented). The inputs X, the unit noise ε
 * and the teacher basis (b_s, b_⊥) do not depend on those, so a phase diagram's cells that share γ share one
 * factorisation. With a = X b_s, c = X b_⊥, h = X b̂_s, e = ε:
 *   n < d:  Q = [a c h e]ᵀ (XXᵀ)⁻¹ [a c h e] (4×4): scratch and fine-tuning errors are ‖r‖² − (Xr)ᵀ(XXᵀ)⁻¹(Xr)
 *           + σ² eᵀ(XXᵀ)⁻¹e, with r = b_t (scratch) or b_t − b̂_s (fine-tuning), because X⁺X projects on the row space;
 *   n ≥ d:  both are σ² ‖(XᵀX)⁻¹Xᵀe‖² (least squares is unbiased and fine-tuning reaches the same solution);
 *   linear transfer only needs h·a, h·c, h·e, h·h.
 * The same numbers as exactScratch / exactFinetune / exactTransfer on the assembled data (sim.test.ts checks it).
 */
export interface TargetDraw {
  /** X[0][0]: a cached draw is reused only for the same random stream. */
  check: number;
  n: number;
  d: number;
  /** n < d: the 4×4 quadratic forms (row-major, order a, c, h, e); empty otherwise. */
  Q: Float64Array;
  /** n ≥ d: ‖(XᵀX)⁻¹Xᵀe‖². */
  w: number;
  ha: number;
  hc: number;
  he: number;
  hh: number;
}

/** Dots of the pretrained vector with the teacher basis: b̂_s·b_s, b̂_s·b_⊥, ‖b̂_s‖². */
export interface SourceDots {
  s: number;
  p: number;
  q: number;
}

function rowGram(X: Float64Array, n: number, d: number): Float64Array {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      const oi = i * d;
      const oj = j * d;
      for (let k = 0; k < d; k++) s += X[oi + k] * X[oj + k];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  return G;
}

function columnGram(X: Float64Array, n: number, d: number): Float64Array {
  const H = new Float64Array(d * d);
  // Four samples at a time: a quarter of the passes over H (the loop is bound by memory traffic on H).
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    for (let a = 0; a < d; a++) {
      const x0 = X[o0 + a];
      const x1 = X[o1 + a];
      const x2 = X[o2 + a];
      const x3 = X[o3 + a];
      const r = a * d;
      for (let b = a; b < d; b++) H[r + b] += x0 * X[o0 + b] + x1 * X[o1 + b] + x2 * X[o2 + b] + x3 * X[o3 + b];
    }
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let a = 0; a < d; a++) {
      const xa = X[o + a];
      const r = a * d;
      for (let b = a; b < d; b++) H[r + b] += xa * X[o + b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[a * d + b] = H[b * d + a];
  return H;
}

/**
 * Solve A x = b for the symmetric positive definite m×m A (flat, row-major; overwritten by its Cholesky factor),
 * for each right-hand side in `rhs` (overwritten by the solution). Falls back to the library's solver when the
 * factorisation meets a non-positive pivot (A numerically singular).
 */
function cholSolveInPlace(A: Float64Array, m: number, rhs: Float64Array[]): void {
  const orig = Float64Array.from(A);
  if (!choleskyInPlace(A, m)) {
    for (const b of rhs) b.set(toVector(solveSpd(fromFlat(orig, m, m), column(b))));
    return;
  }
  for (const b of rhs) b.set(cholSolve(A, m, b));
}

export function targetDraw(
  X: Float64Array,
  e: Float64Array,
  n: number,
  d: number,
  bs: Float64Array,
  bp: Float64Array,
  bHat: Float64Array,
): TargetDraw {
  const mv = (v: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X[i * d + j] * v[j];
      out[i] = s;
    }
    return out;
  };
  const a = mv(bs);
  const c = mv(bp);
  const h = bHat === bs ? a : mv(bHat);
  const dotN = (u: Float64Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * v[i];
    return s;
  };
  const base = { check: X[0], n, d, ha: dotN(h, a), hc: dotN(h, c), he: dotN(h, e), hh: dotN(h, h) };
  if (n < d) {
    const vs = [a, c, h, e];
    const sol = vs.map((v) => Float64Array.from(v));
    cholSolveInPlace(rowGram(X, n, d), n, sol);
    const Q = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) Q[i * 4 + j] = dotN(vs[i], sol[j]);
    return { ...base, Q, w: NaN };
  }
  const g = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j] += X[i * d + j] * e[i];
  cholSolveInPlace(columnGram(X, n, d), d, [g]);
  return { ...base, Q: new Float64Array(0), w: g.reduce((s, x) => s + x * x, 0) };
}

/** Excess risks of the three exact estimators for one draw, at angle θ (degrees), norm t, noise σ, ridge λ, depth L. */
export function exactRisks(
  draw: TargetDraw,
  src: SourceDots,
  m: { theta: number; t: number; sigma: number; lam: number; L: number },
): { scratch: number; transfer: number; finetune: number } {
  const th = (m.theta * Math.PI) / 180;
  const ct = m.t * Math.cos(th);
  const st = m.t * Math.sin(th);
  const t2 = m.t * m.t;
  const s2 = m.sigma * m.sigma;
  let scratch: number;
  let finetune: number;
  if (draw.n < draw.d) {
    const Q = draw.Q;
    const form = (x: number[]) => {
      let s = 0;
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) s += x[i] * Q[i * 4 + j] * x[j];
      return s;
    };
    const noise = s2 * Q[15];
    scratch = t2 - form([ct, st, 0, 0]) + noise;
    const r2 = t2 - 2 * (ct * src.s + st * src.p) + src.q;
    finetune = r2 - form([ct, st, -1, 0]) + noise;
  } else {
    scratch = s2 * draw.w;
    finetune = scratch;
  }
  let transfer = t2;
  if (src.q > 0) {
    const sq = Math.sqrt(src.q);
    const s = Math.sqrt(Math.pow(src.q, (m.L - 1) / m.L));
    const zy = (s / sq) * (ct * draw.ha + st * draw.hc + m.sigma * draw.he);
    const zz = ((s * s) / src.q) * draw.hh;
    const coef = s * (zy / (zz + draw.n * m.lam));
    const ubt = (ct * src.s + st * src.p) / sq;
    transfer = coef * coef - 2 * coef * ubt + t2;
  }
  return { scratch, transfer, finetune };
}
