/**
 * Posterior sampling of the Bayesian erf network (docs/science/proportional.md,
 * "Simulation"), in tfjs.
 *
 * f(x) = (1/√N1) Σ_i v_i erf(w_i·x/√N0), posterior at temperature T
 *   p(W, v) ∝ exp(−L/T − (λ0/2)|W|² − (λ1/2)|v|² − (γ/2)|W − W_s|²).
 * Two samplers, both Metropolis-adjusted Langevin (MALA) moves of W with the Gaussian part integrated
 * exactly:
 *  - 'collapsed' (the default, collapsed.ts): v integrated out analytically, W moves on its marginal
 *    posterior (docs/science/proportional.md, (P20)–(P23)); one N1×N1 Cholesky per chain per step, and the
 *    step's element-wise work on the CPU; the per-unit steps use E[v_i² | W], set during burn-in;
 *  - 'gibbs' (kept for the diagnosis script's comparisons), as follows.
 * Gibbs blocks: every `every` steps the readout v is redrawn exactly from its
 * Gaussian conditional p(v | W) (precision Π = ΦᵀΦ/(T N1) + λ1 I, mean
 * Π⁻¹Φᵀy/(T√N1), Φ = erf(XWᵀ/√N0)); in between, W moves by Metropolis-adjusted
 * Langevin steps (MALA) that leave p(W | v) exactly invariant:
 *  - the Gaussian part (λ0/2)|W|² + (γ/2)|W − W_s|² = (k/2)|W − W_c|² + const,
 *    k = λ0 + γ, W_c = γ W_s/k, is integrated exactly (an Ornstein–Uhlenbeck
 *    step), so a strong coupling neither destabilises nor biases the chain;
 *  - the data force −∇(L/T) enters as an Euler step, and the Metropolis test
 *    removes the discretisation bias that plain (unadjusted) Langevin has in
 *    the stiff data directions — the cause of the simulation sitting above the
 *    theory for unrelated tasks (docs/science/proportional.md, "Diagnosis");
 *  - each hidden unit i gets its own step h_i = h/(1 + h c v_i²), because its
 *    data curvature grows as v_i² (fixed within a block, so this is a valid
 *    preconditioner for p(W | v)); h itself is tuned during burn-in towards
 *    an acceptance rate of 0.6, then frozen.
 * The N1×N1 Cholesky runs on the CPU in float64.
 *
 * Several independent chains (one per seed) run as one batch: their weights
 * are stacked and every step is one set of tensor ops for all of them. Each
 * chain keeps its own random stream, so a seed's numbers do not depend on
 * which seeds share its batch.
 *
 * Measurements are Rao–Blackwellised over v: given W, E[f(x0)|W] = φ0·m/√N1
 * and Var[f(x0)|W] = φ0ᵀΠ⁻¹φ0/N1 exactly, so each measurement's
 * e = ⟨E[(y0 − f)² | W]⟩ over the test points is exact given W, and ε_g (the
 * posterior-averaged test loss) is the mean of the trace of e. The trace's
 * integrated autocorrelation time, effective size and split-R̂ decide when the
 * run is long enough (see `runChains`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';
import { choleskyInPlace, cholInverse } from '../../core/dense';
import { effectiveSize, splitRhat } from './diagnostics';
import {
  collapsedEval,
  copyChain,
  posteriorInverse,
  proposalTermsOnCpu,
  proposeOnCpu,
  type CollapsedData,
  type CpuState,
  type ReadoutPosterior,
} from './collapsed';

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
  /** Initial Langevin step (temperature-scaled time); tuned during burn-in. */
  eta: number;
  /** Steps before the first measurement (the step size is tuned during them). */
  burn: number;
  /** Measurements per window, one every `every` steps (0 = a source chain: no test measurements). */
  samples: number;
  every: number;
  /** Test inputs/labels for the measurements. */
  Xte?: Float32Array;
  yte?: Float32Array;
  Pte?: number;
  /**
   * Adaptive burn-in: while some chain's window fails the convergence test (split-R̂ ≥ rhatMax
   * or ESS < essMin), the first half of the window becomes burn-in and the chains run half a
   * window more, up to `maxSteps` in all. Default: no extension.
   */
  maxSteps?: number;
  rhatMax?: number;
  essMin?: number;
  /**
   * Chains tested together (indices into the batch): a group's split-R̂ is computed over all its chains'
   * windows, so chains of the same target from different starts show a slow mode as between-chain
   * disagreement; a group is extended and frozen as one. Default: every chain its own group.
   */
  groups?: number[][];
  /**
   * Sampler: 'collapsed' (default) moves W on its marginal posterior with v integrated out (collapsed.ts);
   * 'gibbs' alternates exact readout draws with MALA moves of W given v.
   */
  sampler?: 'collapsed' | 'gibbs';
}

