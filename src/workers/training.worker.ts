/**
 * A training worker of the pool (workers/pool.ts): thin. It picks the backend
 * (or takes the one the pool already uses), loads the chapter's sim module and
 * runs the units of work it is handed through the shared runner, returning each
 * unit's per-seed samples. A newer run id cancels older units at their next
 * checkpoint. It posts a heartbeat so the page can tell a dead or hung worker
 * from a busy one.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { chapters } from '../engine/chapters';
import { makeSimCache, planFigure, runUnit, type SimPlan } from '../engine/core/simRunner';
import { Cancelled, type Chapter, type Figure, type SimModule } from '../engine/core/chapter';
import { activate, chooseBackend, referenceThroughput } from './backend';
import { persistentArrayStore } from '../state/persist/arrayStore';
import {
  BACKENDS,
  BEAT,
  BEAT_MS,
  type BackendName,
  type TrainingApi,
  type UnitOutcome,
  type UnitRequest,
  type WorkerFault,
} from './protocol';

// Pretrained sources are small float arrays (no tensors): keep plenty.
const cache = makeSimCache(64);
let cancelledUpTo = 0;
let current: BackendName | null = null;
const failed: BackendName[] = [];
let fault: WorkerFault | null = null;

setInterval(() => self.postMessage({ [BEAT]: performance.now() }), BEAT_MS);

async function figureOf(name: string, figId: string): Promise<{ chapter: Chapter; fig: Figure; sim: SimModule }> {
  const chapter = chapters.find((c) => c.id === name);
  const fig = chapter?.figures.find((f) => f.id === figId);
  if (!chapter || !fig || !chapter.loadSim) throw new Error(`nothing to simulate for ${name}:${figId}`);
  return { chapter, fig, sim: await chapter.loadSim() };
}

// The plan of the run being worked on (every unit of a run shares it).
let planned: { key: string; plan: SimPlan } | null = null;

async function runOnce(req: UnitRequest, progress: (f: number) => void, notice: (t: string) => void) {
  const { chapter, fig, sim } = await figureOf(req.chapter, req.fig);
  const key = JSON.stringify([req.id, req.chapter, req.fig, req.params, req.seeds, req.previews]);
  if (planned?.key !== key)
    planned = { key, plan: planFigure(fig, req.params, req.seeds, sim.seedBatch ?? 1, req.previews) };
  const plan = planned.plan;
  return runUnit(chapter, fig, sim, plan, plan.units[req.unit], {
    seed: req.seed,
    cache,
    store: persistentArrayStore(req.chapter, () => tf.getBackend()),
    onProgress: progress,
    onNotice: notice,
    isCancelled: () => {
      if (fault) injectFault(fault);
      return req.id <= cancelledUpTo;
    },
  });
}

/** Test hook: fail the way a real worker can (closed, crashed with an uncaught error, hung). */
function injectFault(kind: WorkerFault) {
  fault = null;
  if (kind === 'close') self.close();
  if (kind === 'throw') {
    setTimeout(() => {
      throw new Error('injected training worker fault');
    });
    // The unit never finishes: only the error event tells the page.
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- deliberately not an Error: nothing may report it
    throw new Promise(() => {});
  }
  if (kind === 'hang') for (;;);
}

const api: TrainingApi = {
  async init(preferred, exclude) {
    failed.push(...exclude.filter((b) => !failed.includes(b)));
    const report = await chooseBackend(preferred, failed);
    current = report.name;
    return report;
  },
  async seedBatch(name) {
    const chapter = chapters.find((c) => c.id === name);
    const sim = await chapter?.loadSim?.();
    return Math.max(1, sim?.seedBatch ?? 1);
  },
  async runUnit(req, cb) {
    let brokenBackend: BackendName | undefined;
    for (;;) {
      try {
        const samples = await runOnce(
          req,
          (f) => cb.progress(f),
          (t) => cb.notice(t),
        );
        return { status: 'done', samples, backend: tf.getBackend(), brokenBackend } satisfies UnitOutcome;
      } catch (err) {
        if (err instanceof Promise) await err; // an injected crash: never returns
        if (err instanceof Cancelled) return { status: 'cancelled', backend: tf.getBackend(), brokenBackend };
        const why = err instanceof Error ? err.message : String(err);
        // Is the backend broken (device lost, unsupported op, …) or was it the sim? A tiny op tells.
        if (current && (await activate(current)))
          return { status: 'failed', error: why, backend: tf.getBackend(), brokenBackend };
        const broken = current;
        if (broken) failed.push(broken);
        brokenBackend = broken ?? undefined;
        cache.clear();
        const next =
          BACKENDS.find((b) => !failed.includes(b) && b !== 'webgpu' && b !== 'webgl') ??
          BACKENDS.find((b) => !failed.includes(b));
        if (!next || !(await activate(next)))
          return { status: 'failed', error: why, backend: tf.getBackend(), brokenBackend };
        current = next;
        cb.notice(`The ${broken} backend failed (${why}); finishing on ${next}.`);
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
  fault(kind) {
    fault = kind;
  },
};

Comlink.expose(api);
