/**
 * A shipped memo of the finite-size figure's larger sizes (docs/science/chmm.md,
 * "Finite size"): per-instance results of `instanceGap` at the default
 * parameters and master seed 1, written by `scripts/bench-chmm.ts
 * --finite-size-cache=…`. The computation is deterministic float64 TypeScript,
 * so a cached row is exactly what a live run would produce; it is used only when
 * the parameters and the random stream are the ones it was made with. Sizes above
 * the live ones (finiteSize.ts FS_NS) come from here only: minutes of cpu per
 * instance at N = 200, a quarter of an hour at N = 400.
 */
import type { Params } from '../../core/schema';
import type { ChmmParams } from './params';
import type { GapSample } from './finiteSize';
import data from './finiteSizeCache.json' with { type: 'json' };

export const FS_CACHE_SEED = 1;

/** Every parameter that changes the measurement (all but N, the swept size, and the seed count). */
export function cacheParamsKey(p: ChmmParams): string {
  const all: Params = p;
  return Object.keys(all)
    .filter((k) => k !== 'N' && k !== 'seeds' && k !== 'knob' && k !== 'cov' && k !== 'readout' && k !== 'ftSteps')
    .sort()
    .map((k) => `${k}=${all[k]}`)
    .join('|');
}

// A size may hold fewer instances than others (null where one was not computed).
const cache = data as { key: string; rows: Record<string, (GapSample | null)[]> };

/** The sizes the memo holds for these parameters (none if they differ from the ones it was made with). */
export function cachedSizes(p: ChmmParams): number[] {
  return cache.key === cacheParamsKey(p)
    ? Object.keys(cache.rows)
        .map(Number)
        .filter((n) => cachedSeeds(p, n) > 0)
        .sort((a, b) => a - b)
    : [];
}

/** The memoised instance at size N and seed index s, or undefined. */
export function cachedGap(p: ChmmParams, N: number, seed: number): GapSample | undefined {
  return (cache.key === cacheParamsKey(p) ? cache.rows[String(N)]?.[seed] : undefined) ?? undefined;
}

/** How many instances the memo holds at size N for these parameters: seed indices 0, 1, … without a gap. */
export function cachedSeeds(p: ChmmParams, N: number): number {
  let s = 0;
  while (cachedGap(p, N, s)) s++;
  return s;
}
