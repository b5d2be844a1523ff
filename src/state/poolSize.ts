/**
 * How many training workers the page runs (workers/pool.ts, `defaultPoolSize`): one per core but one (the page
 * and the theory worker need a core), every core on a one- or two-core machine, at most 6 — more workers each
 * hold their own tfjs backend and source-network cache. `?workers=N` overrides it (1–16), for testing and
 * measuring the scaling.
 */
import type { Notice } from '../engine/core/schema';
import { defaultPoolSize } from '../workers/pool';

export const MAX_WORKERS = 16;

export function poolSize(search: string, cores: number | undefined): { size: number; notice?: Notice } {
  // Repeated keys: the last one wins, as for every other key (state/url.ts reports the repetition).
  const raw = new URLSearchParams(search).getAll('workers').at(-1) ?? null;
  const auto = defaultPoolSize(cores);
  if (raw === null) return { size: auto };
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) return { size: n };
  return {
    size: auto,
    notice: {
      level: 'warning',
      text: `workers must be a whole number from 1 to ${MAX_WORKERS} (got "${raw.slice(0, 20)}"); using ${auto}.`,
      param: 'workers',
    },
  };
}
