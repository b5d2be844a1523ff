import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { Cancelled, type SimContext, type SimTask } from '../../core/chapter';
import { defaults } from '../../core/schema';
import { makeRng } from '../../core/rng';
import { Matrix, solveSpd } from '../../core/linalg';
import { makeSimCache, runFigure, type SimPoint } from '../../core/simRunner';
import { sim } from './sim';
import { modelOf, targetSamples } from './model';
import {
  finetuneRiskGd,
  risks,
  scratchRisk,
  scratchRiskFinite,
  transferability,
  transferFiniteCorrection,
} from './theory';
import { finiteSizeBand } from './figures';
import { drawData, drawTeachers, excessRisk, type Dataset } from './data';
import { exactFinetune, exactScratch, exactTransfer } from './exact';
import type { LinearParams } from './params';

const P0 = defaults(chapter.schema);
const curves = chapter.figures.find((f) => f.id === 'curves')!;
const phase = chapter.figures.find((f) => f.id === 'phase')!;
const divergence = chapter.figures.find((f) => f.id === 'divergence')!;

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

const task = (p: LinearParams, key = 'x'): SimTask<LinearParams> => ({ key, x: p.gamma, params: p });

async function run(p: LinearParams, seeds: number, seed = 1): Promise<SimPoint[]> {
  return runFigure(chapter, curves, sim, p, { seed, seeds, cache: makeSimCache(), onPoint: () => {} });
}

describe('linear simulation vs theory', () => {
  it(
    'exact estimators at d = 200, 20 seeds agree with the d → ∞ theory within max(3 stderr, 0.03) ' +
      '(docs/science/linear.md, Verification)',
    async () => {
      const p: LinearParams = { ...P0, points: 'exact', d: 200, seeds: 20 };
      const points = await run(p, 20);
      // Three protocols at every exact-estimator γ (the ones inside the finite-size band are tested separately below).
      expect(points.length).toBe(3 * curves.simTasks!(p).length);
      for (const pt of points) {
        if (Math.abs(pt.x - 1) < 0.15) continue;
        const m = modelOf({ ...p, gamma: pt.x });
        const protocol = pt.series.slice(4) as 'scratch' | 'transfer' | 'finetune';
        // Linear transfer carries the finite-n_t correction (docs/science/linear.md (L7)) at these sizes.
        const theory =
          risks(m)[protocol] + (protocol === 'transfer' ? transferFiniteCorrection(m, targetSamples(pt.x, 200)) : 0);
        expect(pt.seeds).toBe(20);
        expect(Math.abs(pt.y - theory), `${pt.series} at γ=${pt.x}: ${pt.y} vs ${theory}`).toBeLessThanOrEqual(
          Math.max(3 * pt.err, 0.03),
        );
      }
    },
    600_000,
  );

  it(
    'phase diagram: simulated sign of T matches theory on every cell with |T_theory| > 0.05 (exact, d = ' +
      '200, 6 seeds)',
    async () => {
      for (const protocol of ['transfer', 'finetune'] as const) {
        const p: LinearParams = { ...P0, points: 'exact', d: 200, seeds: 6, protocol };
        const tasks = phase.simTasks!(p);
        const points = await runFigure(chapter, phase, sim, p, {
          seed: 3,
          seeds: 6,
          cache: makeSimCache(),
          onPoint: () => {},
        });
        expect(points.length).toBe(tasks.length);
        let checked = 0;
        for (const pt of points) {
          const T = transferability(modelOf({ ...p, theta: pt.x, gamma: pt.y2! }), protocol);
          if (Math.abs(T) <= 0.05) continue;
          checked++;
          expect(Math.sign(pt.y), `${protocol} θ=${pt.x} γ=${pt.y2}: sim ${pt.y} theory ${T}`).toBe(Math.sign(T));
        }
        expect(checked).toBeGreaterThan(15);
      }
    },
    600_000,
  );

  it(
    'gradient descent on the 2-layer network (d = 100, 3 seeds, λ = 0.1) agrees with theory within 0.05 ' +
      '(docs/science/linear.md, Verification: ~0.03, FT noisier)',
    async () => {
      const p: LinearParams = { ...P0, points: 'gd', d: 100, seeds: 3, lam: 0.1 };
      for (const gamma of [0.3, 1.5]) {
        const samples = await sim.run('curves', task({ ...p, gamma }), [0, 1, 2], ctxFor());
        const th = risks(modelOf({ ...p, gamma }));
        for (const protocol of ['scratch', 'transfer', 'finetune'] as const) {
          const m = samples.reduce((s, x) => s + x[protocol], 0) / samples.length;
          expect(Math.abs(m - th[protocol]), `${protocol} at γ=${gamma}: ${m} vs ${th[protocol]}`).toBeLessThanOrEqual(
            0.05,
          );
        }
        // The pretrained source network really learned b_s (population loss).
        for (const s of samples) expect(s.source).toBeLessThan(1e-3);
      }
    },
    600_000,
  );
});

