/**
 * The second and third levels behind the theory clients' memory: results shipped
 * with the app, then results this browser computed before (IndexedDB), both keyed
 * by chapter, figure, parameters and the engine version. A miss (or any failure)
 * answers undefined and the caller computes; what it computes is written back.
 */
import type { TheoryResult } from '../../engine/core/chapter';
import type { Params } from '../../engine/core/schema';
import { persistKey } from './codec';
import { idbStore, type KeyValue, type VersionOf } from './idb';
import { shippedResults, type ShippedLoader } from './shipped';
import { theoryVersion } from './version';

type TheorySource = 'shipped' | 'stored';

export interface TheoryCache {
  get(
    chapter: string,
    fig: string,
    params: Params,
  ): Promise<{ result: TheoryResult; source: TheorySource } | undefined>;
  put(chapter: string, fig: string, params: Params, result: TheoryResult): void;
}

export function createTheoryCache(
  opts: { versionOf?: VersionOf; shipped?: ShippedLoader; stored?: KeyValue<TheoryResult> } = {},
): TheoryCache {
  const versionOf = opts.versionOf ?? theoryVersion;
  const shipped = shippedResults(versionOf, opts.shipped);
  const stored = opts.stored ?? idbStore<TheoryResult>('theory', versionOf);
  return {
    async get(chapter, fig, params) {
      const key = persistKey(chapter, fig, params);
      // Both levels are asked at once (a cold page loads the shipped chunk and opens the database in parallel).
      const miss = () => undefined;
      const fromStored = Promise.resolve()
        .then(() => stored.get(chapter, key))
        .catch(miss);
      const s = await Promise.resolve()
        .then(() => shipped.get(chapter, key))
        .catch(miss);
      if (s) return { result: s, source: 'shipped' };
      const r = await fromStored;
      return r ? { result: r, source: 'stored' } : undefined;
    },
    put(chapter, fig, params, result) {
      void stored.put(chapter, persistKey(chapter, fig, params), result).catch(() => undefined);
    },
  };
}

/** The app's one cache (shared by the figure's theory client and the gallery thumbnails). */
let shared: TheoryCache | null = null;
export function theoryCache(): TheoryCache {
  return (shared ??= createTheoryCache());
}
