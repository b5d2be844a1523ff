/**
 * Timings for the `proportional` chapter (Node):
 *  - theory: each figure cold (fresh dataset: Gram matrices + eigendecomposition),
 *    then after a slider move of γ, ρ and T (warm memo), in ms;
 *  - one Langevin point (one seed: source chain + target chain, then the target
 *    chain alone with the source cached) on tfjs's CPU backend (or --backend=wasm).
 *  - with --agreement: every default figure and every preset, simulated at its own
 *    seeds (seed 1, as the app): each point's sim ± s.e., theory, z = (sim − theory)/s.e.,
 *    and the figure's wall time (Node; pass --backend=wasm for the browser's default).
 * Usage: npx tsx scripts/bench-proportional.ts [--backend=cpu|wasm] [--sim=0] [--agreement] [--only=<fig or preset id>]
 */
import { setupTfNode } from '../src/cli/tfNode';
import * as tf from '@tensorflow/tfjs-core';
import { chapter } from '../src/engine/chapters/proportional';
import { defaults } from '../src/engine/core/schema';
import { makeRng } from '../src/engine/core/rng';
import { makeSimCache, runFigure } from '../src/engine/core/simRunner';
import type { ProportionalParams } from '../src/engine/chapters/proportional/params';

const arg = (k: string, d: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const P0 = defaults(chapter.schema);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

if (process.argv.includes('--agreement')) {
  await setupTfNode(arg('backend', 'wasm') as 'cpu');
  const sim = await chapter.loadSim();
  const only = arg('only', '');
  const runs: { id: string; fig: string; params: ProportionalParams }[] = [
    ...chapter.figures.map((f) => ({ id: `default ${f.id}`, fig: f.id, params: P0 })),
    ...chapter.presets.map((q) => ({ id: `preset ${q.id}`, fig: q.fig, params: { ...P0, ...q.params } })),
    // Presets equal to a default figure (no parameters of their own) are that figure: not run twice.
  ]
    .filter(
      (r) =>
        !r.id.startsWith('preset') ||
        Object.keys(chapter.presets.find((q) => `preset ${q.id}` === r.id)!.params).length > 0,
    )
    .filter((r) => !only || only.split(',').some((o) => r.id.endsWith(` ${o}`)));
  for (const r of runs) {
    const fig = chapter.figures.find((f) => f.id === r.fig)!;
    const notices = new Set<string>();
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    // A fresh cache per figure: its time includes its source chains, as on a first visit.
    const points = await runFigure(chapter, fig, sim, r.params, {
      seed: 1,
      seeds: r.params.seeds,
      cache: makeSimCache(),
      onPoint: () => {},
      onNotice: (n) => notices.add(n),
    });
    const secs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    const xs = [...new Set(points.map((q) => q.x))].sort((a, b) => a - b);
    const th = fig.theory(r.params, xs);
    console.log(
      `${r.id} (${fig.id}, wall ${secs.toFixed(1)} s, CPU ${cpuSecs.toFixed(1)} s, ` +
        `${tf.getBackend()})${notices.size ? ` notices: ${[...notices].join(' | ')}` : ''}`,
    );
    for (const q of points) {
      const proto = q.series.split(':')[1];
      const y = th.series?.find((s) => s.id === `theory:${proto}`)?.y[xs.indexOf(q.x)] ?? NaN;
      const z = (q.y - y) / q.err;
      const tol = Math.max(2.5 * q.err, 0.02);
      console.log(
        `  ${q.series} ${fig.x.name}=${q.x}: sim ${q.y.toFixed(4)} ± ${q.err.toFixed(4)} (${q.seeds} seeds), ` +
          `theory ${y.toFixed(4)}, z ${z.toFixed(2)} ` +
          `${Math.abs(q.y - y) <= tol ? 'ok' : 'OUTSIDE max(2.5 s.e., 0.02)'}`,
      );
    }
  }
  process.exit(0);
}

for (const fig of chapter.figures) {
  const xs = fig.grid(P0);
  const [r, cold] = time(() => fig.theory(P0, xs));
  const [, again] = time(() => fig.theory(P0, xs));
  const moves: string[] = [];
  for (const [k, v] of [
    ['gamma', 12],
    ['rho', 0.85],
    ['T', 0.012],
  ] as const) {
    const [, dt] = time(() => fig.theory({ ...P0, [k]: v }, xs));
    moves.push(`${k}: ${dt.toFixed(0)} ms`);
  }
  const finite = r.series!.every((s) => s.y.every((y) => Number.isFinite(y)));
  console.log(
    `theory ${fig.id}: cold ${cold.toFixed(0)} ms, same params ${again.toFixed(0)} ms, after a move ` +
      `${moves.join(', ')}; all finite: ${finite}`,
  );
}

if (arg('sim', '1') !== '0') {
  const backend = arg('backend', 'cpu');
  await setupTfNode(backend as 'cpu');
  const sim = await chapter.loadSim();
  const fig = chapter.figures.find((f) => f.id === 'coupling')!;
  const cache = makeSimCache();
  const ctx = {
    rng: (...k: (string | number)[]) => makeRng('proportional', 0, ...k),
    checkpoint: async () => {},
    progress: () => {},
    cache,
    notice: () => {},
  };
  const time1 = async (key: string, seeds: number[], c = ctx) => {
    const t = performance.now();
    const r = await sim.run(
      'coupling',
      fig.simTasks!(P0).find((x) => x.key === key)!,
      seeds,
      c,
    );
    return { s: (performance.now() - t) / 1000, eg: r.map((x) => x.eg.toFixed(3)).join(', ') };
  };
  const data = `P_t=${P0.alphaT * P0.N1}, P_s=${P0.alphaS * P0.N1}`;
  const sizes = `N0=N1=${P0.N0}, ${data}, burn ${P0.burn}, ${P0.samples} samples`;
  // One simulated point = the default ${P0.seeds} seeds, batched; the first γ > 0 point also samples the sources.
  const seeds = Array.from({ length: P0.seeds }, (_, i) => i);
  const a = await time1('gamma=10', seeds);
  const b = await time1('gamma=1', seeds);
  const c = await time1('gamma=0', seeds);
  console.log(
    `langevin (${tf.getBackend()}, ${sizes}): one point (${seeds.length} seeds, batched) with its source chains ` +
      `${a.s.toFixed(1)} s, with the sources cached ${b.s.toFixed(1)} s, scratch ${c.s.toFixed(1)} s; ` +
      `eps_g = ${a.eg}`,
  );
  const fresh = { ...ctx, cache: makeSimCache() };
  const d = await time1('gamma=10', [0], fresh);
  const e = await time1('gamma=1', [0], fresh);
  console.log(
    `langevin (${tf.getBackend()}): one seed alone with its source chain ${d.s.toFixed(1)} s, target chain alone ` +
      `${e.s.toFixed(1)} s`,
  );
}
