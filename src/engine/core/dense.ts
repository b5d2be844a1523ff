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

/**
 * Inverse of a symmetric positive definite matrix from its Cholesky factor:
 * L⁻¹ (stored transposed, so that the product L⁻ᵀL⁻¹ reads rows, not strided
 * columns), then the lower triangle of L⁻ᵀL⁻¹, mirrored.
 */
export function cholInverse(L: Float64Array, n: number): Float64Array {
  // Rt[j*n + i] = (L⁻¹)_ij for i ≥ j.
  const Rt = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    Rt[rj + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const li = i * n;
      for (let k = j; k < i; k++) s -= L[li + k] * Rt[rj + k];
      Rt[rj + i] = s / L[li + i];
    }
  }
  // (L⁻ᵀL⁻¹)_ij = Σ_{k ≥ max(i,j)} (L⁻¹)_ki (L⁻¹)_kj: rows i and j of Rt from k = i (i ≥ j).
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const s = dotFrom(Rt, i * n, Rt, j * n, i, n);
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  return inv;
}

/**
 * Σ_{k=from}^{to−1} a[ao + k] b[bo + k], with four accumulators (the JIT keeps
 * them in registers; about twice the speed of a loop that stores into an array).
 */
export function dotFrom(a: Float64Array, ao: number, b: Float64Array, bo: number, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += a[ao + k] * b[bo + k];
    s1 += a[ao + k + 1] * b[bo + k + 1];
    s2 += a[ao + k + 2] * b[bo + k + 2];
    s3 += a[ao + k + 3] * b[bo + k + 3];
  }
  for (; k < to; k++) s0 += a[ao + k] * b[bo + k];
  return s0 + s1 + s2 + s3;
}

/** C = A B for n×n A and symmetric B: C_ij = (row i of A)·(row j of B), so every inner loop reads contiguous rows. */
export function matmulSymRight(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) C[i * n + j] = dotFrom(A, i * n, B, j * n, 0, n);
  return C;
}

/**
 * Tr(P S P Kₐ) for each Kₐ in `Ks`, with P, S and every Kₐ symmetric n×n. The
 * sandwich P S P is symmetric, so only its upper triangle is formed (one row
 * at a time, never stored whole): n³ + n³/2 multiply-adds in all, against 2n³
 * for two full products.
 */
export function sandwichTraces(P: Float64Array, S: Float64Array, Ks: Float64Array[], n: number): number[] {
  const X = matmulSymRight(P, S, n); // X = P S
  const out = Ks.map(() => 0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = i; j < n; j++) {
      // (P S P)_ij = (row i of X)·(row j of P)
      const w = (i === j ? 1 : 2) * dotFrom(X, ri, P, j * n, 0, n);
      for (let a = 0; a < Ks.length; a++) out[a] += w * Ks[a][ri + j];
    }
  }
  return out;
}

/**
 * C = A B with A m×k, B k×n (row-major). B is transposed first (k n moves) so
 * that every entry is a dot product of two contiguous rows: about twice the
 * speed of the i-k-j loop in V8 for the sizes used here.
 */
export function matmul(A: Float64Array, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const Bt = new Float64Array(k * n);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) Bt[j * k + p] = B[p * n + j];
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[i * n + j] = dotFrom(A, i * k, Bt, j * k, 0, k);
  return C;
}

/**
 * C = A diag(w) Bᵀ with A m×k, B n×k (rows dotted with weights). With
 * `symmetric` (A = B, so C is symmetric) only the upper triangle is computed
 * and mirrored: half the work.
 */
export function matmulDiagT(
  A: Float64Array,
  w: ArrayLike<number>,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  symmetric = false,
): Float64Array {
  const C = new Float64Array(m * n);
  const aw = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) aw[p] = A[i * k + p] * w[p];
    for (let j = symmetric ? i : 0; j < n; j++) {
      const s = dotFrom(aw, 0, B, j * k, 0, k);
      C[i * n + j] = s;
      if (symmetric) C[j * n + i] = s;
    }
  }
  return C;
}

/** y = A x, A m×n. */
export function matvec(A: Float64Array, x: ArrayLike<number>, m: number, n: number): Float64Array {
  const y = new Float64Array(m);
  const xv = x instanceof Float64Array ? x : Float64Array.from(x);
  for (let i = 0; i < m; i++) y[i] = dotFrom(A, i * n, xv, 0, 0, n);
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
  const yv = y instanceof Float64Array ? y : Float64Array.from(y);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * dotFrom(A, i * n, yv, 0, 0, n);
  return s;
}

export function dotv(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
