/**
 * The training worker: thin. It picks the backend, loads the chapter's sim
 * module, runs the shared runner and streams points back. A newer request id
 * cancels the running one at its next checkpoint; a failing backend is replaced
 * by the next one and the run is finished there.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { chapters } from '../engine/chapters';
import { makeSimCache, runFigure, seedCount } from '../engine/core/simRunner';
import { Cancelled } from '../engine/core/chapter';
import { activate, chooseBackend, referenceThroughput } from './backend';
import { BACKENDS, type BackendName, type RunCallbacks, type RunOutcome, type RunRequest, type TrainingApi } from './protocol';

// Pretrained sources are small float arrays (no tensors): keep plenty.
const cache = makeSimCache(64);
let latest = 0;
let cancelledUpTo = 0;
let current: BackendName | null = null;
const failed: BackendName[] = [];

async function runOnce(req: RunRequest, cb: RunCallbacks): Promise<void> {
  const chapter = chapters.find((c) => c.id === req.chapter);
  const fig = chapter?.figures.find((f) => f.id === req.fig);
  if (!chapter || !fig || !chapter.loadSim) throw new Error(`nothing to simulate for ${req.chapter}:${req.fig}`);
  const sim = await chapter.loadSim();
  await runFigure(chapter, fig, sim, req.params, {
    seed: req.seed,
    seeds: seedCount(req.params),
    cache,
    onPoint: (p) => cb.point(req.id, p),
    onProgress: (done, total) => cb.progress(req.id, done, total),
    onNotice: (t) => cb.notice(req.id, t),
    isCancelled: () => req.id !== latest || req.id <= cancelledUpTo,
  });
}

const api: TrainingApi = {
  async init(preferred, exclude) {
    failed.push(...exclude.filter((b) => !failed.includes(b)));
    const report = await chooseBackend(preferred, failed);
    current = report.name;
    return report;
  },
  async run(req, cb) {
    latest = Math.max(latest, req.id);
    const t0 = performance.now();
    for (;;) {
      try {
        await runOnce(req, cb);
        return { id: req.id, status: 'done', backend: tf.getBackend(), wallMs: performance.now() - t0 } satisfies RunOutcome;
      } catch (err) {
        if (err instanceof Cancelled) return { id: req.id, status: 'cancelled', backend: tf.getBackend(), wallMs: performance.now() - t0 };
        // Backend failure (device lost, unsupported op, …): drop it, switch, finish the run there.
        const broken = current;
        if (broken) failed.push(broken);
        cache.clear();
        const next = BACKENDS.find((b) => !failed.includes(b) && b !== 'webgpu' && b !== 'webgl') ?? BACKENDS.find((b) => !failed.includes(b));
        if (!next || !(await activate(next))) {
          return { id: req.id, status: 'failed', error: String(err), backend: tf.getBackend(), wallMs: performance.now() - t0 };
        }
        current = next;
        cb.notice(req.id, `The ${broken} backend failed (${err instanceof Error ? err.message : String(err)}); finishing on ${next}.`);
      }
    }
  },
  cancel(id) {
    cancelledUpTo = Math.max(cancelledUpTo, id);
  },
  async memory() {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
  async throughput(backend) {
    const before = tf.getBackend();
    try {
      if (!(await activate(backend))) return { backend, error: 'not available' };
      const r = await referenceThroughput();
      return { backend, ...r };
    } catch (e) {
      return { backend, error: String(e) };
    } finally {
      if (before) await activate(before as BackendName);
    }
  },
};

Comlink.expose(api);