export interface ChainResult {
  /** Final first-layer weights (N1×N0). */
  W: Float32Array;
  /** The dynamics blew up: the errors are NaN. */
  diverged: boolean;
  eg: number;
  emean: number;
  /** Steps run in all (burn-in, its extensions and the measured window). */
  steps: number;
  /** Steps before the measured window (the burn-in actually used). */
  burnUsed: number;
  /** Per measurement in the window: the Rao–Blackwellised test loss ⟨E[(y0 − f)² | W]⟩ (its mean is ε_g). */
  trace: number[];
  /** Every `every` steps: the training misfit of the conditional-mean readout, |y − Φ m/√N1|²/P. */
  fitTrace: number[];
  /** Split-R̂ and effective size of the window's convergence trace (test loss; a source chain: training misfit). */
  rhat: number;
  /** Split-R̂ over the windows of every chain of this chain's group (the test that decided; = rhat alone). */
  groupRhat: number;
  /** The posterior-mean predictor on the test points over the window (empty for a source chain). */
  fmean: Float32Array;
  ess: number;
  /** Metropolis acceptance rate in the window, and the tuned step h. */
  accept: number;
  h: number;
  /** The window passed the convergence test (false: the cap was hit first). */
  converged: boolean;
}

export interface ChainHooks {
  checkpoint(): Promise<void>;
  progress(fraction: number): void;
}

/**
 * Default of the convergence test, per chain (each seed's chain targets its own source sample, so
 * chains cannot be pooled): split-R̂ below 1.1. A single chain's split-R̂ fluctuates around
 * √(1 + 2/ESS) even when it is stationary (≈ 1.05 at ESS = 20), so at the effective sizes a
 * browser run affords (5–30) the classic threshold 1.1 is the one that separates drift from noise.
 * The effective sample size is reported, not required (essMin = 0): the error bars are the spread
 * over seeds, which already contains each chain's own Monte Carlo error.
 */
export const RHAT_MAX = 1.1;
export const ESS_MIN = 0;
/** Acceptance rate the step size is tuned towards during burn-in (MALA's optimum is ≈ 0.57). */
const TARGET_ACCEPT = 0.6;

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
  // Training misfit of the conditional mean, (|y|² − 2 mᵀΦᵀy/√N1 + mᵀΦᵀΦ m/N1)/P (a cheap scalar to trace).
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < n; i++) {
    lin += mean[i] * Pty[i];
    let t = 0;
    for (let k = 0; k < n; k++) t += PtP[i * n + k] * mean[k];
    quad += mean[i] * t;
  }
  let yy = 0;
  for (let m = 0; m < s.P; m++) yy += s.y[m] * s.y[m];
  const fit = (yy - (2 * lin) / Math.sqrt(n) + quad / n) / s.P;
  return { v, mean, fit, inv: wantInverse ? cholInverse(L, n) : null };
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

/** [N0, S·N1] → per-chain sums [S]. */
function chainSums(x: tf.Tensor, S: number, N1: number): tf.Tensor1D {
  return tf.sum<tf.Tensor1D>(tf.reshape(tf.sum(x, 0), [S, N1]), 1);
}

/** Sizes and constants of one batched run (derived from the spec and the number of chains). */
interface Plan {
  P: number;
  N0: number;
  N1: number;
  T: number;
  /** Chains in the batch, and their stacked hidden units S·N1. */
  S: number;
  SN: number;
  /** Steps per Gibbs block (one readout draw, then `every` W-moves). */
  every: number;
  /** Test measurements are taken (a target chain), or not (a source chain). */
  measuring: boolean;
  Pte: number;
  /** Step of the first record that counts, and the window length in records. */
  recordFrom: number;
  windowLen: number;
  maxSteps: number;
  rhatMax: number;
  essMin: number;
  groups: number[][];
  sN0: number;
  sN1: number;
  /** Precision of the Gaussian part, λ0 + γ (λ0 alone without a source). */
  k: number;
  /** Scale of the data force: (2/√π)/(T √N1 √N0). */
  kappa: number;
  /** Per-unit curvature scale of the preconditioner (see `stepConstants`). */
  curv: number;
  /** v integrated out (collapsed.ts) rather than redrawn every block. */
  collapsed: boolean;
  /** Step tuning per block of the (first) burn-in: h ← h · exp(tuneRate · (acceptance − 0.6)). */
  tuneRate: number;
}

