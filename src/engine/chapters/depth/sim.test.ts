import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { Cancelled, RESERVED_KEYS, type SimContext } from '../../core/chapter';
import { checkSchema, defaults, type Schema } from '../../core/schema';
import { makeSimCache, runFigure, type SimPoint } from '../../core/simRunner';
import { figures, layerOptima, scoreOf } from './figures';
import { depthCurve, selection, selectionSample, sim } from './sim';
import type { DepthParams } from './params';
import { recordingStore } from '../../../../test/recordingStore';
import { testContext } from '../../../../test/simContext';

const P0 = defaults(chapter.schema);
const fig = (id: string) => figures.find((f) => f.id === id)!;

/**
 * A CI-sized version of the chapter's set-up (N = H = 16, D = 10, L = 3, small
 * source and short training): the whole file runs in about a minute on the
 * plain-JS CPU backend, and the qualitative picture of the defaults holds.
 * (With D ≲ 6 the realised angle between the two label rules fluctuates a lot
 * from seed to seed and so does every curve.)
 */
const SMALL: DepthParams = { ...P0, N: 16, H: 16, D: 10, L: 3, Ps: 800, srcSteps: 200, steps: 150, nTest: 1000 };

const ctxFor = (cache = makeSimCache(64), cancelAfter = Infinity): SimContext =>
  testContext('depth', 7, { cache, cancelAfter });

async function run(id: string, p: DepthParams, seeds: number, seed = 7, cache = makeSimCache(64)): Promise<SimPoint[]> {
  return runFigure(chapter, fig(id), sim, p, {
    seed,
    seeds,
    cache,
    onPoint: () => {},
    yieldNow: () => Promise.resolve(),
  });
}

describe('depth chapter: schema and figures', () => {
  it('schema is sane, has seeds, avoids reserved keys', () => {
    expect(checkSchema(chapter.schema, RESERVED_KEYS)).toEqual([]);
    expect(chapter.schema.some((s) => s.name === 'seeds' && s.kind === 'number' && s.integer)).toBe(true);
    expect(chapter.status).toBe('ready');
  });

  it('sliders and theory dependencies name real figures and parameters; tasks; finite-safe theory', () => {
    const names = new Set<string>(chapter.schema.map((s) => s.name));
    const ids = new Set(figures.map((f) => f.id));
    const specs: Schema = chapter.schema;
    for (const s of specs) for (const id of s.usedBy ?? []) expect(ids.has(id), `${s.name}: ${id}`).toBe(true);
    for (const f of figures) {
      for (const name of f.theoryDeps ?? []) expect(names.has(name), `${f.id}: ${name}`).toBe(true);
      expect(f.simTasks!(P0).length).toBeGreaterThan(0);
      const th = f.theory(P0, f.grid(P0));
      for (const s of th.series ?? []) expect(s.y.every(Number.isFinite)).toBe(true);
      for (const id of (f.simSeries ?? []).map((s) => s.id))
        expect(
          f.protocols.some((p) => `sim:${p.id}` === id),
          id,
        ).toBe(true);
      expect(new Set(f.simTasks!(P0).map((t) => t.key)).size).toBe(f.simTasks!(P0).length);
    }
  });

  it('the layer figure: x = k on 0..L, three target sizes P_t/4, P_t, 4 P_t', () => {
    const f = fig('layers');
    expect(f.grid({ ...P0, L: 5 })).toEqual([0, 1, 2, 3, 4, 5]);
    const tasks = f.simTasks!(P0);
    expect(tasks.length).toBe(3 * (P0.L + 1));
    expect([...new Set(tasks.map((t) => t.params.Pt))]).toEqual([30, 120, 480]);
  });
});

