/**
 * Simulated points: for each seed, one source network sampled from its
 * posterior on the source data (cached per seed: shared by every task of a
 * figure), then the coupled target chain at the task's γ, measuring the
 * posterior-averaged test error on the same test points as the theory.
 * The dataset is the theory's (the `dataset` parameter); seeds change the
 * source sample, the Langevin noise and the initialisation. Each sample also
 * carries its chains' convergence diagnostics (split-R̂, ESS, acceptance,
 * steps) for the figures' readouts. Loaded lazily (tfjs).
 */
import type { SimContext, SimModule, SimSample, SimTask } from '../../core/chapter';
import { shippedBackend } from '../../core/shipped';
import { makeDataset } from './data';
import { RHAT_MAX, runChains, type ChainResult, type ChainSpec } from './langevin';
import { MEASURE_EVERY, sizesOf, type ProportionalParams } from './params';
import { shippedSamples } from './shipped';

/**
 * Initial Langevin step: the reader's η, capped at T/2 because the stiffest
 * first-layer data modes have curvature ∝ 1/T (docs/science/proportional.md);
 * the sampler then tunes it during burn-in.
 */
export function effectiveEta(p: ProportionalParams): number {
  return Math.min(p.eta, p.T / 2);
}

function chainBase(p: ProportionalParams) {
  const sz = sizesOf(p);
  return {
    sz,
    ds: makeDataset(Math.round(p.dataset), sz, p.rho, p.noise),
    common: {
      N0: sz.N0,
      N1: sz.N1,
      T: p.T,
      lam0: p.lam0,
      lam1: p.lam1,
      eta: effectiveEta(p),
      every: MEASURE_EVERY,
    },
  };
}

/** Prior draw W ~ N(0, 1/λ0). */
function priorDraw(n: number, lam0: number, rng: ReturnType<SimContext['rng']>): Float32Array {
  return Float32Array.from(rng.normals(n, 1 / Math.sqrt(lam0)));
}

/** A source sample and its chain's diagnostics (cached per seed). */
export interface SourceSample {
  W: Float32Array;
  rhat: number;
  ess: number;
  steps: number;
  converged: boolean;
}

/** A source sample read back from the persistent store ([W, (R̂, ESS, steps, converged)]), or undefined. */
function fromArrays(arrays: Float32Array[] | undefined, size: number): SourceSample | undefined {
  if (!arrays || arrays.length !== 2 || arrays[0].length !== size || arrays[1].length !== 4) return undefined;
  const [W, [rhat, ess, steps, converged]] = arrays;
  return { W, rhat, ess, steps, converged: converged === 1 };
}

/**
 * Source chains run this many times the burn-in (they are shared by every point of a figure): 900 steps at the
 * defaults, about the temperature-scaled time of the Gibbs sampler's 2400 (docs/science/proportional.md).
 */
export const SOURCE_FACTOR = 3;

/**
 * Target chains per seed: a pair for a coupled task, three for scratch (γ = 0). The scratch posterior mixes
 * slowest: nothing pins W near a source, and at α_t = 1 (P_t = N1, where the readout just interpolates) the test
 * loss of one chain, averaged over a 200–400-step window, scatters by ≈ 0.04 from chain to chain, about twice
 * what its effective sample size says (docs/science/proportional.md, "Scratch chains"). Independent chains are
 * what average that out, and scratch chains need no source, so its seeds run more of them (three: four would
 * take the default figure past its 20 s).
 */
export function chainsPerSeed(gamma: number): number {
  return gamma > 0 ? 2 : 3;
}

/** Longest run allowed by the adaptive burn-in: one more window than asked for (docs/science/proportional.md). */
export function stepCap(base: number, window: number): number {
  return base + window;
}

/**
 * The cache key of a seed's source sample at `p` in this run: everything its chain depends on, the sampler's
 * version tag first (change it with the sampler: shipped and stored samples under the old tag are then left
 * unused, and src/engine/chapters/proportional/shipped.test.ts asks for the shipped file to be rewritten).
 */
