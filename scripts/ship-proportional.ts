/**
 * Writes the source posterior samples shipped with the proportional chapter,
 * src/precomputed/proportional-sources/samples.json: at the default parameters and the app's default run seed,
 * seed indices 0..SHIPPED_SEEDS−1, sampled here by the engine's own source chains on tfjs-wasm (SIMD, one thread:
 * what the browser's training worker and Node run). The sim reads them on that backend instead of running the
 * chains, so the default figure and every preset with the defaults' source parameters skip them on a cold visit.
 * src/engine/chapters/proportional/shipped.test.ts checks the keys and reruns one seed's chain to the bit.
 *
 * Usage: npx tsx scripts/ship-proportional.ts   (rerun after any change to the sampler, its version tag or the
 * source parameters' defaults; about 40 s of CPU)
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/proportional';
import { runSources, sourceArrays, sourceKeyOf } from '../src/engine/chapters/proportional/sim';
import { SHIPPED_SEEDS, type ShippedSamples } from '../src/engine/chapters/proportional/shipped';
import { encodeFloats, shippedBackend } from '../src/engine/core/shipped';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, simContext } from '../src/engine/core/simRunner';
import { DEFAULT_SEED } from '../src/state/url';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await setupTfNode('wasm', { quiet: true });
if (!(await shippedBackend())) throw new Error('ship-proportional: needs tfjs-wasm with SIMD on one thread');

const p = defaults(chapter.schema);
const ctx = simContext(chapter, { seed: DEFAULT_SEED, cache: makeSimCache() }, () => {});
const seeds = Array.from({ length: SHIPPED_SEEDS }, (_, i) => i);
const c0 = process.cpuUsage();
const samples = await runSources(p, seeds, ctx, () => {});
const keyOf = sourceKeyOf(p, ctx);
const lost = seeds.filter((_, i) => !samples[i]);
if (lost.length) throw new Error(`ship-proportional: the source chain of seed(s) ${lost.join(', ')} diverged`);
const file: ShippedSamples = {
  about:
    'proportional: source posterior samples at the default parameters, run seed ' +
    `${DEFAULT_SEED}, seeds 0..${SHIPPED_SEEDS - 1}; per key [W (N1×N0), (R̂, ESS, steps, converged)], ` +
    'float32 little-endian, base64. Written by scripts/ship-proportional.ts on tfjs-wasm (SIMD, one thread); ' +
    'used on that backend only.',
  samples: seeds.map((seed, i) => ({ key: keyOf(seed), arrays: sourceArrays(samples[i]!).map(encodeFloats) })),
};
const path = join(process.cwd(), 'src', 'precomputed', 'proportional-sources', 'samples.json');
const text = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(path, text);
const cpu = process.cpuUsage(c0);
console.log(
  `wrote ${path}: ${seeds.length} samples, ${(text.length / 1024).toFixed(1)} KB, ` +
    `sampled in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`,
);