describe('depth chapter: simulation (CPU backend, CI-sized)', () => {
  // The two qualitative tests share their source networks (the source task does not depend on δθ).
  const sources = makeSimCache(64);

  it('at fixed similarity k* falls as the target set grows (docs/science/depth.md, Verification)', async () => {
    const p: DepthParams = { ...SMALL, dth: 0.1, Pt: 80, seeds: 4 };
    const points = await run('layers', p, 4, 7, sources);
    const optima = layerOptima(points, p);
    const at = (Pt: number) => optima.find((o) => o.Pt === Pt)!;
    expect(optima.map((o) => o.Pt)).toEqual([20, 80, 320]);
    expect(at(320).kstar).toBeLessThan(at(20).kstar);
    // With 320 samples copying every layer is not the best choice any more.
    expect(at(320).kstar).toBeLessThan(p.L);
    // With 20 samples the best transfer beats scratch by more than 2 standard errors (docs/science/depth.md,
    // Verification).
    const err = (Pt: number, k: number) => points.find((q) => q.task === `Pt=${Pt}|k=${k}`)!;
    const k20 = at(20).kstar;
    expect(err(20, k20).y + 2 * err(20, k20).err).toBeLessThan(err(20, 0).y);
  });

  it('rule change δθ = 0.6: copying all layers is clearly worse than copying one (P_t = 80, 320)', async () => {
    // At P_t = 20 every protocol is noisy at this size (seed-to-seed s.d. ≈ 0.05), so the check starts at 80.
    const p: DepthParams = { ...SMALL, dth: 0.6, Pt: 80, seeds: 3 };
    const points = await run('layers', p, 3, 7, sources);
    const L = p.L;
    for (const Pt of [80, 320]) {
      const e = (k: number) => points.find((q) => q.task === `Pt=${Pt}|k=${k}`)!;
      expect(e(L).y - 2 * e(L).err, `P_t = ${Pt}`).toBeGreaterThan(e(1).y);
    }
  });

  it('k = 0 is scratch in both protocols and is shared by the frozen and fine-tuned curves', async () => {
    const p: DepthParams = { ...SMALL, protocol: 'both', steps: 40, seeds: 1 };
    const curve = await depthCurve(p, 0, 40, ctxFor());
    expect(curve.frozen.length).toBe(4);
    expect(curve.finetune[0]).toBe(curve.frozen[0]);
    expect(curve.frozen.every(Number.isFinite) && curve.finetune.every(Number.isFinite)).toBe(true);
    const frozenOnly = await depthCurve({ ...p, protocol: 'frozen' }, 0, 40, ctxFor());
    expect(frozenOnly.frozen).toEqual(curve.frozen);
    expect(frozenOnly.finetune.slice(1).every(Number.isNaN)).toBe(true);
  });

  it('is seeded: the same seed reproduces every point exactly, another seed differs', async () => {
    const p: DepthParams = { ...SMALL, Ps: 500, srcSteps: 60, steps: 40, Pt: 40, seeds: 1 };
    const a = await run('layers', p, 1, 3);
    const b = await run('layers', p, 1, 3);
    const c = await run('layers', p, 1, 4);
    expect(a.map((q) => q.y)).toEqual(b.map((q) => q.y));
    expect(a.map((q) => q.y)).not.toEqual(c.map((q) => q.y));
  });

  it('trains each source network once per (seed, source knobs) and reuses it across rule changes', async () => {
    const cache = makeSimCache(64);
    const p: DepthParams = { ...SMALL, Ps: 500, srcSteps: 60, steps: 20, seeds: 1 };
    await depthCurve(p, 0, 20, ctxFor(cache));
    const n1 = cache.size();
    // A different rule change: the source task is the same (the generator draws it first), so only a new curve is
    // cached.
    await depthCurve({ ...p, dth: 0.5 }, 0, 20, ctxFor(cache));
    expect(cache.size()).toBe(n1 + 1);
    // A different source size: a new source network and a new curve.
    await depthCurve({ ...p, Ps: 600 }, 0, 20, ctxFor(cache));
    expect(cache.size()).toBe(n1 + 3);
  });

  it('a source network from the persistent store (a previous visit) gives the points of training it', async () => {
    const p: DepthParams = { ...SMALL, Ps: 500, srcSteps: 60, steps: 20, seeds: 1 };
    const { store, spy, puts } = recordingStore();
    // First visit: trained, then stored (the stored arrays are the network's layers and readout).
    const trained = await depthCurve(p, 0, 20, { ...ctxFor(makeSimCache(64)), store: spy });
    expect(puts).toHaveLength(1);
    expect(await store.get(puts[0])).toHaveLength(p.L + 1);
    // Second visit, empty in-memory cache: read back, nothing stored again, the same curve to the bit.
    const read = await depthCurve(p, 0, 20, { ...ctxFor(makeSimCache(64)), store: spy });
    expect(puts).toHaveLength(1);
    expect(read).toEqual(trained);
  });

  it('keeps the tensor count flat across whole figure runs, and after a cancelled run', async () => {
    const p: DepthParams = { ...SMALL, Ps: 500, srcSteps: 40, steps: 20, Pt: 20, probe: 100, seeds: 1 };
    const before = tf.memory().numTensors;
    await run('layers', p, 1);
    await run('sources', p, 1);
    expect(tf.memory().numTensors).toBe(before);
    // Cancelled at the first checkpoint, in the middle of pretraining the source.
    await expect(depthCurve(p, 5, 20, ctxFor(makeSimCache(), 0))).rejects.toBeInstanceOf(Cancelled);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('source selection: the same-rule source has the highest deep-layer overlap and the lowest error', async () => {
    const p: DepthParams = { ...SMALL, Pt: 80, probe: 200, seeds: 1 };
    const cache = makeSimCache(64);
    const samples = [];
    for (let c = 0; c < 5; c++) samples.push(selectionSample(await selection(p, 0, c, ctxFor(cache))));
    const L = p.L;
    const deep = samples.map((s) => s[`overlap_${L}`]);
    expect(deep.indexOf(Math.max(...deep))).toBe(0);
    const best = samples.map((s) => s.best);
    expect(best.indexOf(Math.min(...best))).toBe(0);
    // The scratch probe network is the same for every candidate (one shared target task).
    expect(new Set(samples.map((s) => s.scratch)).size).toBe(1);
    // Scores are proper similarities: overlap in (chance, 1], CKA in [0, 1], imbalance in (0, ~1].
    for (const s of samples) {
      for (let l = 1; l <= L; l++) {
        expect(s[`overlap_${l}`]).toBeGreaterThan(0);
        expect(s[`overlap_${l}`]).toBeLessThanOrEqual(1);
        expect(s[`cka_${l}`]).toBeGreaterThanOrEqual(0);
        expect(s[`cka_${l}`]).toBeLessThanOrEqual(1 + 1e-9);
        expect(s[`imbalance_${l}`]).toBeGreaterThan(0);
      }
      expect(scoreOf(s, { ...p, scoreLayer: 'last' })).toBe(s[`overlap_${L}`]);
    }
  });
});
