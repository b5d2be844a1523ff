/**
 * Langevin sampling of the Bayesian erf network (spec §4), in tfjs.
 *
 * f(x) = (1/√N1) Σ_i v_i erf(w_i·x/√N0), posterior at temperature T
 *   p(W, v) ∝ exp(−L/T − (λ0/2)|W|² − (λ1/2)|v|² − (γ/2)|W − W_s|²),
 * sampled by a Gibbs scheme: every `every` steps the readout v is redrawn
 * exactly from its Gaussian conditional p(v | W) (precision
 * Π = ΦᵀΦ/(T N1) + λ1 I, mean Π⁻¹Φᵀy/(T√N1), Φ = erf(XWᵀ/√N0)), and in between
 * W moves by discretised Langevin dynamics in temperature-scaled time,
 *   W ← W − η (∇_W L/T + λ0 W + γ (W − W_s)) + √(2η) ξ.
 * Redrawing v removes the stiff readout modes that make plain joint Langevin
 * need η ≲ 10⁻³ (spec §4.4). The N1×N1 Cholesky runs on the CPU in float64.
 *
 * Several independent chains (one per seed) run as one batch: their weights
 * are stacked as [S, N1, N0] and every step is one set of tensor ops for all
 * of them, which halves the per-step dispatch cost with two seeds. Each chain
 * keeps its own random stream, so a seed's numbers do not depend on which
 * seeds share its batch.
 *
 * After burn-in every measurement is Rao–Blackwellised over v: given W,
 * E[f(x0)|W] = φ0·m/√N1 and Var[f(x0)|W] = φ0ᵀΠ⁻¹φ0/N1 exactly, accumulated on
 * the test points; the error reported is the posterior-averaged test loss
 * ε_g = ⟨(y0 − f)²⟩ (and the error of the posterior mean, ε_mean).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';
import { choleskyInPlace, cholInverse } from '../../core/dense';

export interface ChainSpec {
  /** Inputs P×N0 (row-major) and labels, shared by the chains of a batch. */
  X: Float32Array;
  y: Float32Array;
  P: number;
  N0: number;
  N1: number;
  T: number;
  lam0: number;
  lam1: number;
  /** Elastic coupling to each chain's Ws (0 = free network). */
  gamma: number;
  /** One source first layer per chain (N1×N0), or null when γ = 0. */
  Ws: Float32Array[] | null;
  eta: number;
  burn: number;
  /** Number of measurements after burn-in (0 = only burn, e.g. the source chain). */
  samples: number;
  every: number;
  /** Test inputs/labels for the measurements. */
  Xte?: Float32Array;
  yte?: Float32Array;
  Pte?: number;
}

export interface ChainResult {
  /** Final first-layer weights (N1×N0). */
  W: Float32Array;
  /** The dynamics blew up (step too large for this temperature): the errors are NaN. */
  diverged: boolean;
  eg: number;
  emean: number;
  steps: number;
}

export interface ChainHooks {
  checkpoint(): Promise<void>;
  progress(fraction: number): void;
}

/** Draw v ~ p(v | W) from ΦᵀΦ and Φᵀy (float64 on the CPU); also returns Π⁻¹ and the mean when asked. */
function drawReadout(PtP: Float32Array, Pty: Float32Array, s: ChainSpec, rng: Rng, wantInverse: boolean) {
  const n = s.N1;
  const Pi = new Float64Array(n * n);
  const a = 1 / (s.T * n);
  for (let i = 0; i < n * n; i++) Pi[i] = PtP[i] * a;
  for (let i = 0; i < n; i++) Pi[i * n + i] += s.lam1;
  const L = Pi;
  if (!choleskyInPlace(L, n)) return null; // only when W has blown up (non-finite Φ)
  // mean = Π⁻¹ b, b = Φᵀy/(T√N1): forward then backward substitution.
  const b = Float64Array.from(Pty, (x) => x / (s.T * Math.sqrt(n)));
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = b[i];
    for (let k = 0; k < i; k++) t -= L[i * n + k] * w[k];
    w[i] = t / L[i * n + i];
  }
  // Sample: Lᵀ(v − mean) = ξ, combined with the mean solve: Lᵀ v = w + ξ.
  const xi = rng.normals(n);
  const mean = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let tm = w[i];
    let tv = w[i] + xi[i];
    for (let k = i + 1; k < n; k++) {
      tm -= L[k * n + i] * mean[k];
      tv -= L[k * n + i] * v[k];
    }
    mean[i] = tm / L[i * n + i];
    v[i] = tv / L[i * n + i];
  }
  return { v, mean, inv: wantInverse ? cholInverse(L, n) : null };
}

/**
 * Layout. tfjs-wasm multiplies a matrix by a transposed one about ten times
 * slower than by a plain one (measured: 4.6 vs 0.4 ms at 400×100×200), so no
 * product here uses a transpose flag: the first layers are kept transposed and
 * stacked, Wᵀ = [N0, S·N1] (chain c owns columns c·N1 … (c+1)·N1), and Xᵀ is
 * a constant. Then H = X̃ Wᵀ (X̃ = X/√N0) is P×(S·N1) and the gradient comes
 * out transposed as Xᵀ dH, N0×(S·N1).
 */

