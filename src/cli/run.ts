/**
 * Runs units of a figure's simulation and returns their raw samples: in this process (`--jobs=1`), or spread
 * over worker threads, each with its own tfjs and source-network cache. Which worker runs which unit does not
 * matter: a unit's samples depend only on (chapter, run seed, task, seed indices), and they are merged by unit
 * index, never by arrival order.
 */
import { Worker } from 'node:worker_threads';
import { makeSimCache, runFigure, seedCount, type SimUnit, type UnitResult } from '../engine/core/simRunner';
import type { CurveArgs } from './args';
import type { SimSetup } from './compute';
import type { FromWorker, WorkerInit } from './unitWorker';

export interface RunHooks {
  /** Seeds done (fractional while a batch runs) and the total of the units asked for. */
  onProgress: (done: number, total: number) => void;
  onNotice: (text: string) => void;
}

export async function runUnits(
  args: CurveArgs,
  setup: SimSetup,
  units: SimUnit[],
  hooks: RunHooks,
): Promise<UnitResult[]> {
  const jobs = Math.min(args.jobs, units.length);
  return jobs <= 1 ? runHere(args, setup, units, hooks) : runPool(args, units, jobs, hooks);
}

async function runHere(args: CurveArgs, setup: SimSetup, units: SimUnit[], hooks: RunHooks): Promise<UnitResult[]> {
  // tfjs is started only where units run (worker threads start their own), and loaded lazily: it is heavy.
  const { setupTfNode } = await import('./tfNode');
  await setupTfNode(args.backend, { quiet: true });
  const results: UnitResult[] = [];
  await runFigure(args.chapter, setup.fig, setup.sim, args.params, {
    seed: args.seed,
    seeds: seedCount(args.params),
    units: units.map((u) => u.index),
    cache: makeSimCache(),
    onPoint: () => {},
    onUnit: (r) => results.push(r),
    onProgress: hooks.onProgress,
    onNotice: hooks.onNotice,
    yieldNow: () => Promise.resolve(),
  });
  return results;
}

function runPool(args: CurveArgs, units: SimUnit[], jobs: number, hooks: RunHooks): Promise<UnitResult[]> {
  const total = units.reduce((s, u) => s + u.seeds.length, 0);
  const queue = [...units];
  const results: UnitResult[] = [];
  const workers: Worker[] = [];
  /** Per worker: the unit it runs and the fraction of it done. */
  const running = new Map<Worker, { unit: SimUnit; f: number }>();
  let done = 0;
  const report = () =>
    hooks.onProgress(done + [...running.values()].reduce((s, r) => s + r.f * r.unit.seeds.length, 0), total);
  const init: WorkerInit = { request: args.request };
  return new Promise<UnitResult[]>((resolve, reject) => {
    let settled = false;
    const stop = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const next = (w: Worker) => {
      const unit = queue.shift();
      if (!unit) {
        running.delete(w);
        if (running.size === 0) stop();
        return;
      }
      running.set(w, { unit, f: 0 });
      w.postMessage(unit.index);
    };
    for (let i = 0; i < jobs; i++) {
      // The bootstrap registers the TypeScript loader inside the thread (workers do not inherit it).
      const w = new Worker(new URL('./workerBoot.mjs', import.meta.url), {
        workerData: init,
        execArgv: [],
        stdout: true,
      });
      // stdout carries only the data: anything a thread prints goes to stderr.
      w.stdout.pipe(process.stderr);
      workers.push(w);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') next(w);
        else if (m.type === 'progress') {
          const r = running.get(w);
          if (r) r.f = m.fraction;
          report();
        } else if (m.type === 'notice') hooks.onNotice(m.text);
        else if (m.type === 'result') {
          results.push({ unit: m.unit, samples: m.samples });
          done += running.get(w)?.unit.seeds.length ?? 0;
          running.delete(w);
          report();
          next(w);
        } else stop(new Error(m.message));
      });
      w.on('error', (e: unknown) => stop(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => {
        if (!settled && running.has(w)) stop(new Error(`a worker thread stopped (exit code ${code})`));
      });
    }
  });
}
