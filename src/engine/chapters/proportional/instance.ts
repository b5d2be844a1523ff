/**
 * Memoised precomputations of the theory for one dataset, from the most to the
 * least expensive (each keyed only by what it depends on, so moving a
 * target-only slider re-solves without redoing the source):
 *  - `instanceOf`: Gram matrices and the eigendecomposition K_ss = U κ Uᵀ of the
 *    source kernel (depends on data sizes, N0, λ0 — not on γ, ρ, T, λ1, N1);
 *  - `sourceOf`: the source saddle Q_s and G⁻¹ = U diag(g) Uᵀ, g = 1/(Q_s κ/λ1 + T);
 *  - `couplingOf`: the four kernels at one γ, with the source-side blocks
 *    projected on U;
 *  - `problemOf`: the target problem (μ, M, test blocks) at one (γ, N1).
 */
import { symmetricEigen, Matrix } from '../../core/linalg';
import { gram, makeDataset, sqNorms, type Dataset } from './data';
import { matmul, matmulDiagT, matvec } from '../../core/dense';
import { kernelDiag, kernelMatrix, weightMoments } from './kernels';
import { Lru } from '../../core/lru';
import { ProjectedArcsin } from './arcsinSeries';
import { solvePacelli, type Spectrum } from './pacelli';
import { sizesOf, type ProportionalParams, type Sizes } from './params';
import type { TargetProblem, TestBlocks } from './transfer';

export interface Model {
  sizes: Sizes;
  T: number;
  lam0: number;
  lam1: number;
  rho: number;
  noise: number;
  dataset: number;
  gamma: number;
}

export function modelOf(p: ProportionalParams): Model {
  return {
    sizes: sizesOf(p),
    T: p.T,
    lam0: p.lam0,
    lam1: p.lam1,
    rho: p.rho,
    noise: p.noise,
    dataset: Math.round(p.dataset),
    gamma: p.gamma,
  };
}

export interface Instance {
  key: string;
  n: number;
  Ps: number;
  Pte: number;
  gtt: Float64Array;
  gts: Float64Array;
  g0t: Float64Array;
  g0s: Float64Array;
  nt: Float64Array;
  ns: Float64Array;
  n0: Float64Array;
  /** Eigenvalues of K_ss and eigenvectors (columns of U, row-major Ps×Ps). */
  kappa: Float64Array;
  U: Float64Array;
  /** Spectrum of the γ = 0 target kernel (scratch baseline). */
  scratch: { kappa: Float64Array; U: Float64Array };
  /** Series form of K_ts U and K_0s U, built once this dataset has been asked for several couplings. */
  series?: { ts: ProjectedArcsin; s0: ProjectedArcsin };
  /** Couplings projected directly so far. */
  direct: number;
}

const instances = new Lru<Instance>(3);

function eigen(K: Float64Array, n: number): { kappa: Float64Array; U: Float64Array } {
  const e = symmetricEigen(new Matrix(Array.from({ length: n }, (_, i) => Array.from(K.subarray(i * n, (i + 1) * n)))));
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) U[i * n + k] = e.vectors.get(i, k);
  return { kappa: Float64Array.from(e.values), U };
}

export function instanceOf(m: Model): Instance {
  const { N0, Ps, Pt } = m.sizes;
  const key = [m.dataset, N0, Ps, Pt, m.lam0].join('|');
  return instances.getOr(key, () => {
    const ds = makeDataset(m.dataset, m.sizes, 0, 0); // inputs only: labels are taken per ρ, σ_n below
    const gss = gram(ds.Xs, ds.Xs, Ps, Ps, N0);
    const ns = sqNorms(ds.Xs, Ps, N0);
    const nt = sqNorms(ds.Xt, Pt, N0);
    const gtt = gram(ds.Xt, ds.Xt, Pt, Pt, N0);
    const v = 1 / m.lam0;
    const src = eigen(kernelMatrix(v, v, v, gss, ns, ns), Ps);
    return {
      key,
      n: Pt,
      Ps,
      Pte: ds.Pte,
      gtt,
      nt,
      ns,
      gts: gram(ds.Xt, ds.Xs, Pt, Ps, N0),
      g0t: gram(ds.Xte, ds.Xt, ds.Pte, Pt, N0),
      g0s: gram(ds.Xte, ds.Xs, ds.Pte, Ps, N0),
      n0: sqNorms(ds.Xte, ds.Pte, N0),
      kappa: src.kappa,
      U: src.U,
      scratch: eigen(kernelMatrix(v, v, v, gtt, nt, nt), Pt),
      direct: 0,
    };
  });
}

