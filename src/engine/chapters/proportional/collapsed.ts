/**
 * The collapsed posterior of the first layer (docs/science/proportional.md, (P20)–(P23)): the readout v is
 * Gaussian given W, so it is integrated out analytically and the chains move W alone on
 *   −log p(W) = U(W) + (k/2)|W − W_c|²,   U = |r|²/(2T) + (λ1/2)|m|² + ½ log det Π,
 * with Φ = erf(X̃Wᵀ) (P×N1), Π = ΦᵀΦ/(T N1) + λ1 I, m = Π⁻¹Φᵀy/(T√N1) and r = y − Φm/√N1.
 * (|r|²/2T + λ1|m|²/2 is min_v of the joint potential, i.e. |y|²/2T − ½bᵀm; written as a minimum it is a
 * small number whose float32 error is first order in nothing, since m is stationary.)
 * Gradient (averaged over v | W, hence smooth along the W–v ridge that Gibbs alternation crawls along):
 *   ∇_Φ U = (Φ Π⁻¹/N1 − r mᵀ/√N1)/T,   ∇_W U = (2/√π) (∇_Φ U ⊙ e^{−H²})ᵀ X̃,  H = X̃Wᵀ.
 * The N1×N1 factorisations run on the CPU in float64; the products in tfjs, batched over chains with the
 * same stacked transposed layout as `langevin.ts` (no transpose flags on products).
 */
import * as tf from '@tensorflow/tfjs-core';
import { dotFrom } from '../../core/dense';

/**
 * One chain's readout posterior given W: the conditional mean, the inverse Cholesky factor of Π (Π⁻¹ = RᵀR with
 * R = L⁻¹, stored transposed: row i of `Rt` is column i of R, non-zero from index i on) and its share of U.
 */
export interface ReadoutPosterior {
  m: Float64Array;
  Rt: Float64Array;
  /** (λ1/2)|m|² + ½ log det Π (U without the residual term, which the tensors compute). */
  partial: number;
}

/** Σ_{k<len} a[ao + k] b[bo + k] (core/dense's four-accumulator dot product, from index 0). */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  return dotFrom(a, ao, b, bo, 0, len);
}

let cholScratch = new Float64Array(0);

/**
 * Factorise Π from ΦᵀΦ and Φᵀy (one chain's blocks); null when Π is not positive definite (blown-up W).
 * This runs once per chain per step, so the loops read rows only: L by rows (row i's dot products with
 * the rows above), and L⁻¹ stored transposed. Π⁻¹ itself is not formed here (a third n³/6 of CPU work every
 * step): the gradient's Π⁻¹Φᵀ is Rᵀ(RΦᵀ), two products on the tensor backend, and the block steps that need
 * Π⁻¹'s entries ask `posteriorInverse`.
 */
export function readoutPosterior(
  PtP: ArrayLike<number>,
  Pty: ArrayLike<number>,
  n: number,
  T: number,
  lam1: number,
): ReadoutPosterior | null {
  // L is scratch (only its diagonal and Rt outlive the call): one buffer reused, not 80 KB of garbage a step.
  if (cholScratch.length !== n * n) cholScratch = new Float64Array(n * n);
  const L = cholScratch;
  const a = 1 / (T * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const t = PtP[ri + j] * a + (i === j ? lam1 : 0) - dot(L, ri, L, rj, j);
      if (i === j) {
        if (!(t > 0)) return null;
        L[ri + i] = Math.sqrt(t);
      } else L[ri + j] = t / L[rj + j];
    }
  }
  let logdet = 0;
  for (let i = 0; i < n; i++) logdet += 2 * Math.log(L[i * n + i]);
  // Rt[j n + i] = (L⁻¹)_ij, i ≥ j: column j of L⁻¹ by forward substitution.
  const Rt = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    Rt[rj + j] = 1 / L[rj + j];
    for (let i = j + 1; i < n; i++) Rt[rj + i] = -dot(L, i * n + j, Rt, rj + j, i - j) / L[i * n + i];
  }
  // m = Π⁻¹ b = Rᵀ(R b), b = Φᵀy/(T√N1): (R b)_k = Σ_{j ≤ k} Rt[j n + k] b_j, m_i = Σ_{k ≥ i} Rt[i n + k] (R b)_k.
  const bs = 1 / (T * Math.sqrt(n));
  const Rb = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const bj = Pty[j] * bs;
    const rj = j * n;
    for (let k = j; k < n; k++) Rb[k] += Rt[rj + k] * bj;
  }
  const m = new Float64Array(n);
  let mm = 0;
  for (let i = 0; i < n; i++) {
    m[i] = dot(Rt, i * n + i, Rb, i, n - i);
    mm += m[i] * m[i];
  }
  if (!Number.isFinite(logdet + mm)) return null;
  return { m, Rt, partial: 0.5 * lam1 * mm + 0.5 * logdet };
}

