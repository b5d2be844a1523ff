/**
 * Simulated points of the CHMM chapter (docs/science/chmm.md, "Protocols"). Every
 * seed uses the figure's ONE reference instance — the task pair, the source
 * network and the random first layer the theory is computed for (theory.ts) —
 * and draws its own target training and test sets (and scratch initialisation)
 * from ctx.rng. Theory and points thus describe the same feature maps; the error
 * bars are the spread over target data, not over source networks
 * (docs/science/chmm.md, "Diagnosis"). Per seed, the test error of
 *   transfer  — frozen source first layer + ridge readout (closed form, float64);
 *   random    — frozen random first layer + ridge readout;
 *   scratch   — the whole two-layer net trained on the target by full-batch Adam (tfjs);
 *   finetune  — the source net trained further on the target (tfjs).
 * The source network is trained once per (N, δ, K/N, α_s, steps) by the same
 * float64 code as the theory's (twoLayerTs.ts) and memoised there, so moving α, λ,
 * η or a correlation knob never retrains it; it is also kept in ctx.store (IndexedDB
 * in the browser), so a later visit reads its float64 weights back instead of
 * training it again (a minute at N = 200).
 * Loaded lazily by the training worker and the CLI (tfjs stays out of the main bundle).
 */
import type { SimContext, SimModule, SimSample } from '../../core/chapter';
import { sampleTask, type TaskSample } from './generator';
import { initNet, targetTest, targetTrain, type RngOf } from './instance';
import { FIG_FINITE, FIG_MAP, sizesOf, targetSamples, type ChmmParams } from './params';
import { FS_NS, instanceGap } from './finiteSize';
import { cachedGap, FS_CACHE_SEED } from './finiteSizeCache';
import { makeRng } from '../../core/rng';
import { readoutError, ridgeReadout } from './ridge';
import { logisticReadout } from './logistic';
import { batchErrors, trainBatch, type NetBatch } from './tfTrain';
import { hiddenFeatures, SOURCE_RECIPE, type TrainRecipe, type TwoLayer } from './twoLayerTs';
import { referenceRandomW, referenceTasks, sourceStoreKey, theorySource } from './theory';

export const FINETUNE_LR = 0.005;
/**
 * Target training sets per seed for the frozen-feature protocols (closed-form
 * readouts, cheap): each seed's transfer and random-feature error is the mean
 * over this many training sets (the first is the one scratch and fine-tuning
 * train on), which shrinks their error bars twofold without training more networks.
 */
export const FROZEN_DRAWS = 4;

/**
 * Float64 weights as the store's Float32Array: the same bytes, two float32 words per number (a copy, so
 * the view spans its whole buffer), and back. No value is rounded: what is read back is bit for bit
 * what was trained.
 */
function bitsOf(a: Float64Array): Float32Array {
  return new Float32Array(Float64Array.from(a).buffer);
}
function float64Of(a: Float32Array, length: number): Float64Array | undefined {
  return a.length === 2 * length ? new Float64Array(a.slice().buffer) : undefined;
}

/**
 * The theory's reference source network for `p` (theory.ts): from this run's cache, else from the
 * persistent store (an earlier visit trained it), else from the theory's memo or trained now — and then
 * stored for the next visit.
 */
async function sourceNetwork(p: ChmmParams, ctx: SimContext): Promise<TwoLayer> {
  const key = sourceStoreKey(p);
  const hit = ctx.cache.get<TwoLayer>(key);
  if (hit) return hit;
  const { N, K } = sizesOf(p);
  const stored = await ctx.store?.get(key);
  const W = stored?.length === 2 ? float64Of(stored[0], K * N) : undefined;
  const v = stored?.length === 2 ? float64Of(stored[1], K) : undefined;
  let net: TwoLayer;
  if (W && v) net = { N, K, W, v };
  else {
    net = theorySource(p);
    void ctx.store?.put(key, [bitsOf(net.W), bitsOf(net.v)]);
  }
  ctx.cache.set(key, net);
  return net;
}

function stack(parts: ArrayLike<number>[]): Float32Array {
  const n = parts[0].length;
  const out = new Float32Array(n * parts.length);
  parts.forEach((a, i) => out.set(a, i * n));
  return out;
}

