import { describe, expect, it } from 'vitest';
import {
  choleskyInPlace,
  cholInverse,
  dotFrom,
  matmul,
  matmulSymRight,
  matvec,
  quad,
  sandwichTraces,
} from '../src/engine/core/dense';
import { makeRng } from '../src/engine/core/rng';

/** A random symmetric positive definite n×n matrix (B Bᵀ/n + I), seeded. */
function spd(n: number, seed: number): Float64Array {
  const rng = makeRng('dense-test', seed);
  const B = new Float64Array(n * n).map(() => rng.normal());
  const A = matmul(
    B,
    Float64Array.from({ length: n * n }, (_, k) => B[(k % n) * n + Math.floor(k / n)]),
    n,
    n,
    n,
  );
  for (let i = 0; i < n * n; i++) A[i] /= n;
  for (let i = 0; i < n; i++) A[i * n + i] += 1;
  return A;
}

/** The textbook triple loop, the reference every fast kernel is checked against. */
function naive(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) C[i * n + j] += A[i * n + k] * B[k * n + j];
  return C;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('dense kernels', () => {
  for (const n of [1, 2, 7, 33]) {
    it(`agree with the naive triple loop at n = ${n}`, () => {
      const A = spd(n, n);
      const S = spd(n, n + 100);
      const K1 = spd(n, n + 200);
      const K2 = spd(n, n + 300);
      expect(maxDiff(matmulSymRight(A, S, n), naive(A, S, n))).toBeLessThan(1e-12);
      const L = A.slice();
      expect(choleskyInPlace(L, n)).toBe(true);
      const inv = cholInverse(L, n);
      const eye = naive(inv, A, n);
      expect(
        maxDiff(
          eye,
          Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)),
        ),
      ).toBeLessThan(1e-10);
      const PSP = naive(naive(inv, S, n), inv, n);
      const want = [K1, K2].map((K) => PSP.reduce((s, x, k) => s + x * K[k], 0));
      const got = sandwichTraces(inv, S, [K1, K2], n);
      got.forEach((g, a) => expect(Math.abs(g - want[a])).toBeLessThan(1e-10 * Math.max(1, Math.abs(want[a]))));
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
      const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
      const Ax = matvec(A, x, n, n);
      expect(
        maxDiff(
          Ax,
          Array.from({ length: n }, (_, i) => x.reduce((s, xk, k) => s + A[i * n + k] * xk, 0)),
        ),
      ).toBeLessThan(1e-12);
      const Ay = matvec(A, y, n, n);
      expect(Math.abs(quad(x, A, y, n) - x.reduce((s, xi, i) => s + xi * Ay[i], 0))).toBeLessThan(1e-10);
    });
  }
  it('dotFrom sums exactly the requested range, for every remainder of the unrolled loop', () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const b = Float64Array.from({ length: 20 }, () => 1);
    for (let from = 0; from < 6; from++)
      for (let to = from; to <= 11; to++) {
        let want = 0;
        for (let k = from; k < to; k++) want += a[3 + k];
        expect(dotFrom(a, 3, b, 5, from, to)).toBe(want);
      }
  });
});

describe('matmul', () => {
  it('multiplies rectangular matrices like the naive loop', () => {
    const [m, k, n] = [5, 9, 3];
    const A = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const B = Float64Array.from({ length: k * n }, (_, i) => Math.cos(2 * i));
    const want = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) want[i * n + j] += A[i * k + p] * B[p * n + j];
    expect(maxDiff(matmul(A, B, m, k, n), want)).toBeLessThan(1e-13);
  });
});
