/**
 * Simulated points of the depth chapter (there is no theory: every number is a
 * trained network). Loaded lazily by the training worker and the CLI.
 *
 * Work is shared through ctx.cache, keyed by what it depends on:
 *  - a source network per (seed, task fingerprint, source data, network and
 *    training knobs), trained once and reused by every figure and target size
 *    (or read: from the networks shipped with the app, on the backend that
 *    reproduces them to the bit, else from the persistent store);
 *  - one transfer batch per (seed, target set): all depths k = 0..L (and both
 *    protocols) train together, so the first task of a curve trains, the other
 *    depths of that curve only read the cache;
 *  - one source-selection record per (seed, candidate): transfer errors and the
 *    layer-by-layer similarity between the scratch target network and the source.
 */
import type { SimContext, SimModule, SimSample, SimTask } from '../../core/chapter';
import type { Rng } from '../../core/rng';
import { encodeFloats, shippedBackend, shippedTable, type ShippedEntry } from '../../core/shipped';
import { CANDIDATES, dataset, depthPair, fingerprint, sameTask, selectionPair, shapeOf, type HmmTask } from './data';
import { sampleTask } from '../chmm/generator';
import { freshInit, hiddenRepresentations, trainBatch, type NetBatch, type TrainOptions } from './mlp';
import { runTransfer } from './transfer';
import {
  FIG_KSTAR,
  FIG_LAYERS,
  FIG_PROFILES,
  FIG_SOURCES,
  WEIGHT_DECAY,
  mapProtocol,
  protocolsOf,
  taskField,
  type DepthParams,
} from './params';
import { argminDepth } from './ranking';
import { imbalanceFromOrders, linearCka, neighbourOrder, overlapFromOrders, points } from './similarity';

const normalsOf = (rng: Rng) => (n: number, s: number) => rng.normals(n, s);

function netKey(p: DepthParams): string {
  return `N=${p.N}|D=${p.D}|H=${p.H}|L=${p.L}|lr=${p.lr}|eta=${p.noise}`;
}

function trainOptions(
  p: DepthParams,
  steps: number,
  ctx: SimContext,
  progress: (f: number) => void,
): Omit<TrainOptions, 'lrScale'> {
  return { steps, lr: p.lr, lambda: WEIGHT_DECAY, checkpoint: ctx.checkpoint, progress };
}

/** Progress of one phase mapped into [from, to] of the task's bar. */
const phase = (ctx: SimContext, from: number, to: number) => (f: number) => ctx.progress(from + (to - from) * f);

function sourceKey(p: DepthParams, task: HmmTask, seed: number, dataKey: string): string {
  return ['depth', 'source', seed, netKey(p), `Ps=${p.Ps}`, `steps=${p.srcSteps}`, dataKey, fingerprint(task)].join(
    '|',
  );
}

/** Which source network: pretrained on `task`, on P_s samples drawn with rng `dataKey` for `seed`. */
type SourceArgs = [
  p: DepthParams,
  ctx: SimContext,
  task: HmmTask,
  seed: number,
  dataKey: string,
  progress: (f: number) => void,
];

/** Train the network pretrained on `task` (P_s samples drawn with rng `dataKey`): no cache, no store. */
async function trainSource(...[p, ctx, task, seed, dataKey, progress]: SourceArgs): Promise<NetBatch> {
  const data = dataset(task, p.Ps, ctx.rng(dataKey, seed), p.noise);
  const init = freshInit(shapeOf(p), 1, normalsOf(ctx.rng('source-init', seed)));
  return trainBatch(init, data, trainOptions(p, p.srcSteps, ctx, progress));
}

/** What src/precomputed/depth-sources/nets.json holds: per source key, the L + 1 float32 arrays as base64. */
export interface ShippedSources {
  about: string;
  nets: ShippedEntry[];
}

/** The shipped networks by key, loaded once (a separate chunk, fetched by the worker only when used). */
export const shippedSources = shippedTable(() =>
  import('../../../precomputed/depth-sources/nets.json', { with: { type: 'json' } }).then((m) => m.default.nets),
);

// scripts/ship-depth.ts reads these here, beside the networks they encode and the backend they hold on.
export { encodeFloats, shippedBackend };

/**
 * The network pretrained on `task` (P_s samples drawn with rng `dataKey`): from the in-memory cache, else
 * shipped with the app (the default sizes' sources, on the backend that reproduces them), else from the
 * persistent store (a previous visit trained it: the same floats, so the same points), else trained now
 * and stored for the next visit.
 */
