/** Statistics of the correlated hidden-manifold generator (docs/science/chmm.md, Model). */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../core/rng';
import { makeTaskPair, sampleTask, targetDim } from './generator';

const base = { N: 400, Ds: 200, dF: 0, dth: 0, fsub: 0, dD: 0 };

/** Mean over rows of F_s[j]·F_t[j]/N. */
function rowOverlap(a: Float64Array, b: Float64Array, rows: number, N: number): number {
  let s = 0;
  for (let j = 0; j < rows; j++) for (let i = 0; i < N; i++) s += a[j * N + i] * b[j * N + i];
  return s / (rows * N);
}

function thetaOverlap(a: Float64Array, b: Float64Array, D: number): number {
  let s = 0;
  for (let j = 0; j < D; j++) s += a[j] * b[j];
  return s / D;
}

describe('CHMM generator', () => {
  it.each([0.2, 0.5, 0.9])('feature overlap ≈ √(1−dF) at dF = %s', (dF) => {
    const { source, target } = makeTaskPair({ ...base, dF }, makeRng('gen', 'dF', dF));
    // 80 000 products of unit-variance entries: s.d. of the mean ≈ 1/√80000 ≈ 0.0035; allow 0.015.
    expect(Math.abs(rowOverlap(source.F, target.F, 200, 400) - Math.sqrt(1 - dF))).toBeLessThan(0.015);
  });

  it.each([0.1, 0.5, 1])('teacher overlap ≈ √(1−dth) at dth = %s', (dth) => {
    const D = 20000; // many latents so that the overlap of one draw is sharp (s.d. ≈ 1/√D ≈ 0.007)
    const { source, target } = makeTaskPair({ N: 2, Ds: D, dF: 0, dth, fsub: 0, dD: 0 }, makeRng('gen', 'dth', dth));
    expect(Math.abs(thetaOverlap(source.theta, target.theta, D) - Math.sqrt(1 - dth))).toBeLessThan(0.03);
  });

  it('labels are balanced and follow sign(θ·c)', () => {
    const { target } = makeTaskPair({ ...base, N: 50, Ds: 25 }, makeRng('gen', 'labels'));
    const { y, C } = sampleTask(target, 20000, makeRng('gen', 'labels', 'data'));
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    // s.d. of the mean of ±1 labels is 1/√20000 ≈ 0.007; 4 s.d.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    for (let mu = 0; mu < 200; mu++) {
      let f = 0;
      for (let j = 0; j < 25; j++) f += target.theta[j] * C[mu * 25 + j];
      expect(y[mu]).toBe(f >= 0 ? 1 : -1);
    }
  });

  it('label noise flips a fraction η of labels, on the same inputs', () => {
    const { target } = makeTaskPair({ ...base, N: 20, Ds: 10 }, makeRng('gen', 'noise'));
    const clean = sampleTask(target, 20000, makeRng('gen', 'noise', 'data'));
    const noisy = sampleTask(target, 20000, makeRng('gen', 'noise', 'data'), 0.2);
    expect(noisy.X).toEqual(clean.X);
    const flipped = clean.y.reduce((s, v, i) => s + (v !== noisy.y[i] ? 1 : 0), 0) / 20000;
    expect(Math.abs(flipped - 0.2)).toBeLessThan(0.015); // binomial s.d. ≈ 0.003
  });

  it('inputs are tanh(Fᵀc/√D) of the returned latents', () => {
    const { target } = makeTaskPair({ ...base, N: 30, Ds: 12 }, makeRng('gen', 'x'));
    const { X, C } = sampleTask(target, 5, makeRng('gen', 'x', 'data'));
    for (let mu = 0; mu < 5; mu++)
      for (let i = 0; i < 30; i++) {
        let h = 0;
        for (let j = 0; j < 12; j++) h += target.F[j * 30 + i] * C[mu * 12 + j];
        expect(X[mu * 30 + i]).toBeCloseTo(Math.tanh(h / Math.sqrt(12)), 5);
      }
  });

  it('substitution replaces round(fsub·D) rows with fresh ones, nested in fsub', () => {
    const k = { ...base, N: 100, Ds: 40 };
    const a = makeTaskPair({ ...k, fsub: 0.25 }, makeRng('gen', 'sub'));
    const b = makeTaskPair({ ...k, fsub: 0.5 }, makeRng('gen', 'sub'));
    const changed = (t: Float64Array) => {
      const rows: number[] = [];
      for (let j = 0; j < 40; j++)
        if (t.subarray(j * 100, (j + 1) * 100).some((v, i) => v !== a.source.F[j * 100 + i])) rows.push(j);
      return rows;
    };
    const ra = changed(a.target.F);
    const rb = changed(b.target.F);
    expect(ra.length).toBe(10);
    expect(rb.length).toBe(20);
    for (const r of ra) expect(rb).toContain(r);
    // a substituted row is uncorrelated with the source row (overlap ~ N(0, 1/N), |·| < 0.5 at N = 100)
    for (const r of ra)
      expect(Math.abs(rowOverlap(a.source.F.subarray(r * 100), a.target.F.subarray(r * 100), 1, 100))).toBeLessThan(
        0.5,
      );
  });

  it('latent-dimension change adds or drops rows and teacher entries', () => {
    const k = { ...base, N: 30, Ds: 20 };
    const up = makeTaskPair({ ...k, dD: 0.5 }, makeRng('gen', 'dD'));
    const down = makeTaskPair({ ...k, dD: -0.5 }, makeRng('gen', 'dD'));
    expect(up.target.D).toBe(30);
    expect(down.target.D).toBe(10);
    expect(targetDim(20, -0.8)).toBe(4);
    expect(Array.from(up.target.F.subarray(0, 600))).toEqual(Array.from(up.source.F));
    expect(Array.from(down.target.F)).toEqual(Array.from(down.source.F.subarray(0, 300)));
    expect(Array.from(up.target.theta.subarray(0, 20))).toEqual(Array.from(up.source.theta));
  });

  it('is reproducible and the source does not depend on the target knobs', () => {
    const a = makeTaskPair({ ...base, N: 20, Ds: 10, dF: 0.3, dth: 0.4 }, makeRng('gen', 'repro'));
    const b = makeTaskPair({ ...base, N: 20, Ds: 10, dF: 0.3, dth: 0.4 }, makeRng('gen', 'repro'));
    const c = makeTaskPair({ ...base, N: 20, Ds: 10, fsub: 0.7, dD: 0.5 }, makeRng('gen', 'repro'));
    expect(b.target.F).toEqual(a.target.F);
    expect(b.target.theta).toEqual(a.target.theta);
    expect(c.source.F).toEqual(a.source.F);
    expect(c.source.theta).toEqual(a.source.theta);
    const s1 = sampleTask(a.target, 10, makeRng('gen', 'repro', 'd'));
    const s2 = sampleTask(b.target, 10, makeRng('gen', 'repro', 'd'));
    expect(s2.X).toEqual(s1.X);
  });
});