function planOf(spec: ChainSpec, S: number): Plan {
  const { P, N0, N1, T } = spec;
  const measuring = spec.samples > 0 && !!spec.Xte && !!spec.yte;
  const every = Math.max(1, spec.every);
  const recordFrom = measuring ? spec.burn : Math.floor(spec.burn / 2 / every) * every;
  const windowLen = measuring ? spec.samples : Math.max(4, Math.floor((spec.burn - recordFrom) / every));
  const sN0 = 1 / Math.sqrt(N0);
  const sN1 = 1 / Math.sqrt(N1);
  return {
    P,
    N0,
    N1,
    T,
    S,
    SN: S * N1,
    every,
    measuring,
    Pte: spec.Pte ?? 0,
    recordFrom,
    windowLen,
    maxSteps: Math.max(spec.maxSteps ?? 0, recordFrom + windowLen * every),
    rhatMax: spec.rhatMax ?? RHAT_MAX,
    essMin: spec.essMin ?? ESS_MIN,
    groups: spec.groups ?? Array.from({ length: S }, (_, c) => [c]),
    sN0,
    sN1,
    k: spec.lam0 + (spec.Ws ? spec.gamma : 0),
    kappa: (2 / Math.sqrt(Math.PI) / T) * sN1 * sN0,
    // Unit i's data curvature ≈ v_i² c, c = (2/π)(1 + √(P/N0))²/(N1 T)
    // (erf'² ≈ 4/π · ½ on typical pre-activations, times the top eigenvalue of Σ_μ x_μ x_μᵀ/N0).
    curv: ((2 / Math.PI) * (1 + Math.sqrt(P / N0)) ** 2) / (N1 * T),
    collapsed: (spec.sampler ?? 'collapsed') === 'collapsed',
    // The collapsed sampler's tuned steps are 3–10× the initial η: its tuning moves h by up to ×1.5 per block, so
    // that it gets there within a short burn-in (10 blocks); the Gibbs sampler keeps its old rate.
    tuneRate: (spec.sampler ?? 'collapsed') === 'collapsed' ? 1 : 0.3,
  };
}

/** The run's tensors: constants (data, centre W_c) and variables updated in place. */
interface Tensors {
  Xs: tf.Tensor2D;
  Xt: tf.Tensor2D;
  yCol: tf.Tensor2D;
  /** Centre of the Gaussian part, γ W_s/k, stacked [N0, S·N1]. */
  Wc: tf.Tensor2D;
  /** Stacked transposed first layers, the data force G = ∇_Wᵀ(L/T) there, and Φ = L/T per chain. */
  Wt: tf.Variable<tf.Rank.R2>;
  G: tf.Variable<tf.Rank.R2>;
  Phi: tf.Variable<tf.Rank.R1>;
  /** Accepted proposals per chain in the current block. */
  accepted: tf.Variable<tf.Rank.R1>;
  /** v/√N1 and κ v, as [1, S, N1] (they change only when v is redrawn). */
  vOut: tf.Variable;
  vGrad: tf.Variable;
  /** Per-unit step constants a, b, σ, b/σ, b/σ², b²/2σ², each [1, S·N1]. */
  coef: tf.Variable[];
  /** Scaled test inputs and test labels (measuring runs only). */
  Xte: tf.Tensor2D | null;
  yte: tf.Tensor2D | null;
  /** The collapsed sampler's view of the data (the same tensors); null for Gibbs. */
  data: CollapsedData | null;
}

function makeTensors(spec: ChainSpec, pl: Plan, W0s: Float32Array[]): Tensors {
  const { P, N0, N1, SN, sN0, k } = pl;
  const gamma = spec.gamma;
  const X = tf.tensor2d(spec.X, [P, N0]);
  const Xs = tf.tidy(() => tf.mul<tf.Tensor2D>(X, sN0));
  const Xt = tf.tidy(() => tf.transpose<tf.Tensor2D>(X));
  X.dispose();
  const Wc =
    spec.Ws && gamma > 0
      ? tf.tensor2d(
          toStacked(spec.Ws, N1, N0).map((w) => (gamma / k) * w),
          [N0, SN],
        )
      : tf.zeros<tf.Rank.R2>([N0, SN]);
  // Variables are created inside tidy so that their initial-value tensors are freed.
  const variable = <R extends tf.Rank>(make: () => tf.Tensor<R>) => tf.tidy(() => tf.variable(make(), false));
  const measured = <T>(make: () => T) => (pl.measuring ? make() : null);
  const yCol = tf.tensor2d(spec.y, [P, 1]);
  return {
    Xs,
    Xt,
    yCol,
    Wc,
    Wt: variable(() => tf.tensor2d(toStacked(W0s, N1, N0), [N0, SN])),
    G: variable(() => tf.zeros<tf.Rank.R2>([N0, SN])),
    Phi: variable(() => tf.zeros<tf.Rank.R1>([pl.S])),
    accepted: variable(() => tf.zeros<tf.Rank.R1>([pl.S])),
    vOut: variable(() => tf.zeros([1, pl.S, N1])),
    vGrad: variable(() => tf.zeros([1, pl.S, N1])),
    coef: Array.from({ length: 6 }, () => variable(() => tf.zeros([1, SN]))),
    Xte: measured(() => tf.tidy(() => tf.mul<tf.Tensor2D>(tf.tensor2d(spec.Xte!, [pl.Pte, N0]), sN0))),
    yte: measured(() => tf.tensor2d(spec.yte!, [pl.Pte, 1])),
    data: pl.collapsed
      ? {
          Xs,
          Xt,
          yCol,
          P,
          N0,
          N1,
          S: pl.S,
          T: pl.T,
          lam1: spec.lam1,
        }
      : null,
  };
}