async function sourceNetwork(...[p, ctx, task, seed, dataKey, progress]: SourceArgs): Promise<NetBatch> {
  const key = sourceKey(p, task, seed, dataKey);
  const hit = ctx.cache.get<NetBatch>(key);
  if (hit) return hit;
  const shape = shapeOf(p);
  const asNet = (arrays: Float32Array[] | undefined): NetBatch | undefined =>
    arrays && arrays.length === shape.L + 1
      ? { shape, B: 1, layers: arrays.slice(0, shape.L), readout: arrays[shape.L] }
      : undefined;
  const ready =
    ((await shippedBackend()) ? asNet((await shippedSources()).get(key)) : undefined) ??
    asNet(await ctx.store?.get(key));
  if (ready) {
    ctx.cache.set(key, ready);
    return ready;
  }
  const net = await trainSource(p, ctx, task, seed, dataKey, progress);
  ctx.cache.set(key, net);
  void ctx.store?.put(key, [...net.layers, net.readout]);
  return net;
}

/**
 * The source networks of the layer figure and the k* map at `p` for seeds 0..seeds−1, trained now (no cache,
 * no shipped file, no store), with their keys: what scripts/ship-depth.ts ships and its unit test retrains.
 */
export async function trainLayerSources(
  p: DepthParams,
  ctx: SimContext,
  seeds: number,
): Promise<{ key: string; net: NetBatch }[]> {
  const out = [];
  for (let seed = 0; seed < seeds; seed++) {
    const { source } = depthPair(p, ctx.rng('tasks', seed));
    const net = await trainSource(p, ctx, source, seed, 'source-data', () => {});
    out.push({ key: sourceKey(p, source, seed, 'source-data'), net });
  }
  return out;
}

export interface DepthCurve {
  /** Test error per transfer depth k = 0..L (index 0 = scratch); NaN where the protocol was not trained. */
  frozen: number[];
  finetune: number[];
}

/**
 * Cache key of a trained record: what every record shares (its kind, the seed, the network, the source data and
 * the training steps), then what this kind adds.
 */
function recordKey(kind: string, seed: number, p: DepthParams, rest: (string | number)[]): string {
  return ['depth', kind, seed, netKey(p), `Ps=${p.Ps}`, `src=${p.srcSteps}`, `steps=${p.steps}`, ...rest].join('|');
}

/** Test error vs depth for one (seed, target size, task knobs): one source network, one batch of transfers. */
export async function depthCurve(p: DepthParams, seed: number, Pt: number, ctx: SimContext): Promise<DepthCurve> {
  const protocols = protocolsOf(p);
  const key = recordKey('curve', seed, p, [
    `Pt=${Pt}`,
    `dth=${p.dth}`,
    `dF=${p.dF}`,
    protocols.join('+'),
    `ft=${p.ftLrScale}`,
    `test=${p.nTest}`,
  ]);
  const hit = ctx.cache.get<DepthCurve>(key);
  if (hit) return hit;
  const pair = depthPair(p, ctx.rng('tasks', seed));
  const split = ctx.cache.get(sourceKey(p, pair.source, seed, 'source-data')) ? 0 : 0.5;
  const source = await sourceNetwork(p, ctx, pair.source, seed, 'source-data', phase(ctx, 0, split));
  const train = dataset(pair.target, Pt, ctx.rng('target-data', seed, Pt), p.noise);
  const test = dataset(pair.target, p.nTest, ctx.rng('target-test', seed));
  // One fresh draw per (seed, P_t), shared by every k (docs/science/depth.md (D4): common random numbers).
  const fresh = freshInit(shapeOf(p), 1, normalsOf(ctx.rng('target-init', seed, Pt)));
  const res = await runTransfer(
    source,
    fresh,
    train,
    test,
    { protocols, ftLrScale: p.ftLrScale },
    trainOptions(p, p.steps, ctx, phase(ctx, split, 1)),
  );
  const curve = { frozen: res.frozen, finetune: res.finetune };
  ctx.cache.set(key, curve);
  return curve;
}

export interface Selection {
  /** Frozen-transfer test error per depth from this candidate (index 0 = the scratch probe network). */
  errors: number[];
  /** Per hidden layer l = 1..L (array index l−1): similarity of the scratch target net and the source net. */
  overlap: number[];
  cka: number[];
  /** Information imbalance Δ(target → source) and the reverse direction. */
  imbalance: number[];
  imbalanceReverse: number[];
}