/** Π⁻¹ (n×n, symmetric) of a readout posterior: Π⁻¹_ij = Σ_{k ≥ i} (L⁻¹)_ki (L⁻¹)_kj for i ≥ j. */
export function posteriorInverse(q: ReadoutPosterior, n: number): Float64Array {
  const { Rt } = q;
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = dot(Rt, i * n + i, Rt, j * n + i, n - i);
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  return inv;
}

/** R = L⁻¹ and Rᵀ of each chain as float32, stacked by chain ([S·n, n] each; zeros where Π failed). */
function inverseFactors(post: (ReadoutPosterior | null)[], n: number): { R: Float32Array; Rt: Float32Array } {
  const R = new Float32Array(post.length * n * n);
  const Rt = new Float32Array(post.length * n * n);
  post.forEach((q, c) => {
    if (!q) return;
    const o = c * n * n;
    Rt.set(q.Rt, o);
    for (let j = 0; j < n; j++) for (let i = j; i < n; i++) R[o + i * n + j] = q.Rt[j * n + i];
  });
  return { R, Rt };
}

/** The tensors a collapsed evaluation needs: scaled inputs X̃ (P×N0), Xᵀ (N0×P), labels as a column (P×1). */
export interface CollapsedData {
  Xs: tf.Tensor2D;
  Xt: tf.Tensor2D;
  yCol: tf.Tensor2D;
  P: number;
  N0: number;
  N1: number;
  S: number;
  T: number;
  lam1: number;
}

/** U per chain, ∇U stacked like W ([N0, S·N1], owned by the caller), and each chain's readout posterior. */
export interface CollapsedEval {
  U: Float64Array;
  G: tf.Tensor2D;
  post: (ReadoutPosterior | null)[];
  /** |r|²/P per chain: the training misfit of the conditional-mean readout. */
  fit: Float64Array;
}

/**
 * Evaluate U and ∇U at stacked transposed first layers W = [N0, S·N1] (two readbacks: ΦᵀΦ and Φᵀy, then |r|²).
 * Per chain c its block Φ_cᵀ is a contiguous row block of Φᵀ = [S·N1, P]; ΦᵀΦ and Π⁻¹Φᵀ (Π⁻¹ is symmetric)
 * are per-chain 2D products (tfjs-wasm's batched products are several times slower than 2D ones).
 */
export async function collapsedEval(d: CollapsedData, W: tf.Tensor2D): Promise<CollapsedEval> {
  const { P, N0, N1, S, T, lam1 } = d;
  const SN = S * N1;
  const [H, PhiT, PtP, Pty] = tf.tidy((): [tf.Tensor2D, tf.Tensor2D, tf.Tensor, tf.Tensor] => {
    const h = tf.matMul<tf.Tensor2D>(d.Xs, W); // P × S·N1
    const phiT = tf.transpose<tf.Tensor2D>(tf.erf(h)); // S·N1 × P
    const blocks = Array.from({ length: S }, (_, c) => {
      const b = tf.slice(phiT, [c * N1, 0], [N1, P]);
      return tf.matMul(b, tf.transpose(b));
    });
    return [h, phiT, S > 1 ? tf.concat(blocks, 0) : blocks[0], tf.matMul(phiT, d.yCol)];
  });
  const ptp = (await PtP.data()) as Float32Array;
  const pty = (await Pty.data()) as Float32Array;
  tf.dispose([PtP, Pty]);
  const post = Array.from({ length: S }, (_, c) =>
    readoutPosterior(ptp.subarray(c * N1 * N1, (c + 1) * N1 * N1), pty.subarray(c * N1, (c + 1) * N1), N1, T, lam1),
  );
  // Chains whose Π failed get m = 0, R = 0: finite tensors, and their U is +∞ (rejected / diverged).
  const ms = new Float32Array(SN);
  post.forEach((q, c) => {
    if (q) ms.set(q.m, c * N1);
  });
  const fac = inverseFactors(post, N1);
  const [G, rr] = tf.tidy((): [tf.Tensor2D, tf.Tensor] => {
    const m3 = tf.tensor3d(ms, [1, S, N1]);
    const Phi3 = tf.reshape(tf.transpose(PhiT), [P, S, N1]);
    const f = tf.mul(tf.sum(tf.mul(Phi3, m3), 2), 1 / Math.sqrt(N1)); // P × S
    const r = tf.sub(d.yCol, f);
    const R = tf.tensor2d(fac.R, [SN, N1]);
    const Rt = tf.tensor2d(fac.Rt, [SN, N1]);
    const block = (x: tf.Tensor2D, c: number): tf.Tensor2D => tf.slice(x, [c * N1, 0], [N1, x.shape[1]]);
    // (Π⁻¹Φᵀ) stacked, S·N1 × P: Rᵀ(RΦᵀ) per chain.
    const invPhiT = tf.concat(
      Array.from({ length: S }, (_, c) => tf.matMul(block(Rt, c), tf.matMul(block(R, c), block(PhiT, c)))),
      0,
    );
    // ∇_Φ U per chain, P × S × N1.
    const dPhi = tf.sub(
      tf.mul(tf.reshape(tf.transpose(invPhiT), [P, S, N1]), 1 / N1),
      tf.mul(tf.mul(tf.reshape(r, [P, S, 1]), m3), 1 / Math.sqrt(N1)),
    );
    const dH = tf.mul(tf.reshape(dPhi, [P, SN]), tf.exp(tf.neg(tf.square(H))));
    const g = tf.mul<tf.Tensor2D>(tf.matMul(d.Xt, dH), 2 / Math.sqrt(Math.PI) / (T * Math.sqrt(N0)));
    return [g, tf.sum(tf.square(r), 0)];
  });
  const rData = await rr.data();
  tf.dispose([H, PhiT, rr]);
  const U = new Float64Array(S);
  const fit = new Float64Array(S);
  for (let c = 0; c < S; c++) {
    const q = post[c];
    U[c] = q ? rData[c] / (2 * T) + q.partial : Infinity;
    fit[c] = rData[c] / P;
  }
  return { U, G, post, fit };
}

