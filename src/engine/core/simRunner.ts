/**
 * The one simulation runner, shared by the training worker and the CLI: it
 * walks a figure's tasks, hands seed batches to the chapter's sim, pairs the
 * per-seed samples into the figure's series and reports each point (mean ±
 * standard error, seed count) as soon as it changes. Pure TypeScript.
 */
import type { Chapter, Figure, SimCache, SimContext, SimModule, SimTask } from './chapter';
import { Cancelled } from './chapter';
import type { Params } from './schema';
import { makeRng } from './rng';
import { summarize } from './stats';

/** One simulated point as drawn and exported. */
export interface SimPoint {
  series: string;
  task: string;
  x: number;
  /** Heatmap figures: the task's second coordinate. */
  y2?: number;
  y: number;
  err: number;
  /** Standard error of a measured x (scatter figures). */
  xErr?: number;
  /** Seeds that produced a finite value. */
  seeds: number;
  /** Seeds requested for this point. */
  target: number;
}

export interface RunOptions {
  seed: number;
  seeds: number;
  cache: SimCache;
  /** Called whenever a point gains seeds. */
  onPoint(p: SimPoint): void;
  onProgress?(done: number, total: number): void;
  onNotice?(text: string): void;
  /** Return true when this run has been superseded. */
  isCancelled?(): boolean;
  /** Yield to the event loop (worker: setTimeout 0). */
  yieldNow?(): Promise<void>;
}

/** Seeds requested by the reader: the chapter's `seeds` parameter when it has one. */
export function seedCount(p: Params, fallback = 5): number {
  const s = p.seeds;
  return typeof s === 'number' && s >= 1 ? Math.round(s) : fallback;
}

export async function runFigure(chapter: Chapter, fig: Figure, sim: SimModule, params: Params, opts: RunOptions): Promise<SimPoint[]> {
  const tasks: SimTask[] = fig.simTasks ? fig.simTasks(params) : [];
  const defs = fig.simSeries ?? [];
  const batch = Math.max(1, sim.seedBatch ?? 1);
  // A task may ask for fewer seeds than the reader's count (e.g. the cells of a coarse map).
  const seedsOf = (t: SimTask) => (typeof t.params.seeds === 'number' ? Math.min(opts.seeds, seedCount(t.params)) : opts.seeds);
  const total = tasks.reduce((s, t) => s + seedsOf(t), 0);
  let done = 0;
  /** Seeds in the batch being run (the last batch of a task may be smaller than `batch`). */
  let inFlight = batch;
  const noticed = new Set<string>();
  const yieldNow = opts.yieldNow ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const ctx: SimContext = {
    rng: (...keys) => makeRng(chapter.id, opts.seed, ...keys),
    checkpoint: async () => {
      await yieldNow();
      if (opts.isCancelled?.()) throw new Cancelled();
    },
    progress: (f) => opts.onProgress?.(done + Math.min(1, Math.max(0, f)) * inFlight, total),
    cache: opts.cache,
    notice: (t) => {
      if (noticed.has(t)) return;
      noticed.add(t);
      opts.onNotice?.(t);
    },
  };
  const final: SimPoint[] = [];
  for (const task of tasks) {
    const ys = new Map<string, number[]>();
    const xs = new Map<string, number[]>();
    for (const d of defs) {
      ys.set(d.id, []);
      xs.set(d.id, []);
    }
    const nSeeds = seedsOf(task);
    for (let s0 = 0; s0 < nSeeds; s0 += batch) {
      await ctx.checkpoint();
      const seeds = range(s0, Math.min(nSeeds, s0 + batch));
      inFlight = seeds.length;
      const samples = await sim.run(fig.id, task, seeds, ctx);
      for (const sample of samples) {
        for (const d of defs) {
          const y = d.y(sample, task.params);
          const x = d.x ? d.x(sample, task.params) : task.x;
          if (Number.isFinite(y) && Number.isFinite(x)) {
            ys.get(d.id)!.push(y);
            xs.get(d.id)!.push(x);
          }
        }
      }
      done += seeds.length;
      opts.onProgress?.(done, total);
      for (const d of defs) {
        const point = toPoint(d.id, task, ys.get(d.id)!, xs.get(d.id)!, nSeeds, !!d.x);
        if (point) opts.onPoint(point);
      }
    }
    for (const d of defs) {
      const point = toPoint(d.id, task, ys.get(d.id)!, xs.get(d.id)!, nSeeds, !!d.x);
      if (point) final.push(point);
    }
  }
  return final;
}

function toPoint(series: string, task: SimTask, ys: number[], xs: number[], target: number, measuredX: boolean): SimPoint | undefined {
  if (ys.length === 0) return undefined;
  const sy = summarize(ys);
  const sx = summarize(xs);
  const point: SimPoint = { series, task: task.key, x: measuredX ? sx.mean : task.x, y: sy.mean, err: sy.err, seeds: sy.n, target };
  if (measuredX) point.xErr = sx.err;
  if (task.y !== undefined) point.y2 = task.y;
  return point;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

/** A small LRU cache for pretrained sources etc.; evicted entries are disposed. */
export function makeSimCache(capacity = 16): SimCache & { clear(): void; size(): number } {
  const entries = new Map<string, { value: unknown; dispose?: (v: unknown) => void }>();
  return {
    get<T>(key: string) {
      const e = entries.get(key);
      if (!e) return undefined;
      entries.delete(key);
      entries.set(key, e);
      return e.value as T;
    },
    set<T>(key: string, value: T, dispose?: (v: T) => void) {
      const old = entries.get(key);
      if (old) {
        entries.delete(key);
        if (old.value !== value) old.dispose?.(old.value);
      }
      entries.set(key, { value, dispose: dispose as ((v: unknown) => void) | undefined });
      while (entries.size > capacity) {
        const [k, e] = entries.entries().next().value as [string, { value: unknown; dispose?: (v: unknown) => void }];
        entries.delete(k);
        e.dispose?.(e.value);
      }
    },
    clear() {
      for (const e of entries.values()) e.dispose?.(e.value);
      entries.clear();
    },
    size: () => entries.size,
  };
}
