/**
 * The "real network" path (docs/science/linear.md (L3), Simulation as implemented): a deep linear network
 * f(x) = xᵀ W_1 ⋯ W_{L−1} w_L trained by full-batch gradient descent in tfjs,
 * many independent networks at once (a batch dimension over seeds and
 * protocols, so each step is a handful of batched ops).
 *
 * Step size is adaptive per network, η = 0.4 / (λ_max(2XᵀX/n) · Σ_l ||W_l||²):
 * from the tiny 1e-5 initialisation (the rich, feature-learning regime) it lets
 * the network escape the saddle quickly and stays stable once weights grow.
 * Training stops per network when its loss is within 1e-6 of the least-squares
 * minimum (or after `maxSteps`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { matmul } from '../../core/dense';

/** Floor of Σ_l ||W_l||² in the adaptive step (see `step`). */
const SQ_FLOOR = 1;

export interface GdProblem {
  /** Per network: design n×d (row-major), targets n, or `null` for the population loss ||b − target||². */
  X: (Float32Array | null)[];
  y: (Float32Array | null)[];
  /** Population targets (when X is null). */
  target: (Float32Array | null)[];
  n: number;
  d: number;
  /** λ_max of the loss Hessian per network (2XᵀX/n, or 2 for the population loss). */
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

/** The batch on the backend: data (zeros for population networks), masks, curvatures and the layer variables. */
interface GdTensors {
  X: tf.Tensor3D;
  y: tf.Tensor2D;
  target: tf.Tensor2D;
  popMask: tf.Tensor1D;
  dataMask: tf.Tensor1D;
  lam: tf.Tensor1D;
  /** 1 while a network trains, 0 once converged (its step size is then 0). */
  active: tf.Variable;
  vars: tf.Variable<tf.Rank.R3>[];
}

function upload(problem: GdProblem, init: Weights): GdTensors {
  const { B, d } = init;
  const n = problem.n;
  const L = init.layers.length;
  const population = problem.X.map((x) => x === null);
  // Data of the networks that have a design matrix; population networks get zeros there (masked below).
  const Xall = new Float32Array(B * n * d);
  const yall = new Float32Array(B * n);
  const tall = new Float32Array(B * d);
  for (let b = 0; b < B; b++) {
    if (problem.X[b]) {
      Xall.set(problem.X[b]!, b * n * d);
      yall.set(problem.y[b]!, b * n);
    } else tall.set(problem.target[b]!, b * d);
  }
  return {
    X: tf.tensor3d(Xall, [B, n, d]),
    y: tf.tensor2d(yall, [B, n]),
    target: tf.tensor2d(tall, [B, d]),
    popMask: tf.tensor1d(
      population.map((p) => (p ? 1 : 0)),
      'float32',
    ),
    dataMask: tf.tensor1d(
      population.map((p) => (p ? 0 : 1)),
      'float32',
    ),
    lam: tf.tensor1d(problem.lambdaMax, 'float32'),
    active: tf.tidy(() => tf.variable(tf.ones([B]), false)),
    // Created inside tidy so that the initial-value tensors are freed (variables keep their own copy).
    vars: init.layers.map((w, l) =>
      tf.tidy(() => tf.variable(tf.tensor3d(w, l < L - 1 ? [B, d, d] : [B, d, 1]), false)),
    ),
  };
}

/** Per-network loss: data networks mean (Xb − y)², population networks ||b − target||². */
function perNetworkLoss(t: GdTensors, B: number, nData: number): tf.Tensor1D {
  const b = endToEnd(t.vars);
  const pred = tf.squeeze(tf.matMul(t.X, tf.expandDims(b, 2)), [2]);
  const dataLoss = nData > 0 ? tf.mean(tf.square(tf.sub(pred, t.y)), 1) : tf.zeros([B]);
  const popLoss = tf.sum(tf.square(tf.sub(b, t.target)), 1);
  return tf.add<tf.Tensor1D>(tf.mul(dataLoss, t.dataMask), tf.mul(popLoss, t.popMask));
}

/**
 * One GD step with hand-written gradients (only matrix–vector products, no
 * autodiff tape): with b = W_0 ⋯ W_{L−2} w_{L−1} and g = ∂loss/∂b,
 *   ∂loss/∂W_l = (W_{l−1}ᵀ ⋯ W_0ᵀ g) ⊗ (W_{l+1} ⋯ w_{L−1}).
 */
function step(t: GdTensors, B: number, n: number): void {
  const { X, y, target, dataMask, popMask, lam, active, vars } = t;
  const L = vars.length;
  tf.tidy(() => {
    const suffix = new Array<tf.Tensor3D>(L);
    suffix[L - 1] = vars[L - 1];
    for (let l = L - 2; l >= 0; l--) suffix[l] = tf.matMul(vars[l], suffix[l + 1]);
    const b = suffix[0]; // B×d×1
    const resid = tf.sub(tf.matMul(X, b), tf.expandDims(y, 2)); // B×n×1
    const gData = tf.mul(tf.matMul(X, resid, true, false), 2 / n);
    const gPop = tf.mul(tf.sub(b, tf.expandDims(target, 2)), 2);
    const g = tf.add(tf.mul(gData, tf.reshape(dataMask, [B, 1, 1])), tf.mul(gPop, tf.reshape(popMask, [B, 1, 1])));
    let sq: tf.Tensor = tf.zeros([B]);
    for (const v of vars) sq = tf.add(sq, tf.sum(tf.square(v), [1, 2]));
    // η per network, the curvature bound floored at Σ||W||² = 1 so that the first steps from
    // the 1e-5 initialisation grow the weights geometrically instead of overshooting; η = 0 once converged.
    const eta = tf.reshape(tf.mul(tf.div(0.4, tf.mul(lam, tf.maximum(sq, SQ_FLOOR))), active), [B, 1, 1]);
    let back = g as tf.Tensor3D; // W_{l−1}ᵀ ⋯ W_0ᵀ g
    const updates: tf.Tensor3D[] = [];
    for (let l = 0; l < L; l++) {
      updates.push(l < L - 1 ? tf.matMul(back, suffix[l + 1], false, true) : back);
      if (l < L - 1) back = tf.matMul(vars[l], back, true, false);
    }
    vars.forEach((v, l) => v.assign(tf.sub(v, tf.mul(eta, updates[l]))));
  });
}

export async function trainDeepLinear(problem: GdProblem, init: Weights, opts: GdOptions): Promise<GdResult> {
  const { B, d } = init;
  const n = problem.n;
  const chunk = opts.chunk ?? 100;
  const nData = problem.X.filter((x) => x !== null).length;
  const t = upload(problem, init);
  const steps = new Array<number>(B).fill(0);
  let loss: number[] = new Array<number>(B).fill(NaN);
  let done = 0;
  try {
    while (done < opts.maxSteps) {
      const todo = Math.min(chunk, opts.maxSteps - done);
      for (let s = 0; s < todo; s++) {
        step(t, B, n);
      }
      done += todo;
      const lossT = tf.tidy(() => perNetworkLoss(t, B, nData));
      loss = Array.from(await lossT.data());
      lossT.dispose();
      const act = Array.from(await t.active.data());
      for (let b = 0; b < B; b++) {
        if (act[b] === 1) steps[b] = done;
        if (!(loss[b] > problem.stopLoss[b])) act[b] = 0; // converged (or non-finite: stop, reported by the caller)
      }
      tf.tidy(() => t.active.assign(tf.tensor1d(act, 'float32')));
      opts.progress?.(done / opts.maxSteps);
      if (act.every((a) => a === 0)) break;
      await opts.checkpoint?.();
    }
    const bT = tf.tidy(() => endToEnd(t.vars));
    const bFlat = await bT.data();
    bT.dispose();
    const layers = await Promise.all(t.vars.map(async (v) => (await v.data()) as Float32Array));
    const b = Array.from({ length: B }, (_, i) => Float32Array.from(bFlat.subarray(i * d, (i + 1) * d)));
    return { weights: { layers, B, d }, b, steps, loss };
  } finally {
    tf.dispose([t.X, t.y, t.target, t.popMask, t.dataMask, t.lam, t.active, ...t.vars]);
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
