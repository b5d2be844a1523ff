/**
 * Theory for gallery thumbnails, one at a time and only when asked (a
 * thumbnail asks when it scrolls into view): instant theory runs on the main
 * thread in its own task, 'worker' theory in a theory worker of the gallery's
 * own. Results are cached by parameter key; worker theory is first looked up in
 * the results shipped with the app and those stored on an earlier visit
 * (persist/theoryCache.ts), and what is computed is stored. No simulation is
 * ever started.
 */
import * as Comlink from 'comlink';
import type { Chapter, Figure, TheoryResult } from '../engine/core/chapter';
import { Lru } from '../engine/core/lru';
import type { Params } from '../engine/core/schema';
import type { TheoryApi } from '../workers/theory.worker';
import { theoryKey } from './keys';
import { theoryCache } from './persist/theoryCache';

/**
 * Thumbnails show presets and key figures (a few dozen): room for all of them and more, so the gallery never
 * recomputes one while the page is open, yet the memory is bounded.
 */
const THUMBS_KEPT = 128;
const cache = new Lru<Promise<TheoryResult>>(THUMBS_KEPT);
let queue: Promise<unknown> = Promise.resolve();
let api: Comlink.Remote<TheoryApi> | null = null;

async function compute(ch: Chapter, fig: Figure, params: Params): Promise<TheoryResult> {
  if (fig.theoryCost === 'worker') {
    const hit = await theoryCache().get(ch.id, fig.id, params);
    if (hit) return hit.result;
    api ??= Comlink.wrap<TheoryApi>(
      new Worker(new URL('../workers/theory.worker.ts', import.meta.url), { type: 'module' }),
    );
    const result = await api.compute(ch.id, fig.id, params);
    theoryCache().put(ch.id, fig.id, params, result);
    return result;
  }
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(fig.theory(params, fig.grid(params)));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    }, 0),
  );
}

export function thumbTheory(ch: Chapter, fig: Figure, params: Params): Promise<TheoryResult> {
  const key = theoryKey(ch.id, fig.id, params);
  return cache.getOr(key, () => {
    const p = queue.then(() => compute(ch, fig, params));
    queue = p.catch(() => undefined);
    return p;
  });
}
