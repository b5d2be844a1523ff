/**
 * The one simulation runner, shared by the training workers and the CLI. A
 * figure's simulation is planned as units — one task × one batch of seeds, the
 * batches the chapter's sim asks for — that can run in any order, in one
 * process or spread over several (each with its own cache), and are merged
 * into points (mean ± standard error, seed count) that do not depend on the
 * order or on who ran what: every random draw is keyed by (chapter, run seed,
 * the sim's own keys such as seed index and task), never by execution order,
 * and a point is summarised over its seeds in seed order. Pure TypeScript.
 *
 * A plan may start with preview units: the first seed of a task run alone, so
 * that a chapter which trains its seeds as one batch still draws a point (one
 * seed, no error bar) within a fraction of the batch's time. A preview writes
 * nothing to the shared cache or store, its notices are left to the batch that
 * runs the same seed again, and a task's point stops using it as soon as any
 * of the task's own batches arrives: the final points are those of a plan
 * without previews, to the bit, whatever a sim's numbers do with batch size.
 */
import type { Chapter, Figure, SimCache, SimContext, SimModule, SimSample, SimTask } from './chapter';
import type { ArrayStore } from './arrayStore';
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
  /** Standard error over seeds; 0 while a point has a single seed (no error bar yet). */
  err: number;
  /** Standard error of a measured x (scatter figures). */
  xErr?: number;
  /** Seeds that produced a finite value. */
  seeds: number;
  /** Seeds requested for this point. */
  target: number;
  /** The seeds' values of the quantities its series `carry`s (same seeds as y), by name. */
  carried?: Record<string, number[]>;
}

/** One unit of work: seed indices `seeds` of task number `task` (in the figure's task order). */
export interface SimUnit {
  /** Position in the plan; units run in this order when run one after another. */
  index: number;
  task: number;
  seeds: number[];
  /** A look-ahead run of one seed alone, shown until the task's own batches arrive (see the header). */
  preview?: boolean;
}

export interface SimPlan {
  tasks: SimTask[];
  /** Seeds requested per task (a task may cap the reader's count, e.g. the cells of a coarse map). */
  targets: number[];
  units: SimUnit[];
  /** Seeds in all, previews included: the progress bar's total. */
  total: number;
}

/** The samples of one unit, one per seed of `unit.seeds`, in order. */
export interface UnitResult {
  unit: number;
  samples: SimSample[];
}

export interface UnitOptions {
  seed: number;
  cache: SimCache;
  /** Persistent arrays across visits (ctx.store); optional. */
  store?: ArrayStore;
  /** Fraction [0,1] of the unit done. */
  onProgress?(fraction: number): void;
  onNotice?(text: string): void;
  /** Return true when this run has been superseded. */
  isCancelled?(): boolean;
  /** Yield to the event loop (worker: setTimeout 0). */
  yieldNow?(): Promise<void>;
}

export interface RunOptions extends Omit<UnitOptions, 'onProgress'> {
  seeds: number;
  /** Called whenever a point gains seeds. */
  onPoint(p: SimPoint): void;
  onProgress?(done: number, total: number): void;
  /**
   * Run only these units of the plan (indices into `plan.units`); default all. Merge partial runs with `mergeUnits`.
   */
  units?: number[];
  /** Receives each unit's samples as it finishes (to merge runs made elsewhere). */
  onUnit?(r: UnitResult): void;
  /** Preview units to plan (`planFigure`); default none. */
  previews?: number;
}

/** Seeds requested by the reader: the chapter's `seeds` parameter when it has one. */
export function seedCount(p: Params, fallback = 5): number {
  const s = p.seeds;
  return typeof s === 'number' && s >= 1 ? Math.round(s) : fallback;
}

/**
 * The units of a figure's simulation: tasks in order, each cut into batches of `seedBatch` seeds; first, one preview
 * unit (seed 0 alone) for each of the first `previews` tasks whose first batch holds more than one seed.
 */
