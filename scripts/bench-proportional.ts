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
  const cache = makeSimCache();
  const ctx = { rng: (...k: (string | number)[]) => makeRng('proportional', 0, ...k), checkpoint: async () => {}, progress: () => {}, cache, notice: () => {} };
  const time1 = async (key: string, seeds: number[], c = ctx) => {
    const t = performance.now();
    const r = await sim.run('coupling', fig.simTasks!(P0).find((x) => x.key === key)!, seeds, c);
    return { s: (performance.now() - t) / 1000, eg: r.map((x) => x.eg.toFixed(3)).join(', ') };
  };
  const sizes = `N0=N1=${P0.N0}, P_t=${(P0.alpha_t as number) * (P0.N1 as number)}, P_s=${(P0.alpha_s as number) * (P0.N1 as number)}, burn ${P0.burn}, ${P0.samples} samples`;
  // One simulated point = the default ${P0.seeds} seeds, batched; the first γ > 0 point also samples the sources.
  const seeds = Array.from({ length: P0.seeds as number }, (_, i) => i);
  const a = await time1('gamma=10', seeds);
  const b = await time1('gamma=1', seeds);
  const c = await time1('gamma=0', seeds);
  console.log(`langevin (${tf.getBackend()}, ${sizes}): one point (${seeds.length} seeds, batched) with its source chains ${a.s.toFixed(1)} s, with the sources cached ${b.s.toFixed(1)} s, scratch ${c.s.toFixed(1)} s; eps_g = ${a.eg}`);
  const fresh = { ...ctx, cache: makeSimCache() };
  const d = await time1('gamma=10', [0], fresh);
  const e = await time1('gamma=1', [0], fresh);
  console.log(`langevin (${tf.getBackend()}): one seed alone with its source chain ${d.s.toFixed(1)} s, target chain alone ${e.s.toFixed(1)} s`);
}
