/**
 * Dense linear algebra in float64 via ml-matrix (a maintained, tested library:
 * Cholesky, LU, QR, symmetric eigendecomposition, SVD). This file only adapts
 * it to the flat Float64Array vectors the engine passes around.
 */
import { Matrix, CholeskyDecomposition, LuDecomposition, EigenvalueDecomposition } from 'ml-matrix';

export { Matrix };

/** Row-major n×d matrix from a flat array. */
export function fromFlat(data: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
  return m;
}

export function column(v: ArrayLike<number>): Matrix {
  return Matrix.columnVector(Array.from(v));
}

export function toVector(m: Matrix): Float64Array {
  return Float64Array.from(m.to1DArray());
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm2(a: ArrayLike<number>): number {
  return dot(a, a);
}

/** Solve a symmetric positive definite system; falls back to LU when Cholesky fails. */
export function solveSpd(A: Matrix, b: Matrix): Matrix {
  const chol = new CholeskyDecomposition(A);
  if (chol.isPositiveDefinite()) return chol.solve(b);
  return new LuDecomposition(A).solve(b);
}

/**
 * Minimum-norm least-squares solution of X b = y (the limit of gradient descent
 * from zero): X^T (X X^T)^{-1} y when n < d, (X^T X)^{-1} X^T y otherwise.
 */
export function minNormLeastSquares(X: Matrix, y: Matrix): Matrix {
  const n = X.rows;
  const d = X.columns;
  if (n < d) {
    const gram = X.mmul(X.transpose());
    return X.transpose().mmul(solveSpd(gram, y));
  }
  const gram = X.transpose().mmul(X);
  return solveSpd(gram, X.transpose().mmul(y));
}

/** Eigendecomposition of a symmetric matrix: values ascending, vectors as columns. */
export function symmetricEigen(A: Matrix): { values: number[]; vectors: Matrix } {
  const e = new EigenvalueDecomposition(A, { assumeSymmetric: true });
  return { values: e.realEigenvalues, vectors: e.eigenvectorMatrix };
}

/** Largest eigenvalue of a symmetric PSD matrix by power iteration (cheap, enough for step sizes). */
export function largestEigenvalue(A: Matrix, iterations = 100, tol = 1e-10): number {
  let v = Matrix.ones(A.rows, 1).div(Math.sqrt(A.rows));
  let lambda = 0;
  for (let k = 0; k < iterations; k++) {
    const w = A.mmul(v);
    const next = w.norm();
    if (next === 0) return 0;
    v = w.div(next);
    if (Math.abs(next - lambda) <= tol * next) return next;
    lambda = next;
  }
  return lambda;
}
