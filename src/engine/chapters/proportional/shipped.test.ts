/**
 * The source samples shipped with the proportional chapter (src/precomputed/proportional-sources/samples.json,
 * written by scripts/ship-proportional.ts) are what the engine samples: the file holds the keys the sim looks
 * them up by at the defaults and the default run seed (so a new sampler version tag or a new default makes this
 * fail), one seed's chain rerun here on tfjs-wasm gives the same float32 values to the bit (so a sampler change
 * under the same tag fails too), and the figure reads them instead of running the source chains.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTfNode } from '../../../cli/tfNode';
import { DEFAULT_SEED } from '../../../state/url';
import { defaults } from '../../core/schema';
import { decodeFloats, shippedBackend } from '../../core/shipped';
import { makeSimCache, simContext } from '../../core/simRunner';
import { chapter } from './index';
import { sizesOf, type ProportionalParams } from './params';
import { presets } from './presets';
import { SHIPPED_SEEDS, shippedSourceSets, type ShippedSamples } from './shipped';
import { runSources, sim, sourceArrays, sourceKeyOf } from './sim';

const RERUN =
  'stale: rerun `npx tsx scripts/ship-proportional.ts` and commit src/precomputed/proportional-sources/samples.json';
const file = JSON.parse(
  readFileSync(new URL('../../../precomputed/proportional-sources/samples.json', import.meta.url), 'utf8'),
) as ShippedSamples;
const p = defaults(chapter.schema) as ProportionalParams;
const context = () => simContext(chapter, { seed: DEFAULT_SEED, cache: makeSimCache(64) }, () => {});
const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('proportional: shipped source samples', () => {
  beforeAll(async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await setupTfNode('wasm', { quiet: true });
  });
  afterAll(async () => {
    await setupTfNode('cpu', { quiet: true });
  });

  it('hold the keys the sim looks up, at the default run seed: the defaults’ and the hot preset’s', () => {
    const ctx = context();
    const sets = shippedSourceSets(p, presets, (q) => sourceKeyOf(q, ctx)(0));
    // The defaults' four seeds, then the hot preset (T = 0.1: source chains of its own) for its two.
    expect(sets.map((s) => [s.label, s.seeds.length])).toEqual([
      ['defaults', SHIPPED_SEEDS],
      ['hot', 2],
    ]);
    expect(
      file.samples.map((s) => s.key),
      RERUN,
    ).toEqual(sets.flatMap((s) => s.seeds.map((seed) => sourceKeyOf(s.params, ctx)(seed))));
    const { N0, N1 } = sizesOf(p);
    for (const s of file.samples) {
      const [W, meta] = s.arrays.map(decodeFloats);
      expect(W.length, RERUN).toBe(N1 * N0);
      expect(meta.length, RERUN).toBe(4);
      expect(W.every(Number.isFinite)).toBe(true);
    }
  });

  // One source chain of 2400+ steps at N0 = N1 = 100, P_s = 400, alone in its batch (the file's were sampled four
  // at a time: a seed's sample must not depend on its batch); about 10 s of CPU on tfjs-wasm.
  it('are what the source chain gives, to the bit (seed 1, rerun alone)', async () => {
    expect(await shippedBackend()).toBe(true);
    const seed = 1;
    // Looked up first: a stale key fails here, before the chain's CPU is spent.
    const shipped = file.samples.find((s) => s.key === sourceKeyOf(p, context())(seed));
    expect(shipped, RERUN).toBeDefined();
    const [live] = await runSources(p, [seed], context(), () => {});
    expect(live).not.toBeNull();
    const arrays = shipped!.arrays.map(decodeFloats);
    sourceArrays(live!).forEach((a, i) =>
      expect(sameBits(a, arrays[i]), `seed ${seed}: array ${i} differs: ${RERUN}`).toBe(true),
    );
  }, 300_000);

  // A γ > 0 task at the defaults (short target chains: the measurement count is not part of the source key).
  it('are read by the figure: a default-seed task runs no source chain and consults no store', async () => {
    const ctx = context();
    const looked: string[] = [];
    ctx.store = {
      get: (key) => (looked.push(key), Promise.resolve(undefined)),
      put: (key) => (looked.push(key), Promise.resolve()),
    };
    const q = { ...p, samples: 10 };
    const [a, b] = await sim.run('coupling', { key: 'shipped', x: q.gamma, params: q }, [0, 1], ctx);
    expect(looked, `the store was consulted: ${RERUN}`).toEqual([]);
    for (const s of [a, b]) expect(Number.isFinite(s.eg)).toBe(true);
    // The source diagnostics come from the file: its step counts, as the readouts show them.
    expect([a.srcSteps, b.srcSteps]).toEqual(file.samples.slice(0, 2).map((s) => decodeFloats(s.arrays[1])[2]));
  }, 300_000);
});
