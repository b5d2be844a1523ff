/**
 * The full-pipeline check (docs/science/chmm.md, "Verification"), as a reusable function: for one seed,
 * the theory of a ridge readout on a frozen feature map W (trained source or
 * random), with Ω and Φθ by Monte Carlo for THAT W and THAT target task, next to
 * the simulated test error of the same readout on the same W, averaged over a
 * few independent target training/test draws. Pure float64 TS (the source is
 * trained by twoLayerTs.ts), used by the tests and the bench.
 */
import { makeRng } from '../../core/rng';
import { mcMoments } from './covariance';
import { sampleTask } from './generator';
import { randomFirstLayer, taskPair, trainedSource, type RngOf } from './instance';
import { knobsOf, sizesOf, targetSamples, type ChmmParams } from './params';
import { readoutError, ridgeReadout } from './ridge';
import { solveRidge, spectrum } from './saddle';
import { hiddenFeatures } from './twoLayerTs';

export interface PipelineRow {
  alpha: number;
  kind: 'transfer' | 'random';
  /** Label-conditioned surrogate (the chapter's theory). */
  theory: number;
  /** Sign-teacher surrogate, for comparison. */
  theorySign: number;
  /** Mean simulated test error over the draws. */
  sim: number;
}

export function pipelineCheck(
  p: ChmmParams,
  seed: number,
  alphas: number[],
  draws: number,
  opts: { Pt?: number; mcPerUnit?: number } = {},
): PipelineRow[] {
  const rngOf: RngOf = (...k) => makeRng('chmm-pipeline', seed, ...k);
  const { N, K } = sizesOf(p);
  const { source, target } = taskPair(rngOf, seed, knobsOf(p));
  const net = trainedSource(rngOf, seed, p, source);
  const maps = { transfer: net.W, random: randomFirstLayer(rngOf, seed, N, K) };
  const Pt = opts.Pt ?? 4000;
  const rows: PipelineRow[] = [];
  for (const kind of ['transfer', 'random'] as const) {
    const W = maps[kind];
    const mom = mcMoments(W, K, target, (opts.mcPerUnit ?? 200) * K, rngOf('mc', seed));
    const sp = spectrum(mom.Omega, mom.mu, K, 1, 1, 'label');
    const spSign = spectrum(mom.Omega, mom.b, K, target.D, mom.rho, 'sign');
    for (const alpha of alphas) {
      const P = targetSamples(alpha, N);
      const knobs = { alphaP: P / K, lambda: p.lam, eta: p.noise };
      const theory = solveRidge(sp, knobs).error;
      const theorySign = solveRidge(spSign, knobs).error;
      let sim = 0;
      for (let d = 0; d < draws; d++) {
        const train = sampleTask(target, P, rngOf('train', seed, d, alpha), p.noise);
        const test = sampleTask(target, Pt, rngOf('test', seed, d));
        const w = ridgeReadout(hiddenFeatures(train.X, P, W, N, K), P, K, train.y, p.lam);
        sim += readoutError(w, hiddenFeatures(test.X, Pt, W, N, K), Pt, K, test.y) / draws;
      }
      rows.push({ alpha, kind, theory, theorySign, sim });
    }
  }
  return rows;
}