describe('linear: the slider λ is the λ of the points, and finite size near the peak', () => {
  // Trained networks are slow on a shared machine: these two get a longer timeout (nothing is asserted on time).
  it(
    'trained networks at λ = 0 refit the learned feature: linear transfer matches sin²θ + the finite-nₜ term ' +
      'within 0.02 (d = 50, 3 seeds)',
    async () => {
      const p: LinearParams = { ...P0, points: 'gd', d: 50, seeds: 3, lam: 0 };
      for (const gamma of [0.6, 1.5]) {
        const samples = await sim.run('curves', task({ ...p, gamma }), [0, 1, 2], ctxFor());
        const m = modelOf({ ...p, gamma });
        const theory = risks(m).transfer + transferFiniteCorrection(m, targetSamples(gamma, 50));
        const mean = samples.reduce((s, x) => s + x.transfer, 0) / samples.length;
        expect(Math.abs(mean - theory), `γ=${gamma}: ${mean} vs ${theory}`).toBeLessThanOrEqual(0.02);
      }
    },
    600_000,
  );

  it(
    'the readout λ moves the trained-network points as the theory says: λ = 0.5 raises R_LT by 0.095 (d = 50, 3 ' +
      'seeds, within 0.02)',
    async () => {
      const ctx = ctxFor(); // one cache: both λ read out the same pretrained source networks
      const at = async (lam: number) => {
        const samples = await sim.run('curves', task({ ...P0, points: 'gd', d: 50, lam, gamma: 1.5 }), [0, 1, 2], ctx);
        return samples.reduce((s, x) => s + x.transfer, 0) / samples.length;
      };
      const rise = (await at(0.5)) - (await at(0));
      const theoryRise = risks(modelOf({ ...P0, lam: 0.5 })).transfer - risks(modelOf({ ...P0, lam: 0 })).transfer;
      expect(theoryRise).toBeCloseTo(0.0948, 3);
      expect(Math.abs(rise - theoryRise), `${rise} vs ${theoryRise}`).toBeLessThanOrEqual(0.02);
    },
    600_000,
  );

  it(
    'near the peak the exact interpolator follows the finite-d mean, not the d → ∞ line (d = 60, γ = 0.9, 300 ' +
      'seeds, within 3 s.e.)',
    async () => {
      const p: LinearParams = { ...P0, points: 'exact', d: 60, noise: 0.2, gamma: 0.9 };
      const seeds = Array.from({ length: 300 }, (_, i) => i);
      const samples = await sim.run('curves', task(p), seeds, ctxFor(11));
      const ys = samples.map((s) => s.scratch);
      const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
      const se = Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / (ys.length - 1) / ys.length);
      const finite = scratchRiskFinite(54, 60, 0.2, 1);
      const infinite = scratchRisk(0.9, 0.2, 1);
      expect(finite - infinite).toBeGreaterThan(0.06);
      expect(Math.abs(mean - finite), `${mean} ± ${se} vs finite ${finite}`).toBeLessThanOrEqual(3 * se);
      expect(mean - infinite, `${mean} ± ${se} vs d → ∞ ${infinite}`).toBeGreaterThan(2 * se);
    },
  );

  it('trained-network γ values stay outside the finite-size band at every d; the band is empty without noise', () => {
    const curves = chapter.figures.find((f) => f.id === 'curves')!;
    for (const d of [50, 100, 200, 400]) {
      const p: LinearParams = { ...P0, d };
      const band = finiteSizeBand(p)!;
      expect(band[0]).toBeLessThan(1);
      expect(band[1]).toBeGreaterThan(1);
      for (const t of curves.simTasks!(p))
        expect(t.x < band[0] || t.x > band[1], `γ=${t.x} at d=${d} inside ${band.join(',')}`).toBe(true);
      // The exact estimators do sample inside the band: that is where the chart says why they miss.
      expect(curves.simTasks!({ ...p, points: 'exact' }).some((t) => t.x > band[0] && t.x < band[1])).toBe(true);
    }
    expect(finiteSizeBand({ ...P0, noise: 0 })).toBeUndefined();
  });
});