export function sourceKeyOf(p: ProportionalParams, ctx: SimContext): (seed: number) => string {
  const sz = sizesOf(p);
  // The run's seed enters through ctx.rng; a draw from it tags the cache entry with that seed.
  const runTag = ctx.rng('run-tag').uniform().toFixed(12);
  return (seed) =>
    [
      'proportional|source|collapsed-3|v2',
      runTag,
      p.dataset,
      sz.N0,
      sz.N1,
      sz.Ps,
      p.T,
      p.lam0,
      p.lam1,
      p.noise,
      effectiveEta(p),
      SOURCE_FACTOR * p.burn,
      seed,
    ].join('|');
}

/** A source sample as the store and the shipped file keep it: [W, (R̂, ESS, steps, converged)]. */
export function sourceArrays(s: SourceSample): Float32Array[] {
  return [s.W, Float32Array.of(s.rhat, s.ess, s.steps, s.converged ? 1 : 0)];
}

/**
 * One source posterior sample per seed: a chain of SOURCE_FACTOR·`burn` steps from a prior
 * draw; its training misfit over the second half is tested for convergence
 * (split-R̂, ESS) and the chain runs on (up to the cap) until it passes; the
 * last W is the sample. The prior draw already equilibrates every direction
 * the data do not touch. Run now, as one batch (a seed's chain has its own
 * random streams, so its sample does not depend on the batch); null where the
 * chain diverged. No cache: see `sourceSamples`.
 */
export async function runSources(
  p: ProportionalParams,
  seeds: number[],
  ctx: SimContext,
  onProgress: (f: number) => void,
): Promise<(SourceSample | null)[]> {
  const { sz, ds, common } = chainBase(p);
  // The source's feature learning is a slow mode that its training misfit does not show: at the defaults a
  // chain of `burn` steps leaves the target error 0.06 above the theory at ρ = 1, γ = 10, one of 5·burn
  // lands on it (docs/science/proportional.md, "Source chain length").
  const steps = SOURCE_FACTOR * p.burn;
  const rngs = seeds.map((seed) => ctx.rng('source', seed, sz.N0, sz.N1, sz.Ps));
  const spec: ChainSpec = {
    ...common,
    X: Float32Array.from(ds.Xs),
    y: Float32Array.from(ds.ys),
    P: sz.Ps,
    gamma: 0,
    Ws: null,
    burn: steps,
    samples: 0,
    maxSteps: stepCap(steps, steps / 2),
  };
  const W0s = rngs.map((r) => priorDraw(sz.N1 * sz.N0, common.lam0, r.child('init')));
  const res = await runChains(
    spec,
    W0s,
    rngs.map((r) => r.child('chain')),
    { checkpoint: ctx.checkpoint, progress: onProgress },
  );
  // The diagnostics rounded to float32, as the store and the shipped file keep them: a sample then reads the
  // same whichever of the three it comes from, down to its readouts.
  const f = Math.fround;
  return res.map((r) =>
    r.diverged ? null : { W: r.W, rhat: f(r.rhat), ess: f(r.ess), steps: r.steps, converged: r.converged },
  );
}

/**
 * The source samples of `seeds`, each from the first place that has it: the in-memory cache, the samples
 * shipped with the app (the defaults' first seeds at the default run seed, on the backend that reproduces
 * them to the bit), the persistent store (a previous visit's: the same floats, so the same points), else the
 * chains, run now as one batch and stored for the next visit.
 */
async function sourceSamples(
  p: ProportionalParams,
  seeds: number[],
  ctx: SimContext,
  onProgress: (f: number) => void,
): Promise<(SourceSample | null)[]> {
  const { N0, N1 } = sizesOf(p);
  const keyOf = sourceKeyOf(p, ctx);
  const out = seeds.map((seed) => ctx.cache.get<SourceSample>(keyOf(seed)) ?? null);
  const shipped = out.some((s) => !s) && (await shippedBackend()) ? await shippedSamples() : undefined;
  for (const [i, seed] of seeds.entries()) {
    if (out[i]) continue;
    const ready =
      fromArrays(shipped?.get(keyOf(seed)), N1 * N0) ?? fromArrays(await ctx.store?.get(keyOf(seed)), N1 * N0);
    if (ready) ctx.cache.set(keyOf(seed), (out[i] = ready));
  }
  const missing = seeds.filter((_, i) => !out[i]);
  if (!missing.length) return out;
  const fresh = await runSources(p, missing, ctx, onProgress);
  missing.forEach((seed, j) => {
    const s = fresh[j];
    if (!s) return;
    ctx.cache.set(keyOf(seed), s);
    void ctx.store?.put(keyOf(seed), sourceArrays(s));
    out[seeds.indexOf(seed)] = s;
  });
  return out;
}

