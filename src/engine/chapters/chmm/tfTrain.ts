/**
 * The two-layer network f(x) = v·g(W x/√N)/√K, g = erf(·/√2), trained in tfjs:
 * B independent networks at once (batched matmuls over a leading batch axis:
 * seeds share one set of ops), full-batch Adam on the logistic loss with L2 in
 * sum form (docs/science/chmm.md, Protocols), hand-written gradients (no autodiff tape, no gradient
 * registry needed in the worker). Same recipe as the float64 twoLayerTs.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchMatMul } from '../../core/batchMatMul';
import type { TrainRecipe } from './twoLayerTs';

export interface NetBatch {
  B: number;
  N: number;
  K: number;
  /** B×K×N. */
  W: Float32Array;
  /** B×K. */
  v: Float32Array;
}

export interface BatchData {
  /** B×P×N inputs. */
  X: Float32Array;
  /** B×P labels ±1. */
  y: Float32Array;
  P: number;
}

const INV_SQRT2 = Math.SQRT1_2;
const SQRT_2_PI = Math.sqrt(2 / Math.PI);

/** Train B networks from `init` on their own data sets (same P). Steps are chunked so the caller can yield. */
export async function trainBatch(
  init: NetBatch,
  data: BatchData,
  recipe: TrainRecipe,
  opts: { chunk?: number; checkpoint?: () => Promise<void>; progress?: (f: number) => void } = {},
): Promise<NetBatch> {
  const { B, N, K } = init;
  const P = data.P;
  const chunk = opts.chunk ?? 25;
  const X = tf.tensor3d(data.X, [B, P, N]);
  const y = tf.tensor3d(data.y, [B, P, 1]);
  const W = tf.tidy(() => tf.variable(tf.tensor3d(init.W, [B, K, N]), false));
  const v = tf.tidy(() => tf.variable(tf.tensor3d(init.v, [B, K, 1]), false));
  const mW = tf.tidy(() => tf.variable(tf.zeros([B, K, N]), false));
  const sW = tf.tidy(() => tf.variable(tf.zeros([B, K, N]), false));
  const mv = tf.tidy(() => tf.variable(tf.zeros([B, K, 1]), false));
  const sv = tf.tidy(() => tf.variable(tf.zeros([B, K, 1]), false));
  const b1 = 0.9;
  const b2 = 0.999;
  const reg = (2 * recipe.l2) / P;
  const sN = 1 / Math.sqrt(N);
  const sK = 1 / Math.sqrt(K);

  const adam = (param: tf.Variable, m: tf.Variable, s: tf.Variable, g: tf.Tensor, t: number) => {
    const c1 = 1 / (1 - Math.pow(b1, t));
    const c2 = 1 / (1 - Math.pow(b2, t));
    const mn = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
    const sn = tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2));
    m.assign(mn);
    s.assign(sn);
    param.assign(tf.sub(param, tf.div(tf.mul(mn, recipe.lr * c1), tf.add(tf.sqrt(tf.mul(sn, c2)), 1e-8))));
  };

  const step = (t: number) =>
    tf.tidy(() => {
      const H = tf.mul(batchMatMul(X, W, false, true), sN); // B×P×K
      const G = tf.erf(tf.mul(H, INV_SQRT2));
      const f = tf.mul(tf.matMul(G, v), sK); // B×P×1
      // d/df log(1+e^{−yf}) = −y·sigmoid(−yf); mean form (Adam is scale-invariant)
      const r = tf.mul(tf.neg(y), tf.sigmoid(tf.neg(tf.mul(y, f))));
      const rP = tf.mul(r, 1 / P);
      const gv = tf.add(tf.mul(tf.matMul(G, rP, true, false), sK), tf.mul(v, reg));
      const gPrime = tf.mul(tf.exp(tf.mul(tf.square(H), -0.5)), SQRT_2_PI);
      const dH = tf.mul(tf.mul(rP, tf.reshape(v, [B, 1, K])), tf.mul(gPrime, sK)); // B×P×K
      const gW = tf.add(tf.mul(batchMatMul(dH as tf.Tensor3D, X, true, false), sN), tf.mul(W, reg)); // B×K×N
      adam(W, mW, sW, gW, t);
      adam(v, mv, sv, gv, t);
    });

  try {
    for (let t = 1; t <= recipe.steps; t++) {
      step(t);
      if (t % chunk === 0 || t === recipe.steps) {
        opts.progress?.(t / recipe.steps);
        await opts.checkpoint?.();
      }
    }
    const Wout = (await W.data()) as Float32Array;
    const vout = (await v.data()) as Float32Array;
    return { B, N, K, W: Float32Array.from(Wout), v: Float32Array.from(vout) };
  } finally {
    tf.dispose([X, y, W, v, mW, sW, mv, sv]);
  }
}

/** Test error of each network of the batch on its own test set (B×Pt×N, labels B×Pt). */
export async function batchErrors(net: NetBatch, X: Float32Array, y: Float32Array, Pt: number): Promise<number[]> {
  const { B, N, K } = net;
  const wrong = tf.tidy(() => {
    const Xt = tf.tensor3d(X, [B, Pt, N]);
    const Wt = tf.tensor3d(net.W, [B, K, N]);
    const vt = tf.tensor3d(net.v, [B, K, 1]);
    const G = tf.erf(tf.mul(batchMatMul(Xt, Wt, false, true), INV_SQRT2 / Math.sqrt(N)));
    const f = tf.reshape(tf.matMul(G, vt), [B, Pt]);
    const yt = tf.tensor2d(y, [B, Pt]);
    // wrong when y·f < 0 (f = 0 counts as +1, like sign(0) = +1 in the TS code)
    const pred = tf.sub(tf.mul(tf.cast(tf.greaterEqual(f, 0), 'float32'), 2), 1);
    return tf.sum(tf.cast(tf.notEqual(pred, yt), 'float32'), 1);
  });
  const counts = await wrong.data();
  wrong.dispose();
  return Array.from(counts, (c) => c / Pt);
}