describe('linear phase diagram: simulated cells', () => {
  it(
    'exact cells take the slider seeds (trained networks at most 3); linear-transfer cells only where the ' +
      'finite-nₜ term is ≤ 0.01',
    () => {
      for (const d of [100, 400]) {
        const p: LinearParams = { ...P0, d, seeds: 50 };
        const exact = phase.simTasks!({ ...p, points: 'exact' });
        const gd = phase.simTasks!({ ...p, points: 'gd' });
        expect(exact.every((t) => t.params.seeds === 50)).toBe(true);
        expect(gd.every((t) => t.params.seeds === 3)).toBe(true);
        for (const t of exact) {
          const m = modelOf(t.params);
          expect(transferFiniteCorrection(m, targetSamples(m.gamma, d))).toBeLessThanOrEqual(0.01);
        }
        expect(phase.simTasks!({ ...p, points: 'exact', protocol: 'finetune' }).length).toBe(30);
      }
      expect(phase.simTasks!({ ...P0, d: 100 }).length).toBe(14);
      expect(phase.simTasks!({ ...P0, d: 400 }).length).toBe(25);
    },
  );

  it(
    'every simulated cell agrees with the d → ∞ map within max(3 s.e., 0.02): exact, d = 200, 50 seeds, linear ' +
      'transfer σ = 0 and 0.2, fine-tuning from an infinite and a finite source',
    async () => {
      const cases: (Pick<LinearParams, 'protocol'> & Partial<LinearParams>)[] = [
        { protocol: 'transfer', noise: 0 },
        { protocol: 'transfer', noise: 0.2 },
        { protocol: 'finetune', noise: 0 },
        { protocol: 'finetune', noise: 0.2, source: 'finite', gammaS: 0.5, noiseS: 0.2 },
      ];
      for (const c of cases) {
        const p: LinearParams = { ...P0, ...c, points: 'exact', d: 200, seeds: 50 };
        const points = await runFigure(chapter, phase, sim, p, {
          seed: 1,
          seeds: 50,
          cache: makeSimCache(),
          onPoint: () => {},
        });
        expect(points.length).toBe(phase.simTasks!(p).length);
        for (const pt of points) {
          const T = transferability(modelOf({ ...p, theta: pt.x, gamma: pt.y2! }), c.protocol);
          expect(pt.seeds).toBe(50);
          expect(
            Math.abs(pt.y - T),
            `${JSON.stringify(c)} θ=${pt.x} γ=${pt.y2}: ${pt.y} ± ${pt.err} vs ${T}`,
          ).toBeLessThanOrEqual(Math.max(3 * pt.err, 0.02));
        }
      }
    },
    600_000,
  );
});

/**
 * The interpolator closest to b0 in the metric of (I + (κ−1)uuᵀ)⁻¹, u = b0/‖b0‖: b0 + P Xᵀ(XPXᵀ)⁻¹(y − X b0) with
 * P = I + (κ−1)uuᵀ, where gradient descent on a balanced depth-κ network started at b0 stops while u stays put (L15).
 */
function metricInterpolator(ds: Dataset, b0: Float64Array, kappa: number): Float64Array {
  const { n, d } = ds;
  const X = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X.set(i, j, ds.X[i * d + j]);
  const norm = Math.sqrt(b0.reduce((s, v) => s + v * v, 0));
  const U = Matrix.columnVector(Array.from(b0, (v) => v / norm));
  const P = Matrix.eye(d).add(U.mmul(U.transpose()).mul(kappa - 1));
  const resid = Matrix.columnVector(Array.from(ds.y)).sub(X.mmul(Matrix.columnVector(Array.from(b0))));
  const G = X.mmul(P).mmul(X.transpose());
  const step = P.mmul(X.transpose()).mmul(solveSpd(G.add(G.transpose()).mul(0.5), resid));
  return b0.map((v, i) => v + step.get(i, 0));
}