/**
 * The collapsed sampler keeps W and ∇U on the CPU (stacked [N0, S·N1], row-major) and does the step's
 * element-wise work there: the proposal, the proposal-density terms of log α and the selection are a few
 * flops per weight, which plain loops do in a fraction of the time two dozen separate tfjs ops take
 * (each one a pass over memory and a dispatch); the terms are summed in float64.
 * `coef` are the per-unit step constants a, b, σ, b/σ, b/σ², b²/2σ² (langevin.ts, `stepConstants`), by column.
 */
export interface CpuState {
  W: Float32Array;
  G: Float32Array;
  Wc: Float32Array;
  coef: Float32Array[];
}

/** W' = W_c + a D − b G + σ ξ, D = W − W_c (the Gaussian part integrated exactly; langevin.ts, `runChains`). */
export function proposeOnCpu(s: CpuState, xi: Float32Array, N0: number, SN: number): Float32Array {
  const [a, b, sig] = s.coef;
  const out = new Float32Array(N0 * SN);
  for (let j = 0; j < N0; j++)
    for (let col = 0; col < SN; col++) {
      const k = j * SN + col;
      out[k] = s.Wc[k] + a[col] * (s.W[k] - s.Wc[k]) - b[col] * s.G[k] + sig[col] * xi[k];
    }
  return out;
}

/** Per chain: log α less U − U', i.e. (b/σ) ξ·G − (b/σ²)(D − a D')·G' − (b²/2σ²)(|G|² + |G'|²), in float64. */
export function proposalTermsOnCpu(
  s: CpuState,
  Wp: Float32Array,
  gP: Float32Array,
  xi: Float32Array,
  N0: number,
  S: number,
  N1: number,
): Float64Array {
  const [a, , , bs, bs2, bb] = s.coef;
  const SN = S * N1;
  const out = new Float64Array(S);
  for (let j = 0; j < N0; j++)
    for (let col = 0; col < SN; col++) {
      const k = j * SN + col;
      const D = s.W[k] - s.Wc[k];
      const Dp = Wp[k] - s.Wc[k];
      const g = s.G[k];
      const gp = gP[k];
      out[Math.floor(col / N1)] +=
        bs[col] * xi[k] * g - bs2[col] * (D - a[col] * Dp) * gp - bb[col] * (g * g + gp * gp);
    }
  return out;
}

/** Copy chain c's columns of a stacked [N0, S·N1] array from `src` into `dst`. */
export function copyChain(dst: Float32Array, src: Float32Array, c: number, N0: number, SN: number, N1: number): void {
  for (let j = 0; j < N0; j++) {
    const k = j * SN + c * N1;
    dst.set(src.subarray(k, k + N1), k);
  }
}
