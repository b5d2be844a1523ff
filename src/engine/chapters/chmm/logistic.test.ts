import { describe, expect, it } from 'vitest';
import { makeRng } from '../../core/rng';
import { logisticGradient, logisticObjective, logisticReadout } from './logistic';
import { ridgeReadout } from './ridge';

/** Noisy linearly-labelled Gaussian features: P samples, K features. */
function data(P: number, K: number, seed: number) {
  const r = makeRng('logistic-test', seed);
  const teacher = r.normals(K);
  const Phi = r.normals(P * K, 1 / Math.sqrt(K));
  const y = new Float64Array(P);
  for (let mu = 0; mu < P; mu++) {
    let m = 0;
    for (let k = 0; k < K; k++) m += teacher[k] * Phi[mu * K + k];
    y[mu] = (r.uniform() < 0.1 ? -1 : 1) * (m >= 0 ? 1 : -1);
  }
  return { Phi, y };
}

describe('logistic readout', () => {
  it('reaches the optimum: gradient ≈ 0 and no lower objective nearby or at the ridge solution', () => {
    for (const [P, K, lam] of [
      [200, 30, 0.1],
      [60, 40, 0.01],
      [300, 10, 1],
    ] as const) {
      const { Phi, y } = data(P, K, P + K);
      const w = logisticReadout(Phi, P, K, y, lam);
      const fit = { Phi, P, K, y, lam };
      const g = logisticGradient(w, fit);
      expect(Math.hypot(...g)).toBeLessThan(1e-6);
      const f = logisticObjective(w, fit);
      const r = makeRng('perturb', P);
      for (let t = 0; t < 5; t++) {
        const dw = r.normals(K, 1e-3);
        expect(
          logisticObjective(
            w.map((v, k) => v + dw[k]),
            fit,
          ),
        ).toBeGreaterThan(f);
      }
      // The ridge weights (features scaled the same way) are a valid point, never better for this loss.
      const ridge = ridgeReadout(
        Phi.map((v) => v * Math.sqrt(K)),
        P,
        K,
        y,
        lam,
      );
      expect(logisticObjective(ridge, fit)).toBeGreaterThanOrEqual(f);
    }
  });

  it('classifies the training data better than chance when there is signal', () => {
    const { Phi, y } = data(400, 20, 3);
    const w = logisticReadout(Phi, 400, 20, y, 0.01);
    let correct = 0;
    for (let mu = 0; mu < 400; mu++) {
      let m = 0;
      for (let k = 0; k < 20; k++) m += w[k] * Phi[mu * 20 + k];
      if ((m >= 0 ? 1 : -1) === y[mu]) correct++;
    }
    expect(correct / 400).toBeGreaterThan(0.8);
  });
});

describe('logistic readout in the chapter pipeline', () => {
  it('transfer and random features run with the logistic readout, theory withheld with a notice', async () => {
    const { chapter } = await import('.');
    const { defaults } = await import('../../core/schema');
    const { makeSimCache, runFigure } = await import('../../core/simRunner');
    const fig = chapter.figures.find((f) => f.id === 'curves')!;
    const p = {
      ...defaults(chapter.schema),
      readout: 'logistic' as const,
      N: 30,
      steps: 50,
      ftSteps: 10,
      nTest: 500,
      seeds: 2,
    };
    const th = fig.theory(p, fig.grid(p));
    expect(th.series).toEqual([]);
    expect(th.notices?.[0]).toMatch(/ridge/);
    const sim = await chapter.loadSim();
    const task = { ...fig, simTasks: (q: typeof p) => fig.simTasks!(q).slice(0, 2) } as typeof fig;
    const pts = await runFigure(chapter, task, sim, p, {
      seed: 1,
      seeds: 2,
      cache: makeSimCache(),
      onPoint: () => {},
      yieldNow: async () => {},
    });
    const frozen = pts.filter((q) => q.series === 'sim:transfer' || q.series === 'sim:random');
    expect(frozen.length).toBe(4);
    for (const q of frozen) {
      expect(q.y).toBeGreaterThanOrEqual(0);
      expect(q.y).toBeLessThan(0.6);
    }
  });
});
