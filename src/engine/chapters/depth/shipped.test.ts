/**
 * The source networks shipped with the depth chapter (src/precomputed/depth-sources/nets.json, written by
 * scripts/ship-depth.ts) are exactly what the engine trains: retrained here on tfjs-wasm (SIMD, one thread,
 * the backend the training worker reads them on) they give the same float32 values to the bit, under the
 * keys the sim looks them up by. Rerun `npx tsx scripts/ship-depth.ts` and commit the file when this fails.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTfNode } from '../../../cli/tfNode';
import { DEFAULT_SEED } from '../../../state/url';
import { defaults } from '../../core/schema';
import { makeSimCache, simContext } from '../../core/simRunner';
import { chapter } from './index';
import { depthCurve, shippedBackend, shippedSources, trainLayerSources, type ShippedSources } from './sim';

const RERUN = 'rerun `npx tsx scripts/ship-depth.ts` and commit src/precomputed/depth-sources/nets.json';
const file = JSON.parse(
  readFileSync(new URL('../../../precomputed/depth-sources/nets.json', import.meta.url), 'utf8'),
) as ShippedSources;
const p = defaults(chapter.schema);
const context = () => simContext(chapter, { seed: DEFAULT_SEED, cache: makeSimCache(64) }, () => {});

describe('depth: shipped source networks', () => {
  beforeAll(async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await setupTfNode('wasm', { quiet: true });
  });

  it('are only read on the backend that reproduces them', async () => {
    expect(await shippedBackend()).toBe(true);
    await setupTfNode('cpu', { quiet: true });
    expect(await shippedBackend()).toBe(false);
    await setupTfNode('wasm', { quiet: true });
  });

  it('hold the default seed count, and retraining gives the same floats to the bit under the same keys', async () => {
    expect(file.nets.length, RERUN).toBe(p.seeds);
    const trained = await trainLayerSources(p, context(), file.nets.length);
    expect(
      trained.map((t) => t.key),
      RERUN,
    ).toEqual(file.nets.map((n) => n.key));
    const shipped = await shippedSources();
    for (const { key, net } of trained) {
      const arrays = shipped.get(key)!;
      const mine = [...net.layers, net.readout];
      expect(arrays.length).toBe(mine.length);
      mine.forEach((a, i) => {
        const same = a.length === arrays[i].length && a.every((v, j) => Object.is(v, arrays[i][j]));
        expect(same, `${key}: array ${i} differs: ${RERUN}`).toBe(true);
      });
    }
  }, 300_000);

  it('are used by the figure: a curve at the defaults trains no source (no store is consulted)', async () => {
    const ctx = context();
    const looked: string[] = [];
    ctx.store = {
      get: (key) => (looked.push(key), Promise.resolve(undefined)),
      put: (key) => (looked.push(key), Promise.resolve()),
    };
    const curve = await depthCurve({ ...p, steps: 5 }, 0, 30, ctx);
    expect(curve.frozen.every(Number.isFinite)).toBe(true);
    expect(looked).toEqual([]);
  });
});
