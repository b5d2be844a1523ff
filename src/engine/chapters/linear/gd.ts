/**
 * The "real network" path (docs/science/linear.md (L3), Simulation as implemented): a deep linear network
 * f(x) = xᵀ W_1 ⋯ W_{L−1} w_L trained by full-batch gradient descent in tfjs,
 * many independent networks at once (a batch dimension over seeds and
 * protocols, so each step is a handful of batched ops).
 *
 * The loss of a linear network depends on the data only through its moments: with C = XᵀX/n, r = Xᵀy/n and
 * ȳ² = y·y/n, mean (Xb − y)² = bᵀCb − 2 r·b + ȳ², and the population loss ‖b − b*‖² is the same form with C = I,
 * r = b*. Each step therefore costs one d×d matrix–vector product per network for the data, whatever n is.
 *
 * Step size per network and step (L16): η = c / κ with c = STEP_SCALE and κ a bound on the curvature of the loss in
 * the weights, from its two parts (op norms bounded by Frobenius norms, ‖∇‖ = ‖∂loss/∂b‖ = 2‖Cb − r‖):
 *   κ = λ_max Σ_l Π_{k≠l} ‖W_k‖²  +  ‖∇‖ Σ_{l<k} Π_{m≠l,k} ‖W_m‖,
 * λ_max the largest eigenvalue of the loss Hessian 2C. The first part is the curvature the layers pass on from
 * the loss (for a balanced network it is exactly the curvature along the learned direction, so c < 2 is
 * stable there); the second is the loss's slope times the curvature of the product of layers, which is what is
 * left at the saddle of the 1e-5 initialisation: there it makes every step grow the weights by a fixed
 * fraction (about c / (L(L−1)/2)), so the networks leave the saddle in tens of steps at any depth.
 * Training stops per network when its loss (computed on the host in float64 from the moments) is within the
 * caller's tolerance of the least-squares minimum, or after `maxSteps`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matmul } from '../../core/dense';
import type { Dataset } from './data';

/** c of (L16): a step is c times the inverse of the curvature bound (stable below 2). */
const STEP_SCALE = 1;

/** The quadratic loss bᵀCb − 2 r·b + yy of one network. */
export interface Moments {
  /** d×d row-major. */
  C: Float64Array;
  r: Float64Array;
  yy: number;
}

/** Moments of the mean-squared loss on a data set: C = XᵀX/n, r = Xᵀy/n, yy = y·y/n. */
export function dataMoments(ds: Dataset): Moments {
  const { X, y, n, d } = ds;
  const C = new Float64Array(d * d);
  const r = new Float64Array(d);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const xj = X[o + j];
      r[j] += xj * y[i];
      // Upper triangle only (mirrored below): C is symmetric.
      for (let k = j; k < d; k++) C[j * d + k] += xj * X[o + k];
    }
    yy += y[i] * y[i];
  }
  for (let j = 0; j < d; j++) {
    r[j] /= n;
    for (let k = j; k < d; k++) {
      const v = C[j * d + k] / n;
      C[j * d + k] = v;
      C[k * d + j] = v;
    }
  }
  return { C, r, yy: yy / n };
}

/** Moments of the population loss ‖b − target‖² (C = I). */
export function populationMoments(target: Float64Array): Moments {
  const d = target.length;
  const C = new Float64Array(d * d);
  for (let j = 0; j < d; j++) C[j * d + j] = 1;
  let yy = 0;
  for (const v of target) yy += v * v;
  return { C, r: Float64Array.from(target), yy };
}

/** The loss bᵀCb − 2 r·b + yy in float64. */
export function quadraticLoss(m: Moments, b: ArrayLike<number>): number {
  const d = m.r.length;
  let s = m.yy;
  for (let j = 0; j < d; j++) {
    let cb = 0;
    const o = j * d;
    for (let k = 0; k < d; k++) cb += m.C[o + k] * b[k];
    s += b[j] * (cb - 2 * m.r[j]);
  }
  return s;
}

export interface GdProblem {
  /** Per network: the moments of its loss. */
  moments: Moments[];
  d: number;
  /** λ_max of the loss Hessian 2C per network. */
  lambdaMax: number[];
  /** Loss value at which each network counts as converged. */
  stopLoss: number[];
}

/** Layer weights of B networks: layers[l] is B×d×d for l < L−1 and B×d×1 for the readout. */
export interface Weights {
  layers: Float32Array[];
  B: number;
  d: number;
}

export interface GdOptions {
  maxSteps: number;
  /** Steps between convergence checks / cancellation points. */
  chunk?: number;
  checkpoint?: () => Promise<void>;
  progress?: (fraction: number) => void;
}

