import { describe, expect, it } from 'vitest';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { makeRng } from '../../core/rng';
import {
  chanceOverlap,
  informationImbalance,
  labelOverlap,
  linearCka,
  neighbourhoodOverlap,
  points,
  type Points,
} from './similarity';
import { argminDepth, rankAgreement, ranks, shallowestWithinOneSe, spearman } from './ranking';

const line = (xs: number[]): Points => points(xs, xs.length, 1);

function gaussian(seed: string, M: number, d: number): Points {
  return points(makeRng('depth-test', seed).normals(M * d), M, d);
}

/** x ↦ s·Qx + t with a random orthogonal Q (QR of a Gaussian matrix). */
function rotateScaleShift(A: Points, s: number, seed: string): Points {
  const rng = makeRng('depth-test', 'rot', seed);
  const G = new Matrix(A.d, A.d);
  for (let i = 0; i < A.d; i++) for (let j = 0; j < A.d; j++) G.set(i, j, rng.normal());
  const Q = new QrDecomposition(G).orthogonalMatrix;
  const shift = rng.normals(A.d);
  const out = new Float64Array(A.M * A.d);
  for (let i = 0; i < A.M; i++)
    for (let a = 0; a < A.d; a++) {
      let v = 0;
      for (let b = 0; b < A.d; b++) v += Q.get(a, b) * A.data[i * A.d + b];
      out[i * A.d + a] = s * v + shift[a];
    }
  return points(out, A.M, A.d);
}

function firstColumns(A: Points, c: number): Points {
  const out = new Float64Array(A.M * c);
  for (let i = 0; i < A.M; i++) for (let j = 0; j < c; j++) out[i * c + j] = A.data[i * A.d + j];
  return points(out, A.M, c);
}

describe('similarity measures: hand-checked small cases', () => {
  // A = {0, 1, 10, 30} on a line vs B = {0, 1, 5, 6}: nearest neighbours
  // A: 0→1, 1→0, 2(=10)→1, 3(=30)→2;   B: 0→1, 1→0, 2(=5)→3, 3(=6)→2.
  const A = line([0, 1, 10, 30]);
  const B = line([0, 1, 5, 6]);

  it('neighbourhood overlap with k = 1: three of four nearest neighbours agree → 3/4', () => {
    expect(neighbourhoodOverlap(A, B, 1)).toBe(0.75);
    expect(neighbourhoodOverlap(B, A, 1)).toBe(0.75);
  });

  it('neighbourhood overlap with k = M−1 is 1 for any pair (every other point is a neighbour)', () => {
    expect(neighbourhoodOverlap(A, B, 3)).toBe(1);
  });

  it('information imbalance: ranks worked out by hand', () => {
    // Δ(B→A): B's nearest neighbours 1,0,3,2 have ranks in A 1,1,3,1 (from 10: 1 at 9, 0 at 10, 30 at 20) →
    // (2/4)·(6/4).
    expect(informationImbalance(B, A)).toBeCloseTo(0.75, 12);
    // Δ(A→B): A's nearest neighbours 1,0,1,2 have ranks in B 1,1,2,1 (from 5: 6 at 1, 1 at 4, 0 at 5) → (2/4)·(5/4).
    expect(informationImbalance(A, B)).toBeCloseTo(0.625, 12);
  });

  it('linear CKA of two 1-D representations is their squared correlation', () => {
    // centred a = (−1.5, −.5, .5, 1.5), b = (−1.5, .5, −.5, 1.5): aᵀb = 4, |a|² = |b|² = 5 → 16/25.
    expect(linearCka(line([1, 2, 3, 4]), line([1, 3, 2, 4]))).toBeCloseTo(0.64, 12);
  });

  it('linear CKA is not invariant to anisotropic scaling (hand case)', () => {
    // A = ±e1, ±e2; B stretches axis 2 by 2: AᵀB = diag(2,4), AᵀA = diag(2,2), BᵀB = diag(2,8) → 20/√(8·68).
    const Apts = points([1, 0, 0, 1, -1, 0, 0, -1], 4, 2);
    const Bpts = points([1, 0, 0, 2, -1, 0, 0, -2], 4, 2);
    expect(linearCka(Apts, Bpts)).toBeCloseTo(20 / Math.sqrt(8 * 68), 12);
  });

  it('label overlap counts same-label neighbours', () => {
    // Pairs {0,1} and {5,6}, labels +,+,−,+: neighbours 0↔1, 5↔6 → agree, agree, disagree, disagree.
    expect(labelOverlap(line([0, 1, 5, 6]), [1, 1, -1, 1], 1)).toBe(0.5);
  });

  it('rejects inconsistent inputs instead of returning garbage', () => {
    expect(() => neighbourhoodOverlap(A, line([0, 1, 2]), 1)).toThrow();
    expect(() => neighbourhoodOverlap(A, B, 4)).toThrow();
    expect(linearCka(line([1, 1, 1, 1]), B)).toBeNaN();
  });
});

