/**
 * The steps of one simulation run, for the sim client (simClient.ts): what the view on screen asks to
 * simulate, the plan of units, the callbacks that merge each unit's samples into the store as it arrives,
 * and the run's end. Every store write checks that its run is still the current one (`run.id`): a newer
 * request owns the chart, and results of an older one are dropped here.
 */
import type { Chapter, Figure } from '../engine/core/chapter';
import { planFigure, PointMerger, seedCount, type SimPlan, type SimPoint } from '../engine/core/simRunner';
import { summarize } from '../engine/core/stats';
import type { JobCallbacks, JobOutcome, PoolJob, TrainingPool } from '../workers/pool';
import { runKey } from './keys';
import type { AppState, AppStore, RunTrail } from './store';

/** The view on screen, when it is a chapter's figure that has simulations; `state` is the snapshot read. */
export interface SimView {
  key: string;
  chapter: Chapter;
  fig: Figure;
  state: AppState;
}

export function simView(store: AppStore): SimView | null {
  const s = store.getState();
  if (!s.chapter || s.view !== 'chapter') return null;
  const fig = s.chapter.figures.find((f) => f.id === s.fig);
  if (!fig?.simTasks || !s.chapter.loadSim) return null;
  const key = runKey(s.chapter.id, s.fig, s.params, s.seed, s.backendInfo.name);
  return { key, chapter: s.chapter, fig, state: s };
}

export interface PlannedRun {
  req: PoolJob;
  fig: Figure;
  plan: SimPlan;
  merger: PointMerger;
}

/**
 * The run's plan, from the seed batch the pool's backend trains at once; one preview unit per worker. Null
 * when the run is stale by then, or the pool could not say (the run then ends with that error).
 */
export async function planRun(store: AppStore, pool: TrainingPool, id: number, v: SimView): Promise<PlannedRun | null> {
  const live = () => store.getState().run.id === id;
  let batch: number;
  try {
    batch = await pool.seedBatch(v.chapter.id);
  } catch (err) {
    if (live()) store.setState({ run: { ...store.getState().run, status: 'done', error: String(err) } });
    return null;
  }
  if (!live()) return null;
  const s = v.state;
  const seeds = seedCount(s.params);
  const previews = pool.size;
  const plan = planFigure(v.fig, s.params, seeds, batch, previews);
  const merger = new PointMerger(v.fig, plan);
  store.setState({ run: { ...store.getState().run, total: plan.total } });
  const req = { id, chapter: v.chapter.id, fig: s.fig, params: s.params, seed: s.seed, seeds, previews, plan };
  return { req, fig: v.fig, plan, merger };
}

/** Each unit's samples merged into the points on screen, with progress and notices, while the run is live. */
export function liveCallbacks(store: AppStore, r: PlannedRun): JobCallbacks {
  const live = () => store.getState().run.id === r.req.id;
  return {
    unit(u) {
      if (!live()) return; // stale: a newer request owns the chart
      const run = store.getState().run;
      const points = { ...run.points };
      for (const pt of r.merger.add(u)) points[`${pt.series}|${pt.task}`] = pt;
      const task = r.plan.units[u.unit].task;
      store.setState({ run: { ...run, points, trail: trailOf(r.fig, r.plan, r.merger, task) ?? run.trail } });
    },
    progress(done, total) {
      if (live()) store.setState({ run: { ...store.getState().run, done, total } });
    },
    notice(text) {
      if (live()) store.getState().notify({ level: 'info', text });
    },
  };
}

/**
 * The run's end in the store: idle if cancelled, else done (with any units given up as its error). Returns
 * the points to remember for this key when the run completed without errors.
 */
export function finishRun(
  store: AppStore,
  r: PlannedRun,
  out: JobOutcome,
): { points: Record<string, SimPoint>; wallMs: number } | null {
  const run = store.getState().run;
  if (out.status === 'cancelled') {
    store.setState({ run: { ...run, status: 'idle' } });
    return null;
  }
  const error = out.errors.length ? out.errors.join('; ') : undefined;
  store.setState({ run: { ...run, status: 'done', done: r.plan.total, wallMs: out.wallMs, error, trail: undefined } });
  return error ? null : { points: run.points, wallMs: out.wallMs };
}

/** The running mean (± s.e.) of a task's first series over its seeds so far (the run bar's live trace). */
function trailOf(fig: Figure, plan: SimPlan, merger: PointMerger, task: number): RunTrail | undefined {
  const def = fig.simSeries?.[0];
  const t = plan.tasks[task];
  if (!def) return undefined;
  const ys = merger
    .samples(task)
    .map((s) => def.y(s, t.params))
    .filter(Number.isFinite);
  if (!ys.length) return undefined;
  const sums = ys.map((_, k) => summarize(ys.slice(0, k + 1)));
  const means = sums.map((m) => m.mean);
  const errs = sums.map((m) => m.err);
  return { series: def.id, task: t.key, x: t.x, means, errs, target: plan.targets[task] };
}
