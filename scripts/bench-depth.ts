/**
 * Wall time of each depth figure's default simulation in Node, run through the
 * shared runner exactly as the CLI and the worker do.
 *   npx tsx scripts/bench-depth.ts [cpu|wasm] [fig ...] [--seeds=n] [--param=value ...]
 * Prints, per figure, the wall time and the simulated points (mean ± s.e.).
 */
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/depth';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, runFigure, seedCount, type SimPoint } from '../src/engine/core/simRunner';

const args = process.argv.slice(2);
const backend = args.find((a) => a === 'cpu' || a === 'wasm') ?? 'cpu';
const overrides = Object.fromEntries(
  args
    .filter((a) => a.startsWith('--'))
    .map((a) => a.slice(2).split('='))
    .map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)]),
);
const figs = args.filter((a) => !a.startsWith('--') && a !== backend);
await setupTfNode(backend);
const sim = await chapter.loadSim!();
const params = { ...defaults(chapter.schema), ...overrides };
// One cache per figure: each timing includes its own source networks.
for (const fig of chapter.figures) {
  if (figs.length && !figs.includes(fig.id)) continue;
  const t0 = performance.now();
  const points: SimPoint[] = await runFigure(chapter, fig, sim, params, {
    seed: Number(process.env.SEED ?? 1),
    seeds: seedCount(params),
    cache: makeSimCache(64),
    onPoint: () => {},
    yieldNow: () => Promise.resolve(),
  });
  const wall = (performance.now() - t0) / 1000;
  console.log(`\n${fig.id} [${backend}]: ${wall.toFixed(1)} s, ${points.length} points`);
  for (const p of points)
    console.log(
      `  ${p.series.padEnd(20)} ${p.task.padEnd(24)} x=${p.x.toFixed(3)} y=${p.y.toFixed(3)} ± ${p.err.toFixed(3)} (${p.seeds})`,
    );
  for (const r of fig.simOverlay?.({}, points, params).readouts ?? [])
    console.log(`  readout ${r.label}: ${r.value.toFixed(3)}`);
}
