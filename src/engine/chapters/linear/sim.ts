/**
 * Simulated points of the deep-linear chapter. For each seed: draw the teachers,
 * pretrain (or look up) the source network, draw the target data, and measure
 * the excess risk of scratch, linear transfer and fine-tuning — either by really
 * training the network with gradient descent in tfjs (`points=gd`) or with the
 * exact estimators GD converges to (`points=exact`, float64, instant).
 * Loaded lazily by the training worker and the CLI (tfjs stays out of the main bundle).
 */
import type { SimContext, SimModule, SimSample, SimTask } from '../../core/chapter';
import { dot, fromFlat, largestEigenvalue } from '../../core/linalg';
import { matvec } from '../../core/dense';
import {
  drawData,
  drawInputs,
  drawNoise,
  drawTeacherBasis,
  drawTeachers,
  excessRisk,
  sourceSamples,
  type Dataset,
} from './data';
import {
  exactRisks,
  leastSquaresMinimum,
  minNorm,
  ridgeReadout,
  targetDraw,
  type SourceDots,
  type TargetDraw,
} from './exact';
import {
  dataMoments,
  frozenProduct,
  populationMoments,
  sliceNetwork,
  smallInit,
  stackNetworks,
  trainDeepLinear,
  type GdProblem,
  type Weights,
} from './gd';
import { targetSamples } from './model';
import type { LinearParams } from './params';

const LOSS_TOLERANCE = 1e-6;

/** λ_max of the Hessian 2XᵀX/n of the mean-squared loss (via the smaller Gram matrix). */
function hessianMax(ds: Dataset): number {
  const X = fromFlat(ds.X, ds.n, ds.d);
  const gram = ds.n < ds.d ? X.mmul(X.transpose()) : X.transpose().mmul(X);
  return (2 * largestEigenvalue(gram, 300, 1e-8)) / ds.n;
}

/**
 * Cache key of a pretrained source network. `bs0`, the first entry of the seed's source teacher, ties the entry to
 * the run seed: the cache outlives a run, and another run seed draws other teachers for the same seed index.
 */
function sourceKey(p: LinearParams, seed: number, mode: string, bs0: number): string {
  const src = p.source === 'finite' ? `finite|${p.gammaS}|${p.noiseS}` : 'infinite';
  return `linear|source|${mode}|seed=${seed}|bs0=${bs0}|d=${p.d}|L=${p.L}|${src}`;
}

/**
 * Exact pretrained vector: b_s itself (population loss) or the min-norm interpolator of the source data. All seeds
 * of one source configuration share one cache entry (a phase diagram reads the same 50 sources in every row).
 */
function exactSource(p: LinearParams, seed: number, ctx: SimContext, bs: Float64Array): Float64Array {
  if (p.source !== 'finite') return bs;
  const key = `linear|exact-sources|d=${p.d}|finite|${p.gammaS}|${p.noiseS}`;
  let all = ctx.cache.get<Map<number, { bs0: number; bHat: Float64Array }>>(key);
  if (!all) {
    all = new Map();
    ctx.cache.set(key, all);
  }
  const hit = all.get(seed);
  if (hit && hit.bs0 === bs[0]) return hit.bHat;
  const bHat = minNorm(drawData(ctx.rng, 'source', seed, sourceSamples(p), bs, p.noiseS));
  all.set(seed, { bs0: bs[0], bHat });
  return bHat;
}

/** Pretrain the source networks by GD for the seeds not cached yet (batched), return one network per seed. */
async function gdSources(
  p: LinearParams,
  seeds: number[],
  ctx: SimContext,
  bsOf: (s: number) => Float64Array,
): Promise<Weights[]> {
  const d = p.d;
  const L = p.L;
  const key = (s: number) => sourceKey(p, s, 'gd', bsOf(s)[0]);
  const missing = seeds.filter((s) => !ctx.cache.get(key(s)));
  if (missing.length) {
    const finite = p.source === 'finite';
    const data = missing.map((s) =>
      finite ? drawData(ctx.rng, 'source', s, sourceSamples(p), bsOf(s), p.noiseS) : null,
    );
    const problem: GdProblem = {
      moments: data.map((ds, i) => (ds ? dataMoments(ds) : populationMoments(bsOf(missing[i])))),
      d,
      lambdaMax: data.map((ds) => (ds ? hessianMax(ds) : 2)),
      stopLoss: data.map((ds) => (ds ? leastSquaresMinimum(ds) : 0) + LOSS_TOLERANCE),
    };
    const init = stackNetworks(
      missing.map((s) => smallInit(1, d, L, (k, sc) => ctx.rng('init', 'source', s, d, L).normals(k, sc))),
    );
    const res = await trainDeepLinear(problem, init, { maxSteps: 2 * p.steps, checkpoint: ctx.checkpoint });
    reportUnconverged(ctx, res.loss, problem.stopLoss, 'source');
    missing.forEach((s, i) => ctx.cache.set(key(s), sliceNetwork(res.weights, i)));
  }
  return seeds.map((s) => ctx.cache.get<Weights>(key(s))!);
}