/** Frozen features + a new readout (ridge in closed form, or L2-logistic by Newton's method): test error. */
export function frozenError(
  W: ArrayLike<number>,
  N: number,
  K: number,
  train: TaskSample,
  P: number,
  test: TaskSample,
  Pt: number,
  lam: number,
  readout = 'ridge',
): number {
  const W64 = Float64Array.from(W);
  return frozenErrorOn(W64, N, K, train, P, hiddenFeatures(test.X, Pt, W64, N, K), Pt, test.y, lam, readout);
}

/** The same with the test features g(W x/√N) already computed (several training sets share one test set). */
function frozenErrorOn(
  W64: Float64Array,
  N: number,
  K: number,
  train: TaskSample,
  P: number,
  testV: Float64Array,
  Pt: number,
  testY: ArrayLike<number>,
  lam: number,
  readout: string,
): number {
  const Phi = hiddenFeatures(train.X, P, W64, N, K);
  const w =
    readout === 'logistic'
      ? logisticReadout(
          Phi.map((v) => v / Math.sqrt(K)),
          P,
          K,
          train.y,
          lam,
        ) // φ = v/√K as in the ridge
      : ridgeReadout(Phi, P, K, train.y, lam);
  return readoutError(w, testV, Pt, K, testY);
}

/**
 * The finite-size figure: each seed is an independent instance (finiteSize.ts), read from the shipped memo where
 * it holds the seed, else computed live at the sizes a page can train.
 */
async function finiteSizeSamples(p: ChmmParams, seeds: number[], ctx: SimContext, rngOf: RngOf): Promise<SimSample[]> {
  // Each seed is an independent instance (finiteSize.ts): the gap of the theory on its own source network.
  const out: SimSample[] = [];
  // The shipped memo holds exactly what this computation gives for master seed 1 (finiteSizeCache.ts).
  const sameStream = ctx.rng('stream-probe').uniform() === makeRng('chmm', FS_CACHE_SEED, 'stream-probe').uniform();
  // Sizes above the live ones come from the memo only (too costly to train in a page: see finiteSizeCache.ts);
  // with another master seed they stay empty (NaN samples are dropped), and the reader is told.
  const live = FS_NS.includes(p.N);
  for (const s of seeds) {
    const hit = sameStream ? cachedGap(p, p.N, s) : undefined;
    const g = hit ?? (live ? instanceGap(p, s, rngOf, FROZEN_DRAWS) : undefined);
    if (!g && s === seeds[0])
      ctx.notice(
        `The finite-size sizes above N = ${FS_NS.at(-1)} are shipped for seed ${FS_CACHE_SEED} only (too costly ` +
          `to train here): they stay empty for this seed.`,
      );
    out.push(
      g
        ? { gap_label: g.thLabel - g.sim, gap_sign: g.thSign - g.sim, sim: g.sim }
        : { gap_label: NaN, gap_sign: NaN, sim: NaN },
    );
    ctx.progress(out.length / seeds.length);
    await ctx.checkpoint();
  }
  return out;
}

/** Sizes and data of one batch of seeds: the figure's one instance, each seed's target training and test sets. */
function seedData(p: ChmmParams, seeds: number[], rngOf: RngOf) {
  const { N, K } = sizesOf(p);
  const P = targetSamples(p.alpha, N);
  const Pt = p.nTest;
  const { target } = referenceTasks(p);
  const train = seeds.map((s) => targetTrain(rngOf, s, target, P, p.noise));
  const test = seeds.map((s) => targetTest(rngOf, s, target, Pt));
  return { N, K, P, Pt, target, train, test };
}
type SeedData = ReturnType<typeof seedData>;

/**
 * Frozen first layers (the source network's, random ones) with a new readout, averaged over FROZEN_DRAWS training
 * sets per seed: `transfer` and `random` of each sample.
 */
