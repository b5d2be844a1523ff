/**
 * Seeded draws of the deep-linear model (docs/science/linear.md (L1)–(L2)): teachers and data. Every draw
 * is keyed by what it is (seed, size, role), so the same link gives the same
 * points on every backend, in any order, in Node and in the browser.
 */
import type { Rng } from '../../core/rng';
import { dot, norm2 } from '../../core/linalg';
import type { LinearParams } from './params';
import { rad } from './theory';

export interface Teachers {
  bs: Float64Array;
  bt: Float64Array;
}

export interface Dataset {
  n: number;
  d: number;
  /** n×d row-major. */
  X: Float64Array;
  y: Float64Array;
}

type RngFor = (...keys: (string | number)[]) => Rng;

function unit(v: Float64Array): Float64Array {
  const n = Math.sqrt(norm2(v));
  return v.map((x) => x / n);
}

/** b_s random unit; b_⊥ random unit orthogonal to it (both independent of the angle and the norm). */
export function drawTeacherBasis(rng: RngFor, seed: number, d: number): { bs: Float64Array; bp: Float64Array } {
  const r = rng('teachers', seed, d);
  const bs = unit(r.normals(d));
  const raw = r.normals(d);
  const proj = dot(raw, bs);
  return { bs, bp: unit(raw.map((x, i) => x - proj * bs[i])) };
}

/** b_t = t (cos θ b_s + sin θ b_⊥) with the basis of `drawTeacherBasis`. */
export function drawTeachers(rng: RngFor, seed: number, d: number, thetaDeg: number, t: number): Teachers {
  const { bs, bp } = drawTeacherBasis(rng, seed, d);
  const c = Math.cos(rad(thetaDeg));
  const s = Math.sin(rad(thetaDeg));
  return { bs, bt: bs.map((x, i) => t * (c * x + s * bp[i])) };
}

/** The inputs of a draw (n×d, row-major): independent of the teacher and of the noise level. */
export function drawInputs(rng: RngFor, role: string, seed: number, n: number, d: number): Float64Array {
  return rng(role, 'x', seed, n, d).normals(n * d);
}

/** The unit label noise ε of a draw (the labels add σ ε). */
export function drawNoise(rng: RngFor, role: string, seed: number, n: number): Float64Array {
  return rng(role, 'noise', seed, n).normals(n);
}

/** n isotropic Gaussian inputs and labels y = b·x + σ ε. Inputs and noise are separate streams. */
export function drawData(rng: RngFor, role: string, seed: number, n: number, b: Float64Array, sigma: number): Dataset {
  const d = b.length;
  const X = drawInputs(rng, role, seed, n, d);
  const eps = drawNoise(rng, role, seed, n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += X[i * d + j] * b[j];
    y[i] = s + sigma * eps[i];
  }
  return { n, d, X, y };
}

/** Finite-source sample count n_s = round(γ_s d). */
export function sourceSamples(p: LinearParams): number {
  return Math.max(2, Math.round(p.gammaS * p.d));
}

export function excessRisk(bhat: ArrayLike<number>, bt: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < bt.length; i++) s += (bhat[i] - bt[i]) ** 2;
  return s;
}