/**
 * The notice shown when a chain reaches the step cap before passing the convergence test. Scratch chains get their
 * own: there the cause is known (a slow mode of the scratch posterior, see `chainsPerSeed`), more burn-in does not
 * cure it, and the point's error bar already includes the spread between its chains.
 */
export function capNotice(cap: number, scratch = false): string {
  return scratch
    ? `The scratch chains (γ = 0) had not passed the convergence test (between-chain split-R̂ < ${RHAT_MAX}) at ` +
        `the cap of ${cap} steps: the scratch posterior has a slow mode that a few hundred steps do not average ` +
        `out, so its chains disagree; the point's error bar includes their spread. More seeds narrow it.`
    : `Some Langevin chains had not passed the convergence test (split-R̂ < ${RHAT_MAX}) when they reached the ` +
        `cap of ${cap} steps; their points may sit off the theory. Raise the burn-in or the number of samples.`;
}

/** The Monte Carlo standard error of a chain's window mean: the trace's variance over its effective size. */
function mcError(r: ChainResult): number {
  const n = r.trace.length;
  if (n < 2) return NaN;
  const mean = r.trace.reduce((s, x) => s + x, 0) / n;
  const variance = r.trace.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance / Math.max(1, r.ess));
}

/**
 * One seed's numbers from its target chains: ε_g the mean of the chains' test losses; its own standard error,
 * the larger of the chains' Monte Carlo errors (from their effective sizes) and the spread of their ε_g over
 * √chains (a slow mode that the window did not resolve shows there first); the error of their pooled
 * posterior-mean predictor; the chains' between-chain split-R̂; the summed effective size; the lowest and the
 * highest chain's ε_g.
 */
function seedSample(chains: ChainResult[], yte: ArrayLike<number>) {
  const n = chains.length;
  const egs = chains.map((r) => r.eg);
  const eg = egs.reduce((s, x) => s + x, 0) / n;
  const spread = Math.sqrt(egs.reduce((s, x) => s + (x - eg) ** 2, 0) / (n - 1) / n);
  const mc = Math.sqrt(chains.reduce((s, r) => s + mcError(r) ** 2, 0)) / n;
  let se = 0;
  for (let q = 0; q < yte.length; q++) se += (yte[q] - chains.reduce((s, r) => s + r.fmean[q], 0) / n) ** 2;
  return {
    eg,
    egErr: Math.max(mc, spread),
    emean: se / yte.length,
    egA: Math.min(...egs),
    egB: Math.max(...egs),
    steps: Math.max(...chains.map((r) => r.steps)),
    rhat: chains[0].groupRhat,
    ess: chains.reduce((s, r) => s + r.ess, 0),
    accept: chains.reduce((s, r) => s + r.accept, 0) / n,
    converged: chains[0].converged ? 1 : 0,
  };
}

/**
 * The task's points for a batch of seeds: source samples (cached per seed), then the coupled target chains, batched.
 */
