/**
 * The chapter's one parameter schema (docs/science/proportional.md, Model and Provenance) and the derived sizes. It
 * drives sliders, URL keys, validation and the CLI flags.
 */
import type { ParamsOf, Schema } from '../../core/schema';
import { seedsParam, simCount } from '../../core/paramSpecs';

/** Smallest coupling on the log slider; the theory there is within 1% of γ = 0 (tested), so it reads as "≈ scratch". */
export const GAMMA_MIN = 0.001;
export const GAMMA_MAX = 1000;

/** The Gaussian prior precision of one layer's weights: both layers' priors range alike (log slider, 0.1 … 10). */
function priorPrecision<const N extends string>(name: N, layer: string, symbol: string, description: string) {
  const range = { min: 0.1, max: 10, step: 0.01, log: true, default: 1 } as const;
  return {
    kind: 'number',
    name,
    label: `${layer} prior precision`,
    symbol,
    ...range,
    group: 'model',
    description,
  } as const;
}

export const schema = [
  {
    kind: 'number',
    name: 'gamma',
    label: 'coupling to the source',
    symbol: '\\gamma',
    min: GAMMA_MIN,
    max: GAMMA_MAX,
    step: 0.001,
    log: true,
    default: 10,
    group: 'model',
    description:
      'Strength of the elastic term (γ/2)|W − Wₛ|² tying the target first layer to a source sample. A log slider ' +
      'cannot reach 0: its left end γ = 0.001 is indistinguishable from training from scratch, and the exact γ ' +
      '= 0 baseline is drawn as its own curve.',
  },
  {
    kind: 'number',
    name: 'rho',
    label: 'teacher overlap',
    symbol: '\\rho',
    min: -1,
    max: 1,
    step: 0.01,
    default: 0.9,
    group: 'model',
    description:
      'Overlap wₛ·wₜ/N₀ of the source and target teachers: 1 = same task, 0 = unrelated, negative = anti-correlated.',
  },
  {
    kind: 'number',
    name: 'alphaT',
    aliases: ['alpha_t'],
    label: 'target data per hidden unit',
    symbol: '\\alpha_t',
    min: 0.25,
    max: 4,
    step: 0.05,
    default: 1,
    group: 'model',
    description: 'αₜ = Pₜ/N₁: target training examples per hidden unit (the proportional-limit ratio).',
  },
  {
    kind: 'number',
    name: 'alphaS',
    aliases: ['alpha_s'],
    label: 'source data per hidden unit',
    symbol: '\\alpha_s',
    min: 0.5,
    max: 8,
    step: 0.1,
    default: 4,
    group: 'model',
    description: 'αₛ = Pₛ/N₁: source training examples per hidden unit.',
  },
  {
    kind: 'number',
    name: 'N1',
    label: 'hidden width',
    symbol: 'N_1',
    min: 20,
    max: 400,
    step: 1,
    log: true,
    integer: true,
    default: 100,
    group: 'model',
    description:
      'Width of the hidden layer; the data sizes are P = α N₁. The width figure holds the data fixed and follows ' +
      'the theory out to N₁ = 10⁴, far beyond what the simulation reaches.',
  },
  {
    kind: 'number',
    name: 'N0',
    label: 'input dimension',
    symbol: 'N_0',
    min: 50,
    max: 300,
    step: 1,
    integer: true,
    default: 100,
    group: 'model',
    description: 'Dimension of the Gaussian inputs x ~ N(0, I).',
  },
  {
    kind: 'number',
    name: 'T',
    label: 'temperature',
    symbol: 'T',
    min: 0.001,
    max: 1,
    step: 0.001,
    log: true,
    default: 0.01,
    group: 'model',
    description:
      'Posterior temperature: p(θ) ∝ exp(−L/T − prior). Low T fits the training data closely (and makes Langevin ' +
      'dynamics stiff).',
  },
  priorPrecision('lam0', 'first-layer', '\\lambda_0', 'Gaussian prior on the first-layer weights, Wᵢⱼ ~ N(0, 1/λ₀).'),
  priorPrecision('lam1', 'readout', '\\lambda_1', 'Gaussian prior on the readout weights, vᵢ ~ N(0, 1/λ₁).'),
  {
    kind: 'number',
    name: 'noise',
    label: 'label noise',
    symbol: '\\sigma_n',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0,
    group: 'model',
    description: 'Standard deviation of Gaussian noise on the training labels of both tasks (test labels are clean).',
  },
  {
    kind: 'number',
    name: 'dataset',
    label: 'dataset draw',
    min: 0,
    max: 99,
    step: 1,
    integer: true,
    smooth: false,
    default: 0,
    group: 'model',
    description:
      'Which draw of the synthetic teachers, inputs and label noise. The theory is a single-instance theory: it ' +
      'predicts the error on this very dataset, and the simulation samples the posterior on the same data.',
  },
  seedsParam({
    label: 'Langevin chains per point',
    max: 20,
    default: 2,
    description:
      'Independent source-posterior samples (each with its own target chains) per simulated point; error bars are ' +
      'standard errors over them, never below their chains’ own Monte Carlo errors.',
  }),
  simCount('burn', {
    label: 'burn-in steps',
    range: [100, 5000, 100],
    default: 300,
    description:
      'Langevin steps before measuring each target chain; the source chain runs three times as long and its last ' +
      'state is the source sample. The two target chains of a source sample (one started at it, one at a prior ' +
      'draw) run on together, up to one more measurement window, while their between-chain split-R̂ is ' +
      '1.1 or more.',
  }),
  simCount('samples', {
    label: 'posterior samples',
    range: [10, 1000, 10],
    default: 20,
    description:
      'Measurements per target chain (two chains per source sample, three per scratch seed), one every 10 ' +
      'Langevin steps after burn-in ' +
      '(each Rao–Blackwellised over the readout).',
  }),
  {
    kind: 'number',
    name: 'eta',
    label: 'Langevin step',
    symbol: '\\eta',
    min: 0.0005,
    max: 0.02,
    step: 0.0005,
    log: true,
    default: 0.005,
    group: 'simulation',
    description:
      'Initial step of the Langevin dynamics in temperature-scaled time, θ ← θ − η(∇L/T + ∇prior) + √(2η) ξ. Each ' +
      'chain tunes it during burn-in towards 60% Metropolis acceptance, so the result does not depend on it; ' +
      'it only sets where the tuning starts.',
  },
] as const satisfies Schema;