export function planFigure(fig: Figure, params: Params, seeds: number, seedBatch = 1, previews = 0): SimPlan {
  const tasks: SimTask[] = fig.simTasks ? fig.simTasks(params) : [];
  const batch = Math.max(1, Math.floor(seedBatch));
  const targets = tasks.map((t) => (typeof t.params.seeds === 'number' ? Math.min(seeds, seedCount(t.params)) : seeds));
  const units: SimUnit[] = [];
  if (batch > 1)
    tasks.forEach((_, task) => {
      if (task < previews && targets[task] > 1) units.push({ index: units.length, task, seeds: [0], preview: true });
    });
  tasks.forEach((_, task) => {
    for (let s0 = 0; s0 < targets[task]; s0 += batch)
      units.push({ index: units.length, task, seeds: range(s0, Math.min(targets[task], s0 + batch)) });
  });
  return { tasks, targets, units, total: units.reduce((a, u) => a + u.seeds.length, 0) };
}

/** A context for the sim: randomness keyed by (chapter, run seed, keys), cancellation, progress, notices once each. */
export function simContext(
  chapter: Chapter,
  opts: Omit<UnitOptions, 'onProgress'>,
  progress: (f: number) => void,
): SimContext {
  const noticed = new Set<string>();
  const yieldNow = opts.yieldNow ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  return {
    rng: (...keys) => makeRng(chapter.id, opts.seed, ...keys),
    checkpoint: async () => {
      await yieldNow();
      if (opts.isCancelled?.()) throw new Cancelled();
    },
    progress: (f) => progress(Math.min(1, Math.max(0, f))),
    cache: opts.cache,
    store: opts.store,
    notice: (t) => {
      if (noticed.has(t)) return;
      noticed.add(t);
      opts.onNotice?.(t);
    },
  };
}

/** Run one unit: the sim's samples for its seeds. */
export async function runUnit(
  chapter: Chapter,
  fig: Figure,
  sim: SimModule,
  plan: SimPlan,
  unit: SimUnit,
  opts: UnitOptions,
  ctx?: SimContext,
): Promise<SimSample[]> {
  const progress = (f: number) => (ctx ? ctx.progress(f) : opts.onProgress?.(f));
  // A preview reads the shared cache and store but writes only to its own layer, dropped afterwards.
  const own = unit.preview ? makeSimCache(Infinity) : null;
  const c = own
    ? simContext(
        chapter,
        { ...opts, onNotice: undefined, cache: overlayCache(opts.cache, own), store: readOnly(opts.store) },
        progress,
      )
    : (ctx ?? simContext(chapter, opts, progress));
  try {
    await c.checkpoint();
    const samples = await sim.run(fig.id, plan.tasks[unit.task], unit.seeds, c);
    if (samples.length !== unit.seeds.length)
      throw new Error(
        `${chapter.id}:${fig.id}: the sim returned ${samples.length} samples for ${unit.seeds.length} seeds`,
      );
    return samples;
  } finally {
    own?.clear();
  }
}

/** Reads from `own`, then `base`; writes to `own` only. */
function overlayCache(base: SimCache, own: SimCache): SimCache {
  return {
    get: <T>(key: string) => own.get<T>(key) ?? base.get<T>(key),
    set: (key, value, dispose) => own.set(key, value, dispose),
  };
}

function readOnly(store: ArrayStore | undefined): ArrayStore | undefined {
  return store && { get: (key) => store.get(key), put: () => Promise.resolve() };
}

/**
 * Collects unit results in any order and turns them into points. A point is
 * always summarised over the seeds received so far in seed order, so the final
 * points are the same whatever order the units arrived in.
 */
export class PointMerger {
  private readonly bySeed: (SimSample | undefined)[][];
  /** Preview samples by task: used only while the task has none of its own. */
  private readonly previews: (SimSample[] | undefined)[];

  constructor(
    private readonly fig: Figure,
    private readonly plan: SimPlan,
  ) {
    this.bySeed = plan.targets.map((n) => new Array<SimSample | undefined>(n));
    this.previews = plan.targets.map(() => undefined);
  }

  /** Add a unit's samples; returns the points of its task, updated (none for a preview that came too late). */
  add(r: UnitResult): SimPoint[] {
    const unit = this.plan.units[r.unit];
    if (unit.preview) {
      if (this.received(unit.task) > 0) return [];
      this.previews[unit.task] = r.samples;
    } else unit.seeds.forEach((s, i) => (this.bySeed[unit.task][s] = r.samples[i]));
    return this.taskPoints(unit.task);
  }

  /** Seeds received for a task (previews not counted). */
  received(task: number): number {
    return this.bySeed[task].filter(Boolean).length;
  }

