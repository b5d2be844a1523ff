/**
 * The theory of transfer (TF) and random features (RF) with a ridge readout:
 * Gaussian-equivalent covariances of the frozen feature map on the target task
 * (Monte Carlo or two-step linearisation, covariance.ts), then the saddle point
 * (saddle.ts). It describes ONE reference instance (tasks, source network,
 * random first layer drawn from fixed streams), and the simulations use that
 * same instance (sim.ts): theory and points describe the same feature maps, and
 * the seeds vary only the target data and the scratch initialisation
 * (docs/science/chmm.md, "Diagnosis": comparing one instance's theory with
 * other instances' simulations was the largest part of the old gap).
 *
 * Memoised in layers so that a slider moves only what it must:
 *   source network  ← N, δ, K/N, α_s, steps      (pure-TS Adam, ≈1.5 s at N = 50)
 *   spectrum        ← + correlation knobs, cov   (covariances + one K×K eigendecomposition)
 *   error           ← + α, λ, η                  (saddle point: O(K) per iteration, microseconds)
 */
import { makeRng } from '../../core/rng';
import { analyticMoments, mcMoments } from './covariance';
import { randomFirstLayer, taskPair, trainedSource, type RngOf } from './instance';
import { Lru } from '../../core/lru';
import { knobsOf, sizesOf, type ChmmParams } from './params';
import { solveRidge, spectrum, type RidgeSolution, type Spectrum } from './saddle';
import { SOURCE_RECIPE, type TwoLayer } from './twoLayerTs';

export type FeatureKind = 'transfer' | 'random';
/** Gaussian surrogate of the features (saddle.ts): label-conditioned (the chapter's theory) or the sign-teacher one. */
export type Surrogate = 'label' | 'sign';

/** The theory's reference instance draws from its own streams (seed 0). */
const THEORY_RNG: RngOf = (...k) => makeRng('chmm', 'theory', ...k);
const THEORY_SEED = 0;
/** Monte Carlo samples per hidden unit (docs/science/chmm.md, Theory: M/K = 100 shifts the error by < 0.005). */
export const MC_PER_UNIT = 200;

function sourceKey(p: ChmmParams): string {
  const { N, K, Ds } = sizesOf(p);
  return `N=${N}|K=${K}|Ds=${Ds}|as=${p.alphaS}|steps=${p.steps}`;
}

/**
 * What the reference source network depends on, for the persistent store (sim.ts): its sizes, α_s and
 * steps, the recipe, and the stream and seed its data and initialisation come from. (The store itself
 * is namespaced by the chapter's engine version, which covers the training code.)
 */
export function sourceStoreKey(p: ChmmParams): string {
  const r = SOURCE_RECIPE;
  return `source|${sourceKey(p)}|lr=${r.lr}|l2=${r.l2}|rng=chmm/theory|seed=${THEORY_SEED}`;
}

const sourceMemo = new Lru<TwoLayer>(3);
const spectrumMemo = new Lru<Spectrum>(96);

/** True when the theory's source network for `p` is already trained (a cheap call). */
export function sourceReady(p: ChmmParams): boolean {
  return sourceMemo.has(sourceKey(p));
}

/** The reference source network, trained by full-batch Adam on α_s N source samples (float64 TS). */
export function theorySource(p: ChmmParams): TwoLayer {
  return sourceMemo.getOr(sourceKey(p), () => {
    const { source } = taskPair(THEORY_RNG, THEORY_SEED, knobsOf(p));
    return trainedSource(THEORY_RNG, THEORY_SEED, p, source);
  });
}

/** The reference instance's task pair for the knobs of `p` (shared with the simulations). */
export function referenceTasks(p: ChmmParams): ReturnType<typeof taskPair> {
  return taskPair(THEORY_RNG, THEORY_SEED, knobsOf(p));
}

/** The reference instance's random (never trained) first layer. */
export function referenceRandomW(p: ChmmParams): Float64Array {
  const { N, K } = sizesOf(p);
  return randomFirstLayer(THEORY_RNG, THEORY_SEED, N, K);
}

/** Spectral data of one frozen feature map on the target task of `p` (memoised). */
export function featureSpectrum(p: ChmmParams, kind: FeatureKind, surrogate: Surrogate = 'label'): Spectrum {
  const { N, K, Ds } = sizesOf(p);
  const knobs = knobsOf(p);
  const cov = p.cov === 'analytic' ? 'analytic' : 'mc';
  const features = kind === 'transfer' ? sourceKey(p) : `N=${N}|K=${K}|Ds=${Ds}`;
  const key = [kind, features, knobs.dF, knobs.dth, knobs.fsub, knobs.dD, cov, surrogate].join('|');
  return spectrumMemo.getOr(key, () => {
    const { target } = referenceTasks(p);
    const W = kind === 'transfer' ? theorySource(p).W : referenceRandomW(p);
    const mom =
      cov === 'mc'
        ? mcMoments(W, K, target, MC_PER_UNIT * K, THEORY_RNG('mc', THEORY_SEED))
        : analyticMoments(W, K, target);
    return surrogate === 'label'
      ? spectrum(mom.Omega, mom.mu, K, 1, 1, 'label')
      : spectrum(mom.Omega, mom.b, K, target.D, mom.rho, 'sign');
  });
}

/** Ridge test error of one feature map at target ratio α = P/N (converts to α_p = P/K). */
export function solveAt(sp: Spectrum, p: ChmmParams, alpha: number): RidgeSolution {
  const { N, K } = sizesOf(p);
  return solveRidge(sp, { alphaP: (alpha * N) / K, lambda: p.lam, eta: p.noise });
}

/** ε_g of TF and RF at α (NaN where the solver fails). */
export function theoryErrors(p: ChmmParams, alpha: number): { transfer: number; random: number; converged: boolean } {
  const tf = solveAt(featureSpectrum(p, 'transfer'), p, alpha);
  const rf = solveAt(featureSpectrum(p, 'random'), p, alpha);
  return { transfer: tf.error, random: rf.error, converged: tf.converged && rf.converged };
}