/**
 * What a simulation task of the width figure adds to the reader's parameters: the data sizes held fixed while N1
 * moves (see `sizesOf`). No slider, no URL key; absent from the reader's parameters, hence optional.
 */
type TaskFields = { Pt?: number; Ps?: number };

/** The chapter's parameters, typed by the schema (plus the width figure's task fields). */
export type ProportionalParams = ParamsOf<typeof schema> & TaskFields;

/** Simulation-only parameters: the theory never reads them (contract.test.ts). */
export const SIM_KNOBS = ['seeds', 'burn', 'samples', 'eta'] as const;
/** The parameters every figure's theory (and grid) reads: every model parameter, none of the simulation knobs. */
export const THEORY_DEPS = [
  'gamma',
  'rho',
  'alphaT',
  'alphaS',
  'N1',
  'N0',
  'T',
  'lam0',
  'lam1',
  'noise',
  'dataset',
] as const satisfies readonly (keyof ProportionalParams)[];

/** Test points on which theory and simulation measure the error (the same points for both). */
export const P_TEST = 200;
/** Langevin steps between two measurements (and between two exact readout draws). */
export const MEASURE_EVERY = 10;
/** Largest data sizes the in-browser theory accepts (an O(P_s³) eigendecomposition, O(P_t³) solves). */
export const MAX_PS = 800;
export const MAX_PT = 400;

export interface Sizes {
  N0: number;
  N1: number;
  Pt: number;
  Ps: number;
}

/**
 * Data sizes P = round(α N1). The width figure overrides them with the internal
 * keys `Pt`/`Ps` (data held fixed while N1 moves).
 */
export function sizesOf(p: ProportionalParams): Sizes {
  const N1 = Math.round(p.N1);
  const Pt = typeof p.Pt === 'number' ? p.Pt : Math.max(2, Math.round(p.alphaT * N1));
  const Ps = typeof p.Ps === 'number' ? p.Ps : Math.max(2, Math.round(p.alphaS * N1));
  return { N0: Math.round(p.N0), N1, Pt, Ps };
}
