/**
 * One seeded instance of the experiment: which random stream every ingredient
 * comes from. Shared by the theory (its reference instance) and the simulation
 * (ctx.rng), so both draw tasks, source data and initialisations the same way.
 * Streams are keyed by what they are and the seed, never by computation order;
 * the target training set is nested in P (the first P samples are the same for
 * every α), which makes learning curves smooth within a seed.
 */
import type { Rng } from '../../core/rng';
import { makeTaskPair, sampleTask, type ChmmKnobs, type HmmTask, type TaskSample } from './generator';
import { sizesOf, sourceSamples, type ChmmParams } from './params';
import { SOURCE_RECIPE, trainTwoLayerTs, type TwoLayer } from './twoLayerTs';

export type RngOf = (...keys: (string | number)[]) => Rng;

export function taskPair(rngOf: RngOf, seed: number, knobs: ChmmKnobs): { source: HmmTask; target: HmmTask } {
  return makeTaskPair(knobs, rngOf('tasks', seed));
}

export function sourceData(rngOf: RngOf, seed: number, source: HmmTask, Ps: number): TaskSample {
  return sampleTask(source, Ps, rngOf('sourceData', seed));
}

/** W, v iid N(0,1) (docs/science/chmm.md, Protocols). */
export function initNet(rngOf: RngOf, what: 'source' | 'scratch', seed: number, N: number, K: number): TwoLayer {
  return { N, K, W: rngOf('init', what, seed, 'W').normals(K * N), v: rngOf('init', what, seed, 'v').normals(K) };
}

/** The instance's source network: full-batch Adam (SOURCE_RECIPE, `p.steps` steps) on its α_s N source samples. */
export function trainedSource(rngOf: RngOf, seed: number, p: ChmmParams, source: HmmTask): TwoLayer {
  const { N, K } = sizesOf(p);
  const Ps = sourceSamples(p);
  const data = sourceData(rngOf, seed, source, Ps);
  return trainTwoLayerTs(initNet(rngOf, 'source', seed, N, K), data.X, data.y, Ps, {
    ...SOURCE_RECIPE,
    steps: p.steps,
  });
}

/** The random-features first layer (never trained). */
export function randomFirstLayer(rngOf: RngOf, seed: number, N: number, K: number): Float64Array {
  return rngOf('randomW', seed).normals(K * N);
}

export function targetTrain(rngOf: RngOf, seed: number, target: HmmTask, P: number, eta: number): TaskSample {
  return sampleTask(target, P, rngOf('targetTrain', seed), eta);
}

export function targetTest(rngOf: RngOf, seed: number, target: HmmTask, Pt: number): TaskSample {
  return sampleTask(target, Pt, rngOf('targetTest', seed));
}
