/**
 * The finite-size figure's measurement (docs/science/chmm.md, "Finite size"):
 * for one independent instance (its own tasks, source network and target data,
 * all from `rngOf` and the seed), the theory of the transfer error at α under
 * both Gaussian surrogates (saddle.ts), next to the simulated error of the same
 * ridge readout on the same frozen source features, averaged over `draws`
 * target training sets. Theory and simulation share everything but the finite
 * sample, so their difference is the finite-size error of the theory itself.
 * Pure float64 TypeScript (no tfjs).
 */
import { mcMoments } from './covariance';
import { sampleTask } from './generator';
import { taskPair, targetTest, trainedSource, type RngOf } from './instance';
import { knobsOf, sizesOf, targetSamples, type ChmmParams } from './params';
import { readoutError, ridgeReadout } from './ridge';
import { solveRidge, spectrum } from './saddle';
import { hiddenFeatures } from './twoLayerTs';

/**
 * Input dimensions computed live (each seed trains its own source network at each N); the shipped memo adds larger
 * ones.
 */
export const FS_NS = [20, 28, 40, 56];
/** Monte Carlo samples per hidden unit for the covariances (as the theory's, theory.ts). */
const MC_PER_UNIT = 200;

export interface GapSample {
  /** Theory, label-conditioned surrogate. */
  thLabel: number;
  /** Theory, sign-teacher surrogate. */
  thSign: number;
  /** Simulated transfer error (mean over the training sets). */
  sim: number;
}

export function instanceGap(p: ChmmParams, seed: number, rngOf: RngOf, draws: number): GapSample {
  const { N, K } = sizesOf(p);
  const { source, target } = taskPair(rngOf, seed, knobsOf(p));
  const W = trainedSource(rngOf, seed, p, source).W;
  const mom = mcMoments(W, K, target, MC_PER_UNIT * K, rngOf('mc', seed));
  const P = targetSamples(p.alpha, N);
  const knobs = { alphaP: P / K, lambda: p.lam, eta: p.noise };
  const thLabel = solveRidge(spectrum(mom.Omega, mom.mu, K, 1, 1, 'label'), knobs).error;
  const thSign = solveRidge(spectrum(mom.Omega, mom.b, K, target.D, mom.rho, 'sign'), knobs).error;
  const Pt = p.nTest;
  const test = targetTest(rngOf, seed, target, Pt);
  const Vt = hiddenFeatures(test.X, Pt, W, N, K);
  let sim = 0;
  for (let d = 0; d < draws; d++) {
    const train = sampleTask(target, P, rngOf('targetTrain', seed, 'fs', d), p.noise);
    const w = ridgeReadout(hiddenFeatures(train.X, P, W, N, K), P, K, train.y, p.lam);
    sim += readoutError(w, Vt, Pt, K, test.y) / draws;
  }
  return { thLabel, thSign, sim };
}

/** Least-squares slope of log y on log x over the points with y > 0: y ∝ x^slope. */
export function powerLawSlope(xs: number[], ys: number[]): number {
  const pts = xs.map((x, i) => [Math.log(x), Math.log(ys[i])]).filter(([, ly]) => Number.isFinite(ly));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}
