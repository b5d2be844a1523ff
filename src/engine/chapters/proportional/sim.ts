/**
 * Simulated points: for each seed, one source network sampled from its
 * posterior on the source data (cached per seed: shared by every task of a
 * figure), then the coupled target chain at the task's γ, measuring the
 * posterior-averaged test error on the same test points as the theory.
 * The dataset is the theory's (the `dataset` parameter); seeds only change
 * the Langevin noise and the initialisation. Loaded lazily (tfjs).
 */
import type { SimContext, SimModule, SimSample, SimTask } from '../../core/chapter';
import type { Params } from '../../core/schema';
import { makeDataset } from './data';
import { runChains, type ChainSpec } from './langevin';
import { MEASURE_EVERY, sizesOf } from './params';

/**
 * Langevin step actually used: the reader's η, capped at T/2 because the
 * stiffest first-layer modes have curvature ∝ 1/T (≈ 200–400 at T = 0.01,
 * spec §4) and the dynamics is unstable above 2/curvature.
 */
export function effectiveEta(p: Params): number {
  return Math.min(p.eta as number, (p.T as number) / 2);
}

function chainBase(p: Params) {
  const sz = sizesOf(p);
  return {
    sz,
    ds: makeDataset(Math.round(p.dataset as number), sz, p.rho as number, p.noise as number),
    common: {
      N0: sz.N0,
      N1: sz.N1,
      T: p.T as number,
      lam0: p.lam0 as number,
      lam1: p.lam1 as number,
      eta: effectiveEta(p),
      every: MEASURE_EVERY,
    },
  };
}

/** Prior draw W ~ N(0, 1/λ0). */
function priorDraw(n: number, lam0: number, rng: ReturnType<SimContext['rng']>): Float32Array {
  return Float32Array.from(rng.normals(n, 1 / Math.sqrt(lam0)));
}

/**
 * One source posterior sample per seed: a chain of `burn` steps from a prior
 * draw, keep the last W. The prior draw already equilibrates every direction
 * the data do not touch; the data-driven collective modes relax on a time
 * ≈ 1/λ0 = 200 steps at η = 0.005, so 800 steps leave ≈ e⁻⁴ of the start.
 * Seeds not in the cache are sampled as one batch of chains.
 */
async function sourceSamples(p: Params, seeds: number[], ctx: SimContext, onProgress: (f: number) => void): Promise<(Float32Array | null)[]> {
  const { sz, ds, common } = chainBase(p);
  const steps = p.burn as number;
  // The run's seed enters through ctx.rng; a draw from it tags the cache entry with that seed.
  const runTag = ctx.rng('run-tag').uniform().toFixed(12);
  const keyOf = (seed: number) => ['proportional|source', runTag, p.dataset, sz.N0, sz.N1, sz.Ps, common.T, common.lam0, common.lam1, p.noise, common.eta, steps, seed].join('|');
  const out = seeds.map((seed) => ctx.cache.get<Float32Array>(keyOf(seed)) ?? null);
  const missing = seeds.filter((_, i) => !out[i]);
  if (!missing.length) return out;
  const rngs = missing.map((seed) => ctx.rng('source', seed, sz.N0, sz.N1, sz.Ps));
  const spec: ChainSpec = { ...common, X: Float32Array.from(ds.Xs), y: Float32Array.from(ds.ys), P: sz.Ps, gamma: 0, Ws: null, burn: steps, samples: 0 };
  const W0s = rngs.map((r) => priorDraw(sz.N1 * sz.N0, common.lam0, r.child('init')));
  const res = await runChains(spec, W0s, rngs.map((r) => r.child('chain')), { checkpoint: ctx.checkpoint, progress: onProgress });
  missing.forEach((seed, j) => {
    if (res[j].diverged) return;
    ctx.cache.set(keyOf(seed), res[j].W);
    out[seeds.indexOf(seed)] = res[j].W;
  });
  return out;
}

/** The task's points for a batch of seeds: source samples (cached per seed), then the coupled target chains, batched. */
export async function runSeeds(p: Params, task: SimTask, seeds: number[], ctx: SimContext): Promise<SimSample[]> {
  const { sz, ds, common } = chainBase(p);
  const gamma = p.gamma as number;
  const t0 = Date.now();
  if (effectiveEta(p) < (p.eta as number)) ctx.notice(`Langevin step capped at η = T/2 = ${effectiveEta(p)} for stability at this temperature.`);
  const divergedNotice = 'A Langevin chain blew up (non-finite weights); its seed is left out. Lower the step η.';
  const failed = (): SimSample => ({ eg: NaN, emean: NaN, gamma, scratch: 0 });
  const sources = gamma > 0 ? await sourceSamples(p, seeds, ctx, (f) => ctx.progress(0.5 * f)) : seeds.map(() => null);
  if (gamma > 0 && sources.some((w) => !w)) ctx.notice(divergedNotice);
  const live = seeds.map((_, i) => i).filter((i) => gamma === 0 || !!sources[i]);
  const out: SimSample[] = seeds.map(failed);
  if (!live.length) return out;
  const rngs = live.map((i) => ctx.rng('target', seeds[i], task.key));
  const spec: ChainSpec = {
    ...common, X: Float32Array.from(ds.Xt), y: Float32Array.from(ds.yt), P: sz.Pt, gamma, Ws: gamma > 0 ? live.map((i) => sources[i]!) : null,
    burn: p.burn as number, samples: p.samples as number,
    Xte: Float32Array.from(ds.Xte), yte: Float32Array.from(ds.yte), Pte: ds.Pte,
  };
  // γ > 0 starts at the source sample (fine-tuning-like; the equilibrium does not depend on it), γ = 0 from the prior.
  const W0s = live.map((i, j) => sources[i] ?? priorDraw(sz.N1 * sz.N0, common.lam0, rngs[j].child('init')));
  const res = await runChains(spec, W0s, rngs.map((r) => r.child('chain')), { checkpoint: ctx.checkpoint, progress: (f) => ctx.progress(gamma > 0 ? 0.5 + 0.5 * f : f) });
  if (res.some((r) => r.diverged)) ctx.notice(divergedNotice);
  const seconds = (Date.now() - t0) / 1000;
  live.forEach((i, j) => {
    out[i] = { eg: res[j].eg, emean: res[j].emean, gamma, scratch: gamma > 0 ? 0 : 1, steps: res[j].steps, seconds };
  });
  return out;
}

export const sim: SimModule = {
  // All seeds of a point in one batch of chains (the default is 2; up to 4 per batch keeps progress granular).
  seedBatch: 4,
  run: (_fig, task, seeds, ctx) => runSeeds(task.params, task, seeds, ctx),
};
