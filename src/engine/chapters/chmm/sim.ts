/**
 * Simulated points of the CHMM chapter (spec §2): per seed, draw the task pair,
 * pretrain (or look up) the source network, draw the target training and test
 * sets, and measure the test error of
 *   transfer  — frozen source first layer + ridge readout (closed form, float64);
 *   random    — frozen random first layer + ridge readout;
 *   scratch   — the whole two-layer net trained on the target by full-batch Adam (tfjs);
 *   finetune  — the source net trained further on the target (tfjs).
 * Seeds are trained together as one batch of networks. The source network
 * depends only on (seed, N, δ, K/N, α_s, steps) and is cached in ctx.cache, so
 * moving α, λ, η or a correlation knob never retrains it.
 * Loaded lazily by the training worker and the CLI (tfjs stays out of the main bundle).
 */
import type { SimContext, SimModule, SimSample, SimTask } from '../../core/chapter';
import type { Params } from '../../core/schema';
import type { TaskSample } from './generator';
import { initNet, randomFirstLayer, sourceData, targetTest, targetTrain, taskPair, type RngOf } from './instance';
import { FIG_MAP, knobsOf, sizesOf, sourceSamples, targetSamples } from './params';
import { readoutError, ridgeReadout } from './ridge';
import { logisticReadout } from './logistic';
import { batchErrors, trainBatch, type NetBatch } from './tfTrain';
import { hiddenFeatures, SOURCE_RECIPE, type TrainRecipe } from './twoLayerTs';

export const FINETUNE_LR = 0.005;

interface SourceNet {
  W: Float32Array;
  v: Float32Array;
}

function sourceKey(p: Params, seed: number): string {
  const { N, K, Ds } = sizesOf(p);
  return `chmm|source|seed=${seed}|N=${N}|K=${K}|Ds=${Ds}|as=${p.alpha_s}|steps=${p.steps}`;
}

function stack(parts: ArrayLike<number>[]): Float32Array {
  const n = parts[0].length;
  const out = new Float32Array(n * parts.length);
  parts.forEach((a, i) => out.set(a, i * n));
  return out;
}

/** Source networks for `seeds`: trained as one batch for the seeds not cached yet. */
async function sources(p: Params, seeds: number[], ctx: SimContext, rngOf: RngOf): Promise<SourceNet[]> {
  const { N, K } = sizesOf(p);
  const missing = seeds.filter((s) => !ctx.cache.get(sourceKey(p, s)));
  if (missing.length) {
    const Ps = sourceSamples(p);
    const data = missing.map((s) => sourceData(rngOf, s, taskPair(rngOf, s, knobsOf(p)).source, Ps));
    const inits = missing.map((s) => initNet(rngOf, 'source', s, N, K));
    const trained = await trainBatch(
      { B: missing.length, N, K, W: stack(inits.map((n) => n.W)), v: stack(inits.map((n) => n.v)) },
      { X: stack(data.map((d) => d.X)), y: stack(data.map((d) => d.y)), P: Ps },
      { ...SOURCE_RECIPE, steps: p.steps as number },
      { checkpoint: ctx.checkpoint, progress: (f) => ctx.progress(0.4 * f) },
    );
    missing.forEach((s, i) =>
      ctx.cache.set(sourceKey(p, s), { W: trained.W.slice(i * K * N, (i + 1) * K * N), v: trained.v.slice(i * K, (i + 1) * K) }),
    );
  }
  return seeds.map((s) => ctx.cache.get<SourceNet>(sourceKey(p, s))!);
}

/** Frozen features + a new readout (ridge in closed form, or L2-logistic by Newton's method): test error. */
export function frozenError(W: ArrayLike<number>, N: number, K: number, train: TaskSample, P: number, test: TaskSample, Pt: number, lam: number, readout = 'ridge'): number {
  const W64 = Float64Array.from(W);
  const Phi = hiddenFeatures(train.X, P, W64, N, K);
  const w =
    readout === 'logistic'
      ? logisticReadout(Phi.map((v) => v / Math.sqrt(K)), P, K, train.y, lam) // φ = v/√K as in the ridge
      : ridgeReadout(Phi, P, K, train.y, lam);
  return readoutError(w, hiddenFeatures(test.X, Pt, W64, N, K), Pt, K, test.y);
}

