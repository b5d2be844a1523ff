/**
 * Small dense float64 kernels on flat row-major arrays (n×n symmetric
 * matrices, P ≲ 800). Hand-written instead of ml-matrix because hot loops (the
 * proportional saddle solver, the chmm ridge readout inside every simulated
 * point) call them many times and nested-array matrices are several times
 * slower there; eigendecompositions go through core/linalg (ml-matrix).
 */

/** In-place lower Cholesky factor of a symmetric n×n matrix; returns false if not positive definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) s -= a[rj + k] * a[rj + k];
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    a[rj + j] = d;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
      a[ri + j] = t / d;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
  return true;
}

/** Solve L Lᵀ x = b for one vector, L the lower Cholesky factor. */
export function cholSolve(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k];
    x[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor (L⁻¹ then L⁻ᵀL⁻¹). */
export function cholInverse(L: Float64Array, n: number): Float64Array {
  const Li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    Li[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * n + k] * Li[k * n + j];
      Li[i * n + j] = s / L[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k * n + i] * Li[k * n + j];
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  return inv;
}

export function logDetFromChol(L: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L[i * n + i]);
  return 2 * s;
}

/** C = A B with A m×k, B k×n (row-major). */
export function matmul(A: Float64Array, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const a = A[i * k + p];
      if (a === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[bp + j];
    }
  }
  return C;
}

/** C = A diag(w) Bᵀ with A m×k, B n×k (rows dotted with weights). */
export function matmulDiagT(A: Float64Array, w: ArrayLike<number>, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const C = new Float64Array(m * n);
  const aw = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) aw[p] = A[i * k + p] * w[p];
    for (let j = 0; j < n; j++) {
      let s = 0;
      const bj = j * k;
      for (let p = 0; p < k; p++) s += aw[p] * B[bj + p];
      C[i * n + j] = s;
    }
  }
  return C;
}

/** y = A x, A m×n. */
export function matvec(A: Float64Array, x: ArrayLike<number>, m: number, n: number): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) s += A[r + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** Tr(A B) for n×n matrices where B is symmetric (Σ_ij A_ij B_ij). */
export function traceProdSym(A: Float64Array, B: Float64Array): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i] * B[i];
  return s;
}

/** xᵀ A y. */
export function quad(x: ArrayLike<number>, A: Float64Array, y: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) t += A[r + j] * y[j];
    s += x[i] * t;
  }
  return s;
}

export function dotv(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
