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

export type TheorySource = 'shipped' | 'stored';

export interface TheoryCache {
  get(chapter: string, fig: string, params: Params): Promise<{ result: TheoryResult; source: TheorySource } | undefined>;
  put(chapter: string, fig: string, params: Params, result: TheoryResult): void;
}

export function createTheoryCache(opts: { versionOf?: VersionOf; shipped?: ShippedLoader; stored?: KeyValue<TheoryResult> } = {}): TheoryCache {
  const versionOf = opts.versionOf ?? theoryVersion;
  const shipped = shippedResults(versionOf, opts.shipped);
  const stored = opts.stored ?? idbStore<TheoryResult>('theory', versionOf);
  return {
    async get(chapter, fig, params) {
      const key = persistKey(chapter, fig, params);
      try {
        const s = await shipped.get(chapter, key);
        if (s) return { result: s, source: 'shipped' };
        const r = await stored.get(chapter, key);
        if (r) return { result: r, source: 'stored' };
      } catch {
        // fall through: compute
      }
      return undefined;
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
