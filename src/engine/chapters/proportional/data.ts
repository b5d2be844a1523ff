/**
 * The synthetic teacher pair and datasets (docs/science/proportional.md (P1)–(P2)). Inputs x ~ N(0, I_N0);
 * teachers with |w|² = N0 and overlap (w_s · w_t) / N0 = ρ exactly; labels
 * y = (w · x)/√N0 + σ_n ξ
 * (training only; test labels clean).
 *
 * The dataset is a *model* parameter (`dataset`), shared by the single-instance
 * theory and the simulation, so it is drawn from makeRng keyed by that
 * parameter and by what each array is (not from the run's seed): X_s, X_t, the
 * test inputs, the noise and the teachers each have their own stream, so
 * moving ρ only rotates the target teacher and growing P only appends rows.
 */
import { makeRng } from '../../core/rng';
import { Lru } from '../../core/lru';
import { P_TEST, type Sizes } from './params';

export interface Dataset {
  N0: number;
  Ps: number;
  Pt: number;
  Pte: number;
  Xs: Float64Array;
  Xt: Float64Array;
  Xte: Float64Array;
  ys: Float64Array;
  yt: Float64Array;
  yte: Float64Array;
}

function stream(dataset: number, N0: number, what: string) {
  return makeRng('proportional', 'data', dataset, N0, what);
}

function unitSphere(v: Float64Array, N0: number): Float64Array {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => (x * Math.sqrt(N0)) / n);
}

export function teachers(dataset: number, N0: number, rho: number): { ws: Float64Array; wt: Float64Array } {
  const ws = unitSphere(stream(dataset, N0, 'teacher-source').normals(N0), N0);
  const g = stream(dataset, N0, 'teacher-perp').normals(N0);
  const proj = g.reduce((s, x, i) => s + x * ws[i], 0) / N0;
  const perp = unitSphere(
    g.map((x, i) => x - proj * ws[i]),
    N0,
  );
  const c = Math.sqrt(Math.max(0, 1 - rho * rho));
  return { ws, wt: ws.map((x, i) => rho * x + c * perp[i]) };
}

function labels(
  X: Float64Array,
  w: Float64Array,
  P: number,
  N0: number,
  noise: Float64Array | null,
  sigma: number,
): Float64Array {
  const y = new Float64Array(P);
  const s = 1 / Math.sqrt(N0);
  for (let m = 0; m < P; m++) {
    let t = 0;
    for (let j = 0; j < N0; j++) t += X[m * N0 + j] * w[j];
    y[m] = t * s + (noise ? sigma * noise[m] : 0);
  }
  return y;
}

type Inputs = Pick<Dataset, 'Xs' | 'Xt' | 'Xte'>;

/** Inputs per (dataset, sizes); a figure along ρ or σ_n reuses them for every label set. */
const inputCache = new Lru<Inputs>(4);
/** Label sets are small (P_s + P_t + P_test numbers), so many are kept: a similarity curve has 21. */
const cache = new Lru<Dataset>(64);

function inputsOf(dataset: number, N0: number, Ps: number, Pt: number): Inputs {
  return inputCache.getOr([dataset, N0, Ps, Pt].join('|'), () => ({
    Xs: stream(dataset, N0, 'Xs').normals(Ps * N0),
    Xt: stream(dataset, N0, 'Xt').normals(Pt * N0),
    Xte: stream(dataset, N0, 'Xte').normals(P_TEST * N0),
  }));
}

export function makeDataset(dataset: number, sz: Sizes, rho: number, noise: number): Dataset {
  const { N0, Ps, Pt } = sz;
  const key = [dataset, N0, Ps, Pt, rho, noise].join('|');
  return cache.getOr(key, () => {
    const { Xs, Xt, Xte } = inputsOf(dataset, N0, Ps, Pt);
    const { ws, wt } = teachers(dataset, N0, rho);
    return {
      N0,
      Ps,
      Pt,
      Pte: P_TEST,
      Xs,
      Xt,
      Xte,
      ys: labels(Xs, ws, Ps, N0, stream(dataset, N0, 'noise-source').normals(Ps), noise),
      yt: labels(Xt, wt, Pt, N0, stream(dataset, N0, 'noise-target').normals(Pt), noise),
      yte: labels(Xte, wt, P_TEST, N0, null, 0),
    };
  });
}

/** Gram block x_i·x'_j / N0 (rows of A against rows of B). */
export function gram(A: Float64Array, B: Float64Array, ra: number, rb: number, N0: number): Float64Array {
  const out = new Float64Array(ra * rb);
  for (let i = 0; i < ra; i++)
    for (let j = 0; j < rb; j++) {
      let s = 0;
      for (let k = 0; k < N0; k++) s += A[i * N0 + k] * B[j * N0 + k];
      out[i * rb + j] = s / N0;
    }
  return out;
}

export function sqNorms(A: Float64Array, r: number, N0: number): Float64Array {
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let k = 0; k < N0; k++) s += A[i * N0 + k] ** 2;
    out[i] = s / N0;
  }
  return out;
}