/** Source-selection record of candidate c for one seed (docs/science/depth.md, Similarity measures (D11)). */
export async function selection(p: DepthParams, seed: number, c: number, ctx: SimContext): Promise<Selection> {
  const key = recordKey('select', seed, p, [
    `Pt=${p.Pt}`,
    `test=${p.nTest}`,
    `M=${p.probe}`,
    `knn=${p.knn}`,
    CANDIDATES[c].id,
  ]);
  const hit = ctx.cache.get<Selection>(key);
  if (hit) return hit;
  const tasksRng = () => ctx.rng('selection-tasks', seed);
  const { target, source } = selectionPair(p, c, tasksRng);
  if (c > 0 && !sameTask(selectionPair(p, 0, tasksRng).target, target)) {
    throw new Error(
      'depth: the chmm generator returned a different first task for different knobs; source selection needs one ' +
        'shared target',
    );
  }
  const L = p.L;
  const srcNet = await sourceNetwork(p, ctx, source, seed, `candidate-data-${CANDIDATES[c].id}`, phase(ctx, 0, 0.6));
  const Pt = p.Pt;
  const train = dataset(target, Pt, ctx.rng('selection-train', seed), p.noise);
  const test = dataset(target, p.nTest, ctx.rng('selection-test', seed));
  const fresh = freshInit(shapeOf(p), 1, normalsOf(ctx.rng('selection-init', seed)));
  const res = await runTransfer(
    srcNet,
    fresh,
    train,
    test,
    { protocols: ['frozen'], ftLrScale: 1 },
    trainOptions(p, p.steps, ctx, phase(ctx, 0.6, 0.95)),
  );
  // Member 0 of the batch is the network trained from scratch on the target: the probe network.
  const M = p.probe;
  const probeX = sampleTask(target, M, ctx.rng('selection-probe', seed)).X;
  const mine = hiddenRepresentations(res.nets, 0, probeX, M);
  const theirs = hiddenRepresentations(srcNet, 0, probeX, M);
  const H = p.H;
  const knn = Math.min(p.knn, M - 1);
  const out: Selection = { errors: res.frozen, overlap: [], cka: [], imbalance: [], imbalanceReverse: [] };
  for (let l = 0; l < L; l++) {
    const a = points(mine[l], M, H);
    const b = points(theirs[l], M, H);
    const oa = neighbourOrder(a);
    const ob = neighbourOrder(b);
    out.overlap.push(overlapFromOrders(oa, ob, M, knn));
    out.cka.push(linearCka(a, b));
    out.imbalance.push(imbalanceFromOrders(oa, ob, M));
    out.imbalanceReverse.push(imbalanceFromOrders(ob, oa, M));
    await ctx.checkpoint();
  }
  ctx.progress(1);
  ctx.cache.set(key, out);
  return out;
}

/** Flatten a selection record into a sample: best error over k ≥ 1, scratch error, per-layer scores. */
export function selectionSample(s: Selection): SimSample {
  const sample: SimSample = { best: Math.min(...s.errors.slice(1)), scratch: s.errors[0] };
  s.errors.forEach((e, k) => (sample[`err_${k}`] = e));
  s.overlap.forEach((v, l) => (sample[`overlap_${l + 1}`] = v));
  s.cka.forEach((v, l) => (sample[`cka_${l + 1}`] = v));
  s.imbalance.forEach((v, l) => (sample[`imbalance_${l + 1}`] = v));
  s.imbalanceReverse.forEach((v, l) => (sample[`imbalanceReverse_${l + 1}`] = v));
  return sample;
}

async function runOne(fig: string, task: SimTask<DepthParams>, seed: number, ctx: SimContext): Promise<SimSample> {
  const p = task.params;
  if (fig === FIG_LAYERS) {
    const curve = await depthCurve(p, seed, p.Pt, ctx);
    const k = taskField(p, 'k');
    return { frozen: curve.frozen[k], finetune: curve.finetune[k], scratch: curve.frozen[0] };
  }
  if (fig === FIG_KSTAR) {
    const curve = await depthCurve(p, seed, p.Pt, ctx);
    const err = curve[mapProtocol(p)];
    const k = argminDepth(err);
    return { kstar: k, gain: err[0] - err[k] };
  }
  if (fig === FIG_SOURCES || fig === FIG_PROFILES)
    return selectionSample(await selection(p, seed, taskField(p, 'cand'), ctx));
  throw new Error(`depth: unknown figure "${fig}"`);
}

export const sim: SimModule<DepthParams> = {
  seedBatch: 1,
  // Expensive figures cap their seeds in task.params.seeds; the shared runner honours the cap.
  async run(fig, task, seeds, ctx) {
    const out: SimSample[] = [];
    for (const seed of seeds) out.push(await runOne(fig, task, seed, ctx));
    return out;
  },
};