export interface GdResult {
  weights: Weights;
  /** End-to-end vectors b = W_1⋯w_L per network (length d each). */
  b: Float32Array[];
  steps: number[];
  loss: number[];
}

/** Small Gaussian init: W_l entries α N(0,1)/√d, readout α N(0,1) (docs/science/linear.md (L3)). */
export function smallInit(
  B: number,
  d: number,
  L: number,
  normals: (n: number, scale: number) => Float64Array,
  alpha = 1e-5,
): Weights {
  const layers: Float32Array[] = [];
  for (let l = 0; l < L - 1; l++) layers.push(Float32Array.from(normals(B * d * d, alpha / Math.sqrt(d))));
  layers.push(Float32Array.from(normals(B * d, alpha)));
  return { layers, B, d };
}

function endToEnd(vars: tf.Tensor3D[]): tf.Tensor2D {
  let m = vars[0];
  for (let l = 1; l < vars.length; l++) m = tf.matMul(m, vars[l]);
  return tf.squeeze<tf.Tensor2D>(m, [2]); // B×d
}

/** Σ over the ways to leave `out` layers out (each layer, or each pair) of the product of the other layers' values. */
function leaveOutProducts(v: tf.Tensor1D[], out: 1 | 2): tf.Tensor1D {
  const sets = v.flatMap((_, l) => (out === 1 ? [[l]] : v.slice(l + 1).map((_, j) => [l, l + 1 + j])));
  return sets
    .map((set) => v.filter((_, m) => !set.includes(m)).reduce((a, b) => tf.mul<tf.Tensor1D>(a, b)))
    .reduce((a, b) => tf.add<tf.Tensor1D>(a, b));
}

/** The batch on the backend: moments, curvatures, per-network step scale and the layer variables. */
interface GdTensors {
  C: tf.Tensor3D;
  r: tf.Tensor3D;
  lam: tf.Tensor1D;
  /** 2c per network (the gradient of the loss in b is 2(Cb − r)); set to 0 once a network has converged. */
  scale: tf.Variable<tf.Rank.R1>;
  vars: tf.Variable<tf.Rank.R3>[];
}

function uploadBatch(problem: GdProblem, init: Weights): GdTensors {
  const { B, d } = init;
  const L = init.layers.length;
  const Call = new Float32Array(B * d * d);
  const rall = new Float32Array(B * d);
  problem.moments.forEach((m, b) => {
    Call.set(m.C, b * d * d);
    rall.set(m.r, b * d);
  });
  return {
    C: tf.tensor3d(Call, [B, d, d]),
    r: tf.tensor3d(rall, [B, d, 1]),
    lam: tf.tensor1d(problem.lambdaMax, 'float32'),
    scale: tf.tidy(() => tf.variable(tf.fill([B], 2 * STEP_SCALE, 'float32'), false)),
    // Created inside tidy so that the initial-value tensors are freed (variables keep their own copy).
    vars: init.layers.map((w, l) =>
      tf.tidy(() => tf.variable(tf.tensor3d(w, l < L - 1 ? [B, d, d] : [B, d, 1]), false)),
    ),
  };
}

/**
 * One GD step with hand-written gradients (only matrix–vector products, no autodiff tape): with
 * b = W_0 ⋯ W_{L−2} w_{L−1} and g = ∂loss/∂b = 2(Cb − r),
 *   ∂loss/∂W_l = (W_{l−1}ᵀ ⋯ W_0ᵀ g) ⊗ (W_{l+1} ⋯ w_{L−1}).
 * η is folded into g first, so that each d×d layer is touched by one outer product and one subtraction.
 */
function gdStep(t: GdTensors, B: number, d: number): void {
  const { C, r, lam, scale, vars } = t;
  const L = vars.length;
  tf.tidy(() => {
    const suffix = new Array<tf.Tensor3D>(L);
    suffix[L - 1] = vars[L - 1];
    for (let l = L - 2; l >= 0; l--) suffix[l] = tf.matMul(vars[l], suffix[l + 1]);
    const resid = tf.sub(tf.matMul(C, suffix[0]), r); // B×d×1, half the gradient in b
    const sq = vars.map((v) => tf.sum<tf.Tensor1D>(tf.square(v), [1, 2]));
    const gradNorm = tf.mul(tf.sqrt(tf.sum<tf.Tensor1D>(tf.square(resid), [1, 2])), 2);
    // For L = 2 the product over no layer is 1: the saddle term is the slope itself.
    const saddle =
      L === 2
        ? gradNorm
        : tf.mul(
            gradNorm,
            leaveOutProducts(
              sq.map((s) => tf.sqrt(s)),
              2,
            ),
          );
    const curvature = tf.add(tf.mul(lam, leaveOutProducts(sq, 1)), saddle);
    // (L16); a network at rest at the origin with a zero gradient would divide 0 by 0: it gets η = 0.
    const eta = tf.div(scale, tf.maximum(curvature, 1e-30));
    let back = tf.mul<tf.Tensor3D>(tf.reshape(eta, [B, 1, 1]), resid); // η W_{l−1}ᵀ ⋯ W_0ᵀ g
    for (let l = 0; l < L; l++) {
      // The outer product as a broadcast multiply: a batched matMul with inner size 1 is ~10× slower on wasm.
      const update = l < L - 1 ? tf.mul(back, tf.reshape(suffix[l + 1], [B, 1, d])) : back;
      if (l < L - 1) back = tf.matMul(vars[l], back, true, false);
      vars[l].assign(tf.sub(vars[l], update));
    }
  });
}