async function runSeeds(fig: string, task: SimTask, seeds: number[], ctx: SimContext): Promise<SimSample[]> {
  const p = task.params;
  const rngOf: RngOf = (...k) => ctx.rng(...k);
  const { N, K } = sizesOf(p);
  const P = targetSamples(p.alpha as number, N);
  const Pt = p.ntest as number;
  const lam = p.lam as number;
  const eta = p.eta as number;
  const wantRandom = fig !== FIG_MAP;
  const wantFinetune = fig !== FIG_MAP;

  const src = await sources(p, seeds, ctx, rngOf);
  const targets = seeds.map((s) => taskPair(rngOf, s, knobsOf(p)).target);
  const train = seeds.map((s, i) => targetTrain(rngOf, s, targets[i], P, eta));
  const test = seeds.map((s, i) => targetTest(rngOf, s, targets[i], Pt));
  const out: SimSample[] = seeds.map(() => ({}));

  seeds.forEach((s, i) => {
    out[i].transfer = frozenError(src[i].W, N, K, train[i], P, test[i], Pt, lam, p.readout as string);
    if (wantRandom) out[i].random = frozenError(randomFirstLayer(rngOf, s, N, K), N, K, train[i], P, test[i], Pt, lam, p.readout as string);
  });
  ctx.progress(0.45);
  await ctx.checkpoint();

  const B = seeds.length;
  const data = { X: stack(train.map((d) => d.X)), y: stack(train.map((d) => d.y)), P };
  const testX = stack(test.map((d) => d.X));
  const testY = stack(test.map((d) => d.y));
  const scratchInit = seeds.map((s) => initNet(rngOf, 'scratch', s, N, K));
  const scratchRecipe: TrainRecipe = { ...SOURCE_RECIPE, steps: p.steps as number };
  const scratch = await trainBatch(
    { B, N, K, W: stack(scratchInit.map((n) => n.W)), v: stack(scratchInit.map((n) => n.v)) },
    data,
    scratchRecipe,
    { checkpoint: ctx.checkpoint, progress: (f) => ctx.progress(0.45 + 0.4 * f) },
  );
  (await batchErrors(scratch, testX, testY, Pt)).forEach((e, i) => (out[i].scratch = e));

  if (wantFinetune) {
    const init: NetBatch = { B, N, K, W: stack(src.map((n) => n.W)), v: stack(src.map((n) => n.v)) };
    const ft = await trainBatch(init, data, { steps: p.ft_steps as number, lr: FINETUNE_LR, l2: SOURCE_RECIPE.l2 }, {
      checkpoint: ctx.checkpoint,
      progress: (f) => ctx.progress(0.85 + 0.15 * f),
    });
    (await batchErrors(ft, testX, testY, Pt)).forEach((e, i) => (out[i].finetune = e));
  }
  return out;
}

export const sim: SimModule = {
  seedBatch: 5,
  run: (fig, task, seeds, ctx) => runSeeds(fig, task, seeds, ctx),
};

/** Test error of the (cached) source networks on their own source task — a sanity number for the report. */
export async function sourceErrors(p: Params, seeds: number[], ctx: SimContext): Promise<number[]> {
  const rngOf: RngOf = (...k) => ctx.rng(...k);
  const { N, K } = sizesOf(p);
  const src = await sources(p, seeds, ctx, rngOf);
  const Pt = p.ntest as number;
  const test = seeds.map((s) => targetTest(rngOf, s, taskPair(rngOf, s, knobsOf(p)).source, Pt));
  return batchErrors(
    { B: seeds.length, N, K, W: stack(src.map((n) => n.W)), v: stack(src.map((n) => n.v)) },
    stack(test.map((d) => d.X)),
    stack(test.map((d) => d.y)),
    Pt,
  );
}
