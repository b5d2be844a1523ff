/**
 * Writes the source networks shipped with the depth chapter, src/precomputed/depth-sources/nets.json:
 * the networks its layer figure and k* map pretrain at the default sizes, for the default run seed and the
 * default seed count, trained here with the same engine on tfjs-wasm (SIMD, one thread: what the browser's
 * training worker runs). The worker reads them (a lazily fetched chunk) instead of training them, on that
 * backend only, so a cold first visit skips the source training; every other backend, size or seed trains
 * as before. src/engine/chapters/depth/shipped.test.ts retrains them and checks the floats to the bit.
 *
 * Usage: npx tsx scripts/ship-depth.ts   (rerun after any change that alters the trained floats)
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/depth';
import { encodeFloats, shippedBackend, trainLayerSources, type ShippedSources } from '../src/engine/chapters/depth/sim';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, simContext } from '../src/engine/core/simRunner';
import { DEFAULT_SEED } from '../src/state/url';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await setupTfNode('wasm', { quiet: true });
if (!(await shippedBackend())) throw new Error('ship-depth: needs tfjs-wasm with SIMD on one thread');

const p = defaults(chapter.schema);
const ctx = simContext(chapter, { seed: DEFAULT_SEED, cache: makeSimCache() }, () => {});
const t0 = performance.now();
const nets = await trainLayerSources(p, ctx, p.seeds);
const file: ShippedSources = {
  about:
    'depth: source networks of the layer figure and the k* map at the default sizes, run seed ' +
    `${DEFAULT_SEED}, seeds 0..${nets.length - 1}; float32 little-endian, base64, layers 1..L then the readout. ` +
    'Written by scripts/ship-depth.ts on tfjs-wasm (SIMD, one thread); used on that backend only.',
  nets: nets.map(({ key, net }) => ({ key, arrays: [...net.layers, net.readout].map(encodeFloats) })),
};
const path = join(process.cwd(), 'src', 'precomputed', 'depth-sources', 'nets.json');
const text = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(path, text);
console.log(
  `wrote ${path}: ${nets.length} networks, ${(text.length / 1024).toFixed(1)} KB, ` +
    `trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