export function dataOf(m: Model): Dataset {
  return makeDataset(m.dataset, m.sizes, m.rho, m.noise);
}

/** Uᵀ y (projections on the eigenvectors). */
function project(U: Float64Array, n: number, y: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    for (let k = 0; k < n; k++) out[k] += U[i * n + k] * yi;
  }
  return out;
}

export interface SourceState {
  Qs: number;
  /** g_k = 1/(Q_s κ_k/λ1 + T). */
  g: Float64Array;
  /** g ⊙ Uᵀy_s, so that G⁻¹y_s = U (g ⊙ Uᵀy_s). */
  gy: Float64Array;
}

const sources = new Lru<SourceState>(64);

export function sourceOf(inst: Instance, m: Model, N1: number): SourceState {
  const key = [inst.key, m.noise, N1, m.T, m.lam1].join('|');
  return sources.getOr(key, () => {
    const ys = dataOf(m).ys;
    const yhat = project(inst.U, inst.Ps, ys);
    const spec: Spectrum = { kappa: inst.kappa, y2: yhat.map((x) => x * x) };
    const Qs = solvePacelli(spec, N1, m.T, m.lam1);
    const g = inst.kappa.map((k) => 1 / ((Qs * Math.max(0, k)) / m.lam1 + m.T));
    return { Qs, g, gy: g.map((x, k) => x * yhat[k]) };
  });
}

/** Scratch (γ = 0) saddle on the target data: Pacelli et al. with K = K_{1/λ0}(X_t, X_t). */
export function scratchQ(inst: Instance, m: Model, N1: number): number {
  const yhat = project(inst.scratch.U, inst.n, dataOf(m).yt);
  return solvePacelli({ kappa: inst.scratch.kappa, y2: yhat.map((x) => x * x) }, N1, m.T, m.lam1);
}

export interface Coupling {
  gamma: number;
  Ktt: Float64Array;
  Koff: Float64Array;
  /** K_ts U (n × Ps) and K_0s U (Pte × Ps); null when γ = 0 (no source–target covariance). */
  Khts: Float64Array | null;
  Kh0s: Float64Array | null;
  K0t: Float64Array;
  K0off: Float64Array;
  k00tt: Float64Array;
  k00off: Float64Array;
}

const couplings = new Lru<Coupling>(48);

/** After this many direct projections of one dataset, switch to the series (its set-up costs ≈ 8–12 of them). */
const SERIES_AFTER = 4;

/**
 * K_ts U and K_0s U at one coupling: directly (O(P Ps²)) for the first few
 * couplings of a dataset, then through the arcsine series (see arcsinSeries.ts)
 * when it converges fast enough.
 */
function projectSourceKernels(inst: Instance, a: number, b: number, c: number): { ts: Float64Array; s0: Float64Array } {
  const { n, Ps, Pte } = inst;
  const wts = inst.nt.map((x) => (2 * c) / Math.sqrt(1 + 2 * a * x));
  const w0 = inst.n0.map((x) => (2 * c) / Math.sqrt(1 + 2 * a * x));
  const scale = Math.max(...wts, ...w0);
  if (!inst.series && inst.direct >= SERIES_AFTER) {
    inst.series = {
      ts: new ProjectedArcsin(inst.gts, n, inst.ns, b, inst.U, Ps),
      s0: new ProjectedArcsin(inst.g0s, Pte, inst.ns, b, inst.U, Ps),
    };
  }
  if (inst.series && inst.series.ts.usable(scale) && inst.series.s0.usable(scale)) {
    return { ts: inst.series.ts.project(wts), s0: inst.series.s0.project(w0) };
  }
  inst.direct++;
  return {
    ts: matmul(kernelMatrix(a, b, c, inst.gts, inst.nt, inst.ns), inst.U, n, Ps, Ps),
    s0: matmul(kernelMatrix(a, b, c, inst.g0s, inst.n0, inst.ns), inst.U, Pte, Ps, Ps),
  };
}

