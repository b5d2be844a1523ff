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
import { Lru } from '../engine/core/lru';
import type { SimPoint } from '../engine/core/simRunner';
import type { BackendName, WorkerFault } from '../workers/protocol';
import { TrainingPool } from '../workers/pool';
import { runKey } from './keys';
import { poolSize } from './poolSize';
import { finishRun, liveCallbacks, planRun, simView } from './simRun';
import { emptyRun, type AppStore } from './store';

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
  /**
   * Tests only: make a busy worker fail ('close' = self.close(), 'throw', 'hang', 'terminate' = killed from
   * outside).
   */
  debugFault(kind: WorkerFault | 'terminate', worker?: number): number;
  /** Pool size, workers started, backend. */
  poolInfo(): { size: number; ready: number; backend: string | null };
}

/** The pool of training workers for this page, reporting its backend and notices to the store. */
function startPool(store: AppStore, size: number): TrainingPool {
  const pool = new TrainingPool({
    size,
    create: () => new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module' }),
    preferred: store.getState().backend,
    onBackend: (r) =>
      store.setState({
        backendInfo: { name: r.name, detail: `${r.detail}; ${size} training worker${size > 1 ? 's' : ''}` },
      }),
    onNotice: (text, level) => store.getState().notify({ level, text }),
  });
  void pool.ready().then((r) => {
    if (!r) store.setState({ backendInfo: { name: 'unavailable', detail: 'no tfjs backend could start' } });
  });
  return pool;
}

export function createSimClient(store: AppStore): SimClient {
  let pool: TrainingPool | null = null;
  let reqId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Finished runs by key (parameters, seed, backend): returning to one redraws its points at once. */
  const cache = new Lru<{ points: Record<string, SimPoint>; wallMs?: number }>(CACHE_SIZE);
  const size = poolSize(window.location.search, navigator.hardwareConcurrency);
  if (size.notice) store.getState().notify(size.notice);
  const start = () => (pool ??= startPool(store, size.size));

  /** The run for the view on screen: from the cache, or planned and trained, unless a newer one supersedes it. */
  async function submit() {
    const id = ++reqId;
    const p = simView(store) ? start() : pool; // the first simulation after the landing page or gallery starts the pool
    await p?.ready(); // the backend is part of the result key
    if (id !== reqId) return;
    const v = simView(store);
    if (!v || !p) {
      store.setState({ run: { ...emptyRun, id } });
      return;
    }
    const hit = cache.get(v.key);
    if (hit) {
      store.setState({ run: { id, status: 'done', done: 1, total: 1, points: hit.points, wallMs: hit.wallMs } });
      return;
    }
    store.setState({ run: { id, status: 'running', done: 0, total: 1, points: {} } });
    const planned = await planRun(store, p, id, v);
    if (!planned) return;
    const out = await p.run(planned.req, liveCallbacks(store, planned));
    if (store.getState().run.id !== id) return;
    const { chapter, fig, params, seed } = planned.req;
    const done = finishRun(store, planned, out);
    if (done) cache.set(runKey(chapter, fig, params, seed, store.getState().backendInfo.name), done);
  }

  // The landing page and the gallery never simulate: the pool (and its backend warm-up) starts with the first
  // chapter view.
  const onChapter = () => !!store.getState().chapter && store.getState().view === 'chapter';
  if (onChapter()) start();
  return {
    schedule(immediate = false) {
      if (timer) clearTimeout(timer);
      // A new id at once: results still arriving for the previous parameters are dropped from now on,
      // and the chart never shows them as current.
      const pending = ++reqId;
      pool?.cancel(pending);
      if (simView(store))
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
