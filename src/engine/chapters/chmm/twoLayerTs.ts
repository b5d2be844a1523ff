/**
 * The two-layer network f(x) = v·g(W x/√N)/√K, g(z) = erf(z/√2), in plain
 * float64 TypeScript (no tfjs): features, prediction, and full-batch Adam on the
 * logistic loss. The theory worker uses it to pretrain its one reference source
 * network (the theory needs the learned W, and it cannot load tfjs); the
 * simulations train the same network, with the same recipe, in tfjs (sim.ts).
 */
import { gAct, gPrime } from './mathUtil';

export interface TwoLayer {
  N: number;
  K: number;
  /** K×N row-major. */
  W: Float64Array;
  /** Length K. */
  v: Float64Array;
}

/** Training recipe (docs/science/chmm.md, Protocols): full-batch Adam, logistic loss, L2 in sum form. */
export interface TrainRecipe {
  steps: number;
  lr: number;
  /** Objective Σ_μ log(1+e^{−y f}) + l2 (|W|² + |v|²). */
  l2: number;
}

export const SOURCE_RECIPE: TrainRecipe = { steps: 300, lr: 0.02, l2: 1e-3 };

/** Pre-activations H = X Wᵀ/√N (P×K, row-major). */
export function preActivations(X: ArrayLike<number>, P: number, W: Float64Array, N: number, K: number): Float64Array {
  const H = new Float64Array(P * K);
  const s = 1 / Math.sqrt(N);
  for (let mu = 0; mu < P; mu++) {
    const xo = mu * N;
    for (let a = 0; a < K; a++) {
      const wo = a * N;
      let acc = 0;
      for (let i = 0; i < N; i++) acc += X[xo + i] * W[wo + i];
      H[mu * K + a] = acc * s;
    }
  }
  return H;
}

/** Student features v = g(W x/√N) per sample (P×K; WITHOUT the 1/√K of the readout). */
export function hiddenFeatures(X: ArrayLike<number>, P: number, W: Float64Array, N: number, K: number): Float64Array {
  const H = preActivations(X, P, W, N, K);
  for (let i = 0; i < H.length; i++) H[i] = gAct(H[i]);
  return H;
}

/** Full-batch Adam on the logistic loss from `init`; returns a new network. */
export function trainTwoLayerTs(
  init: TwoLayer,
  X: ArrayLike<number>,
  y: ArrayLike<number>,
  P: number,
  recipe: TrainRecipe,
): TwoLayer {
  const { N, K } = init;
  const W = Float64Array.from(init.W);
  const v = Float64Array.from(init.v);
  const mW = new Float64Array(W.length);
  const sW = new Float64Array(W.length);
  const mv = new Float64Array(K);
  const sv = new Float64Array(K);
  const gW = new Float64Array(W.length);
  const gv = new Float64Array(K);
  const dH = new Float64Array(P * K);
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  const sN = 1 / Math.sqrt(N);
  const sK = 1 / Math.sqrt(K);
  for (let t = 1; t <= recipe.steps; t++) {
    const H = preActivations(X, P, W, N, K);
    gv.fill(0);
    // Mean-form gradient (Adam is invariant to the overall scale of the objective).
    for (let mu = 0; mu < P; mu++) {
      const ho = mu * K;
      let f = 0;
      for (let a = 0; a < K; a++) f += v[a] * gAct(H[ho + a]);
      f *= sK;
      const yf = y[mu] * f;
      // d/df log(1+e^{−yf}) = −y/(1+e^{yf})
      const r = -y[mu] / (1 + Math.exp(yf)) / P;
      for (let a = 0; a < K; a++) {
        const h = H[ho + a];
        gv[a] += r * gAct(h) * sK;
        dH[ho + a] = r * v[a] * gPrime(h) * sK;
      }
    }
    gW.fill(0);
    for (let mu = 0; mu < P; mu++) {
      const xo = mu * N;
      for (let a = 0; a < K; a++) {
        const d = dH[mu * K + a] * sN;
        if (d === 0) continue;
        const wo = a * N;
        for (let i = 0; i < N; i++) gW[wo + i] += d * X[xo + i];
      }
    }
    const reg = (2 * recipe.l2) / P;
    const c1 = 1 / (1 - Math.pow(b1, t));
    const c2 = 1 / (1 - Math.pow(b2, t));
    for (let i = 0; i < W.length; i++) {
      const g = gW[i] + reg * W[i];
      mW[i] = b1 * mW[i] + (1 - b1) * g;
      sW[i] = b2 * sW[i] + (1 - b2) * g * g;
      W[i] -= (recipe.lr * mW[i] * c1) / (Math.sqrt(sW[i] * c2) + eps);
    }
    for (let a = 0; a < K; a++) {
      const g = gv[a] + reg * v[a];
      mv[a] = b1 * mv[a] + (1 - b1) * g;
      sv[a] = b2 * sv[a] + (1 - b2) * g * g;
      v[a] -= (recipe.lr * mv[a] * c1) / (Math.sqrt(sv[a] * c2) + eps);
    }
  }
  return { N, K, W, v };
}