/** Chain c's N1×N0 weights → its columns of the stacked transposed block (and back). */
function toStacked(Ws: Float32Array[], N1: number, N0: number): Float32Array {
  const S = Ws.length;
  const out = new Float32Array(N0 * S * N1);
  Ws.forEach((w, c) => {
    for (let i = 0; i < N1; i++) for (let j = 0; j < N0; j++) out[j * S * N1 + c * N1 + i] = w[i * N0 + j];
  });
  return out;
}

function fromStacked(Wt: Float32Array, c: number, S: number, N1: number, N0: number): Float32Array {
  const w = new Float32Array(N1 * N0);
  for (let i = 0; i < N1; i++) for (let j = 0; j < N0; j++) w[i * N0 + j] = Wt[j * S * N1 + c * N1 + i];
  return w;
}

/** Block-diagonal (S·N1)² matrix from S row-major N1×N1 blocks. */
function blockDiagonal(blocks: Float32Array, S: number, N1: number): Float32Array {
  const n = S * N1;
  const out = new Float32Array(n * n);
  for (let c = 0; c < S; c++)
    for (let i = 0; i < N1; i++) out.set(blocks.subarray((c * N1 + i) * N1, (c * N1 + i + 1) * N1), (c * N1 + i) * n + c * N1);
  return out;
}

/**
 * Run one chain per entry of `W0s` (their own random streams `rngs`), batched.
 * Returns one result per chain; a chain that blows up is reported diverged and
 * does not disturb the others.
 *
 * One Langevin step, with every constant folded so that it is a dozen tensor ops:
 *   H = X̃ Wᵀ,  f = Σ_i erf(H)_i v_i/√N1,  e = f − y,
 *   Gᵀ = Xᵀ [e ⊙ (κ v) ⊙ e^{−H²}],  κ = (2/√π)(η/T)/(√N1 √N0),
 *   Wᵀ ← (1 − η(λ0+γ)) Wᵀ − Gᵀ + ηγ W_sᵀ + √(2η) ξ,
 * the last two terms added on the CPU while drawing ξ (chain c's noise for
 * W[i, j] is the (i·N0 + j)-th draw of its own stream).
 */
