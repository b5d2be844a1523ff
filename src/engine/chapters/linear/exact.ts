/**
 * The exact estimators (docs/science/linear.md, Simulation as implemented): the vectors that gradient
 * descent from a small initialisation converges to, computed in float64.
 *   scratch  = min-norm least squares pinv(X) y
 *   transfer = one-feature ridge on z = s (X u), u = b̂_s/|b̂_s|, s² = |b̂_s|^{2(L−1)/L}
 *   finetune = b̂_s + pinv(X)(y − X b̂_s)   (the interpolator closest to b̂_s)
 */
import { SingularValueDecomposition } from 'ml-matrix';
import { fromFlat, column, toVector, minNormLeastSquares, solveSpd, Matrix } from '../../core/linalg';
import type { Dataset } from './data';

export function minNorm(ds: Dataset): Float64Array {
  return toVector(minNormLeastSquares(fromFlat(ds.X, ds.n, ds.d), column(ds.y)));
}

export function exactScratch(ds: Dataset): Float64Array {
  return minNorm(ds);
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

/** Singular values below this fraction of the largest are what is left of the 1e-5 initialisation, not learned features. */
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