function disposeTensors(t: Tensors): void {
  const { Xs, Xt, yCol, Wc, Wt, G, Phi, accepted, vOut, vGrad, coef, Xte, yte } = t;
  tf.dispose([Xs, Xt, yCol, Wc, Wt, G, Phi, accepted, vOut, vGrad, ...coef]);
  if (Xte) Xte.dispose();
  if (yte) yte.dispose();
}

/** Per-chain bookkeeping on the CPU. */
interface Books {
  /** Tuned base step per chain. */
  h: number[];
  diverged: boolean[];
  /** Per measurement: the test loss e. */
  traces: number[][];
  /** Per block: the training misfit of the conditional-mean readout. */
  fitTraces: number[][];
  /** Per measurement: each chain's E[f(x0) | W] on the test points (for the error of the posterior mean). */
  means: Float32Array[][];
  /** Per block: accepted proposals. */
  acceptLog: number[][];
  /** The readouts drawn last, stacked [S·N1]. */
  vLast: Float32Array;
  /** The window: steps run so far, where it ends and where it starts. */
  step: number;
  end: number;
  windowStart: number;
  /** Collapsed sampler: each chain's U, readout posterior and training misfit at its current W. */
  U: Float64Array;
  post: (ReadoutPosterior | null)[];
  fit: Float64Array;
  /** Collapsed sampler: W, ∇U, W_c and the step constants on the CPU (set by `collapsedInit`). */
  cpu: CpuState | null;
}

function makeBooks(spec: ChainSpec, pl: Plan): Books {
  const perChain = <T>(make: () => T) => Array.from({ length: pl.S }, make);
  return {
    h: perChain(() => spec.eta),
    diverged: perChain(() => false),
    traces: perChain((): number[] => []),
    fitTraces: perChain((): number[] => []),
    means: perChain((): Float32Array[] => []),
    acceptLog: perChain((): number[] => []),
    vLast: new Float32Array(pl.SN),
    step: 0,
    end: pl.recordFrom + pl.windowLen * pl.every,
    windowStart: pl.recordFrom,
    U: new Float64Array(pl.S),
    post: perChain((): ReadoutPosterior | null => null),
    fit: new Float64Array(pl.S),
    cpu: null,
  };
}

