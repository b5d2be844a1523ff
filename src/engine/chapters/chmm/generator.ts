/**
 * The correlated hidden-manifold model (CHMM): a seeded generator of a pair of
 * related binary-classification tasks (source, target). Pure TypeScript, no tfjs.
 *
 * One task (hidden-manifold model, Goldt et al. 2020):
 *   latent c ~ N(0, I_D); feature matrix F ∈ R^{D×N} (iid N(0,1));
 *   input  x = tanh(Fᵀ c / √D) ∈ R^N;
 *   teacher θ ∈ R^D (iid N(0,1)); label y = sign(θ·c / √D) ∈ {±1},
 *   optionally flipped with probability `noise` (label noise η).
 *
 * A pair (docs/science/chmm.md, Model). The source has D_s = Ds rows; the
 * target is derived from it by, in this order:
 *   1. feature perturbation dF ∈ [0,1]:  F_t = √(1−dF) F_s + √dF F̃ (row overlap ≈ √(1−dF));
 *   2. teacher perturbation dth ∈ [0,1]: θ_t = √(1−dth) θ_s + √dth θ̃ (overlap θ_s·θ_t/D ≈ √(1−dth));
 *   3. substitution fsub ∈ [0,1]: round(fsub·D_s) rows of F_t, chosen at random,
 *      are replaced by fresh iid rows (θ_t is left as is: the target teacher now
 *      reads latent directions the source inputs never expressed the same way);
 *   4. latent-dimension change dD ∈ [−0.9, 1]: D_t = max(1, round(D_s (1+dD)));
 *      D_t > D_s appends fresh rows to F_t and fresh entries to θ_t (a richer
 *      target), D_t < D_s drops the last rows/entries (a simpler target).
 * Each task normalises by its own D (√D_t for the target).
 *
 * Randomness is keyed by what it is (rng.child('Fs'), ('thetaS'), ('Ftilde'), …),
 * never by the order of computation: the source never depends on the target
 * knobs, and each knob's fresh randomness is nested (raising fsub keeps the rows
 * substituted at a smaller fsub and adds more). The same rng gives the same pair
 * in Node, in a worker and on every tfjs backend.
 *
 * `sampleTask` draws P iid samples of a task: X (P×N, row-major, Float32),
 * labels y (±1) and the latents C (P×D) — the theory uses C as the teacher's
 * "features".
 */
import type { Rng } from '../../core/rng';

export interface ChmmKnobs {
  /** Input dimension. */
  N: number;
  /** Source latent dimension D_s. */
  Ds: number;
  /** Feature perturbation ∈ [0,1]. */
  dF: number;
  /** Teacher perturbation ∈ [0,1]. */
  dth: number;
  /** Fraction of latent features (rows of F) substituted ∈ [0,1]. */
  fsub: number;
  /** Relative latent-dimension change D_t/D_s − 1 ∈ [−0.9, 1]. */
  dD: number;
}

export interface HmmTask {
  N: number;
  D: number;
  /** D×N row-major. */
  F: Float64Array;
  /** Length D. */
  theta: Float64Array;
}

export interface TaskSample {
  /** P×N row-major, x = tanh(Fᵀc/√D). */
  X: Float32Array;
  /** ±1 labels (after label noise). */
  y: Float32Array;
  /** P×D latents. */
  C: Float32Array;
}

/** Target latent dimension for a source dimension and a relative change dD. */
export function targetDim(Ds: number, dD: number): number {
  return Math.max(1, Math.round(Ds * (1 + dD)));
}

/** A random permutation of 0..n−1 (Fisher–Yates), from `rng`. */
function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

export function makeTaskPair(k: ChmmKnobs, rng: Rng): { source: HmmTask; target: HmmTask } {
  const { N, Ds } = k;
  const dF = clamp01(k.dF);
  const dth = clamp01(k.dth);
  const fsub = clamp01(k.fsub);
  const source: HmmTask = { N, D: Ds, F: rng.child('Fs').normals(Ds * N), theta: rng.child('thetaS').normals(Ds) };

  // 1. feature perturbation
  const Ft = new Float64Array(Ds * N);
  if (dF > 0) {
    const Fnew = rng.child('Ftilde').normals(Ds * N);
    const a = Math.sqrt(1 - dF);
    const b = Math.sqrt(dF);
    for (let i = 0; i < Ft.length; i++) Ft[i] = a * source.F[i] + b * Fnew[i];
  } else Ft.set(source.F);

  // 2. teacher perturbation
  const thetaT = new Float64Array(Ds);
  if (dth > 0) {
    const tnew = rng.child('thetaTilde').normals(Ds);
    const a = Math.sqrt(1 - dth);
    const b = Math.sqrt(dth);
    for (let i = 0; i < Ds; i++) thetaT[i] = a * source.theta[i] + b * tnew[i];
  } else thetaT.set(source.theta);

  // 3. substitution of a random fraction of rows (nested in fsub: fixed permutation, fixed fresh rows)
  const nSub = Math.round(fsub * Ds);
  if (nSub > 0) {
    const order = permutation(Ds, rng.child('subOrder'));
    const fresh = rng.child('subRows').normals(Ds * N);
    for (let s = 0; s < nSub; s++) {
      const r = order[s];
      Ft.set(fresh.subarray(r * N, (r + 1) * N), r * N);
    }
  }

  // 4. latent-dimension change
  const Dt = targetDim(Ds, k.dD);
  let F = Ft;
  let theta = thetaT;
  if (Dt > Ds) {
    F = new Float64Array(Dt * N);
    F.set(Ft);
    F.set(rng.child('addRows').normals((Dt - Ds) * N), Ds * N);
    theta = new Float64Array(Dt);
    theta.set(thetaT);
    theta.set(rng.child('addTheta').normals(Dt - Ds), Ds);
  } else if (Dt < Ds) {
    F = Ft.slice(0, Dt * N);
    theta = thetaT.slice(0, Dt);
  }
  return { source, target: { N, D: Dt, F, theta } };
}

/**
 * P iid samples of a task. Cost O(P·D·N). `noise` = probability of flipping each
 * label (independent stream, so the inputs do not depend on it).
 */
export function sampleTask(task: HmmTask, P: number, rng: Rng, noise = 0): TaskSample {
  const { N, D, F, theta } = task;
  const C = new Float32Array(P * D);
  const X = new Float32Array(P * N);
  const y = new Float32Array(P);
  const latentRng = rng.child('c');
  const flipRng = rng.child('flip');
  const invSqrtD = 1 / Math.sqrt(D);
  const c = new Float64Array(D);
  const h = new Float64Array(N);
  for (let mu = 0; mu < P; mu++) {
    let field = 0;
    for (let j = 0; j < D; j++) {
      const v = latentRng.normal();
      c[j] = v;
      C[mu * D + j] = v;
      field += theta[j] * v;
    }
    h.fill(0);
    for (let j = 0; j < D; j++) {
      const cj = c[j];
      if (cj === 0) continue;
      const row = j * N;
      for (let i = 0; i < N; i++) h[i] += cj * F[row + i];
    }
    const xo = mu * N;
    for (let i = 0; i < N; i++) X[xo + i] = Math.tanh(h[i] * invSqrtD);
    let label = field >= 0 ? 1 : -1;
    // always draw, so the flip stream is aligned with the sample index whatever `noise` is
    const u = flipRng.uniform();
    if (u < noise) label = -label;
    y[mu] = label;
  }
  return { X, y, C };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
