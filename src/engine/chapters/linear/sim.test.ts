import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { Cancelled, type SimContext, type SimTask } from '../../core/chapter';
import { defaults, type Params } from '../../core/schema';
import { makeRng } from '../../core/rng';
import { makeSimCache, runFigure, type SimPoint } from '../../core/simRunner';
import { sim } from './sim';
import { modelOf, targetSamples } from './model';
import { risks, transferability, transferFiniteCorrection } from './theory';

const P0 = defaults(chapter.schema);
const curves = chapter.figures.find((f) => f.id === 'curves')!;
const phase = chapter.figures.find((f) => f.id === 'phase')!;

function ctxFor(seed = 1, cancelAfter = Infinity): SimContext {
  let calls = 0;
  return {
    rng: (...k) => makeRng('linear', seed, ...k),
    checkpoint: async () => {
      if (++calls > cancelAfter) throw new Cancelled();
    },
    progress: () => {},
    cache: makeSimCache(),
    notice: () => {},
  };
}

const task = (p: Params, key = 'x'): SimTask => ({ key, x: p.gamma as number, params: p });

async function run(p: Params, seeds: number, seed = 1): Promise<SimPoint[]> {
  return runFigure(chapter, curves, sim, p, { seed, seeds, cache: makeSimCache(), onPoint: () => {} });
}

describe('linear simulation vs theory', () => {
  it('exact estimators at d = 200, 20 seeds agree with the d → ∞ theory within max(3 stderr, 0.03) (spec §6)', async () => {
    const p = { ...P0, points: 'exact', d: 200, seeds: 20 };
    const points = await run(p, 20);
    expect(points.length).toBe(21);
    for (const pt of points) {
      if (Math.abs(pt.x - 1) < 0.15) continue;
      const m = modelOf({ ...p, gamma: pt.x });
      const protocol = pt.series.slice(4) as 'scratch' | 'transfer' | 'finetune';
      // Linear transfer carries the finite-n_t correction (spec §3) at these sizes.
      const theory = risks(m)[protocol] + (protocol === 'transfer' ? transferFiniteCorrection(m, targetSamples(pt.x, 200)) : 0);
      expect(pt.seeds).toBe(20);
      expect(Math.abs(pt.y - theory), `${pt.series} at γ=${pt.x}: ${pt.y} vs ${theory}`).toBeLessThanOrEqual(Math.max(3 * pt.err, 0.03));
    }
  });

  it('phase diagram: simulated sign of T matches theory on every cell with |T_theory| > 0.05 (exact, d = 200, 6 seeds)', async () => {
    for (const protocol of ['transfer', 'finetune']) {
      const p = { ...P0, points: 'exact', d: 200, seeds: 6, protocol };
      const tasks = phase.simTasks!(p);
      const points = await runFigure(chapter, phase, sim, p, { seed: 3, seeds: 6, cache: makeSimCache(), onPoint: () => {} });
      expect(points.length).toBe(tasks.length);
      let checked = 0;
      for (const pt of points) {
        const T = transferability(modelOf({ ...p, theta: pt.x, gamma: pt.y2! }), protocol as 'transfer');
        if (Math.abs(T) <= 0.05) continue;
        checked++;
        expect(Math.sign(pt.y), `${protocol} θ=${pt.x} γ=${pt.y2}: sim ${pt.y} theory ${T}`).toBe(Math.sign(T));
      }
      expect(checked).toBeGreaterThan(15);
    }
  });

  it('gradient descent on the 2-layer network (d = 100, 3 seeds, λ = 0.1) agrees with theory within 0.05 (spec §6: ~0.03, FT noisier)', async () => {
    const p = { ...P0, points: 'gd', d: 100, seeds: 3, lam: 0.1 };
    for (const gamma of [0.3, 1.5]) {
      const samples = await sim.run('curves', task({ ...p, gamma }), [0, 1, 2], ctxFor());
      const th = risks(modelOf({ ...p, gamma }));
      for (const protocol of ['scratch', 'transfer', 'finetune'] as const) {
        const m = samples.reduce((s, x) => s + x[protocol], 0) / samples.length;
        expect(Math.abs(m - th[protocol]), `${protocol} at γ=${gamma}: ${m} vs ${th[protocol]}`).toBeLessThanOrEqual(0.05);
      }
      // The pretrained source network really learned b_s (population loss).
      for (const s of samples) expect(s.source).toBeLessThan(1e-3);
    }
  });
});

describe('linear simulation: reproducibility and resources', () => {
  it('the same seed gives the same points; another seed gives other points', async () => {
    const p = { ...P0, points: 'gd', d: 50, steps: 600, gamma: 0.5 };
    const a = await sim.run('curves', task(p), [0, 1], ctxFor(7));
    const b = await sim.run('curves', task(p), [0, 1], ctxFor(7));
    const c = await sim.run('curves', task(p), [0, 1], ctxFor(8));
    expect(b).toEqual(a);
    expect(c[0].scratch).not.toBe(a[0].scratch);
    const e1 = await sim.run('curves', task({ ...p, points: 'exact' }), [0, 1], ctxFor(7));
    const e2 = await sim.run('curves', task({ ...p, points: 'exact' }), [0, 1], ctxFor(7));
    expect(e2).toEqual(e1);
  });

  it('leaves tf.memory flat after runs and after cancelled runs', async () => {
    const p = { ...P0, points: 'gd', d: 40, steps: 500, gamma: 0.5 };
    await sim.run('curves', task(p), [0], ctxFor());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await sim.run('curves', task({ ...p, gamma: 0.3 + i / 10 }), [0, 1], ctxFor(i));
    for (let i = 0; i < 3; i++) await expect(sim.run('curves', task({ ...p, gamma: 0.7 }), [0, 1], ctxFor(10 + i, 1))).rejects.toBeInstanceOf(Cancelled);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('moving the target-only γ does not retrain the cached source network', async () => {
    const p = { ...P0, points: 'gd', d: 40, steps: 500 };
    const ctx = ctxFor(5);
    const a = await sim.run('curves', task({ ...p, gamma: 0.3 }), [0], ctx);
    const b = await sim.run('curves', task({ ...p, gamma: 0.6 }), [0], ctx);
    expect(b[0].source).toBe(a[0].source);
  });
});
