/**
 * A worker thread of `--jobs=N`: re-reads the same request as the main thread (so it plans the same units),
 * starts its own tfjs, then runs the units it is sent, one at a time, and posts their raw samples.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SimSample } from '../engine/core/chapter';
import { chapters } from '../engine/chapters';
import { makeSimCache, runUnit } from '../engine/core/simRunner';
import { parseCurveArgs } from './args';
import { prepareSim } from './compute';
import { setupTfNode } from './tfNode';

export interface WorkerInit {
  request: string[];
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; fraction: number }
  | { type: 'notice'; text: string }
  | { type: 'result'; unit: number; samples: SimSample[] }
  | { type: 'error'; message: string };

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

async function start(): Promise<void> {
  const { args, errors } = parseCurveArgs((workerData as WorkerInit).request, chapters);
  if (!args) throw new Error(errors.join('; '));
  await setupTfNode(args.backend, { quiet: true });
  const setup = await prepareSim(args);
  const cache = makeSimCache();
  let queue = Promise.resolve();
  port.on('message', (index: number) => {
    queue = queue.then(async () => {
      try {
        const unit = setup.plan.units[index];
        const samples = await runUnit(args.chapter, setup.fig, setup.sim, setup.plan, unit, {
          seed: args.seed,
          cache,
          onProgress: (fraction) => post({ type: 'progress', fraction }),
          onNotice: (text) => post({ type: 'notice', text }),
          yieldNow: () => Promise.resolve(),
        });
        post({ type: 'result', unit: index, samples });
      } catch (e) {
        post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  post({ type: 'ready' });
}

start().catch((e) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
