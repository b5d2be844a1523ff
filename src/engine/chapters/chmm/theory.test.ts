/**
 * Theory pieces against simulations of the same model: the analytic
 * linearisation against Monte Carlo covariances, and the full pipeline
 * (docs/science/chmm.md, Verification): ridge theory on a frozen feature map vs the simulated readout on
 * the same map and task.
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { checkSchema, defaults } from '../../core/schema';
import { RESERVED_KEYS, type TheoryResult } from '../../core/chapter';
import { makeRng } from '../../core/rng';
import { analyticMoments, mcMoments } from './covariance';
import { makeTaskPair } from './generator';
import { erf, gaussExpect, TANH_MOMENTS } from './mathUtil';
import { pipelineCheck } from './pipelineCheck';
import { solveRidge, spectrum } from './saddle';
import { theorySimGap, simCrossover } from './readouts';

const P0 = defaults(chapter.schema);

describe('numeric helpers', () => {
  it('erf matches known values and Gauss–Hermite integrates Gaussian moments', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 12);
    expect(erf(-1.5)).toBeCloseTo(-0.9661051464753108, 12);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 12);
    expect(gaussExpect((x) => x ** 4)).toBeCloseTo(3, 10);
    // μ1 = E[z tanh z] = E[tanh'(z)] (Stein): two independent quadratures of the same number.
    expect(TANH_MOMENTS.mu1).toBeCloseTo(
      gaussExpect((z) => 1 - Math.tanh(z) ** 2, 100),
      8,
    );
  });
});

describe('schema and figures', () => {
  it('schema passes checkSchema and every figure has a caption and presets resolve', () => {
    expect(checkSchema(chapter.schema, RESERVED_KEYS)).toEqual([]);
    expect(chapter.schema.some((s) => s.name === 'seeds')).toBe(true);
    for (const f of chapter.figures) {
      expect(f.caption.length).toBeGreaterThan(100);
      expect(chapter.presets.some((pr) => pr.fig === f.id)).toBe(true);
    }
    for (const pr of chapter.presets) {
      expect(chapter.figures.some((f) => f.id === pr.fig)).toBe(true);
      for (const k of Object.keys(pr.params)) expect(chapter.schema.some((s) => s.name === k)).toBe(true);
    }
  });
});

describe('Gaussian-equivalent covariances', () => {
  it('analytic two-step linearisation ≈ Monte Carlo for a random feature map (N = 60)', () => {
    const N = 60;
    const K = 60;
    const { target } = makeTaskPair({ N, Ds: 30, dF: 0, dth: 0, fsub: 0, dD: 0 }, makeRng('cov'));
    const W = makeRng('cov', 'W').normals(K * N);
    const mc = mcMoments(W, K, target, 40000, makeRng('cov', 'mc'));
    const an = analyticMoments(W, K, target);
    // Theory error with each: the linearisation is an approximation, allowed 0.02 extra (docs/science/chmm.md, Theory).
    const e = (m: typeof mc) =>
      solveRidge(spectrum(m.Omega, m.b, K, target.D, m.rho), { alphaP: 1, lambda: 0.1 }).error;
    expect(Math.abs(e(mc) - e(an))).toBeLessThan(0.02);
    // Diagonal of Ω: MC with 40 000 samples has relative s.e. ≈ 0.005.
    for (let a = 0; a < K; a += 7) expect(Math.abs(mc.Omega[a * K + a] - an.Omega[a * K + a])).toBeLessThan(0.03);
    // Class means μ = E[v y]: the arcsine formula vs Monte Carlo (s.e. ≈ 1/√40 000 = 0.005)
    for (let a = 0; a < K; a += 7) expect(Math.abs(mc.mu[a] - an.mu[a]), `μ_${a}`).toBeLessThan(0.03);
    const eL = (m: typeof mc) =>
      solveRidge(spectrum(m.Omega, m.mu, K, 1, 1, 'label'), { alphaP: 1, lambda: 0.1 }).error;
    expect(Math.abs(eL(mc) - eL(an))).toBeLessThan(0.02);
  });
});

describe('full pipeline: theory vs simulation on the same feature map (docs/science/chmm.md, Verification)', () => {
  it(
    'N = 60, identical tasks: the label-conditioned theory within 0.015 at α = 0.3, 1, 3; the sign-teacher one ' +
      'above the transfer simulation',
    () => {
      const p = { ...P0, N: 60 };
      const rows = pipelineCheck(p, 0, [0.3, 1, 3], 6, { Pt: 4000 });
      for (const r of rows) {
        // Measured at N = 50 over 4 instances: label-conditioned theory − simulation ∈ [−0.007, +0.001] (transfer),
        // ≈ +0.001 (random). One instance, 6 training sets of P = αN samples: s.e. ≈ 0.004–0.008, hence 0.015.
        expect(
          Math.abs(r.sim - r.theory),
          `${r.kind} α=${r.alpha}: sim ${r.sim} theory ${r.theory}`,
        ).toBeLessThanOrEqual(0.015);
      }
      // The diagnosis: for learned (transferred) features the sign-teacher surrogate overestimates the error
      // (measured +0.020…+0.031 at N = 50); averaged over the three α it must sit above the simulation by > 0.01.
      const tf = rows.filter((r) => r.kind === 'transfer');
      const signGap = tf.reduce((a, r) => a + r.theorySign - r.sim, 0) / tf.length;
      expect(signGap, `sign-teacher gap ${signGap}`).toBeGreaterThan(0.01);
      // and transfer really beats random features at small α for identical tasks
      const at = (k: string, a: number) => rows.find((r) => r.kind === k && r.alpha === a)!;
      expect(at('transfer', 1).theory).toBeLessThan(at('random', 1).theory - 0.05);
    },
  );
});

describe('readout helpers', () => {
  it('theorySimGap and simCrossover read points correctly', () => {
    const theory: TheoryResult = {
      x: [1, 2, 4],
      series: [
        { id: 'theory:transfer', y: [0.2, 0.15, 0.1] },
        { id: 'theory:random', y: [0.3, 0.2, 0.15] },
      ],
    };
    const pts = [
      { series: 'sim:transfer', x: 2, y: 0.14, err: 0, seeds: 5 },
      { series: 'sim:random', x: Math.SQRT2, y: 0.3, err: 0, seeds: 5 },
      { series: 'sim:scratch', x: 2, y: 0.2, err: 0, seeds: 5 },
      { series: 'sim:scratch', x: 4, y: 0.08, err: 0, seeds: 5 },
      { series: 'sim:transfer', x: 4, y: 0.1, err: 0, seeds: 5 },
    ];
    const g = theorySimGap(theory, pts);
    expect(g.n).toBe(3);
    // random at √2 interpolates in log x to 0.25 → |0.3 − 0.25| = 0.05 is the largest gap
    expect(g.max).toBeCloseTo(0.05, 10);
    // scratch − transfer: +0.06 at 2, −0.02 at 4 → crossing at log-fraction 0.75
    expect(simCrossover(pts)).toBeCloseTo(2 * Math.pow(2, 0.75), 10);
  });
});