export async function runSeeds(
  p: ProportionalParams,
  task: SimTask<ProportionalParams>,
  seeds: number[],
  ctx: SimContext,
): Promise<SimSample[]> {
  const { sz, ds, common } = chainBase(p);
  const gamma = p.gamma;
  const t0 = Date.now();
  if (effectiveEta(p) < p.eta)
    ctx.notice(
      `Initial Langevin step lowered to η = T/2 = ${effectiveEta(p)} at this temperature (the step is then tuned ` +
        `during burn-in).`,
    );
  const divergedNotice = 'A Langevin chain blew up (non-finite weights); its seed is left out.';
  const failed = (): SimSample => ({ eg: NaN, emean: NaN, gamma, scratch: 0 });
  const sources = gamma > 0 ? await sourceSamples(p, seeds, ctx, (f) => ctx.progress(0.5 * f)) : seeds.map(() => null);
  if (gamma > 0 && sources.some((w) => !w)) ctx.notice(divergedNotice);
  const live = seeds.map((_, i) => i).filter((i) => gamma === 0 || !!sources[i]);
  const out: SimSample[] = seeds.map(failed);
  if (!live.length) return out;
  // Target chains per seed, tested together: the first from the source sample (scratch: a prior draw), the others
  // from fresh prior draws. All target the same posterior; a chain held back by a slow mode near its start shows as
  // a between-chain split-R̂ above the threshold, which one chain's split-R̂ cannot see. Chain k of seed j is entry
  // k·L + j of the batch.
  const L = live.length;
  const K = chainsPerSeed(gamma);
  const stream = (k: number) => (k === 0 ? 'target' : `target-${k + 1}`);
  const rngs = Array.from({ length: K }, (_, k) => live.map((i) => ctx.rng(stream(k), seeds[i], task.key))).flat();
  const burn = p.burn;
  const window = p.samples * MEASURE_EVERY;
  const Ws = gamma > 0 ? live.map((i) => sources[i]!.W) : null;
  const spec: ChainSpec = {
    ...common,
    X: Float32Array.from(ds.Xt),
    y: Float32Array.from(ds.yt),
    P: sz.Pt,
    gamma,
    Ws: Ws ? Array.from({ length: K }, () => Ws).flat() : null,
    burn,
    samples: p.samples,
    maxSteps: stepCap(burn + window, window),
    Xte: Float32Array.from(ds.Xte),
    yte: Float32Array.from(ds.yte),
    Pte: ds.Pte,
    groups: live.map((_, j) => Array.from({ length: K }, (_, k) => k * L + j)),
  };
  const prior = (j: number) => priorDraw(sz.N1 * sz.N0, common.lam0, rngs[j].child('init'));
  // γ > 0: the first chain starts at the source sample (fine-tuning-like; the equilibrium does not depend on it).
  const W0s = Array.from({ length: K }, (_, k) =>
    live.map((i, j) => (k === 0 ? sources[i]?.W : undefined) ?? prior(k * L + j)),
  ).flat();
  const res = await runChains(
    spec,
    W0s,
    rngs.map((r) => r.child('chain')),
    { checkpoint: ctx.checkpoint, progress: (f) => ctx.progress(gamma > 0 ? 0.5 + 0.5 * f : f) },
  );
  if (res.some((r) => r.diverged)) ctx.notice(divergedNotice);
  if (res.some((r) => !r.diverged && !r.converged)) ctx.notice(capNotice(spec.maxSteps!, gamma === 0));
  if (live.some((i) => sources[i] && !sources[i].converged))
    ctx.notice(capNotice(stepCap(SOURCE_FACTOR * burn, (SOURCE_FACTOR * burn) / 2)));
  const seconds = (Date.now() - t0) / 1000;
  live.forEach((i, j) => {
    const chains = Array.from({ length: K }, (_, k) => res[k * L + j]);
    if (chains.some((r) => r.diverged)) return;
    const a = chains[0];
    const src = sources[i];
    out[i] = {
      ...seedSample(chains, ds.yte),
      gamma,
      scratch: gamma > 0 ? 0 : 1,
      burnUsed: a.burnUsed,
      seconds,
      // A scratch chain has no source: NaN, so that overlays skip it.
      srcRhat: src ? src.rhat : NaN,
      srcEss: src ? src.ess : NaN,
      srcSteps: src ? src.steps : NaN,
    };
  });
  return out;
}

export const sim: SimModule<ProportionalParams> = {
  // One seed per unit: a seed's chains are batched already, and one-seed units need no look-ahead previews (which
  // ran seed 0 of the first tasks twice) and spread evenly over the pool's workers.
  seedBatch: 1,
  run: (_fig, task, seeds, ctx) => runSeeds(task.params, task, seeds, ctx),
};