/** The end-to-end vectors of the batch, read back (B·d floats). */
async function readEndToEnd(vars: tf.Tensor3D[]): Promise<Float32Array> {
  const bT = tf.tidy(() => endToEnd(vars));
  const flat = (await bT.data()) as Float32Array;
  bT.dispose();
  return flat;
}

/**
 * Marks the networks whose loss has reached their stopping loss (or is non-finite: stop, reported by the
 * caller) as done at `done` steps; returns whether any network stopped now.
 */
function markConverged(problem: GdProblem, loss: number[], active: boolean[], steps: number[], done: number): boolean {
  let changed = false;
  for (let i = 0; i < active.length; i++) {
    if (!active[i]) continue;
    steps[i] = done;
    if (!(loss[i] > problem.stopLoss[i])) {
      active[i] = false;
      changed = true;
    }
  }
  return changed;
}

export async function trainDeepLinear(problem: GdProblem, init: Weights, opts: GdOptions): Promise<GdResult> {
  const { B, d } = init;
  const chunk = opts.chunk ?? 50;
  const t = uploadBatch(problem, init);
  const steps = new Array<number>(B).fill(0);
  const active = new Array<boolean>(B).fill(true);
  let loss: number[] = new Array<number>(B).fill(NaN);
  let done = 0;
  try {
    while (done < opts.maxSteps) {
      const todo = Math.min(chunk, opts.maxSteps - done);
      for (let s = 0; s < todo; s++) gdStep(t, B, d);
      done += todo;
      const bFlat = await readEndToEnd(t.vars);
      loss = problem.moments.map((m, i) => quadraticLoss(m, bFlat.subarray(i * d, (i + 1) * d)));
      // A converged network's step size becomes 0.
      const changed = markConverged(problem, loss, active, steps, done);
      opts.progress?.(done / opts.maxSteps);
      if (!active.some((a) => a)) break;
      if (changed)
        tf.tidy(() =>
          t.scale.assign(
            tf.tensor1d(
              active.map((a) => (a ? 2 * STEP_SCALE : 0)),
              'float32',
            ),
          ),
        );
      await opts.checkpoint?.();
    }
    const bFlat = await readEndToEnd(t.vars);
    const layers = await Promise.all(t.vars.map(async (v) => (await v.data()) as Float32Array));
    const b = Array.from({ length: B }, (_, i) => Float32Array.from(bFlat.subarray(i * d, (i + 1) * d)));
    return { weights: { layers, B, d }, b, steps, loss };
  } finally {
    tf.dispose([t.C, t.r, t.lam, t.scale, ...t.vars]);
  }
}

/** Take network `i` out of a batch (e.g. one seed's pretrained source). */
export function sliceNetwork(w: Weights, i: number): Weights {
  const d = w.d;
  return {
    B: 1,
    d,
    layers: w.layers.map((layer, l) => {
      const size = l < w.layers.length - 1 ? d * d : d;
      return layer.slice(i * size, (i + 1) * size);
    }),
  };
}

/** Stack single networks into one batch. */
export function stackNetworks(ws: Weights[]): Weights {
  const d = ws[0].d;
  const layers = ws[0].layers.map((_, l) => {
    const size = ws[0].layers[l].length;
    const out = new Float32Array(size * ws.length);
    ws.forEach((w, i) => out.set(w.layers[l], i * size));
    return out;
  });
  return { layers, B: ws.length, d };
}

/** Product of the frozen layers W_1⋯W_{L−1} of a single network (d×d, float64, row-major). */
export function frozenProduct(w: Weights): Float64Array {
  const d = w.d;
  let m: Float64Array = Float64Array.from(w.layers[0]);
  for (let l = 1; l < w.layers.length - 1; l++) m = matmul(m, Float64Array.from(w.layers[l]), d, d, d);
  return m;
}
