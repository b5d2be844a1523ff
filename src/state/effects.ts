/**
 * Side effects of the store, wired once at start-up: write the URL
 * (replaceState, throttled, only non-default values), restart simulations and
 * worker theory after a change.
 */
import type { AppStore } from './store';
import { writeUrl } from './url';
import { createSimClient, type SimClient } from './simClient';
import { createTheoryClient } from './theoryClient';

const URL_THROTTLE_MS = 200;

export function startEffects(store: AppStore): SimClient {
  let urlTimer: ReturnType<typeof setTimeout> | null = null;
  const writeNow = () => {
    urlTimer = null;
    const next = writeUrl(store.getState()) || window.location.pathname;
    if (next !== window.location.search) window.history.replaceState(null, '', next);
  };
  const sims = createSimClient(store);
  const theory = createTheoryClient(store);
  store.subscribe((s, prev) => {
    const viewChanged =
      s.chapter !== prev.chapter ||
      s.fig !== prev.fig ||
      s.params !== prev.params ||
      s.seed !== prev.seed ||
      s.view !== prev.view;
    if (viewChanged || s.embed !== prev.embed || s.step !== prev.step) {
      if (!urlTimer) urlTimer = setTimeout(writeNow, URL_THROTTLE_MS);
    }
    if (viewChanged) {
      sims.schedule();
      theory.request();
    }
  });
  window.addEventListener('pagehide', writeNow);
  theory.request();
  if (store.getState().autorun) sims.schedule(true);
  return sims;
}