function frozenSamples(p: ChmmParams, seeds: number[], d: SeedData, srcW: Float64Array, rngOf: RngOf): SimSample[] {
  const { N, K, P, Pt, target, train, test } = d;
  const randomW = referenceRandomW(p);
  const out: SimSample[] = seeds.map(() => ({}));
  seeds.forEach((s, i) => {
    const sets = [
      train[i],
      ...Array.from({ length: FROZEN_DRAWS - 1 }, (_, k) =>
        sampleTask(target, P, rngOf('targetTrain', s, 'frozen', k + 1), p.noise),
      ),
    ];
    const avg = (W: Float64Array) => {
      const testV = hiddenFeatures(test[i].X, Pt, W, N, K);
      return (
        sets.reduce((acc, tr) => acc + frozenErrorOn(W, N, K, tr, P, testV, Pt, test[i].y, p.lam, p.readout), 0) /
        sets.length
      );
    };
    out[i].transfer = avg(srcW);
    out[i].random = avg(randomW);
  });
  return out;
}

/** Networks trained on each seed's target set as one batch: from scratch, and fine-tuned from the source. */
async function trainedErrors(
  p: ChmmParams,
  seeds: number[],
  d: SeedData,
  src: TwoLayer,
  ctx: SimContext,
  rngOf: RngOf,
): Promise<{ scratch: number[]; finetune: number[] }> {
  const { N, K, P, Pt, train, test } = d;
  const B = seeds.length;
  const data = { X: stack(train.map((t) => t.X)), y: stack(train.map((t) => t.y)), P };
  const testX = stack(test.map((t) => t.X));
  const testY = stack(test.map((t) => t.y));
  const scratchInit = seeds.map((s) => initNet(rngOf, 'scratch', s, N, K));
  const scratchRecipe: TrainRecipe = { ...SOURCE_RECIPE, steps: p.steps };
  const scratch = await trainBatch(
    { B, N, K, W: stack(scratchInit.map((n) => n.W)), v: stack(scratchInit.map((n) => n.v)) },
    data,
    scratchRecipe,
    { checkpoint: ctx.checkpoint, progress: (f) => ctx.progress(0.45 + 0.4 * f) },
  );
  const scratchErrors = await batchErrors(scratch, testX, testY, Pt);
  const init: NetBatch = { B, N, K, W: stack(seeds.map(() => src.W)), v: stack(seeds.map(() => src.v)) };
  const ft = await trainBatch(
    init,
    data,
    { steps: p.ftSteps, lr: FINETUNE_LR, l2: SOURCE_RECIPE.l2 },
    {
      checkpoint: ctx.checkpoint,
      progress: (f) => ctx.progress(0.85 + 0.15 * f),
    },
  );
  return { scratch: scratchErrors, finetune: await batchErrors(ft, testX, testY, Pt) };
}

const runSeeds: SimModule<ChmmParams>['run'] = async (fig, task, seeds, ctx) => {
  const p = task.params;
  const rngOf: RngOf = (...k) => ctx.rng(...k);
  if (fig === FIG_FINITE) return finiteSizeSamples(p, seeds, ctx, rngOf);
  const src = await sourceNetwork(p, ctx);
  const data = seedData(p, seeds, rngOf);
  const out = frozenSamples(p, seeds, data, src.W, rngOf);
  ctx.progress(0.45);
  await ctx.checkpoint();
  // The map's dots check its colour (ε_random − ε_transfer): no network is trained for it.
  if (fig === FIG_MAP) return out;
  const errors = await trainedErrors(p, seeds, data, src, ctx, rngOf);
  errors.scratch.forEach((e, i) => (out[i].scratch = e));
  errors.finetune.forEach((e, i) => (out[i].finetune = e));
  return out;
};

export const sim: SimModule<ChmmParams> = {
  seedBatch: 5,
  run: (fig, task, seeds, ctx) => runSeeds(fig, task, seeds, ctx),
};

/**
 * Test error of the reference source network on its own source task, one test set per seed — a sanity number for the
 * report.
 */
export async function sourceErrors(p: ChmmParams, seeds: number[], ctx: SimContext): Promise<number[]> {
  const rngOf: RngOf = (...k) => ctx.rng(...k);
  const { N, K } = sizesOf(p);
  const src = await sourceNetwork(p, ctx);
  const Pt = p.nTest;
  const { source } = referenceTasks(p);
  const test = seeds.map((s) => targetTest(rngOf, s, source, Pt));
  return batchErrors(
    { B: seeds.length, N, K, W: stack(seeds.map(() => src.W)), v: stack(seeds.map(() => src.v)) },
    stack(test.map((d) => d.X)),
    stack(test.map((d) => d.y)),
    Pt,
  );
}