describe('linear: why trained fine-tuning beats the line for a rescaled teacher (docs/science/linear.md (L15))', () => {
  it(
    'the interpolator closest to b_s in the metric of (I + uuᵀ)⁻¹ has the mean error of (L15) with κ = 2 (d = 300, ' +
      'γ = 0.5, σ = 0.2, 20 draws, within 3 s.e.), well below the Euclidean (L8)',
    () => {
      const d = 300;
      const n = 150;
      const sigma = 0.2;
      for (const delta of [1, 1.4]) {
        const errs: number[] = [];
        for (let s = 0; s < 20; s++) {
          const rng = (...keys: (string | number)[]) => makeRng('linear-l15', s, ...keys);
          const { bs: u, bt } = drawTeachers(rng, s, d, 0, 1 + delta);
          const ds = drawData(rng, 'target', s, n, bt, sigma);
          errs.push(excessRisk(metricInterpolator(ds, u, 2), bt));
        }
        const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
        const se = Math.sqrt(errs.reduce((a, b) => a + (b - mean) ** 2, 0) / (errs.length - 1) / errs.length);
        const l15 = finetuneRiskGd(modelOf({ ...P0, theta: 0, t: 1 + delta, noise: sigma, gamma: n / d, L: 2 }));
        const euclid = finetuneRiskEuclid(delta, sigma, n / d);
        expect(Math.abs(mean - l15), `δ=${delta}: ${mean} ± ${se} vs (L15) ${l15}`).toBeLessThanOrEqual(3 * se);
        expect(euclid - mean).toBeGreaterThan(0.2);
      }
    },
  );

  it(
    'trained networks of depth 2 and 3 fine-tune a rescaled teacher onto the (L15) interpolator, not the Euclidean ' +
      'one: on every draw within 15% of the way from the first to the second (d = 50, γ = 0.5, seeds 0–2, distance ' +
      '0.5 and 1)',
    async () => {
      for (const L of [2, 3])
        for (const delta of [0.5, 1]) {
          const p: LinearParams = { ...P0, d: 50, L, theta: 0, t: 1 + delta };
          const ctx = ctxFor(1);
          const out = await sim.run('divergence', task(p), [0, 1, 2], ctx);
          out.forEach((s, i) => {
            const { bs, bt } = drawTeachers(ctx.rng, i, p.d, 0, p.t);
            const ds = drawData(ctx.rng, 'target', i, targetSamples(p.gamma, p.d), bt, p.noise);
            const onL15 = excessRisk(metricInterpolator(ds, bs, L), bt);
            const plain = excessRisk(metricInterpolator(ds, bs, 1), bt);
            // 0 = on the (L15) interpolator, 1 = on the Euclidean one; measured 0.01–0.11.
            const way = (s.finetune - onL15) / (plain - onL15);
            expect(way, `L=${L} δ=${delta} seed ${i}: ${s.finetune} vs ${onL15} (L15), ${plain} (L8)`).toBeGreaterThan(
              -0.05,
            );
            expect(way, `L=${L} δ=${delta} seed ${i}`).toBeLessThan(0.15);
          });
        }
    },
    600_000,
  );

  it(
    'the divergence figure pairs every trained point with its own line, trained fine-tuning of the rescaled ' +
      'teacher with (L15): all within max(2.5 s.e., 0.02) up to distance 1 (d = 50, 6 seeds; the per-draw test ' +
      'above is the one that tells (L15) from (L8))',
    async () => {
      const p: LinearParams = { ...P0, d: 50 };
      const points = await runFigure(chapter, divergence, sim, p, {
        seed: 1,
        seeds: 6,
        cache: makeSimCache(),
        onPoint: () => {},
      });
      const xs = [...new Set(points.map((q) => q.x))].sort((a, b) => a - b);
      const th = divergence.theory(p, xs);
      const line = (id: string, x: number) => th.series!.find((s) => s.id === id)!.y[xs.indexOf(x)];
      const near = points.filter((q) => q.x <= 1);
      expect(near.length).toBe(12);
      for (const q of near) {
        const t = line(q.series.replace(/^sim:/, 'theory:'), q.x);
        expect(Math.abs(q.y - t), `${q.series} at ${q.x}: ${q.y} ± ${q.err} vs ${t}`).toBeLessThanOrEqual(
          Math.max(2.5 * q.err, 0.02),
        );
      }
    },
    600_000,
  );
});

