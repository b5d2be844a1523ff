/**
 * Computing ahead: while the reader is idle and no simulation runs (the machine may have two cores), a second
 * theory worker computes the figure at nearby slider positions (core/theoryBlend.ts `prefetchPlan`, only along the
 * figure's theory dependencies), so that the next move usually lands between two exact results. Anything that
 * moves stops it: a computation ahead would take a core from the exact answer and from the page during a drag.
 */
import { prefetchPlan } from '../../engine/core/theoryBlend';
import type { Chapter, Figure } from '../../engine/core/chapter';
import type { Params } from '../../engine/core/schema';
import { theoryKey } from '../keys';
import type { TheoryCache } from '../persist/theoryCache';
import type { AppStore } from '../store';
import type { KnownTheoryMemory } from './knownTheory';
import { spawnTheoryWorker, type TheoryWorker } from './theoryWorker';

/** Idle time before computing ahead, so that a drag in progress is not competed with. */
const PREFETCH_IDLE_MS = 400;
/** While a simulation runs, look again this often. */
const PREFETCH_RETRY_MS = 1000;

/** The figure on screen, as the theory client sees it. */
export interface OnScreen {
  chapter: Chapter;
  fig: Figure;
  params: Params;
  figKey: string;
  key: string;
}

export function createAheadComputer(deps: {
  store: AppStore;
  persisted: TheoryCache;
  known: KnownTheoryMemory;
  /** The figure on screen, if its theory runs in the worker, and whether its exact result is the one shown. */
  settled: () => OnScreen | null;
}) {
  let ahead: TheoryWorker | null = null;
  /** Whether the ahead worker is in the middle of a computation. */
  let aheadBusy = false;
  /** Bumped on every change: a loop started under an older generation stops. */
  let generation = 0;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  async function run(gen: number) {
    const c = deps.settled();
    if (!c || gen !== generation) return;
    for (const params of prefetchPlan(c.chapter.schema, c.fig, c.params, c.fig.x.name)) {
      if (gen !== generation || (typeof document !== 'undefined' && document.hidden)) return;
      if (deps.store.getState().run.status === 'running') return schedule(PREFETCH_RETRY_MS);
      if (!(await computeOne(c, params, gen))) return;
    }
  }

  /** One nearby parameter set; false when the loop should stop. */
  async function computeOne(c: OnScreen, params: Params, gen: number): Promise<boolean> {
    const key = theoryKey(c.chapter.id, c.fig.id, params);
    if (deps.known.has(c.figKey, key)) return true;
    const hit = await deps.persisted.get(c.chapter.id, c.fig.id, params);
    if (hit) {
      deps.known.remember(c.figKey, key, params, hit.result);
      return true;
    }
    if (gen !== generation) return false;
    ahead ??= spawnTheoryWorker();
    aheadBusy = true;
    try {
      const result = await ahead.api.compute(c.chapter.id, c.fig.id, params);
      deps.persisted.put(c.chapter.id, c.fig.id, params, result);
      deps.known.remember(c.figKey, key, params, result);
      return true;
    } catch {
      return false; // computing ahead is an optimisation: the exact request reports failures
    } finally {
      aheadBusy = false;
    }
  }

  function schedule(delay = PREFETCH_IDLE_MS) {
    if (idleTimer) clearTimeout(idleTimer);
    const gen = generation;
    idleTimer = setTimeout(() => void run(gen), delay);
  }

  return {
    schedule,
    /** Something moved: stop (the next idle period starts a fresh worker; its pending call never settles). */
    stop() {
      generation++;
      if (idleTimer) clearTimeout(idleTimer);
      if (ahead && aheadBusy) {
        ahead.worker.terminate();
        ahead = null;
        aheadBusy = false;
      }
    },
  };
}
