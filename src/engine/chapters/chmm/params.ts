/**
 * The CHMM chapter's one parameter schema (docs/science/chmm.md, Protocols;
 * sizes scaled down for the browser: see "As implemented" in text.ts). It drives the sliders,
 * URL keys, validation and the CLI flags.
 */
import type { ParamsOf, Schema } from '../../core/schema';
import { seedsParam, simCount } from '../../core/paramSpecs';
import type { ChmmKnobs } from './generator';

export const FIG_CURVES = 'curves';
export const FIG_GAIN = 'gain';
export const FIG_MAP = 'map';
export const FIG_FINITE = 'finite-size';

/** The four correlation knobs, in the order the `knob` choice lists them. */
export const KNOBS = ['dF', 'dth', 'fsub', 'dD'] as const;
export type Knob = (typeof KNOBS)[number];

export const schema = [
  {
    kind: 'number',
    name: 'alpha',
    label: 'target data ratio',
    symbol: '\\alpha',
    min: 0.1,
    max: 10,
    step: 0.01,
    log: true,
    default: 1,
    group: 'model',
    description:
      'α = P/N: target training samples per input dimension. The learning-curve figure sweeps it; the other two ' +
      'figures use it as the reader’s point.',
  },
  {
    kind: 'number',
    name: 'dF',
    label: 'feature perturbation',
    symbol: '\\delta_F',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0,
    group: 'model',
    description:
      'How much the map from latent factors to inputs changes: the target’s map is √(1−δF) times the source’s plus ' +
      '√δF times a fresh random one. 0 = same inputs, 1 = unrelated feature maps.',
  },
  {
    kind: 'number',
    name: 'dth',
    label: 'teacher perturbation',
    symbol: '\\delta_\\theta',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0,
    group: 'model',
    description:
      'How much the label rule changes: the target’s rule vector is √(1−δθ) times the source’s plus √δθ times a ' +
      'fresh random one. The two rules disagree on a fraction arccos(√(1−δθ))/π of the inputs.',
  },
  {
    kind: 'number',
    name: 'fsub',
    label: 'substituted latent features',
    symbol: 'f_{\\rm sub}',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0,
    group: 'model',
    description: 'Fraction of the latent features (rows of F) the target replaces with fresh random ones.',
  },
  {
    kind: 'number',
    name: 'dD',
    label: 'latent-dimension change',
    symbol: '\\delta_D',
    min: -0.8,
    max: 1,
    step: 0.05,
    default: 0,
    group: 'model',
    description:
      'Relative change of the latent dimension, target over source minus 1. Positive: the target has extra latent ' +
      'directions (a richer task); negative: it drops some (a simpler task).',
  },
  {
    kind: 'number',
    name: 'delta',
    label: 'latent/input ratio',
    symbol: '\\delta',
    min: 0.1,
    max: 2,
    step: 0.05,
    default: 0.5,
    group: 'model',
    description: 'Dimension of the source’s hidden manifold per input dimension.',
  },
  {
    kind: 'number',
    name: 'width',
    label: 'hidden width ratio',
    symbol: 'K/N',
    min: 0.25,
    max: 2,
    step: 0.05,
    default: 1,
    group: 'model',
    description: 'Hidden units of the two-layer network per input dimension.',
  },
  {
    kind: 'number',
    name: 'lam',
    label: 'readout ridge',
    symbol: '\\lambda',
    min: 0.001,
    max: 10,
    step: 0.001,
    log: true,
    default: 0.1,
    group: 'model',
    description:
      'L2 penalty of the readout trained on frozen features (transfer and random features): min Σ(y − w·φ)² + ' +
      'λ|w|² (ridge) or Σ log(1+e^{−y w·φ}) + (λ/2)|w|² (logistic).',
  },
  {
    kind: 'choice',
    name: 'readout',
    label: 'readout loss',
    default: 'ridge',
    group: 'model',
    options: [
      { value: 'ridge', label: 'ridge (square loss, closed form)' },
      { value: 'logistic', label: 'logistic (Newton)' },
    ],
    description:
      'Loss of the new readout on frozen features (transfer and random features). The theory curves are for the ' +
      'ridge readout; with the logistic readout only simulations are drawn.',
  },
  {
    kind: 'number',
    name: 'alphaS',
    aliases: ['alpha_s'],
    label: 'source data ratio',
    symbol: '\\alpha_s',
    min: 1,
    max: 20,
    step: 0.5,
    default: 10,
    group: 'model',
    description:
      'Source samples per input dimension that the source network is pretrained on. More source data → features ' +
      'closer to the source task.',
  },
  {
    kind: 'number',
    name: 'noise',
    aliases: ['eta'],
    label: 'target label noise',
    symbol: '\\eta',
    min: 0,
    max: 0.3,
    step: 0.01,
    default: 0,
    group: 'model',
    description: 'Probability that a target training label is flipped. Test error is measured against the clean rule.',
  },
  {
    kind: 'choice',
    name: 'knob',
    label: 'correlation knob',
    default: 'dth',
    group: 'model',
    usedBy: [FIG_GAIN, FIG_MAP],
    options: [
      { value: 'dF', label: 'feature perturbation δF' },
      { value: 'dth', label: 'teacher perturbation δθ' },
      { value: 'fsub', label: 'fraction of substituted features' },
      { value: 'dD', label: 'latent-dimension change δD' },
    ],
    description: 'Which source–target correlation knob the gain figure sweeps and the map puts on its vertical axis.',
  },
  simCount('N', {
    label: 'input dimension',
    symbol: 'N',
    range: [20, 200, 1],
    default: 50,
    description:
      'Input dimension (K = width·N hidden units, D = δ·N latents). Training cost grows like N³: the source ' +
      'network, shared by the theory and the simulations, takes ≈1.5 s at N = 50 and ≈1 min at N = 200.',
  }),
  {
    kind: 'choice',
    name: 'cov',
    label: 'theory covariances',
    default: 'mc',
    group: 'simulation',
    options: [
      { value: 'mc', label: 'Monte Carlo (200·K samples)' },
      { value: 'analytic', label: 'two-step linearisation (fast preview)' },
    ],
    description:
      'How the theory gets the Gaussian-equivalent feature covariances: sampled from the model (accurate), or the ' +
      'analytic linearisation of tanh and erf (instant, up to ≈0.02 off for learned features).',
  },
  simCount('steps', {
    label: 'Adam steps (source, scratch)',
    range: [50, 1000, 10],
    default: 150,
    description:
      'Full-batch Adam steps (learning rate 0.02) for the source network and the network trained from scratch.',
  }),
  simCount('ftSteps', {
    aliases: ['ft_steps'],
    label: 'Adam steps (fine-tuning)',
    range: [10, 500, 10],
    default: 60,
    description: 'Full-batch Adam steps (learning rate 0.005) when fine-tuning the source network on the target.',
  }),
  simCount('nTest', {
    aliases: ['ntest'],
    label: 'test samples',
    range: [500, 10000, 100],
    default: 2000,
    description: 'Fresh target samples the test error is measured on (binomial noise ≈ √(ε(1−ε)/nTest) ≈ 0.008).',
  }),
  seedsParam({
    max: 20,
    default: 5,
    description:
      'Independent draws averaged per simulated point; error bars are standard errors over them. A seed draws the ' +
      'target training and test data and the scratch network’s initialisation; the tasks, the source network ' +
      'and the random features are the figure’s one instance, shared with the theory (in the finite-size ' +
      'figure each seed is a whole new instance).',
  }),
] as const satisfies Schema;

