/**
 * Theory for figures too slow for the main thread (theoryCost 'worker').
 *
 * - Exact results come from the theory worker, latest-wins: a request made
 *   while it is busy is coalesced into one for the newest parameters, and a
 *   slow figure waits for the slider to be still for a moment (QUIET_MS) so
 *   that a drag does not start computations that are stale before they end.
 * - Every exact result is remembered (per figure), and a slider move is
 *   answered within the frame by a stand-in blended from remembered results
 *   along the parameter that moved (core/theoryBlend.ts), flagged `preview`
 *   until the exact one replaces it.
 * - While the reader is idle and no simulation is running (the machine may
 *   have two cores), a second worker computes the figure at nearby slider
 *   positions (prefetchPlan), so that the next move usually lands between two
 *   exact results. It stops issuing work as soon as anything moves.
 * - Behind the memory sit the persistent levels (persist/theoryCache.ts):
 *   results shipped with the app for default and preset links, then results
 *   this browser computed on an earlier visit (IndexedDB). They are asked
 *   before the worker; whatever the worker computes is written back.
 */
import * as Comlink from 'comlink';
import type { TheoryApi } from '../workers/theory.worker';
import type { TheoryResult } from '../engine/core/chapter';
import type { Params } from '../engine/core/schema';
import { blendTheory, prefetchPlan, soleDifference, type KnownTheory } from '../engine/core/theoryBlend';
import { theoryKey } from './keys';
import { theoryCache, type TheoryCache } from './persist/theoryCache';
import type { AppStore } from './store';

/** Exact results remembered per figure (a few KB each). */
const KNOWN_PER_FIGURE = 200;
/** Idle time before computing ahead, so that a drag in progress is not competed with. */
const PREFETCH_IDLE_MS = 400;
/** While a simulation runs, look again this often. */
const PREFETCH_RETRY_MS = 1000;
/**
 * A figure whose last exact computation took longer than SLOW_MS is not started
 * until the parameters have been still for QUIET_MS: the worker cannot be
 * interrupted, so a computation started in the middle of a drag is wasted and
 * delays the one for where the thumb stops (by up to its whole duration).
 * Slider input events come at least every ~30 ms during a drag or a key repeat.
 */
const SLOW_MS = 150;
const QUIET_MS = 80;

interface TheoryWorker {
  api: Comlink.Remote<TheoryApi>;
  worker: Worker;
}

