/**
 * The chapter's network (docs/science/depth.md (D2)–(D3)): a fully connected tanh network
 * without biases, h_0 = x, h_l = tanh(h_{l−1} W_l) (l = 1..L), f(x) = h_L · w,
 * trained by full-batch Adam on the mean logistic loss log(1 + e^{−y f}) plus
 * (λ/2)‖W‖² on every weight that is being trained.
 *
 * Many independent networks train at once: every weight is a B×in×out tensor,
 * so one Adam step is a handful of batched ops whatever B is (the k = 0..L
 * transfer depths of one target set form one batch). Gradients are written by
 * hand (three lines per layer), so no gradient kernels need to be registered.
 *
 * Freezing and fine-tuning are a per-network, per-layer learning-rate factor:
 * 0 keeps a layer exactly at its initial value (frozen), 1 trains it normally,
 * and e.g. 0.1 fine-tunes a copied layer gently. The factor multiplies Adam's
 * step, not the gradient (Adam is invariant to gradient scale).
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchMatMul } from '../../core/batchMatMul';

export interface NetShape {
  /** Input dimension. */
  N: number;
  /** Hidden width. */
  H: number;
  /** Hidden layers (= maximal transfer depth). */
  L: number;
}

/**
 * Weights of B networks of one shape (float32, row-major):
 * layers[l] is B×fanIn×H (fanIn = N for l = 0, H otherwise), readout is B×H.
 */
export interface NetBatch {
  shape: NetShape;
  B: number;
  layers: Float32Array[];
  readout: Float32Array;
}

export function fanIn(shape: NetShape, l: number): number {
  return l === 0 ? shape.N : shape.H;
}

/** LeCun-normal initialisation, W ~ N(0, 1/fan_in), for B networks from one stream of normals. */
export function freshInit(shape: NetShape, B: number, normals: (n: number, scale: number) => Float64Array): NetBatch {
  const layers: Float32Array[] = [];
  for (let l = 0; l < shape.L; l++)
    layers.push(Float32Array.from(normals(B * fanIn(shape, l) * shape.H, 1 / Math.sqrt(fanIn(shape, l)))));
  return { shape, B, layers, readout: Float32Array.from(normals(B * shape.H, 1 / Math.sqrt(shape.H))) };
}

/** Network i of a batch as a batch of one (copies). */
export function pick(net: NetBatch, i: number): NetBatch {
  const { N, H } = net.shape;
  return {
    shape: net.shape,
    B: 1,
    layers: net.layers.map((w, l) => w.slice(i * (l === 0 ? N : H) * H, (i + 1) * (l === 0 ? N : H) * H)),
    readout: net.readout.slice(i * H, (i + 1) * H),
  };
}

/** Concatenate batches of the same shape. */
export function stack(nets: NetBatch[]): NetBatch {
  const shape = nets[0].shape;
  const cat = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  return {
    shape,
    B: nets.reduce((s, n) => s + n.B, 0),
    layers: shape.L ? Array.from({ length: shape.L }, (_, l) => cat(nets.map((n) => n.layers[l]))) : [],
    readout: cat(nets.map((n) => n.readout)),
  };
}

/**
 * Inputs and ±1 labels. `shared` data (P×N, P) are seen by every network of the
 * batch; otherwise X is B×P×N and y is B×P (one data set per network).
 */
export interface Dataset {
  X: Float32Array;
  y: Float32Array;
  P: number;
  shared: boolean;
}

