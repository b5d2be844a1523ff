/**
 * The parameters a figure's theory depends on (`Figure.theoryDeps`): what theory caches, shipped results and
 * prefetch key on, so that moving a simulation-only slider (seeds, training steps) reuses the curve it already has.
 * The theory itself is always called with every parameter; only keys are built from this subset.
 */
import type { Figure } from './chapter';
import type { Params } from './schema';

export function theoryInputs(fig: Pick<Figure, 'theoryDeps'> | undefined, params: Params): Params {
  const deps = fig?.theoryDeps;
  if (!deps) return params;
  const out: Params = {};
  for (const k of deps) if (k in params) out[k] = params[k];
  return out;
}
