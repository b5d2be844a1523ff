import * as tf from '@tensorflow/tfjs-core';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/linear';
import { runFigure, makeSimCache } from '../src/engine/core/simRunner';
import { defaults } from '../src/engine/core/schema';
await setupTfNode((process.argv[2] ?? 'cpu') as 'cpu');
const sim = await chapter.loadSim!();
const fig = chapter.figures[0];
const p = { ...defaults(chapter.schema), points: process.argv[3] ?? 'gd', seeds: 3 };
const t0 = performance.now();
const pts = await runFigure(chapter, fig, sim, p, { seed: 1, seeds: 3, cache: makeSimCache(), onPoint: () => {}, onNotice: (t) => console.log('notice', t) });
const th = fig.theory(p, pts.map((q) => q.x));
for (const q of pts) {
  const s = th.series!.find((s) => s.id === q.series.replace('sim', 'theory'))!;
  console.log(q.series, q.x, q.y.toFixed(3), '±', q.err.toFixed(3), 'th', s.y[th.x!.indexOf(q.x)].toFixed(3));
}
console.log('ms', (performance.now() - t0).toFixed(0), tf.memory().numTensors);