/** A typed copy of a tensor's values (float32 tensors only). */
async function floats(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

/**
 * Per-unit step constants a, b, σ, b/σ, b/σ², b²/2σ² from the chains' h and the current readouts:
 * unit i of chain c steps by h_i = h_c/(1 + h_c c v_i²) (its data curvature grows as v_i²).
 */
function stepConstants(pl: Plan, h: readonly number[], v: Float32Array): Float32Array[] {
  const { S, N1, SN, k, curv } = pl;
  const cs = Array.from({ length: 6 }, () => new Float32Array(SN));
  for (let c = 0; c < S; c++)
    for (let i = 0; i < N1; i++) {
      const j = c * N1 + i;
      const hi = h[c] / (1 + h[c] * curv * v[j] ** 2);
      const a = Math.exp(-hi * k);
      const b = -Math.expm1(-hi * k) / k;
      const sig = Math.sqrt(-Math.expm1(-2 * hi * k) / k);
      cs[0][j] = a;
      cs[1][j] = b;
      cs[2][j] = sig;
      cs[3][j] = b / sig;
      cs[4][j] = b / (sig * sig);
      cs[5][j] = (b * b) / (2 * sig * sig);
    }
  return cs;
}

/** Φ = L/T per chain and G = ∇_Wᵀ Φ at W (current v). */
function potential(t: Tensors, pl: Plan, W: tf.Tensor2D): [tf.Tensor1D, tf.Tensor2D] {
  const { P, S, N1, SN, T } = pl;
  const H3 = tf.reshape(tf.matMul(t.Xs, W), [P, S, N1]);
  const f = tf.sum(tf.mul(tf.erf(H3), t.vOut), 2); // P × S
  const e = tf.sub(f, t.yCol);
  const phi = tf.div<tf.Tensor1D>(tf.sum(tf.square(e), 0), 2 * T);
  const dH = tf.reshape(tf.mul(tf.mul(tf.reshape(e, [P, S, 1]), t.vGrad), tf.exp(tf.neg(tf.square(H3)))), [P, SN]);
  return [phi, tf.matMul<tf.Tensor2D>(t.Xt, dH)];
}

/** What a readout redraw hands to the measurement: the conditional means and (if asked) Π⁻¹, stacked. */
interface Readouts {
  v: Float32Array;
  condMeans: Float32Array;
  invs: Float32Array;
}

/**
 * Draw every live chain's v ~ p(v | W) exactly and record its training misfit; a chain whose Π is not positive definite
 * has diverged.
 */
async function drawReadouts(
  spec: ChainSpec,
  pl: Plan,
  t: Tensors,
  books: Books,
  rngs: Rng[],
  wantInverse: boolean,
): Promise<Readouts> {
  const { S, N1, SN } = pl;
  const [PtP, Pty] = tf.tidy((): [tf.Tensor, tf.Tensor] => {
    const PhiT = tf.transpose(tf.erf(tf.matMul(t.Xs, t.Wt))); // S·N1 × P
    // All chains' ΦᵀΦ at once (the off-diagonal chain blocks are not used).
    return [tf.matMul(PhiT, tf.transpose(PhiT)), tf.matMul(PhiT, t.yCol)];
  });
  const ptpAll = await floats(PtP);
  const pty = await floats(Pty);
  tf.dispose([PtP, Pty]);
  const out: Readouts = {
    v: new Float32Array(SN),
    condMeans: new Float32Array(SN),
    invs: new Float32Array(wantInverse ? S * N1 * N1 : 0),
  };
  const block = new Float32Array(N1 * N1);
  for (let c = 0; c < S; c++) {
    for (let i = 0; i < N1; i++)
      block.set(ptpAll.subarray((c * N1 + i) * SN + c * N1, (c * N1 + i) * SN + (c + 1) * N1), i * N1);
    const r = books.diverged[c]
      ? null
      : drawReadout(block, pty.subarray(c * N1, (c + 1) * N1), spec, rngs[c], wantInverse);
    if (!r) {
      books.diverged[c] = true;
      continue;
    }
    books.fitTraces[c].push(r.fit);
    out.v.set(r.v, c * N1);
    out.condMeans.set(r.mean, c * N1);
    if (r.inv) out.invs.set(r.inv, c * N1 * N1);
  }
  return out;
}

/** Log the last block's acceptance and, during the first burn-in only, tune each chain's h towards TARGET_ACCEPT. */
async function tuneSteps(pl: Plan, t: Tensors, books: Books): Promise<void> {
  const acc = await floats(t.accepted);
  for (let c = 0; c < pl.S; c++) {
    books.acceptLog[c].push(acc[c]);
    if (books.step <= pl.recordFrom) books.h[c] *= Math.exp(pl.tuneRate * (acc[c] / pl.every - TARGET_ACCEPT));
  }
  tf.tidy(() => t.accepted.assign(tf.zeros([pl.S])));
}

/** Install new readouts: the step constants, v/√N1 and κ v, and Φ and G at the current W. */
function setReadouts(pl: Plan, t: Tensors, books: Books, v: Float32Array): void {
  const { S, N1, SN } = pl;
  books.vLast = v;
  const cs = stepConstants(pl, books.h, v);
  tf.tidy(() => t.coef.forEach((x, q) => x.assign(tf.tensor2d(cs[q], [1, SN]))));
  tf.tidy(() => {
    const vt = tf.tensor3d(v, [1, S, N1]);
    t.vOut.assign(tf.mul(vt, pl.sN1));
    t.vGrad.assign(tf.mul(vt, pl.kappa));
    const [phi, g] = potential(t, pl, t.Wt);
    t.Phi.assign(phi);
    t.G.assign(g);
  });
}

/** Record each live chain's Rao–Blackwellised test loss ⟨E[(y0 − f)² | W]⟩ and its E[f(x0) | W]. */
async function measureTest(pl: Plan, t: Tensors, books: Books, r: Readouts): Promise<void> {
  const { S, N1, SN, Pte } = pl;
  const [eNow, m0] = tf.tidy((): [tf.Tensor, tf.Tensor] => {
    const Phi0 = tf.erf(tf.matMul(t.Xte!, t.Wt)); // Pte × S·N1
    const mean0 = tf.mul(
      tf.sum(tf.mul(tf.reshape(Phi0, [Pte, S, N1]), tf.tensor3d(r.condMeans, [1, S, N1])), 2),
      pl.sN1,
    ); // Pte × S
    // φ0ᵀΠ⁻¹φ0 per chain: one Pte×N1 by N1×N1 product per chain (a block-diagonal product over all chains would
    // cost S times as much, most of it on zeros).
    const invs = tf.tensor2d(r.invs, [SN, N1]);
    const quad = tf.concat(
      Array.from({ length: S }, (_, c) => {
        const phi = tf.slice(Phi0, [0, c * N1], [Pte, N1]);
        return tf.sum(tf.mul(tf.matMul(phi, tf.slice(invs, [c * N1, 0], [N1, N1])), phi), 1, true);
      }),
      1,
    ); // Pte × S
    const var0 = tf.mul(quad, 1 / N1);
    // This sample's ⟨E[(y0 − f)² | W]⟩ per chain: ε_g is their average.
    return [tf.mean(tf.add(tf.square(tf.sub(mean0, t.yte!)), var0), 0), mean0];
  });
  const eData = await floats(eNow);
  const mData = await floats(m0);
  tf.dispose([eNow, m0]);
  for (let c = 0; c < S; c++) {
    if (books.diverged[c]) continue;
    books.traces[c].push(eData[c]);
    books.means[c].push(Float32Array.from({ length: Pte }, (_, q) => mData[q * S + c]));
  }
}

/**
 * A Gibbs block's start: redraw v, tune or log the acceptance, install the readouts, measure.
 * Returns false when every chain has diverged.
 */
async function gibbsBlock(spec: ChainSpec, pl: Plan, t: Tensors, books: Books, rngs: Rng[]): Promise<boolean> {
  const measureNow = pl.measuring && books.step >= pl.recordFrom;
  const r = await drawReadouts(spec, pl, t, books, rngs, measureNow);
  if (books.diverged.every(Boolean)) return false;
  if (books.step > 0) await tuneSteps(pl, t, books);
  setReadouts(pl, t, books, r.v);
  if (measureNow) await measureTest(pl, t, books, r);
  return true;
}

/** Scratch buffers for the per-step noise (reused). */
interface Noise {
  xi: Float32Array;
  logU: Float32Array;
}

/**
 * Fill the step's noise: ξ stacked [N0, S·N1] and log u per chain, each chain from its own stream. Drawn in
 * place, row by row of the stacked layout (a chain's N1 entries of input j are contiguous), with no transpose.
 */
function drawNoise(pl: Plan, rngs: Rng[], noise: Noise): void {
  const { S, N0, N1, SN } = pl;
  const { xi, logU } = noise;
  for (let c = 0; c < S; c++) {
    for (let j = 0; j < N0; j++) rngs[c].fillNormals(xi, 1, j * SN + c * N1, j * SN + (c + 1) * N1);
    logU[c] = Math.log(1 - rngs[c].uniform());
  }
}

/** The proposal W' = W_c + a D − b G + σ ξ, D = W − W_c (the Gaussian part integrated exactly). */
function propose(t: Tensors, gaussian: tf.Tensor2D): tf.Tensor2D {
  const [a, b, sig] = t.coef;
  return tf.add<tf.Tensor2D>(
    tf.add(t.Wc, tf.mul(a, tf.sub(t.Wt, t.Wc))),
    tf.sub(tf.mul(sig, gaussian), tf.mul(b, t.G)),
  );
}

/** log α less the potential difference, per chain: the proposal densities' data-force terms (see `runChains`). */
function proposalTerms(pl: Plan, t: Tensors, gaussian: tf.Tensor2D, Wp: tf.Tensor2D, gP: tf.Tensor2D): tf.Tensor1D {
  const [a, , , bs, bs2, bb] = t.coef;
  const G = t.G;
  const D = tf.sub(t.Wt, t.Wc);
  const Dp = tf.sub(Wp, t.Wc);
  const terms = tf.sub(
    tf.sub(tf.mul(tf.mul(bs, gaussian), G), tf.mul(tf.mul(bs2, tf.sub(D, tf.mul(a, Dp))), gP)),
    tf.mul(bb, tf.add(tf.square(G), tf.square(gP))),
  );
  return chainSums(terms, pl.S, pl.N1);
}

/** Keep each chain's proposal where `acc` (per chain) holds, and count the acceptances. */
function select(pl: Plan, t: Tensors, acc: tf.Tensor1D, Wp: tf.Tensor2D, gP: tf.Tensor2D): void {
  const { S, N1, SN } = pl;
  const accCols = tf.reshape(tf.tile(tf.reshape(acc, [S, 1]), [1, N1]), [1, SN]);
  t.Wt.assign(tf.where<tf.Tensor2D>(accCols, Wp, t.Wt));
  t.G.assign(tf.where(accCols, gP, t.G));
  t.accepted.assign(tf.add(t.accepted, tf.cast(acc, 'float32')));
}

/** One MALA step of every chain's W given v (see `runChains`); each chain draws from its own stream. */
function malaStep(pl: Plan, t: Tensors, rngs: Rng[], noise: Noise): void {
  drawNoise(pl, rngs, noise);
  tf.tidy(() => {
    const gaussian = tf.tensor2d(noise.xi, [pl.N0, pl.SN]);
    const Wp = propose(t, gaussian);
    const [phiP, gP] = potential(t, pl, Wp);
    const logAlpha = tf.add(tf.sub(t.Phi, phiP), proposalTerms(pl, t, gaussian, Wp, gP));
    // NaN (a blown-up proposal) compares false: rejected.
    const acc = tf.less<tf.Tensor1D>(tf.tensor1d(noise.logU), logAlpha);
    select(pl, t, acc, Wp, gP);
    t.Phi.assign(tf.where(acc, phiP, t.Phi));
  });
}

/**
 * One MALA step of every chain's W on the collapsed posterior (v integrated out, collapsed.ts): the same
 * proposal and test with Φ = U; U and the readout posteriors live on the CPU (float64).
 */
async function collapsedStep(pl: Plan, t: Tensors, books: Books, rngs: Rng[], noise: Noise): Promise<void> {
  const { N0, N1, S, SN } = pl;
  const cpu = books.cpu!;
  drawNoise(pl, rngs, noise);
  const Wp = proposeOnCpu(cpu, noise.xi, N0, SN);
  const WpT = tf.tensor2d(Wp, [N0, SN]);
  const ev = await collapsedEval(t.data!, WpT);
  const gP = await floats(ev.G);
  tf.dispose([WpT, ev.G]);
  const terms = proposalTermsOnCpu(cpu, Wp, gP, noise.xi, N0, S, N1);
  const acc = new Float32Array(S);
  for (let c = 0; c < S; c++) {
    // A non-finite U' (Π not positive definite) or a NaN gives false: rejected.
    if (books.diverged[c] || !(noise.logU[c] < books.U[c] - ev.U[c] + terms[c])) continue;
    acc[c] = 1;
    books.U[c] = ev.U[c];
    books.post[c] = ev.post[c];
    books.fit[c] = ev.fit[c];
    copyChain(cpu.W, Wp, c, N0, SN, N1);
    copyChain(cpu.G, gP, c, N0, SN, N1);
  }
  tf.tidy(() => {
    if (acc.some((x) => x > 0)) t.Wt.assign(tf.tensor2d(cpu.W, [N0, SN]));
    t.accepted.assign(tf.add(t.accepted, tf.tensor1d(acc)));
  });
}

/** Collapsed sampler: U, ∇U and the readout posteriors at the current W (a chain whose Π fails has diverged). */
async function collapsedInit(pl: Plan, t: Tensors, books: Books): Promise<void> {
  const ev = await collapsedEval(t.data!, t.Wt);
  books.cpu = { W: await floats(t.Wt), G: await floats(ev.G), Wc: await floats(t.Wc), coef: [] };
  ev.G.dispose();
  for (let c = 0; c < pl.S; c++) {
    books.U[c] = ev.U[c];
    books.post[c] = ev.post[c];
    books.fit[c] = ev.fit[c];
    if (!ev.post[c] || !Number.isFinite(ev.U[c])) books.diverged[c] = true;
  }
}

/**
 * Collapsed sampler, a block's start (every `every` steps): record the misfit, tune or log the acceptance,
 * during burn-in re-fit the per-unit steps to E[v_i² | W] (frozen afterwards: a preconditioner that followed
 * the state would break detailed balance), measure. Returns false when every chain has diverged.
 */
async function collapsedBlock(pl: Plan, t: Tensors, books: Books): Promise<boolean> {
  if (books.diverged.every(Boolean)) return false;
  const { S, N1, SN } = pl;
  for (let c = 0; c < S; c++) if (!books.diverged[c]) books.fitTraces[c].push(books.fit[c]);
  if (books.step > 0) await tuneSteps(pl, t, books);
  const r: Readouts = { v: new Float32Array(SN), condMeans: new Float32Array(SN), invs: new Float32Array(S * N1 * N1) };
  books.post.forEach((q, c) => {
    if (!q) return;
    const inv = posteriorInverse(q, N1);
    r.condMeans.set(q.m, c * N1);
    r.invs.set(inv, c * N1 * N1);
    for (let i = 0; i < N1; i++) r.v[c * N1 + i] = Math.sqrt(q.m[i] ** 2 + inv[i * N1 + i]);
  });
  if (books.step <= pl.recordFrom) books.cpu!.coef = stepConstants(pl, books.h, r.v);
  if (pl.measuring && books.step >= pl.recordFrom) await measureTest(pl, t, books, r);
  return true;
}

/** Chain c's convergence trace over the current window: test loss (a source chain: training misfit). */
function windowOf(pl: Plan, books: Books, c: number): number[] {
  return (pl.measuring ? books.traces[c] : books.fitTraces[c]).slice(-pl.windowLen);
}

/** Chain c's result from its current window (final weights `Wall`, stacked; `accNow`: the open block's acceptances). */
function chainResult(
  spec: ChainSpec,
  pl: Plan,
  books: Books,
  c: number,
  test: { ok: boolean; groupRhat: number },
  Wall: Float32Array,
  accNow: number,
): ChainResult {
  const { S, N0, N1, every, Pte } = pl;
  const win = windowOf(pl, books, c);
  const diverged = books.diverged[c];
  const windowBlocks = Math.max(1, Math.round((books.end - books.windowStart) / every));
  const log = [...books.acceptLog[c], accNow].slice(-windowBlocks);
  let eg = NaN;
  let emean = NaN;
  const fmean = new Float32Array(pl.measuring ? Pte : 0);
  if (pl.measuring && !diverged && win.length > 0) {
    eg = win.reduce((s, x) => s + x, 0) / win.length;
    const ms = books.means[c].slice(-pl.windowLen);
    let se = 0;
    for (let q = 0; q < Pte; q++) {
      let f = 0;
      for (const m of ms) f += m[q];
      fmean[q] = f / ms.length;
      se += (spec.yte![q] - f / ms.length) ** 2;
    }
    emean = se / Pte;
  }
  return {
    W: fromStacked(Wall, c, S, N1, N0),
    eg,
    emean,
    steps: books.end,
    burnUsed: books.windowStart,
    diverged,
    trace: pl.measuring ? win : [],
    fitTrace: books.fitTraces[c].slice(),
    rhat: splitRhat([win]),
    groupRhat: test.groupRhat,
    fmean,
    ess: effectiveSize(win),
    accept: log.reduce((s, x) => s + x, 0) / (log.length * every),
    h: books.h[c],
    converged: test.ok,
  };
}

/**
 * Convergence test on each open group's windows (split-R̂ over all its chains < rhatMax, every ESS ≥ essMin):
 * a group that passes (or the last window before the cap, or one with a diverged chain) is frozen there, so
 * its result never depends on the groups that share its batch. Returns true when every chain is frozen;
 * otherwise the window slides by half its length.
 */
async function testWindows(
  spec: ChainSpec,
  pl: Plan,
  t: Tensors,
  books: Books,
  frozen: (ChainResult | null)[],
): Promise<boolean> {
  const slide = Math.max(1, Math.floor(pl.windowLen / 2)) * pl.every;
  const last = books.end + slide > pl.maxSteps;
  const Wall = await floats(t.Wt);
  const accLast = await floats(t.accepted);
  for (const g of pl.groups) {
    if (g.every((c) => frozen[c])) continue;
    const ws = g.map((c) => windowOf(pl, books, c));
    const diverged = g.some((c) => books.diverged[c]);
    const groupRhat = splitRhat(ws);
    const ok = !diverged && groupRhat < pl.rhatMax && ws.every((w) => effectiveSize(w) >= pl.essMin);
    if (ok || last || diverged)
      for (const c of g) frozen[c] = chainResult(spec, pl, books, c, { ok, groupRhat }, Wall, accLast[c]);
  }
  if (frozen.every(Boolean)) return true;
  books.end += slide;
  books.windowStart += slide;
  return false;
}

/**
 * Run one chain per entry of `W0s` (their own random streams `rngs`), batched.
 * Returns one result per chain; a chain that blows up is reported diverged and
 * does not disturb the others.
 *
 * Records: every `every` steps each chain's training misfit; from step `burn`
 * on (test data given) its test loss e. The window is the last `samples`
 * records of e (a source chain: the records of the second half of its `burn`
 * steps, of the misfit). When the window is complete, each chain's window is
 * tested (split-R̂ < rhatMax, ESS ≥ essMin); if one fails and `maxSteps`
 * allows, the window slides by half its length (its first half becomes
 * burn-in) and the chains run on. The results come from the final window.
 *
 * One MALA step, per chain, with D = W − W_c, G = ∇_W(L/T) (v fixed):
 *   proposal  W' = W_c + a D − b G + σ ξ,  a = e^{−hk}, b = (1 − a)/k, σ² = (1 − a²)/k,
 *   log α = Φ − Φ' + (b/σ) ξ·G − (b/σ²)(D − a D')·G' − (b²/2σ²)(|G|² + |G'|²),
 * with Φ = L/T (the Gaussian part cancels exactly because it is integrated
 * exactly; h, hence a, b, σ, per hidden unit).
 */
export async function runChains(
  spec: ChainSpec,
  W0s: Float32Array[],
  rngs: Rng[],
  hooks: ChainHooks,
): Promise<ChainResult[]> {
  const pl = planOf(spec, W0s.length);
  const t = makeTensors(spec, pl, W0s);
  const books = makeBooks(spec, pl);
  const noise: Noise = {
    xi: new Float32Array(pl.N0 * pl.SN),
    logU: new Float32Array(pl.S),
  };
  const frozen: (ChainResult | null)[] = W0s.map(() => null);
  try {
    let live = true;
    if (pl.collapsed) await collapsedInit(pl, t, books);
    for (;;) {
      for (; books.step < books.end; books.step++) {
        if (books.step % pl.every === 0) {
          live = pl.collapsed ? await collapsedBlock(pl, t, books) : await gibbsBlock(spec, pl, t, books, rngs);
          if (!live) break;
          if (books.step % (pl.every * 5) === 0) {
            hooks.progress(Math.min(1, books.step / books.end));
            await hooks.checkpoint();
          }
        }
        if (pl.collapsed) await collapsedStep(pl, t, books, rngs, noise);
        else malaStep(pl, t, rngs, noise);
      }
      if (!live || (await testWindows(spec, pl, t, books, frozen))) break;
    }
    hooks.progress(1);
    const failed = { ok: false, groupRhat: NaN };
    return frozen.map((r, c) => r ?? chainResult(spec, pl, books, c, failed, new Float32Array(pl.N0 * pl.SN), 0));
  } finally {
    disposeTensors(t);
  }
}