function spawn(): TheoryWorker {
  const worker = new Worker(new URL('../workers/theory.worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: Comlink.wrap<TheoryApi>(worker) };
}

export function createTheoryClient(store: AppStore, persisted: TheoryCache = theoryCache()) {
  let api: TheoryWorker | null = null;
  let ahead: TheoryWorker | null = null;
  /** Whether the ahead worker is in the middle of a computation. */
  let aheadBusy = false;
  let latest = '';
  let busy = false;
  let queued = false;
  let lastParams: Params | null = null;
  /** Bumped on every change: a prefetch loop started under an older generation stops. */
  let generation = 0;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let quietTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the parameters last changed, and how long each figure's last exact computation took. */
  let lastChange = 0;
  const cost = new Map<string, number>();
  const known = new Map<string, Map<string, KnownTheory>>();

  function remember(figKey: string, key: string, params: Params, result: TheoryResult) {
    let m = known.get(figKey);
    if (!m) known.set(figKey, (m = new Map<string, KnownTheory>()));
    m.delete(key);
    m.set(key, { params, result });
    if (m.size > KNOWN_PER_FIGURE) m.delete(m.keys().next().value!);
  }

  function current() {
    const s = store.getState();
    const fig = s.chapter?.figures.find((f) => f.id === s.fig);
    if (!s.chapter || !fig || fig.theoryCost !== 'worker') return null;
    return {
      s,
      chapter: s.chapter,
      fig,
      figKey: `${s.chapter.id}|${fig.id}`,
      key: theoryKey(s.chapter.id, fig.id, s.params),
    };
  }

  /** Show the exact result if known, else the best stand-in, at once. */
  function showNow() {
    const c = current();
    if (!c) return;
    const list = known.get(c.figKey);
    const exact = list?.get(c.key);
    if (exact) {
      latest = c.key;
      store.setState({ workerTheory: { key: c.key, result: exact.result, preview: false } });
      return;
    }
    const hint = lastParams ? (soleDifference(lastParams, c.s.params) ?? undefined) : undefined;
    const blend = list ? blendTheory(c.chapter.schema, [...list.values()], c.s.params, hint) : null;
    if (blend) store.setState({ workerTheory: { key: c.key, result: blend.result, preview: true } });
  }

  /** Record an exact result and show it if it is still the one on screen. */
  function settle(figKey: string, key: string, params: Params, result: TheoryResult) {
    latest = key;
    remember(figKey, key, params, result);
    // Only the answer for the parameters still on screen is shown; an older one still serves blends.
    if (current()?.key === key) store.setState({ workerTheory: { key, result, preview: false } });
  }

  async function pump() {
    if (busy) {
      queued = true;
      return;
    }
    const c = current();
    if (!c || c.key === latest) return;
    busy = true;
    let computed = false;
    try {
      const params = c.s.params;
      // Shipped with the app or computed on an earlier visit: no computation at all.
      const hit = await persisted.get(c.chapter.id, c.fig.id, params);
      if (hit) return settle(c.figKey, c.key, params, hit.result);
      const still = performance.now() - lastChange;
      if ((cost.get(c.figKey) ?? 0) > SLOW_MS && still < QUIET_MS) {
        if (quietTimer) clearTimeout(quietTimer);
        quietTimer = setTimeout(() => {
          quietTimer = null;
          void pump();
        }, QUIET_MS - still);
        return;
      }
      api ??= spawn();
      const started = performance.now();
      const result = await api.api.compute(c.chapter.id, c.fig.id, params);
      cost.set(c.figKey, performance.now() - started);
      computed = true;
      persisted.put(c.chapter.id, c.fig.id, params, result);
      settle(c.figKey, c.key, params, result);
    } catch (err) {
      store.getState().notify({ level: 'warning', text: `Theory failed: ${String(err)}` });
    } finally {
      busy = false;
      if (queued) {
        queued = false;
        void pump();
      } else if (computed || latest === c.key) scheduleAhead();
    }
  }

  function scheduleAhead(delay = PREFETCH_IDLE_MS) {
    if (idleTimer) clearTimeout(idleTimer);
    const gen = generation;
    idleTimer = setTimeout(() => void computeAhead(gen), delay);
  }

  async function computeAhead(gen: number) {
    const c = current();
    if (!c || gen !== generation || busy || c.key !== latest) return;
    const plan = prefetchPlan(c.chapter.schema, c.fig, c.s.params, c.fig.x.name);
    for (const params of plan) {
      if (gen !== generation || (typeof document !== 'undefined' && document.hidden)) return;
      if (store.getState().run.status === 'running') return scheduleAhead(PREFETCH_RETRY_MS);
      const key = theoryKey(c.chapter.id, c.fig.id, params);
      if (known.get(c.figKey)?.has(key)) continue;
      const hit = await persisted.get(c.chapter.id, c.fig.id, params);
      if (hit) {
        remember(c.figKey, key, params, hit.result);
        continue;
      }
      if (gen !== generation) return;
      ahead ??= spawn();
      aheadBusy = true;
      try {
        const result = await ahead.api.compute(c.chapter.id, c.fig.id, params);
        persisted.put(c.chapter.id, c.fig.id, params, result);
        remember(c.figKey, key, params, result);
      } catch {
        return; // computing ahead is an optimisation: the exact request reports failures
      } finally {
        aheadBusy = false;
      }
    }
  }

  return {
    /** Call on every change of chapter, figure or parameters. */
    request() {
      generation++;
      lastChange = performance.now();
      if (idleTimer) clearTimeout(idleTimer);
      // A computation ahead would take a core from the exact answer and from the page while the
      // reader drags: stop it (the next idle period starts a fresh worker; its pending call never settles).
      if (ahead && aheadBusy) {
        ahead.worker.terminate();
        ahead = null;
        aheadBusy = false;
      }
      showNow();
      lastParams = store.getState().params;
      void pump();
    },
  };
}