/** (L8) for b_t = (1+δ) b_s, infinite source: D² = δ². */
function finetuneRiskEuclid(delta: number, sigma: number, gamma: number): number {
  return risks(modelOf({ ...P0, theta: 0, t: 1 + delta, noise: sigma, gamma })).finetune;
}

describe('linear: the shared-draw exact path', () => {
  it(
    'gives the numbers of the direct estimators (pinv, one-feature ridge, closest interpolator) to 1e-9, both ' +
      'sides of γ = 1, finite and infinite source, any θ, t, σ, λ, L',
    async () => {
      const rng = (...k: (string | number)[]) => makeRng('linear', 4, ...k);
      for (const [gamma, source, theta, t, noise, lam, L] of [
        [0.3, 'infinite', 63, 1, 0.2, 0, 2],
        [0.7, 'finite', 27, 2.2, 0.5, 0.3, 3],
        [1.5, 'finite', 81, 0.5, 0.2, 0.1, 2],
        [2, 'infinite', 9, 1, 0, 0, 2],
      ] as const) {
        const p: LinearParams = {
          ...P0,
          points: 'exact',
          d: 40,
          gamma,
          source,
          theta,
          t,
          noise,
          lam,
          L,
          gammaS: 0.5,
          noiseS: 0.2,
        };
        const [got] = await sim.run('curves', task(p), [3], ctxFor(4));
        const { bs, bt } = drawTeachers(rng, 3, 40, theta, t);
        const bHat = source === 'finite' ? exactScratch(drawData(rng, 'source', 3, 20, bs, 0.2)) : bs;
        const ds = drawData(rng, 'target', 3, targetSamples(gamma, 40), bt, noise);
        const want = {
          scratch: excessRisk(exactScratch(ds), bt),
          transfer: excessRisk(exactTransfer(ds, bHat, lam, L), bt),
          finetune: excessRisk(exactFinetune(ds, bHat), bt),
        };
        for (const k of ['scratch', 'transfer', 'finetune'] as const)
          expect(Math.abs(got[k] - want[k]), `${k} at γ=${gamma}, ${source}: ${got[k]} vs ${want[k]}`).toBeLessThan(
            1e-9,
          );
      }
    },
  );
});

describe('linear simulation: reproducibility and resources', () => {
  it('the same seed gives the same points; another seed gives other points', async () => {
    const p: LinearParams = { ...P0, points: 'gd', d: 50, steps: 600, gamma: 0.5 };
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
    const p: LinearParams = { ...P0, points: 'gd', d: 40, steps: 500, gamma: 0.5 };
    await sim.run('curves', task(p), [0], ctxFor());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await sim.run('curves', task({ ...p, gamma: 0.3 + i / 10 }), [0, 1], ctxFor(i));
    for (let i = 0; i < 3; i++)
      await expect(sim.run('curves', task({ ...p, gamma: 0.7 }), [0, 1], ctxFor(10 + i, 1))).rejects.toBeInstanceOf(
        Cancelled,
      );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cache shared by two run seeds gives each run the source network of its own teacher', async () => {
    const p: LinearParams = { ...P0, points: 'gd', d: 40, steps: 500, gamma: 0.5 };
    const cache = makeSimCache();
    for (const seed of [5, 6]) {
      const [s] = await sim.run('curves', task(p), [0], { ...ctxFor(seed), cache });
      expect(s.source, `run seed ${seed}`).toBeLessThan(1e-3);
    }
  });

  it('moving the target-only γ does not retrain the cached source network', async () => {
    const p: LinearParams = { ...P0, points: 'gd', d: 40, steps: 500 };
    const ctx = ctxFor(5);
    const a = await sim.run('curves', task({ ...p, gamma: 0.3 }), [0], ctx);
    const b = await sim.run('curves', task({ ...p, gamma: 0.6 }), [0], ctx);
    expect(b[0].source).toBe(a[0].source);
  });
});