describe('similarity measures: invariances and known limits (docs/science/depth.md (D7)–(D9), M = 200)', () => {
  const M = 200;
  const A = gaussian('A', M, 8);

  it('a rotated, rescaled and shifted copy: overlap 1, CKA 1, imbalance 2/M (its minimum)', () => {
    const R = rotateScaleShift(A, 3.7, 'r1');
    expect(neighbourhoodOverlap(A, R, 10)).toBe(1);
    expect(linearCka(A, R)).toBeCloseTo(1, 9);
    expect(informationImbalance(A, R)).toBeCloseTo(2 / M, 12);
    expect(informationImbalance(R, A)).toBeCloseTo(2 / M, 12);
  });

  it('symmetric measures are symmetric', () => {
    const B = gaussian('B', M, 5);
    expect(neighbourhoodOverlap(A, B, 10)).toBe(neighbourhoodOverlap(B, A, 10));
    expect(linearCka(A, B)).toBeCloseTo(linearCka(B, A), 12);
  });

  it('independent Gaussian clouds sit at chance: overlap ≈ k/(M−1), CKA ≈ √(d_A d_B)/M, imbalance ≈ 1', () => {
    const B = gaussian('indep', M, 8);
    // Tolerances: ±0.03 on the overlap and CKA (docs/science/depth.md, Verification; the seed-to-seed spread at M = 200
    // is ≈ 0.01), ±0.1 on the imbalance (its sampling s.d. is ≈ 2/√(12M) ≈ 0.04).
    expect(Math.abs(neighbourhoodOverlap(A, B, 10) - chanceOverlap(M, 10))).toBeLessThan(0.03);
    expect(Math.abs(linearCka(A, B) - 8 / M)).toBeLessThan(0.03);
    expect(Math.abs(informationImbalance(A, B) - 1)).toBeLessThan(0.1);
  });

  it('information imbalance is asymmetric: a space predicts its own 2-D projection better than the reverse', () => {
    const P2 = firstColumns(A, 2);
    const forward = informationImbalance(A, P2);
    const backward = informationImbalance(P2, A);
    expect(forward).toBeLessThan(backward - 0.2);
    // Reference values of a numpy self-test (docs/science/depth.md, Verification: 0.275, 0.687 at M = 200, d = 8);
    // ±0.08 covers the sampling spread of one draw (different RNG from the reference).
    expect(Math.abs(forward - 0.275)).toBeLessThan(0.08);
    expect(Math.abs(backward - 0.687)).toBeLessThan(0.08);
  });

  it('overlap falls monotonically as noise destroys the neighbourhoods', () => {
    const noisy = (s: number) => {
      const e = makeRng('depth-test', 'noise').normals(M * 8, s);
      return points(
        Float64Array.from(A.data as Float64Array, (v, i) => v + e[i]),
        M,
        8,
      );
    };
    const chis = [0.05, 0.3, 1, 3].map((s) => neighbourhoodOverlap(A, noisy(s), 10));
    for (let i = 1; i < chis.length; i++) expect(chis[i]).toBeLessThan(chis[i - 1]);
  });
});

describe('ranking helpers', () => {
  it('ranks give ties their average rank', () => {
    expect(ranks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
  });

  it('Spearman: ±1 for monotone relations, hand value otherwise', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [3, 2, 1, 0])).toBeCloseTo(-1, 12);
    // ranks (1,2,3,4) vs (2,1,4,3): Σd² = 4 → 1 − 6·4/(4·15) = 0.6.
    expect(spearman([1, 2, 3, 4], [20, 10, 40, 30])).toBeCloseTo(0.6, 12);
    expect(spearman([1, 2], [1, 2])).toBeNaN();
  });

  it('rank agreement is +1 when the highest score goes with the lowest error', () => {
    expect(rankAgreement([0.9, 0.5, 0.1], [0.02, 0.05, 0.2])).toBeCloseTo(1, 12);
    expect(rankAgreement([0.01, 0.5, 0.9], [0.02, 0.05, 0.2], false)).toBeCloseTo(1, 12);
  });

  it('k* is the first minimum; the 1-s.e. rule picks the shallowest tied depth', () => {
    expect(argminDepth([0.1, 0.07, 0.07, 0.09])).toBe(1);
    expect(argminDepth([NaN, 0.2, 0.1])).toBe(2);
    expect(argminDepth([NaN, NaN])).toBeNaN();
    expect(shallowestWithinOneSe([0.104, 0.074, 0.07, 0.069, 0.062], [0.003, 0.009, 0.007, 0.011, 0.01])).toBe(2);
  });
});
