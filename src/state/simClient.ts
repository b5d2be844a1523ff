/**
 * Drives the training worker from the store: debounced runs after every
 * change, request ids so that a newer request supersedes an older one (stale
 * points are dropped here, before they reach the store), a result cache so that
 * returning to a parameter set redraws its points at once, and recovery when the
 * worker crashes (respawn without the backend that crashed, resubmit).
 */
import * as Comlink from 'comlink';
import type { SimPoint } from '../engine/core/simRunner';
import type { BackendName, RunCallbacks, TrainingApi } from '../workers/protocol';
import { runKey } from './keys';
import { emptyRun, type AppStore } from './store';

const DEBOUNCE_MS = 250;
const CACHE_SIZE = 40;

export interface SimClient {
  schedule(immediate?: boolean): void;
  runNow(): void;
  cancel(): void;
  killWorker(): void;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  throughput(b: BackendName): Promise<unknown>;
  ready(): Promise<void>;
}

export function createSimClient(store: AppStore): SimClient {
  let worker: Worker | null = null;
  let api: Comlink.Remote<TrainingApi> | null = null;
  let readyP: Promise<void> = Promise.resolve();
  let reqId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const excluded: BackendName[] = [];
  const cache = new Map<string, { points: Record<string, SimPoint>; wallMs?: number }>();

  function spawn() {
    worker = new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module' });
    api = Comlink.wrap<TrainingApi>(worker);
    worker.addEventListener('error', () => crashed('the training worker stopped with an error'));
    const pref = store.getState().backend;
    readyP = api.init(pref, [...excluded]).then(
      (report) => {
        store.setState({ backendInfo: { name: report.name, detail: report.detail } });
        report.notices.forEach((n) => store.getState().notify({ level: 'warning', text: n }));
      },
      (err) => {
        store.setState({ backendInfo: { name: 'unavailable', detail: String(err) } });
        store.getState().notify({ level: 'warning', text: `Simulations are unavailable: ${String(err)}` });
      },
    );
  }

  function crashed(why: string) {
    const current = store.getState().backendInfo.name as BackendName;
    if (current && !excluded.includes(current) && current !== 'cpu') excluded.push(current);
    worker?.terminate();
    store.getState().notify({ level: 'warning', text: `${why}; restarting it${excluded.length ? ` without ${excluded.join(', ')}` : ''} and resuming the run.` });
    spawn();
    if (store.getState().run.status === 'running') submit();
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
    if (!worker && keyNow()) spawn(); // first simulation after the landing page or gallery
    await readyP; // the backend is part of the result key
    if (id !== reqId) return;
    const s = store.getState();
    const key = keyNow();
    if (!key || !s.chapter) {
      store.setState({ run: { ...emptyRun, id } });
      return;
    }
    const hit = cache.get(key);
    if (hit) {
      store.setState({ run: { id, status: 'done', done: 1, total: 1, points: hit.points, wallMs: hit.wallMs } });
      return;
    }
    store.setState({ run: { id, status: 'running', done: 0, total: 1, points: {} } });
    if (!api) return;
    const live = () => store.getState().run.id === id;
    const callbacks: RunCallbacks = {
      point(rid, p) {
        if (rid !== id || !live()) return; // stale: a newer request owns the chart
        const run = store.getState().run;
        store.setState({ run: { ...run, points: { ...run.points, [`${p.series}|${p.task}`]: p } } });
      },
      progress(rid, done, total) {
        if (rid !== id || !live()) return;
        store.setState({ run: { ...store.getState().run, done, total } });
      },
      notice(rid, text) {
        if (rid === id) store.getState().notify({ level: 'info', text });
      },
    };
    const req = { id, chapter: s.chapter.id, fig: s.fig, params: s.params, seed: s.seed };
    api.cancel(id - 1);
    try {
      const out = await api.run(req, Comlink.proxy(callbacks));
      if (!live()) return;
      const run = store.getState().run;
      if (out.status === 'done') {
        const doneKey = runKey(req.chapter, req.fig, req.params, req.seed, store.getState().backendInfo.name);
        cache.set(doneKey, { points: run.points, wallMs: out.wallMs });
        while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        store.setState({ run: { ...run, status: 'done', wallMs: out.wallMs } });
        if (out.backend !== s.backendInfo.name) store.setState({ backendInfo: { name: out.backend, detail: 'after a fallback' } });
      } else if (out.status === 'failed') {
        store.setState({ run: { ...run, status: 'done', error: out.error } });
        store.getState().notify({ level: 'warning', text: `The simulation failed: ${out.error}` });
      } else store.setState({ run: { ...run, status: 'idle' } });
    } catch (err) {
      if (live()) store.setState({ run: { ...store.getState().run, status: 'idle', error: String(err) } });
    }
  }

  // The landing page and the gallery never simulate: the worker (and its backend warm-up) starts with the first chapter view.
  const onChapter = () => !!store.getState().chapter && store.getState().view === 'chapter';
  if (onChapter()) spawn();
  return {
    schedule(immediate = false) {
      if (timer) clearTimeout(timer);
      // A new id at once: points still arriving for the previous parameters are dropped from now on,
      // and the chart never shows them as current.
      const pending = ++reqId;
      api?.cancel(pending);
      if (keyNow()) store.setState({ run: { ...emptyRun, id: pending, status: store.getState().autorun ? 'running' : 'idle' } });
      if (!store.getState().autorun && !immediate) return;
      timer = setTimeout(submit, immediate ? 0 : DEBOUNCE_MS);
    },
    runNow() {
      if (timer) clearTimeout(timer);
      submit();
    },
    cancel() {
      reqId++;
      api?.cancel(reqId);
      store.setState({ run: { ...store.getState().run, id: reqId, status: 'idle' } });
    },
    killWorker() {
      crashed('the training worker was stopped');
    },
    memory: () => (api ? api.memory() : Promise.resolve({ numTensors: 0, numBytes: 0 })),
    throughput: (b) => (api ? api.throughput(b) : Promise.resolve(null)),
    ready: () => readyP,
  };
}
