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
import { createKnownTheory, type KnownTheoryMemory } from './theory/knownTheory';
import { createQuietGate } from './theory/quietGate';
import { spawnTheoryWorker, type TheoryWorker } from './theory/theoryWorker';

/** The worker-theory figure on screen, or null (instant figures are computed where they are drawn). */
function onScreen(store: AppStore): OnScreen | null {
  const s = store.getState();
  const fig = s.chapter?.figures.find((f) => f.id === s.fig);
  if (!s.chapter || !fig || fig.theoryCost !== 'worker') return null;
  const figKey = `${s.chapter.id}|${fig.id}`;
  return { chapter: s.chapter, fig, params: s.params, figKey, key: theoryKey(s.chapter.id, fig.id, s.params) };
}

/**
 * The best stand-in for `c` from the results known for its figure, blended along the parameter that moved
 * since `lastParams` where only one did.
 */
function standIn(known: KnownTheoryMemory, c: OnScreen, lastParams: Params | null): TheoryResult | null {
  const hint = lastParams ? (soleDifference(lastParams, c.params) ?? undefined) : undefined;
  const list = known.list(c.figKey);
  return (list ? blendTheory(c.chapter.schema, list, c.params, hint) : null)?.result ?? null;
}

type QuietGate = ReturnType<typeof createQuietGate>;

/**
 * Exact results: shipped with the app or computed on an earlier visit (no computation at all), else computed
 * by the theory worker (started on first use) and written back. 'wait': a slow figure waits for the thumb.
 */
function createExactSource(persisted: TheoryCache, quiet: QuietGate) {
  let api: TheoryWorker | null = null;
  return async (c: OnScreen): Promise<{ result: TheoryResult; computed: boolean } | 'wait'> => {
    const hit = await persisted.get(c.chapter.id, c.fig.id, c.params);
    if (hit) return { result: hit.result, computed: false };
    if (quiet.shouldWait(c.figKey)) return 'wait';
    api ??= spawnTheoryWorker();
    const started = performance.now();
    const result = await api.api.compute(c.chapter.id, c.fig.id, c.params);
    quiet.took(c.figKey, performance.now() - started);
    persisted.put(c.chapter.id, c.fig.id, c.params, result);
    return { result, computed: true };
  };
}

export function createTheoryClient(store: AppStore, persisted: TheoryCache = theoryCache()) {
  /** Key of the exact result last shown. */
  let latest = '';
  let busy = false;
  let queued = false;
  let lastParams: Params | null = null;
  const quiet = createQuietGate(() => void pump());
  const exactFor = createExactSource(persisted, quiet);
  const known = createKnownTheory();
  const current = () => onScreen(store);

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
    const blend = standIn(known, c, lastParams);
    if (blend) store.setState({ workerTheory: { key: c.key, result: blend, preview: true } });
  }

  /** Record an exact result and show it if it is still the one on screen. */
  function settle(figKey: string, key: string, params: Params, result: TheoryResult) {
    latest = key;
    known.remember(figKey, key, params, result);
    // Only the answer for the parameters still on screen is shown; an older one still serves blends.
    if (current()?.key === key) store.setState({ workerTheory: { key, result, preview: false } });
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
      const exact = await exactFor(c);
      if (exact === 'wait') return;
      computed = exact.computed;
      settle(c.figKey, c.key, c.params, exact.result);
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
      quiet.moved();
      ahead.stop();
      showNow();
      lastParams = store.getState().params;
      void pump();
    },
  };
}