export function couplingOf(inst: Instance, lam0: number, gamma: number): Coupling {
  const key = `${inst.key}|${gamma}`;
  return couplings.getOr(key, () => {
    const w = weightMoments(lam0, gamma);
    const transfer = w.covST > 0;
    const projected = transfer ? projectSourceKernels(inst, w.varT, w.varS, w.covST) : null;
    return {
      gamma,
      Ktt: kernelMatrix(w.varT, w.varT, w.varT, inst.gtt, inst.nt, inst.nt),
      Koff: kernelMatrix(w.varT, w.varT, w.covTT, inst.gtt, inst.nt, inst.nt),
      Khts: projected ? projected.ts : null,
      Kh0s: projected ? projected.s0 : null,
      K0t: kernelMatrix(w.varT, w.varT, w.varT, inst.g0t, inst.n0, inst.nt),
      K0off: kernelMatrix(w.varT, w.varT, w.covTT, inst.g0t, inst.n0, inst.nt),
      k00tt: kernelDiag(w.varT, w.varT, inst.n0),
      k00off: kernelDiag(w.varT, w.covTT, inst.n0),
    };
  });
}

interface SourceBlocks {
  mu: Float64Array;
  M: Float64Array;
  m0: Float64Array;
  B0: Float64Array;
  d0: Float64Array;
}

const blocks = new Lru<SourceBlocks>(96);

/** The source-side blocks at one (coupling, source state): μ, M and their test-point versions. */
function sourceBlocks(inst: Instance, c: Coupling, src: SourceState, srcKey: string): SourceBlocks {
  const { n, Ps, Pte } = inst;
  if (!c.Khts || !c.Kh0s) {
    return {
      mu: new Float64Array(n),
      M: new Float64Array(n * n),
      m0: new Float64Array(Pte),
      B0: new Float64Array(Pte * n),
      d0: new Float64Array(Pte),
    };
  }
  return blocks.getOr(`${inst.key}|${c.gamma}|${srcKey}`, () => {
    const d0 = new Float64Array(Pte);
    for (let i = 0; i < Pte; i++) {
      let s = 0;
      for (let k = 0; k < Ps; k++) s += src.g[k] * c.Kh0s![i * Ps + k] ** 2;
      d0[i] = s;
    }
    return {
      mu: matvec(c.Khts!, src.gy, n, Ps),
      M: matmulDiagT(c.Khts!, src.g, c.Khts!, n, Ps, n, true),
      m0: matvec(c.Kh0s!, src.gy, Pte, Ps),
      B0: matmulDiagT(c.Kh0s!, src.g, c.Khts!, Pte, Ps, n),
      d0,
    };
  });
}

/**
 * The target problem and the test blocks at one coupling and width. With
 * `withSource = false` (infinite width, scratch: Q_st = 0) the source blocks
 * are zero and not computed.
 */
export function problemOf(
  inst: Instance,
  c: Coupling,
  src: SourceState,
  m: Model,
  N1: number,
  withSource = true,
): { pb: TargetProblem; tb: TestBlocks } {
  const ds = dataOf(m);
  const b = withSource
    ? sourceBlocks(inst, c, src, [m.noise, N1, m.T, m.lam1].join('|'))
    : sourceBlocks(inst, { ...c, Khts: null, Kh0s: null }, src, '');
  return {
    pb: { n: inst.n, Ktt: c.Ktt, Koff: c.Koff, mu: b.mu, M: b.M, y: ds.yt, Qs: src.Qs, lam1: m.lam1, T: m.T, N1 },
    tb: {
      Pte: inst.Pte,
      K0t: c.K0t,
      K0off: c.K0off,
      k00tt: c.k00tt,
      k00off: c.k00off,
      m0: b.m0,
      B0: b.B0,
      d0: b.d0,
      yte: ds.yte,
    },
  };
}