export interface TrainOptions {
  steps: number;
  lr: number;
  /** L2 coefficient λ of (λ/2)‖W‖². */
  lambda: number;
  /**
   * Learning-rate factor per network and layer: lrScale[b][l], l = 0..L−1 hidden, l = L readout.
   * Default: every layer of every network trains with factor 1.
   */
  lrScale?: number[][];
  /** Steps between cancellation points (default 20). */
  chunk?: number;
  checkpoint?: () => Promise<void>;
  /** Fraction of the steps done. */
  progress?: (fraction: number) => void;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

export function inputs(data: Dataset, B: number, N: number): { X: tf.Tensor3D; y: tf.Tensor3D } {
  return tf.tidy(() => {
    const X = data.shared
      ? tf.tile(tf.tensor3d(data.X, [1, data.P, N]), [B, 1, 1])
      : tf.tensor3d(data.X, [B, data.P, N]);
    const y = data.shared
      ? tf.tile(tf.tensor3d(data.y, [1, data.P, 1]), [B, 1, 1])
      : tf.tensor3d(data.y, [B, data.P, 1]);
    return { X, y };
  });
}

export function toTensors(net: NetBatch): tf.Tensor3D[] {
  const { N, H } = net.shape;
  const ws = net.layers.map((w, l) => tf.tensor3d(w, [net.B, l === 0 ? N : H, H]));
  ws.push(tf.tensor3d(net.readout, [net.B, H, 1]));
  return ws;
}

function fromTensors(shape: NetShape, B: number, ws: tf.Tensor[]): NetBatch {
  const arrays = ws.map((w) => w.dataSync() as Float32Array);
  return {
    shape,
    B,
    layers: arrays.slice(0, shape.L).map((a) => Float32Array.from(a)),
    readout: Float32Array.from(arrays[shape.L]),
  };
}

/** Hidden activations h_0 = X, h_1..h_L and the output f for batched weights (inside a tidy). */
export function forward(X: tf.Tensor3D, ws: tf.Tensor3D[]): { h: tf.Tensor3D[]; f: tf.Tensor3D } {
  const L = ws.length - 1;
  const h: tf.Tensor3D[] = [X];
  for (let l = 0; l < L; l++) h.push(tf.tanh(batchMatMul(h[l], ws[l])));
  return { h, f: batchMatMul(h[L], ws[L]) };
}

/**
 * Gradients of the mean logistic loss (1/P) Σ log(1 + e^{−y f}) of every network
 * with respect to each weight tensor (call inside a tidy). `trained[l]` says
 * which to compute (null otherwise); backprop stops at the lowest trained layer.
 */
export function logisticGradients(
  X: tf.Tensor3D,
  y: tf.Tensor3D,
  ws: tf.Tensor3D[],
  trained?: boolean[],
): (tf.Tensor3D | null)[] {
  const L = ws.length - 1;
  const want = trained ?? new Array<boolean>(L + 1).fill(true);
  const lowest = want.indexOf(true);
  const grads = new Array<tf.Tensor3D | null>(L + 1).fill(null);
  if (lowest < 0) return grads;
  const { h, f } = forward(X, ws);
  // d/df of log(1 + e^{−y f}) / P = −y σ(−y f) / P.
  const negY = tf.neg(y);
  let g = tf.mul<tf.Tensor3D>(tf.mul(negY, tf.sigmoid(tf.mul(negY, f))), 1 / X.shape[1]);
  if (want[L]) grads[L] = batchMatMul(h[L], g, true, false);
  let dh = lowest < L ? batchMatMul(g, ws[L], false, true) : null;
  for (let l = L - 1; l >= lowest && dh; l--) {
    g = tf.mul(dh, tf.sub(1, tf.square(h[l + 1])));
    if (want[l]) grads[l] = batchMatMul(h[l], g, true, false);
    dh = l > lowest ? batchMatMul(g, ws[l], false, true) : null;
  }
  return grads;
}

/** Mean logistic loss per network (float64 copy), for tests and diagnostics. */
export function logisticLoss(net: NetBatch, data: Dataset): number[] {
  const ws = toTensors(net);
  const { X, y } = inputs(data, net.B, net.shape.N);
  try {
    const loss = tf.tidy(() => tf.mean(tf.softplus(tf.neg(tf.mul(y, forward(X, ws).f))), [1, 2]));
    const out = Array.from(loss.dataSync());
    loss.dispose();
    return out;
  } finally {
    tf.dispose([...ws, X, y]);
  }
}

/**
 * Train a batch of networks by full-batch Adam (docs/science/depth.md (D3)). Returns the trained
 * weights; the input batch is not modified. Frozen layers (factor 0) come back
 * bit-identical to their initial values.
 */
export async function trainBatch(init: NetBatch, data: Dataset, opts: TrainOptions): Promise<NetBatch> {
  const { shape, B } = init;
  const L = shape.L;
  const chunk = opts.chunk ?? 20;
  const scale = opts.lrScale ?? Array.from({ length: B }, () => new Array<number>(L + 1).fill(1));
  if (scale.length !== B || scale.some((s) => s.length !== L + 1))
    throw new Error('trainBatch: lrScale must be B×(L+1)');
  // Layers that no network trains need no gradient.
  const trained = Array.from({ length: L + 1 }, (_, l) => scale.some((s) => s[l] !== 0));
  const { X, y } = inputs(data, B, shape.N);
  const factors = Array.from({ length: L + 1 }, (_, l) =>
    tf.tensor3d(
      scale.map((s) => s[l]),
      [B, 1, 1],
    ),
  );
  let ws = toTensors(init);
  let ms = ws.map((w) => tf.zerosLike(w));
  let vs = ws.map((w) => tf.zerosLike(w));
  try {
    for (let t = 1; t <= opts.steps; t++) {
      const next = tf.tidy(() => {
        const grads = logisticGradients(X, y, ws, trained);
        const bc1 = 1 - BETA1 ** t;
        const bc2 = 1 - BETA2 ** t;
        const out = { ws: [] as tf.Tensor3D[], ms: [] as tf.Tensor3D[], vs: [] as tf.Tensor3D[] };
        for (let l = 0; l <= L; l++) {
          const gl = grads[l];
          if (!gl) {
            out.ws.push(tf.keep(ws[l]));
            out.ms.push(tf.keep(ms[l]));
            out.vs.push(tf.keep(vs[l]));
            continue;
          }
          const grad = opts.lambda ? tf.add(gl, tf.mul(ws[l], opts.lambda)) : gl;
          const m = tf.add<tf.Tensor3D>(tf.mul(ms[l], BETA1), tf.mul(grad, 1 - BETA1));
          const v = tf.add<tf.Tensor3D>(tf.mul(vs[l], BETA2), tf.mul(tf.square(grad), 1 - BETA2));
          const step = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), EPS));
          out.ws.push(tf.sub<tf.Tensor3D>(ws[l], tf.mul(step, tf.mul(factors[l], opts.lr))));
          out.ms.push(m);
          out.vs.push(v);
        }
        return out;
      });
      disposeAll(ws, next.ws);
      disposeAll(ms, next.ms);
      disposeAll(vs, next.vs);
      ws = next.ws;
      ms = next.ms;
      vs = next.vs;
      if (t % chunk === 0 || t === opts.steps) {
        opts.progress?.(t / opts.steps);
        if (t < opts.steps) await opts.checkpoint?.();
      }
    }
    // Frozen layers come back bit-identical: their update is exactly 0 · (finite Adam step).
    const out = fromTensors(shape, B, ws);
    return out;
  } finally {
    tf.dispose([X, y, ...factors, ...ws, ...ms, ...vs]);
  }
}

