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

/** erf(X Wᵀ/√N0) for every chain at once: X is P×N0, W is [S, N1, N0]; the result is [S, P, N1]. */
function features(X: tf.Tensor2D, W: tf.Variable, S: number, N1: number, N0: number, scale: number): { H: tf.Tensor3D; Phi: tf.Tensor3D } {
  const P = X.shape[0];
  const H = tf.transpose(tf.reshape(tf.mul(tf.matMul(X, tf.reshape(W, [S * N1, N0]), false, true), scale), [P, S, N1]), [1, 0, 2]) as tf.Tensor3D;
  return { H, Phi: tf.erf(H) };
}

/**
 * Run one chain per entry of `W0s` (their own random streams `rngs`), batched.
 * Returns one result per chain; a chain that blows up is reported diverged and
 * does not disturb the others.
 */
export async function runChains(spec: ChainSpec, W0s: Float32Array[], rngs: Rng[], hooks: ChainHooks): Promise<ChainResult[]> {
  const { P, N0, N1, T, eta, every } = spec;
  const S = W0s.length;
  const measuring = spec.samples > 0 && !!spec.Xte && !!spec.yte;
  const total = spec.burn + spec.samples * every;
  const sN0 = 1 / Math.sqrt(N0);
  const sN1 = 1 / Math.sqrt(N1);
  const size = N1 * N0;
  const stack = (arrs: Float32Array[]) => {
    const out = new Float32Array(S * size);
    arrs.forEach((a, i) => out.set(a, i * size));
    return out;
  };
  const X = tf.tensor2d(spec.X, [P, N0]);
  const y = tf.tensor1d(spec.y);
  const Ws = spec.Ws && spec.gamma > 0 ? tf.tensor3d(stack(spec.Ws), [S, N1, N0]) : null;
  // Variables are created inside tidy so that their initial-value tensors are freed.
  const W = tf.tidy(() => tf.variable(tf.tensor3d(stack(W0s), [S, N1, N0]), false));
  const v = tf.tidy(() => tf.variable(tf.zeros([S, N1]), false));
  const Pte = spec.Pte ?? 0;
  const Xte = measuring ? tf.tensor2d(spec.Xte!, [Pte, N0]) : null;
  const sumMean = measuring ? tf.tidy(() => tf.variable(tf.zeros([S, Pte]), false)) : null;
  const sumSecond = measuring ? tf.tidy(() => tf.variable(tf.zeros([S, Pte]), false)) : null;
  const noiseScale = Math.sqrt(2 * eta);
  const measured = new Array(S).fill(0);
  const diverged = new Array(S).fill(false);
  const xi = new Float32Array(S * size);
  try {
    for (let step = 0; step < total; step++) {
      if (step % every === 0) {
        const measureNow = measuring && step >= spec.burn;
        const [PtP, Pty] = tf.tidy(() => {
          const { Phi } = features(X, W, S, N1, N0, sN0);
          return [tf.matMul(Phi, Phi, true, false), tf.reshape(tf.matMul(Phi, tf.tile(tf.reshape(y, [1, P, 1]), [S, 1, 1]), true, false), [S, N1])];
        });
        const ptp = (await PtP.data()) as Float32Array;
        const pty = (await Pty.data()) as Float32Array;
        tf.dispose([PtP, Pty]);
        const vNew = new Float32Array(S * N1);
        const means = new Float32Array(S * N1);
        const invs = new Float32Array(measureNow ? S * N1 * N1 : 0);
        const ok = new Float32Array(S);
        for (let c = 0; c < S; c++) {
          const r = diverged[c] ? null : drawReadout(ptp.subarray(c * N1 * N1, (c + 1) * N1 * N1), pty.subarray(c * N1, (c + 1) * N1), spec, rngs[c], measureNow);
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
        tf.tidy(() => v.assign(tf.tensor2d(vNew, [S, N1])));
        if (measureNow) {
          tf.tidy(() => {
            const { Phi: Phi0 } = features(Xte!, W, S, N1, N0, sN0); // [S, Pte, N1]
            const mean0 = tf.mul(tf.reshape(tf.matMul(Phi0, tf.tensor3d(means, [S, N1, 1])), [S, Pte]), sN1);
            const var0 = tf.mul(tf.sum(tf.mul(tf.matMul(Phi0, tf.tensor3d(invs, [S, N1, N1])), Phi0), 2), 1 / N1);
            // Diverged chains contribute zeros (their result is reported as NaN).
            const keep = tf.reshape(tf.tensor1d(ok), [S, 1]);
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
      for (let c = 0; c < S; c++) xi.set(rngs[c].normals(size, noiseScale), c * size);
      tf.tidy(() => {
        const { H, Phi } = features(X, W, S, N1, N0, sN0); // [S, P, N1]
        const f = tf.mul(tf.reshape(tf.matMul(Phi, tf.reshape(v, [S, N1, 1])), [S, P]), sN1);
        const e = tf.sub(f, y);
        // ∂L/∂W = [(e vᵀ/√N1) ⊙ erf'(H)]ᵀ X/√N0 per chain, erf'(h) = (2/√π) e^{−h²}.
        const dH = tf.mul(tf.mul(tf.reshape(e, [S, P, 1]), tf.mul(tf.reshape(v, [S, 1, N1]), sN1 * (2 / Math.sqrt(Math.PI)))), tf.exp(tf.neg(tf.square(H))));
        const dHt = tf.reshape(tf.transpose(dH, [0, 2, 1]), [S * N1, P]);
        let grad = tf.add(tf.mul(tf.reshape(tf.matMul(dHt, X), [S, N1, N0]), sN0 / T), tf.mul(W, spec.lam0));
        if (Ws) grad = tf.add(grad, tf.mul(tf.sub(W, Ws), spec.gamma));
        W.assign(tf.add(tf.sub(W, tf.mul(grad, eta)), tf.tensor3d(xi, [S, N1, N0])));
      });
    }
    const Wall = (await W.data()) as Float32Array;
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
          const fbar = sm[c * Pte + t] / measured[c];
          se += (y0 - fbar) ** 2;
          sg += y0 * y0 - 2 * y0 * fbar + ss[c * Pte + t] / measured[c];
        }
        emean = se / Pte;
        eg = sg / Pte;
      }
      return { W: Wall.slice(c * size, (c + 1) * size), eg, emean, steps: total, diverged: diverged[c] };
    });
  } finally {
    tf.dispose([X, y, W, v]);
    if (Ws) Ws.dispose();
    if (Xte) Xte.dispose();
    if (sumMean) sumMean.dispose();
    if (sumSecond) sumSecond.dispose();
  }
}
