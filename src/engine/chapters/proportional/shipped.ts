/**
 * The source posterior samples shipped with the chapter (src/precomputed/proportional-sources/samples.json,
 * written by scripts/ship-proportional.ts): at the default parameters and the app's default run seed, the
 * samples of seed indices 0..SHIPPED_SEEDS−1, and those of every coupling or similarity preset with source parameters
 * of its own (the hot one, T = 0.1) for its seeds, under the keys sim.ts caches them by. The other presets read the
 * defaults' keys (the width figure at N1 = 100 only). Imported by
 * sim.ts only, so the file is a chunk the training worker fetches when a source key misses its cache.
 */
import type { Preset } from '../../core/chapter';
import { seedCount } from '../../core/simRunner';
import { shippedTable, type ShippedEntry } from '../../core/shipped';
import type { ProportionalParams } from './params';

/** Seed indices shipped: the seeds slider's default is 2, the scarce-target preset asks for 3, and one more. */
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

/**
 * The source sample sets to ship: the defaults' for seeds 0..SHIPPED_SEEDS−1, then each coupling or similarity preset
 * whose source chains differ from the defaults' (by `sourceKey`, the key of seed 0), for the seeds it asks for.
 */
export function shippedSourceSets(
  base: ProportionalParams,
  presets: readonly Preset<ProportionalParams>[],
  sourceKey: (p: ProportionalParams) => string,
): { label: string; params: ProportionalParams; seeds: number[] }[] {
  const seeds = (n: number) => Array.from({ length: n }, (_, i) => i);
  const sets = [{ label: 'defaults', params: base, seeds: seeds(SHIPPED_SEEDS) }];
  for (const preset of presets) {
    const params = { ...base, ...preset.params };
    if (preset.fig === 'width' || sets.some((s) => sourceKey(s.params) === sourceKey(params))) continue;
    sets.push({ label: preset.id, params, seeds: seeds(seedCount(params)) });
  }
  return sets;
}