function reportUnconverged(ctx: SimContext, loss: number[], stop: number[], what: string) {
  const bad = loss.filter((l, i) => !(l <= stop[i])).length;
  if (bad)
    ctx.notice(
      `${bad} of ${loss.length} ${what} network(s) reached the step limit before the loss tolerance; raise "max GD ` +
        `steps" for converged points.`,
    );
}

/** b = W_1⋯W_{L−1} w_L of a single network. */
function endToEndVector(w: Weights): Float64Array {
  const readout = w.layers[w.layers.length - 1];
  return matvec(frozenProduct(w), readout, w.d, w.d);
}

async function runGd(
  p: LinearParams,
  task: SimTask<LinearParams>,
  seeds: number[],
  ctx: SimContext,
): Promise<SimSample[]> {
  const d = p.d;
  const L = p.L;
  const n = targetSamples(p.gamma, d);
  const teachers = new Map(seeds.map((s) => [s, drawTeachers(ctx.rng, s, d, p.theta, p.t)]));
  const sources = await gdSources(p, seeds, ctx, (s) => teachers.get(s)!.bs);
  const data = seeds.map((s) => drawData(ctx.rng, 'target', s, n, teachers.get(s)!.bt, p.noise));
  // One batch: scratch networks (small init) then fine-tuned networks (start at the source).
  const scratchInit = seeds.map((s) =>
    smallInit(1, d, L, (k, sc) => ctx.rng('init', 'scratch', s, d, L).normals(k, sc)),
  );
  const moments = data.map(dataMoments);
  const stopLoss = data.map((ds) => leastSquaresMinimum(ds) + LOSS_TOLERANCE);
  const lambdaMax = data.map(hessianMax);
  const problem: GdProblem = {
    moments: [...moments, ...moments],
    d,
    lambdaMax: [...lambdaMax, ...lambdaMax],
    stopLoss: [...stopLoss, ...stopLoss],
  };
  const res = await trainDeepLinear(problem, stackNetworks([...scratchInit, ...sources]), {
    maxSteps: p.steps,
    checkpoint: ctx.checkpoint,
    progress: ctx.progress,
  });
  reportUnconverged(ctx, res.loss, problem.stopLoss, 'target');
  const lam = p.lam;
  return seeds.map((s, i) => {
    const bt = teachers.get(s)!.bt;
    const M = fromFlat(frozenProduct(sources[i]), d, d);
    return {
      scratch: excessRisk(res.b[i], bt),
      finetune: excessRisk(res.b[seeds.length + i], bt),
      transfer: excessRisk(ridgeReadout(data[i], M, lam), bt),
      source: excessRisk(endToEndVector(sources[i]), teachers.get(s)!.bs),
      steps: Math.max(res.steps[i], res.steps[seeds.length + i]),
    };
  });
}

/**
 * Exact estimators (`points=exact`). Each seed's target draw is reduced once to the few numbers the three
 * estimators need at any angle, teacher norm, noise and ridge (`targetDraw`); the draws of one γ are cached
 * together, so the cells of a phase diagram row and the teachers of the divergence figure share them.
 */
function runExact(p: LinearParams, seeds: number[], ctx: SimContext): SimSample[] {
  const d = p.d;
  const n = targetSamples(p.gamma, d);
  const src = p.source === 'finite' ? `finite|${p.gammaS}|${p.noiseS}` : 'infinite';
  const key = `linear|target-draws|n=${n}|d=${d}|${src}`;
  let draws = ctx.cache.get<Map<number, { draw: TargetDraw; dots: SourceDots }>>(key);
  if (!draws) {
    draws = new Map();
    ctx.cache.set(key, draws);
  }
  return seeds.map((s) => {
    let hit = draws.get(s);
    // The same stream as drawData's inputs: the cache is reused only for the run seed it was filled with.
    if (!hit || hit.draw.check !== ctx.rng('target', 'x', s, n, d).normal()) {
      const { bs, bp } = drawTeacherBasis(ctx.rng, s, d);
      const bHat = exactSource(p, s, ctx, bs);
      const X = drawInputs(ctx.rng, 'target', s, n, d);
      const e = drawNoise(ctx.rng, 'target', s, n);
      hit = {
        draw: targetDraw(X, e, n, d, bs, bp, bHat),
        dots: { s: dot(bHat, bs), p: dot(bHat, bp), q: dot(bHat, bHat) },
      };
      draws.set(s, hit);
    }
    return exactRisks(hit.draw, hit.dots, {
      theta: p.theta,
      t: p.t,
      sigma: p.noise,
      lam: p.lam,
      L: p.L,
    });
  });
}

export const sim: SimModule<LinearParams> = {
  seedBatch: 5,
  async run(_fig, task, seeds, ctx) {
    const p = task.params;
    if (p.points === 'exact') {
      await ctx.checkpoint();
      return runExact(p, seeds, ctx);
    }
    return runGd(p, task, seeds, ctx);
  },
};