  /** The samples a task's point is made of now, in seed order: its own, else its preview's. */
  samples(task: number): SimSample[] {
    const own = this.bySeed[task].filter((s): s is SimSample => !!s);
    return own.length ? own : (this.previews[task] ?? []);
  }

  /** Points of one task from the seeds received so far. */
  taskPoints(task: number): SimPoint[] {
    const t = this.plan.tasks[task];
    const samples = this.samples(task);
    const out: SimPoint[] = [];
    for (const d of this.fig.simSeries ?? []) {
      if (d.appliesTo && !d.appliesTo(t.params)) continue;
      const ys: number[] = [];
      const xs: number[] = [];
      const own: number[] = [];
      const carried: Record<string, number[]> = {};
      for (const k of d.carry ?? []) carried[k] = [];
      for (const sample of samples) {
        const y = d.y(sample, t.params);
        const x = d.x ? d.x(sample, t.params) : t.x;
        if (Number.isFinite(y) && Number.isFinite(x)) {
          ys.push(y);
          xs.push(x);
          if (d.err) own.push(d.err(sample, t.params));
          for (const k of d.carry ?? []) carried[k].push(sample[k]);
        }
      }
      const p = toPoint(d.id, t, ys, xs, this.plan.targets[task], !!d.x, own);
      if (p && d.carry) p.carried = carried;
      if (p) out.push(p);
    }
    return out;
  }

  /** Every point, tasks in plan order. */
  points(): SimPoint[] {
    return this.plan.tasks.flatMap((_, i) => this.taskPoints(i));
  }
}

/** Merge unit results (from one run or several, any order) into the figure's points. */
export function mergeUnits(fig: Figure, plan: SimPlan, results: UnitResult[]): SimPoint[] {
  const m = new PointMerger(fig, plan);
  for (const r of results) m.add(r);
  return m.points();
}

/**
 * Run a figure's simulation (or the units `opts.units` of it) in this process,
 * one unit after another, streaming points as they gain seeds.
 */
export async function runFigure(
  chapter: Chapter,
  fig: Figure,
  sim: SimModule,
  params: Params,
  opts: RunOptions,
): Promise<SimPoint[]> {
  const plan = planFigure(fig, params, opts.seeds, sim.seedBatch ?? 1, opts.previews);
  const merger = new PointMerger(fig, plan);
  const chosen = opts.units ? opts.units.map((i) => plan.units[i]) : plan.units;
  const total = chosen.reduce((s, u) => s + u.seeds.length, 0);
  let done = 0;
  let inFlight = 0;
  const ctx = simContext(
    chapter,
    {
      seed: opts.seed,
      cache: opts.cache,
      store: opts.store,
      onNotice: opts.onNotice,
      isCancelled: opts.isCancelled,
      yieldNow: opts.yieldNow,
    },
    (f) => opts.onProgress?.(done + f * inFlight, total),
  );
  for (const unit of chosen) {
    inFlight = unit.seeds.length;
    const own = { seed: opts.seed, cache: opts.cache, store: opts.store, isCancelled: opts.isCancelled };
    const samples = await runUnit(chapter, fig, sim, plan, unit, { ...own, yieldNow: opts.yieldNow }, ctx);
    done += unit.seeds.length;
    opts.onProgress?.(done, total);
    opts.onUnit?.({ unit: unit.index, samples });
    for (const p of merger.add({ unit: unit.index, samples })) opts.onPoint(p);
  }
  return merger.points();
}

/** √(Σ err²)/n, the standard error of a mean of n values each known to its own error; 0 when none is finite. */
function pooledOwnError(errs: number[]): number {
  const finite = errs.filter(Number.isFinite);
  return finite.length ? Math.sqrt(finite.reduce((s, e) => s + e * e, 0)) / finite.length : 0;
}

function toPoint(
  series: string,
  task: SimTask,
  ys: number[],
  xs: number[],
  target: number,
  measuredX: boolean,
  ownErrs: number[],
): SimPoint | undefined {
  if (ys.length === 0) return undefined;
  const sy = summarize(ys);
  const sx = summarize(xs);
  const point: SimPoint = {
    series,
    task: task.key,
    x: measuredX ? sx.mean : task.x,
    y: sy.mean,
    err: Math.max(sy.err, pooledOwnError(ownErrs)),
    seeds: sy.n,
    target,
  };
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