export async function runChains(spec: ChainSpec, W0s: Float32Array[], rngs: Rng[], hooks: ChainHooks): Promise<ChainResult[]> {
  const { P, N0, N1, T, eta, every, gamma } = spec;
  const S = W0s.length;
  const SN = S * N1;
  const measuring = spec.samples > 0 && !!spec.Xte && !!spec.yte;
  const total = spec.burn + spec.samples * every;
  const sN0 = 1 / Math.sqrt(N0);
  const sN1 = 1 / Math.sqrt(N1);
  const size = N1 * N0;
  const X = tf.tensor2d(spec.X, [P, N0]);
  const Xs = tf.tidy(() => tf.mul(X, sN0) as tf.Tensor2D);
  const Xt = tf.tidy(() => tf.transpose(X) as tf.Tensor2D);
  const yCol = tf.tensor2d(spec.y, [P, 1]);
  // ηγ W_sᵀ, added to the noise on the CPU each step.
  const pull = spec.Ws && gamma > 0 ? toStacked(spec.Ws, N1, N0).map((w) => eta * gamma * w) : null;
  const decay = 1 - eta * (spec.lam0 + (pull ? gamma : 0));
  const kappa = (2 / Math.sqrt(Math.PI)) * (eta / T) * sN1 * sN0;
  // Variables are created inside tidy so that their initial-value tensors are freed.
  const Wt = tf.tidy(() => tf.variable(tf.tensor2d(toStacked(W0s, N1, N0), [N0, SN]), false));
  /** v/√N1 and κ v, as [1, S, N1] (they change only when v is redrawn). */
  const vOut = tf.tidy(() => tf.variable(tf.zeros([1, S, N1]), false));
  const vGrad = tf.tidy(() => tf.variable(tf.zeros([1, S, N1]), false));
  const Pte = spec.Pte ?? 0;
  const Xte = measuring ? tf.tidy(() => tf.mul(tf.tensor2d(spec.Xte!, [Pte, N0]), sN0) as tf.Tensor2D) : null;
  const sumMean = measuring ? tf.tidy(() => tf.variable(tf.zeros([Pte, S]), false)) : null;
  const sumSecond = measuring ? tf.tidy(() => tf.variable(tf.zeros([Pte, S]), false)) : null;
  const noiseScale = Math.sqrt(2 * eta);
  const measured = new Array(S).fill(0);
  const diverged = new Array(S).fill(false);
  const xi = new Float32Array(N0 * SN);
  const draw = new Float32Array(size);
  try {
    for (let step = 0; step < total; step++) {
      if (step % every === 0) {
        const measureNow = measuring && step >= spec.burn;
        const [PtP, Pty] = tf.tidy(() => {
          const PhiT = tf.transpose(tf.erf(tf.matMul(Xs, Wt))); // S·N1 × P
          // All chains' ΦᵀΦ at once (the off-diagonal chain blocks are not used).
          return [tf.matMul(PhiT, tf.transpose(PhiT)), tf.matMul(PhiT, yCol)];
        });
        const ptpAll = (await PtP.data()) as Float32Array;
        const pty = (await Pty.data()) as Float32Array;
        tf.dispose([PtP, Pty]);
        const vNew = new Float32Array(SN);
        const means = new Float32Array(SN);
        const invs = new Float32Array(measureNow ? S * N1 * N1 : 0);
        const ok = new Float32Array(S);
        const block = new Float32Array(N1 * N1);
        for (let c = 0; c < S; c++) {
          for (let i = 0; i < N1; i++) block.set(ptpAll.subarray((c * N1 + i) * SN + c * N1, (c * N1 + i) * SN + (c + 1) * N1), i * N1);
          const r = diverged[c] ? null : drawReadout(block, pty.subarray(c * N1, (c + 1) * N1), spec, rngs[c], measureNow);
          if (!r) {
            diverged[c] = true;
            continue;
          }
          vNew.set(r.v, c * N1);
          means.set(r.mean, c * N1);
          if (r.inv) invs.set(r.inv, c * N1 * N1);
          ok[c] = 1;
        }
        if (diverged.every(Boolean)) break;
        tf.tidy(() => {
          const vt = tf.tensor3d(vNew, [1, S, N1]);
          vOut.assign(tf.mul(vt, sN1));
          vGrad.assign(tf.mul(vt, kappa));
        });
        if (measureNow) {
          tf.tidy(() => {
            const Phi0 = tf.erf(tf.matMul(Xte!, Wt)); // Pte × S·N1
            const mean0 = tf.mul(tf.sum(tf.mul(tf.reshape(Phi0, [Pte, S, N1]), tf.tensor3d(means, [1, S, N1])), 2), sN1); // Pte × S
            const quad = tf.mul(tf.matMul(Phi0, tf.tensor2d(blockDiagonal(invs, S, N1), [SN, SN])), Phi0);
            const var0 = tf.mul(tf.sum(tf.reshape(quad, [Pte, S, N1]), 2), 1 / N1);
            // Diverged chains contribute zeros (their result is reported as NaN).
            const keep = tf.tensor2d(ok, [1, S]);
            sumMean!.assign(tf.add(sumMean!, tf.mul(mean0, keep)));
            sumSecond!.assign(tf.add(sumSecond!, tf.mul(tf.add(var0, tf.square(mean0)), keep)));
          });
          for (let c = 0; c < S; c++) if (!diverged[c]) measured[c]++;
        }
        if (step % (every * 5) === 0) {
          hooks.progress(step / total);
          await hooks.checkpoint();
        }
      }
      for (let c = 0; c < S; c++) {
        rngs[c].fillNormals(draw, noiseScale);
        for (let i = 0; i < N1; i++) for (let j = 0; j < N0; j++) xi[j * SN + c * N1 + i] = draw[i * N0 + j];
      }
      if (pull) for (let k = 0; k < xi.length; k++) xi[k] += pull[k];
      tf.tidy(() => {
        const H = tf.matMul(Xs, Wt); // P × S·N1
        const H3 = tf.reshape(H, [P, S, N1]);
        const f = tf.sum(tf.mul(tf.erf(H3), vOut), 2); // P × S
        const e = tf.reshape(tf.sub(f, yCol), [P, S, 1]);
        const dH = tf.reshape(tf.mul(tf.mul(e, vGrad), tf.exp(tf.neg(tf.square(H3)))), [P, SN]);
        Wt.assign(tf.add(tf.sub(tf.mul(Wt, decay), tf.matMul(Xt, dH)), tf.tensor2d(xi, [N0, SN])));
      });
    }
    const Wall = (await Wt.data()) as Float32Array;
    const sm = measuring ? ((await sumMean!.data()) as Float32Array) : null;
    const ss = measuring ? ((await sumSecond!.data()) as Float32Array) : null;
    hooks.progress(1);
    return W0s.map((_, c): ChainResult => {
      let eg = NaN;
      let emean = NaN;
      if (sm && ss && measured[c] > 0 && !diverged[c]) {
        let se = 0;
        let sg = 0;
        for (let t = 0; t < Pte; t++) {
          const y0 = spec.yte![t];
          const fbar = sm[t * S + c] / measured[c];
          se += (y0 - fbar) ** 2;
          sg += y0 * y0 - 2 * y0 * fbar + ss[t * S + c] / measured[c];
        }
        emean = se / Pte;
        eg = sg / Pte;
      }
      return { W: fromStacked(Wall, c, S, N1, N0), eg, emean, steps: total, diverged: diverged[c] };
    });
  } finally {
    tf.dispose([X, Xs, Xt, yCol, Wt, vOut, vGrad]);
    if (Xte) Xte.dispose();
    if (sumMean) sumMean.dispose();
    if (sumSecond) sumSecond.dispose();
  }
}