/** The chapter's parameters, typed by the schema (a simulation task carries no other field). */
export type ChmmParams = ParamsOf<typeof schema>;

/** Sizes of one instance. */
export interface Sizes {
  N: number;
  K: number;
  Ds: number;
}

export function sizesOf(p: ChmmParams): Sizes {
  const N = p.N;
  return {
    N,
    K: Math.max(2, Math.round(p.width * N)),
    Ds: Math.max(2, Math.round(p.delta * N)),
  };
}

export function knobsOf(p: ChmmParams): ChmmKnobs {
  const { N, Ds } = sizesOf(p);
  return { N, Ds, dF: p.dF, dth: p.dth, fsub: p.fsub, dD: p.dD };
}

/** The knob the parameters choose (a value outside the choice, which sanitised parameters never carry: 'dth'). */
export function knobOf(p: ChmmParams): Knob {
  const k: string = p.knob;
  return KNOBS.find((x) => x === k) ?? 'dth';
}

/** Range of a correlation knob (from the schema). */
export function knobRange(k: Knob): [number, number] {
  const spec = schema.find((s) => s.name === k)!;
  return spec.kind === 'number' ? [spec.min, spec.max] : [0, 1];
}

/** Target training samples P = round(α N), at least 2. */
export function targetSamples(alpha: number, N: number): number {
  return Math.max(2, Math.round(alpha * N));
}

/** Source training samples P_s = round(α_s N). */
export function sourceSamples(p: ChmmParams): number {
  return Math.max(2, Math.round(p.alphaS * p.N));
}
