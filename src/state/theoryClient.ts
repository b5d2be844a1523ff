/** Latest-wins requests to the theory worker for figures whose theory is too slow for the main thread. */
import * as Comlink from 'comlink';
import type { TheoryApi } from '../workers/theory.worker';
import { theoryKey } from './keys';
import type { AppStore } from './store';

export function createTheoryClient(store: AppStore) {
  let api: Comlink.Remote<TheoryApi> | null = null;
  let latest = '';
  let busy = false;
  let queued = false;

  async function pump() {
    if (busy) {
      queued = true;
      return;
    }
    const s = store.getState();
    const fig = s.chapter?.figures.find((f) => f.id === s.fig);
    if (!s.chapter || !fig || fig.theoryCost !== 'worker') return;
    const key = theoryKey(s.chapter.id, s.fig, s.params);
    if (key === latest) return;
    api ??= Comlink.wrap<TheoryApi>(new Worker(new URL('../workers/theory.worker.ts', import.meta.url), { type: 'module' }));
    busy = true;
    try {
      const result = await api.compute(s.chapter.id, s.fig, s.params);
      latest = key;
      // Only the answer for the parameters still on screen is kept; an older one is replaced by the next pump.
      const now = store.getState();
      if (now.chapter && theoryKey(now.chapter.id, now.fig, now.params) === key) store.setState({ workerTheory: { key, result } });
    } catch (err) {
      store.getState().notify({ level: 'warning', text: `Theory failed: ${String(err)}` });
    } finally {
      busy = false;
      if (queued) {
        queued = false;
        pump();
      }
    }
  }
  return { request: pump };
}
