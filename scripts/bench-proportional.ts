/**
 * Timings for the `proportional` chapter (Node):
 *  - theory: each figure cold (fresh dataset: Gram matrices + eigendecomposition),
 *    then after a slider move of γ, ρ and T (warm memo), in ms;
 *  - one Langevin point (one seed: source chain + target chain, then the target
 *    chain alone with the source cached) on tfjs's CPU backend (or --backend=wasm).
 * Usage: npx tsx scripts/bench-proportional.ts [--backend=cpu|wasm] [--sim=0]
 */
import { setupTfNode } from '../src/cli/tfNode';
import * as tf from '@tensorflow/tfjs-core';
import { chapter } from '../src/engine/chapters/proportional';
import { defaults } from '../src/engine/core/schema';
import { makeRng } from '../src/engine/core/rng';
import { makeSimCache } from '../src/engine/core/simRunner';

const arg = (k: string, d: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const P0 = defaults(chapter.schema);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

for (const fig of chapter.figures) {
  const xs = fig.grid(P0);
  const [r, cold] = time(() => fig.theory(P0, xs));
  const [, again] = time(() => fig.theory(P0, xs));
  const moves: string[] = [];
  for (const [k, v] of [['gamma', 12], ['rho', 0.85], ['T', 0.012]] as const) {
    const [, dt] = time(() => fig.theory({ ...P0, [k]: v }, xs));
    moves.push(`${k}: ${dt.toFixed(0)} ms`);
  }
  const finite = r.series!.every((s) => s.y.every((y) => Number.isFinite(y)));
  console.log(`theory ${fig.id}: cold ${cold.toFixed(0)} ms, same params ${again.toFixed(0)} ms, after a move ${moves.join(', ')}; all finite: ${finite}`);
}

if (arg('sim', '1') !== '0') {
  const backend = arg('backend', 'cpu');
  await setupTfNode(backend as 'cpu');
  const sim = await chapter.loadSim!();
  const fig = chapter.figures.find((f) => f.id === 'coupling')!;
  const task = fig.simTasks!(P0).find((t) => t.key === 'gamma=10')!;
  const cache = makeSimCache();
  const ctx = { rng: (...k: (string | number)[]) => makeRng('proportional', 0, ...k), checkpoint: async () => {}, progress: () => {}, cache, notice: () => {} };
  let t = performance.now();
  const [first] = await sim.run('coupling', task, [0], ctx);
  const withSource = (performance.now() - t) / 1000;
  t = performance.now();
  const task2 = fig.simTasks!(P0).find((t) => t.key === 'gamma=1')!;
  await sim.run('coupling', task2, [0], ctx);
  const targetOnly = (performance.now() - t) / 1000;
  console.log(`langevin (${tf.getBackend()}, N0=N1=${P0.N0}, P_t=${P0.alpha_t as number * (P0.N1 as number)}, P_s=${P0.alpha_s as number * (P0.N1 as number)}, burn ${P0.burn}, ${P0.samples} samples): one seed with its source chain ${withSource.toFixed(1)} s, target chain alone (source cached) ${targetOnly.toFixed(1)} s; eps_g = ${first.eg.toFixed(4)}`);
}
