/**
 * Drives the pool of training workers from the store: debounced runs after
 * every change, request ids so that a newer request supersedes an older one
 * (stale results are dropped here, before they reach the store), a result cache
 * so that returning to a parameter set redraws its points at once. The run is
 * planned here (units of task × seed batch, core/simRunner.ts) and each unit's
 * samples are merged into points as they arrive, so a point shows from its first
 * seed batch on and settles as the others land. Where a chapter trains a point's
 * seeds as one batch, the plan starts with one preview unit per worker (a task's
 * first seed alone), so that points appear within a fraction of a batch's time;
 * the final points do not depend on them. Worker faults are handled by the
 * pool (workers/pool.ts): a dead worker is replaced and its unit re-run.
 */
import type { Figure } from '../engine/core/chapter';
import { planFigure, PointMerger, seedCount, type SimPlan, type SimPoint } from '../engine/core/simRunner';
import { summarize } from '../engine/core/stats';
import type { BackendName, WorkerFault } from '../workers/protocol';
import { TrainingPool } from '../workers/pool';
import { runKey } from './keys';
import { poolSize } from './poolSize';
import { emptyRun, type AppStore, type RunTrail } from './store';

const DEBOUNCE_MS = 250;
const CACHE_SIZE = 40;

export interface SimClient {
  schedule(immediate?: boolean): void;
  runNow(): void;
  cancel(): void;
  /** Restart a training worker (the app's own restart path); the run goes on. */
  killWorker(): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  throughput(b: BackendName): Promise<unknown>;
  ready(): Promise<void>;
  /** Tests only: make a busy worker fail ('close' = self.close(), 'throw', 'hang', 'terminate' = killed from outside). */
  debugFault(kind: WorkerFault | 'terminate', worker?: number): number;
  /** Pool size, workers started, backend. */
  poolInfo(): { size: number; ready: number; backend: string | null };
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

export function createSimClient(store: AppStore): SimClient {
  let pool: TrainingPool | null = null;
  let reqId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cache = new Map<string, { points: Record<string, SimPoint>; wallMs?: number }>();
  const size = poolSize(window.location.search, navigator.hardwareConcurrency);
  if (size.notice) store.getState().notify(size.notice);

  function start(): TrainingPool {
    if (pool) return pool;
    pool = new TrainingPool({
      size: size.size,
      create: () => new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module' }),
      preferred: store.getState().backend,
      onBackend: (r) =>
        store.setState({
          backendInfo: { name: r.name, detail: `${r.detail}; ${size.size} training worker${size.size > 1 ? 's' : ''}` },
        }),
      onNotice: (text, level) => store.getState().notify({ level, text }),
    });
    void pool.ready().then((r) => {
      if (!r) store.setState({ backendInfo: { name: 'unavailable', detail: 'no tfjs backend could start' } });
    });
    return pool;
  }

  function keyNow(): string | null {
    const s = store.getState();
    if (!s.chapter || s.view !== 'chapter') return null;
    const fig = s.chapter.figures.find((f) => f.id === s.fig);
    if (!fig?.simTasks || !s.chapter.loadSim) return null;
    return runKey(s.chapter.id, s.fig, s.params, s.seed, s.backendInfo.name);
  }

  async function submit() {
    const id = ++reqId;
    const p = keyNow() ? start() : pool; // the first simulation after the landing page or gallery starts the pool
    await p?.ready(); // the backend is part of the result key
    if (id !== reqId) return;
    const s = store.getState();
    const key = keyNow();
    const fig = s.chapter?.figures.find((f) => f.id === s.fig);
    if (!key || !s.chapter || !fig || !p) {
      store.setState({ run: { ...emptyRun, id } });
      return;
    }
    const hit = cache.get(key);
    if (hit) {
      store.setState({ run: { id, status: 'done', done: 1, total: 1, points: hit.points, wallMs: hit.wallMs } });
      return;
    }
    store.setState({ run: { id, status: 'running', done: 0, total: 1, points: {} } });
    const live = () => store.getState().run.id === id;
    let batch: number;
    try {
      batch = await p.seedBatch(s.chapter.id);
    } catch (err) {
      if (live()) store.setState({ run: { ...store.getState().run, status: 'done', error: String(err) } });
      return;
    }
    if (!live()) return;
    const seeds = seedCount(s.params);
    const previews = p.size;
    const plan = planFigure(fig, s.params, seeds, batch, previews);
    const merger = new PointMerger(fig, plan);
    store.setState({ run: { ...store.getState().run, total: plan.total } });
    const req = { id, chapter: s.chapter.id, fig: s.fig, params: s.params, seed: s.seed, seeds, previews, plan };
    const out = await p.run(req, {
      unit(r) {
        if (!live()) return; // stale: a newer request owns the chart
        const run = store.getState().run;
        const points = { ...run.points };
        for (const pt of merger.add(r)) points[`${pt.series}|${pt.task}`] = pt;
        const task = plan.units[r.unit].task;
        store.setState({ run: { ...run, points, trail: trailOf(fig, plan, merger, task) ?? run.trail } });
      },
      progress(done, total) {
        if (live()) store.setState({ run: { ...store.getState().run, done, total } });
      },
      notice(text) {
        if (live()) store.getState().notify({ level: 'info', text });
      },
    });
    if (!live()) return;
    const run = store.getState().run;
    if (out.status === 'cancelled') {
      store.setState({ run: { ...run, status: 'idle' } });
      return;
    }
    const error = out.errors.length ? out.errors.join('; ') : undefined;
    if (!error) {
      cache.set(runKey(req.chapter, req.fig, req.params, req.seed, store.getState().backendInfo.name), {
        points: run.points,
        wallMs: out.wallMs,
      });
      while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    store.setState({ run: { ...run, status: 'done', done: plan.total, wallMs: out.wallMs, error, trail: undefined } });
  }

  // The landing page and the gallery never simulate: the pool (and its backend warm-up) starts with the first chapter view.
  const onChapter = () => !!store.getState().chapter && store.getState().view === 'chapter';
  if (onChapter()) start();
  return {
    schedule(immediate = false) {
      if (timer) clearTimeout(timer);
      // A new id at once: results still arriving for the previous parameters are dropped from now on,
      // and the chart never shows them as current.
      const pending = ++reqId;
      pool?.cancel(pending);
      if (keyNow())
        store.setState({ run: { ...emptyRun, id: pending, status: store.getState().autorun ? 'running' : 'idle' } });
      if (!store.getState().autorun && !immediate) return;
      timer = setTimeout(() => void submit(), immediate ? 0 : DEBOUNCE_MS);
    },
    runNow() {
      if (timer) clearTimeout(timer);
      void submit();
    },
    cancel() {
      reqId++;
      pool?.cancel(reqId);
      store.setState({ run: { ...store.getState().run, id: reqId, status: 'idle' } });
    },
    killWorker() {
      start().restart(0, 'was stopped');
    },
    memory: () => (pool ? pool.memory() : Promise.resolve({ numTensors: 0, numBytes: 0 })),
    throughput: (b) => start().throughput(b),
    ready: () =>
      start()
        .ready()
        .then(() => {}),
    debugFault: (kind, worker) => start().debugFault(kind, worker),
    poolInfo: () => (pool ? pool.info() : { size: size.size, ready: 0, backend: null }),
  };
}
