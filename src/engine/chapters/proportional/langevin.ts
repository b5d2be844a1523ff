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
 * After burn-in every measurement is Rao–Blackwellised over v: given W,
 * E[f(x0)|W] = φ0·m/√N1 and Var[f(x0)|W] = φ0ᵀΠ⁻¹φ0/N1 exactly, accumulated on
 * the test points; the error reported is the posterior-averaged test loss
 * ε_g = ⟨(y0 − f)²⟩ (and the error of the posterior mean, ε_mean).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';
import { choleskyInPlace, cholInverse } from '../../core/dense';

export interface ChainSpec {
  /** Inputs P×N0 (row-major) and labels. */
  X: Float32Array;
  y: Float32Array;
  P: number;
  N0: number;
  N1: number;
  T: number;
  lam0: number;
  lam1: number;
  /** Elastic coupling to Ws (0 = free network). */
  gamma: number;
  Ws: Float32Array | null;
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
  return { v: Float32Array.from(v), mean: Float32Array.from(mean), inv: wantInverse ? Float32Array.from(cholInverse(L, n)) : null };
}

export async function runChain(spec: ChainSpec, W0: Float32Array, rng: Rng, hooks: ChainHooks): Promise<ChainResult> {
  const { P, N0, N1, T, eta, every } = spec;
  const measuring = spec.samples > 0 && !!spec.Xte && !!spec.yte;
  const total = spec.burn + spec.samples * every;
  const sN0 = 1 / Math.sqrt(N0);
  const sN1 = 1 / Math.sqrt(N1);
  const X = tf.tensor2d(spec.X, [P, N0]);
  const y = tf.tensor1d(spec.y);
  const Ws = spec.Ws && spec.gamma > 0 ? tf.tensor2d(spec.Ws, [N1, N0]) : null;
  // Variables are created inside tidy so that their initial-value tensors are freed.
  const W = tf.tidy(() => tf.variable(tf.tensor2d(W0, [N1, N0]), false));
  const v = tf.tidy(() => tf.variable(tf.zeros([N1]), false));
  const Pte = spec.Pte ?? 0;
  const Xte = measuring ? tf.tensor2d(spec.Xte!, [Pte, N0]) : null;
  const sumMean = measuring ? tf.tidy(() => tf.variable(tf.zeros([Pte]), false)) : null;
  const sumSecond = measuring ? tf.tidy(() => tf.variable(tf.zeros([Pte]), false)) : null;
  const noiseScale = Math.sqrt(2 * eta);
  let measured = 0;
  let diverged = false;
  try {
    for (let step = 0; step < total; step++) {
      if (step % every === 0) {
        const measureNow = measuring && step >= spec.burn;
        const [PtP, Pty] = tf.tidy(() => {
          const Phi = tf.erf(tf.mul(tf.matMul(X, W, false, true), sN0));
          return [tf.matMul(Phi, Phi, true, false), tf.squeeze(tf.matMul(Phi, tf.expandDims(y, 1), true, false), [1])];
        });
        const ptp = (await PtP.data()) as Float32Array;
        const pty = (await Pty.data()) as Float32Array;
        tf.dispose([PtP, Pty]);
        const r = drawReadout(ptp, pty, spec, rng, measureNow);
        if (!r) {
          diverged = true;
          break;
        }
        tf.tidy(() => v.assign(tf.tensor1d(r.v)));
        if (measureNow) {
          tf.tidy(() => {
            const Phi0 = tf.erf(tf.mul(tf.matMul(Xte!, W, false, true), sN0)); // Pte×N1
            const mean0 = tf.mul(tf.squeeze(tf.matMul(Phi0, tf.tensor2d(r.mean, [N1, 1])), [1]), sN1);
            const var0 = tf.mul(tf.sum(tf.mul(tf.matMul(Phi0, tf.tensor2d(r.inv!, [N1, N1])), Phi0), 1), 1 / N1);
            sumMean!.assign(tf.add(sumMean!, mean0));
            sumSecond!.assign(tf.add(sumSecond!, tf.add(var0, tf.square(mean0))));
          });
          measured++;
        }
        if (step % (every * 5) === 0) {
          hooks.progress(step / total);
          await hooks.checkpoint();
        }
      }
      const xi = rng.normals(N1 * N0, noiseScale);
      tf.tidy(() => {
        const H = tf.mul(tf.matMul(X, W, false, true), sN0); // P×N1
        const f = tf.mul(tf.squeeze(tf.matMul(tf.erf(H), tf.expandDims(v, 1)), [1]), sN1);
        const e = tf.sub(f, y);
        // ∂L/∂W = [(e vᵀ/√N1) ⊙ erf'(H)]ᵀ X/√N0, erf'(h) = (2/√π) e^{−h²}.
        const dH = tf.mul(tf.mul(tf.expandDims(e, 1), tf.mul(tf.expandDims(v, 0), sN1 * (2 / Math.sqrt(Math.PI)))), tf.exp(tf.neg(tf.square(H))));
        let grad = tf.add(tf.mul(tf.matMul(dH, X, true, false), sN0 / T), tf.mul(W, spec.lam0));
        if (Ws) grad = tf.add(grad, tf.mul(tf.sub(W, Ws), spec.gamma));
        W.assign(tf.add(tf.sub(W, tf.mul(grad, eta)), tf.tensor2d(Float32Array.from(xi), [N1, N0])));
      });
    }
    const Wout = Float32Array.from((await W.data()) as Float32Array);
    let eg = NaN;
    let emean = NaN;
    if (measuring && measured > 0 && !diverged) {
      const fbar = ((await sumMean!.data()) as Float32Array).map((x) => x / measured);
      const second = ((await sumSecond!.data()) as Float32Array).map((x) => x / measured);
      let se = 0;
      let sg = 0;
      for (let t = 0; t < Pte; t++) {
        const y0 = spec.yte![t];
        se += (y0 - fbar[t]) ** 2;
        sg += y0 * y0 - 2 * y0 * fbar[t] + second[t];
      }
      emean = se / Pte;
      eg = sg / Pte;
    }
    hooks.progress(1);
    return { W: Wout, eg, emean, steps: total, diverged };
  } finally {
    tf.dispose([X, y, W, v]);
    if (Ws) Ws.dispose();
    if (Xte) Xte.dispose();
    if (sumMean) sumMean.dispose();
    if (sumSecond) sumSecond.dispose();
  }
}
