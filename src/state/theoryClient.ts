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
 * - While the reader is idle and no simulation is running, a second worker
 *   computes ahead (theory/computeAhead.ts). It stops as soon as anything moves.
 * - Behind the memory sit the persistent levels (persist/theoryCache.ts):
 *   results shipped with the app for default and preset links, then results
 *   this browser computed on an earlier visit (IndexedDB). They are asked
 *   before the worker; whatever the worker computes is written back.
 */
import type { TheoryResult } from '../engine/core/chapter';
import type { Params } from '../engine/core/schema';
import { blendTheory, soleDifference } from '../engine/core/theoryBlend';
import { theoryKey } from './keys';
import { theoryCache, type TheoryCache } from './persist/theoryCache';
import type { AppStore } from './store';
import { createAheadComputer, type OnScreen } from './theory/computeAhead';
import { createKnownTheory } from './theory/knownTheory';
import { spawnTheoryWorker, type TheoryWorker } from './theory/theoryWorker';

/**
 * A figure whose last exact computation took longer than SLOW_MS is not started
 * until the parameters have been still for QUIET_MS: the worker cannot be
 * interrupted, so a computation started in the middle of a drag is wasted and
 * delays the one for where the thumb stops (by up to its whole duration).
 * Slider input events come at least every ~30 ms during a drag or a key repeat.
 */
const SLOW_MS = 150;
const QUIET_MS = 80;

export function createTheoryClient(store: AppStore, persisted: TheoryCache = theoryCache()) {
  let api: TheoryWorker | null = null;
  /** Key of the exact result last shown. */
  let latest = '';
  let busy = false;
  let queued = false;
  let lastParams: Params | null = null;
  let quietTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the parameters last changed, and how long each figure's last exact computation took. */
  let lastChange = 0;
  const cost = new Map<string, number>();
  const known = createKnownTheory();

  function current(): OnScreen | null {
    const s = store.getState();
    const fig = s.chapter?.figures.find((f) => f.id === s.fig);
    if (!s.chapter || !fig || fig.theoryCost !== 'worker') return null;
    const figKey = `${s.chapter.id}|${fig.id}`;
    return { chapter: s.chapter, fig, params: s.params, figKey, key: theoryKey(s.chapter.id, fig.id, s.params) };
  }

  const ahead = createAheadComputer({
    store,
    persisted,
    known,
    settled: () => {
      const c = current();
      return c && !busy && c.key === latest ? c : null;
    },
  });

  /** Show the exact result if known, else the best stand-in, at once. */
  function showNow() {
    const c = current();
    if (!c) return;
    const exact = known.get(c.figKey, c.key);
    if (exact) {
      latest = c.key;
      store.setState({ workerTheory: { key: c.key, result: exact.result, preview: false } });
      return;
    }
    const hint = lastParams ? (soleDifference(lastParams, c.params) ?? undefined) : undefined;
    const list = known.list(c.figKey);
    const blend = list ? blendTheory(c.chapter.schema, list, c.params, hint) : null;
    if (blend) store.setState({ workerTheory: { key: c.key, result: blend.result, preview: true } });
  }

  /** Record an exact result and show it if it is still the one on screen. */
  function settle(figKey: string, key: string, params: Params, result: TheoryResult) {
    latest = key;
    known.remember(figKey, key, params, result);
    // Only the answer for the parameters still on screen is shown; an older one still serves blends.
    if (current()?.key === key) store.setState({ workerTheory: { key, result, preview: false } });
  }

  /** Whether a slow figure should wait for the thumb to be still (then pump again when it is). */
  function waitForQuiet(figKey: string): boolean {
    const still = performance.now() - lastChange;
    if ((cost.get(figKey) ?? 0) <= SLOW_MS || still >= QUIET_MS) return false;
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      quietTimer = null;
      void pump();
    }, QUIET_MS - still);
    return true;
  }

  /** The exact result for the figure on screen: persisted if known, else computed (latest wins). */
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
      // Shipped with the app or computed on an earlier visit: no computation at all.
      const hit = await persisted.get(c.chapter.id, c.fig.id, c.params);
      if (hit) return settle(c.figKey, c.key, c.params, hit.result);
      if (waitForQuiet(c.figKey)) return;
      api ??= spawnTheoryWorker();
      const started = performance.now();
      const result = await api.api.compute(c.chapter.id, c.fig.id, c.params);
      cost.set(c.figKey, performance.now() - started);
      computed = true;
      persisted.put(c.chapter.id, c.fig.id, c.params, result);
      settle(c.figKey, c.key, c.params, result);
    } catch (err) {
      store.getState().notify({ level: 'warning', text: `Theory failed: ${String(err)}` });
    } finally {
      busy = false;
      if (queued) {
        queued = false;
        void pump();
      } else if (computed || latest === c.key) ahead.schedule();
    }
  }

  return {
    /** Call on every change of chapter, figure or parameters. */
    request() {
      lastChange = performance.now();
      ahead.stop();
      showNow();
      lastParams = store.getState().params;
      void pump();
    },
  };
}
