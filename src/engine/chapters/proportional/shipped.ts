/**
 * The source posterior samples shipped with the chapter (src/precomputed/proportional-sources/samples.json,
 * written by scripts/ship-proportional.ts): at the default parameters and the app's default run seed, the
 * samples of seed indices 0..SHIPPED_SEEDS−1, under the keys sim.ts caches them by. Every preset but the hot one
 * has the defaults' source parameters and reads the same keys (the width figure at N1 = 100 only). Imported by
 * sim.ts only, so the file is a chunk the training worker fetches when a source key misses its cache.
 */
import { shippedTable, type ShippedEntry } from '../../core/shipped';

/** Seed indices shipped: the seeds slider's default is 2, the scarce-target preset asks for 4. */
export const SHIPPED_SEEDS = 4;

/**
 * What the file holds: per source key, the sample's arrays as the store keeps them ([W, (R̂, ESS, steps, converged)]).
 */
export interface ShippedSamples {
  about: string;
  samples: ShippedEntry[];
}

export const shippedSamples = shippedTable(() =>
  import('../../../precomputed/proportional-sources/samples.json', { with: { type: 'json' } }).then(
    (m) => m.default.samples,
  ),
);