/** Dispose the tensors of `old` that were not carried into `next` (kept ones are the same object). */
function disposeAll(old: tf.Tensor[], next: tf.Tensor[]) {
  const keep = new Set(next);
  for (const t of old) if (!keep.has(t)) t.dispose();
}

/** Test error (fraction of sign errors) of each network on one shared test set, evaluated in chunks of rows. */
export function testErrors(net: NetBatch, test: Dataset, rows = 1000): number[] {
  if (!test.shared) throw new Error('testErrors: the test set is shared by the batch');
  const N = net.shape.N;
  const wrong = new Float64Array(net.B);
  const ws = toTensors(net);
  try {
    for (let r0 = 0; r0 < test.P; r0 += rows) {
      const n = Math.min(rows, test.P - r0);
      const counts = tf.tidy(() => {
        const X = tf.tile<tf.Tensor3D>(tf.tensor3d(test.X.subarray(r0 * N, (r0 + n) * N), [1, n, N]), [net.B, 1, 1]);
        const y = tf.tensor3d(test.y.subarray(r0, r0 + n), [1, n, 1]);
        const { f } = forward(X, ws);
        // A sign error: y·f ≤ 0 (f = 0 counts as wrong: no decision).
        return tf.sum(tf.cast(tf.lessEqual(tf.mul(f, y), 0), 'float32'), [1, 2]).dataSync();
      });
      for (let b = 0; b < net.B; b++) wrong[b] += counts[b];
    }
  } finally {
    tf.dispose(ws);
  }
  return Array.from(wrong, (w) => w / test.P);
}

/** Hidden representations h_1..h_L (each M×H, float64) of network i on M inputs (M×N). */
export function hiddenRepresentations(net: NetBatch, i: number, X: Float32Array, M: number): Float64Array[] {
  const ws = toTensors(pick(net, i));
  const hs = tf.tidy(() => forward(tf.tensor3d(X, [1, M, net.shape.N]), ws).h.slice(1));
  try {
    return hs.map((t) => Float64Array.from(t.dataSync()));
  } finally {
    tf.dispose([...ws, ...hs]);
  }
}
