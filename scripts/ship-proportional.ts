/**
 * Writes the source posterior samples shipped with the proportional chapter,
 * src/precomputed/proportional-sources/samples.json: at the default parameters and the app's default run seed,
 * seed indices 0..SHIPPED_SEEDS−1, and at the source parameters of every coupling or similarity preset that has
 * its own (the hot one), sampled here by the engine's own source chains on tfjs-wasm (SIMD, one thread: what the
 * browser's training worker and Node run). The sim reads them on that backend instead of running the chains, so
 * the default figure and those presets skip them on a cold visit.
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
import { SHIPPED_SEEDS, shippedSourceSets, type ShippedSamples } from '../src/engine/chapters/proportional/shipped';
import { presets } from '../src/engine/chapters/proportional/presets';
import { encodeFloats, shippedBackend } from '../src/engine/core/shipped';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, simContext } from '../src/engine/core/simRunner';
import { DEFAULT_SEED } from '../src/state/url';

await import('@tensorflow/tfjs-backend-wasm');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await setupTfNode('wasm', { quiet: true });
if (!(await shippedBackend())) throw new Error('ship-proportional: needs tfjs-wasm with SIMD on one thread');

// What to ship: the defaults' source samples for seeds 0..SHIPPED_SEEDS−1, and those of every preset whose
// source chains differ from the defaults' (the hot one: T = 0.1) for the seeds it asks for. Presets that share the
// defaults' source parameters read the defaults' keys.
const base = defaults(chapter.schema);
const ctx = simContext(chapter, { seed: DEFAULT_SEED, cache: makeSimCache() }, () => {});
const jobs = shippedSourceSets(base, presets, (q) => sourceKeyOf(q, ctx)(0)).map((j) => ({ ...j, p: j.params }));
const c0 = process.cpuUsage();
const entries: ShippedSamples['samples'] = [];
for (const job of jobs) {
  const samples = await runSources(job.p, job.seeds, ctx, () => {});
  const keyOf = sourceKeyOf(job.p, ctx);
  const lost = job.seeds.filter((_, i) => !samples[i]);
  if (lost.length)
    throw new Error(`ship-proportional: ${job.label}: the source chain of seed(s) ${lost.join(', ')} diverged`);
  job.seeds.forEach((seed, i) =>
    entries.push({ key: keyOf(seed), arrays: sourceArrays(samples[i]!).map(encodeFloats) }),
  );
}
const file: ShippedSamples = {
  about:
    'proportional: source posterior samples at the default parameters (seeds 0..' +
    `${SHIPPED_SEEDS - 1}) and at the source parameters of ${
      jobs
        .slice(1)
        .map((j) => `the ${j.label} preset (seeds 0..${j.seeds.length - 1})`)
        .join(', ') || 'no preset'
    }, ` +
    `run seed ${DEFAULT_SEED}; per key [W (N1×N0), (R̂, ESS, steps, converged)], ` +
    'float32 little-endian, base64. Written by scripts/ship-proportional.ts on tfjs-wasm (SIMD, one thread); ' +
    'used on that backend only.',
  samples: entries,
};
const path = join(process.cwd(), 'src', 'precomputed', 'proportional-sources', 'samples.json');
const text = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(path, text);
const cpu = process.cpuUsage(c0);
console.log(
  `wrote ${path}: ${entries.length} samples, ${(text.length / 1024).toFixed(1)} KB, ` +
    `sampled in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`,
);
