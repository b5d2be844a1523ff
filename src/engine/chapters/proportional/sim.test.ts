import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { Cancelled, type Figure, type SimContext } from '../../core/chapter';
import { defaults, type Params } from '../../core/schema';
import { makeRng } from '../../core/rng';
import { makeSimCache, runFigure } from '../../core/simRunner';
import { modelOf } from './instance';
import { scratchPoint, transferPath } from './theory';
import { effectiveEta, sim } from './sim';

const P0 = defaults(chapter.schema);
const coupling = chapter.figures.find((f) => f.id === 'coupling')!;

/**
 * Small enough for CI (P_t = 50, P_s = 100, N1 = 50), warm enough (T = 0.05) that
 * Langevin with η = 0.005 mixes within the default 800 burn-in steps.
 */
const SMALL: Params = { ...P0, N0: 50, N1: 50, alpha_t: 1, alpha_s: 2, T: 0.05 };

function ctxFor(seed: number, cancelAfter = Infinity): SimContext {
  let calls = 0;
  return {
    rng: (...k) => makeRng('proportional', seed, ...k),
    checkpoint: async () => {
      if (++calls > cancelAfter) throw new Cancelled();
    },
    progress: () => {},
    cache: makeSimCache(),
    notice: () => {},
  };
}

describe('Langevin simulation vs theory', () => {
  it('γ = 0 (scratch) and γ = 10 agree with the single-instance theory on the same data', async () => {
    const fig: Figure = {
      ...coupling,
      simTasks: (p) => [
        { key: 'gamma=0', x: 0.001, params: { ...p, gamma: 0 } },
        { key: 'gamma=10', x: 10, params: { ...p, gamma: 10 } },
      ],
    };
    const before = tf.memory().numTensors;
    const points = await runFigure(chapter, fig, sim, { ...SMALL, seeds: 4 }, { seed: 1, seeds: 4, cache: makeSimCache(), onPoint: () => {} });
    expect(tf.memory().numTensors).toBe(before);
    const m = modelOf(SMALL);
    const theoryScratch = scratchPoint(m, m.sizes.N1).eg;
    const theory10 = transferPath('sim-test', [10], () => ({ m, N1: m.sizes.N1, gamma: 10 }))[0].eg;
    const sc = points.find((p) => p.series === 'sim:scratch')!;
    const tr = points.find((p) => p.series === 'sim:transfer')!;
    expect(sc.seeds).toBe(4);
    expect(tr.seeds).toBe(4);
    // Tolerance: 3 standard errors of the 4 chains (posterior-sampling noise) plus 0.02 for the
    // O(1/N1) corrections of a proportional-limit theory at N1 = 50 and the O(η) Langevin bias
    // (the spec verified ±0.02 at N1 = 100).
    expect(Math.abs(sc.y - theoryScratch)).toBeLessThan(0.02 + 3 * sc.err);
    expect(Math.abs(tr.y - theory10)).toBeLessThan(0.02 + 3 * tr.err);
    // And the simulation sees the transfer gain itself (theory: ≈ 30% lower error at γ = 10).
    expect(tr.y).toBeLessThan(sc.y);
  });
});

describe('Langevin sampler hygiene', () => {
  const TINY: Params = { ...SMALL, N0: 20, N1: 20, burn: 100, samples: 10 };
  const task = { key: 'gamma=10', x: 10, params: { ...TINY, gamma: 10 } };

  it('is reproducible for a seed and changes with the seed', async () => {
    const a = await sim.run('coupling', task, [0, 1], ctxFor(7));
    const b = await sim.run('coupling', task, [0, 1], ctxFor(7));
    const c = await sim.run('coupling', task, [0, 1], ctxFor(8));
    expect(a.map((s) => s.eg)).toEqual(b.map((s) => s.eg));
    expect(a[0].eg).not.toBe(a[1].eg);
    expect(c[0].eg).not.toBe(a[0].eg);
  });

  it("batches a point's seeds without changing any seed's numbers", async () => {
    const together = await sim.run('coupling', task, [0, 1], ctxFor(7));
    const alone = await sim.run('coupling', task, [1], ctxFor(7));
    expect(Number.isFinite(alone[0].eg)).toBe(true);
    expect(together[1].eg).toBeCloseTo(alone[0].eg, 5);
    expect(together[1].emean).toBeCloseTo(alone[0].emean, 5);
  });

  it('caps the Langevin step at T/2 (stiffness ∝ 1/T) and leaves it alone when already small', () => {
    expect(effectiveEta({ ...P0, T: 0.001, eta: 0.005 })).toBe(0.0005);
    expect(effectiveEta({ ...P0, T: 0.01, eta: 0.005 })).toBe(0.005);
  });

  it('keeps tf memory flat across runs and after a cancelled run', async () => {
    await sim.run('coupling', task, [0], ctxFor(3));
    const before = tf.memory().numTensors;
    await sim.run('coupling', task, [1], ctxFor(3));
    expect(tf.memory().numTensors).toBe(before);
    await expect(sim.run('coupling', task, [2], ctxFor(3, 2))).rejects.toBeInstanceOf(Cancelled);
    expect(tf.memory().numTensors).toBe(before);
  });
});
