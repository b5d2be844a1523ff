import { describe, expect, it } from 'vitest';
import { makeRng } from '../../core/rng';
import { gram as gramBlock } from './data';
import { erfKernel, kernelDiag, kernelMatrix, weightMoments } from './kernels';
import { erf } from '../../core/special';

describe('erf kernels in closed form vs Monte Carlo', () => {
  // Two inputs in N0 = 20 dimensions, weights per component N(0, a), N(0, b) with covariance c.
  const N0 = 20;
  const rng = makeRng('proportional-test', 'kernel-inputs');
  const x = rng.normals(N0);
  const x2 = Float64Array.from(rng.normals(N0), (v, i) => 0.6 * x[i] + 0.8 * v); // correlated inputs: a sizeable kernel
  const dot = (u: ArrayLike<number>, w: ArrayLike<number>) => Array.from(u).reduce((s, ui, i) => s + ui * w[i], 0);

  for (const [a, b, c] of [
    [1, 1, 1],
    [0.9, 1, 0.6],
    [0.5, 2, 0.8],
    [1, 1, 0.25],
  ]) {
    it(`E[erf(w·x/√N0) erf(w'·x'/√N0)] for (a, b, c) = (${a}, ${b}, ${c})`, () => {
      const mc = makeRng('proportional-test', 'kernel-mc', a, b, c);
      const n = 40000;
      // w = √a z1, w' = (c/√a) z1 + √(b − c²/a) z2 gives the wanted moments per component.
      const s1 = Math.sqrt(a);
      const s2 = Math.sqrt(Math.max(0, b - (c * c) / a));
      let sum = 0;
      let sum2 = 0;
      for (let k = 0; k < n; k++) {
        const z1 = mc.normals(N0);
        const z2 = mc.normals(N0);
        let h = 0;
        let h2 = 0;
        for (let j = 0; j < N0; j++) {
          h += s1 * z1[j] * x[j];
          h2 += ((c / s1) * z1[j] + s2 * z2[j]) * x2[j];
        }
        const f = erf(h / Math.sqrt(N0)) * erf(h2 / Math.sqrt(N0));
        sum += f;
        sum2 += f * f;
      }
      const mean = sum / n;
      const se = Math.sqrt((sum2 / n - mean * mean) / n);
      const closed = erfKernel(a, b, c, dot(x, x2) / N0, dot(x, x) / N0, dot(x2, x2) / N0);
      // 4 standard errors: a false alarm is a 1-in-15 000 event.
      expect(Math.abs(mean - closed)).toBeLessThan(4 * se);
    });
  }

  it('matrix and diagonal forms agree with the scalar formula', () => {
    const gram = Float64Array.from([1.2, 0.3, 0.3, 0.9]);
    const norms = Float64Array.from([1.2, 0.9]);
    const K = kernelMatrix(0.7, 0.7, 0.5, gram, norms, norms);
    expect(K[1]).toBeCloseTo(erfKernel(0.7, 0.7, 0.5, 0.3, 1.2, 0.9), 14);
    const d = kernelDiag(0.7, 0.5, norms);
    expect(d[1]).toBeCloseTo(K[3], 14);
  });
});

describe('weight moments of the coupled target (docs/science/proportional.md (P6))', () => {
  it('match sampling W_s from the prior and W_t from its coupled conditional', () => {
    const lam0 = 1.3;
    const gamma = 2.5;
    const rng = makeRng('proportional-test', 'moments');
    const n = 200000;
    let ss = 0,
      st = 0,
      tt = 0,
      t1t2 = 0;
    // Conditional of one target component given the source: precision λ0 + γ, mean γ w_s/(λ0 + γ).
    const sd = 1 / Math.sqrt(lam0 + gamma);
    for (let k = 0; k < n; k++) {
      const ws = rng.normal() / Math.sqrt(lam0);
      const m = (gamma * ws) / (lam0 + gamma);
      const wt = m + sd * rng.normal();
      const wt2 = m + sd * rng.normal();
      ss += ws * ws;
      st += ws * wt;
      tt += wt * wt;
      t1t2 += wt * wt2;
    }
    const w = weightMoments(lam0, gamma);
    // Relative tolerance 2%: the Monte Carlo standard error of a second moment with 2·10⁵ draws is ≈ 0.3%.
    expect(ss / n).toBeCloseTo(w.varS, 1);
    expect(Math.abs(st / n - w.covST) / w.covST).toBeLessThan(0.02);
    expect(Math.abs(tt / n - w.varT) / w.varT).toBeLessThan(0.02);
    expect(Math.abs(t1t2 / n - w.covTT) / w.covTT).toBeLessThan(0.02);
  });

  it('γ = 0 decouples and γ → ∞ locks all four moments to 1/λ0', () => {
    const z = weightMoments(2, 0);
    expect([z.varS, z.varT, z.covST, z.covTT]).toEqual([0.5, 0.5, 0, 0]);
    const big = weightMoments(2, 1e9);
    for (const v of [big.varT, big.covST, big.covTT]) expect(v).toBeCloseTo(0.5, 6);
  });
});

describe('the test helper erf', () => {
  it('matches tabulated values', () => {
    // Abramowitz & Stegun Table 7.1.
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 9);
    expect(erf(1)).toBeCloseTo(0.8427007929, 9);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 9);
    expect(erf(3)).toBeCloseTo(0.9999779095, 9);
  });
});

describe('arcsine series for the projected source–target kernel', () => {
  it('matches the direct projection K U to 1e-8 over couplings from weak to frozen', async () => {
    const { ProjectedArcsin } = await import('./arcsinSeries');
    const { matmul } = await import('../../core/dense');
    const rng = makeRng('proportional-test', 'series');
    const rows = 6,
      Ps = 9,
      N0 = 30;
    const X = rng.normals(rows * N0);
    const S = rng.normals(Ps * N0);
    const gram = gramBlock(X, S, rows, Ps, N0);
    const nr = Float64Array.from(
      { length: rows },
      (_, i) => Array.from(X.subarray(i * N0, (i + 1) * N0)).reduce((a, x) => a + x * x, 0) / N0,
    );
    const ns = Float64Array.from(
      { length: Ps },
      (_, j) => Array.from(S.subarray(j * N0, (j + 1) * N0)).reduce((a, x) => a + x * x, 0) / N0,
    );
    const U = rng.normals(Ps * Ps); // any matrix: the identity is linear in U
    const lam0 = 1;
    const series = new ProjectedArcsin(gram, rows, ns, 1 / lam0, U, Ps);
    for (const gamma of [0.01, 1, 10, 1000]) {
      const w = weightMoments(lam0, gamma);
      const weights = nr.map((n) => (2 * w.covST) / Math.sqrt(1 + 2 * w.varT * n));
      expect(series.usable(Math.max(...weights))).toBe(true);
      const direct = matmul(kernelMatrix(w.varT, w.varS, w.covST, gram, nr, ns), U, rows, Ps, Ps);
      const viaSeries = series.project(weights);
      let err = 0;
      for (let i = 0; i < direct.length; i++) err = Math.max(err, Math.abs(direct[i] - viaSeries[i]));
      expect(err).toBeLessThan(1e-8);
    }
  });
});
