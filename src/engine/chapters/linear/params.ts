/**
 * The deep-linear chapter's one parameter schema (docs/science/linear.md). It drives
 * the sliders, URL keys, validation and the CLI flags.
 */
import type { ParamsOf, Schema } from '../../core/schema';
import { seedsParam, simCount } from '../../core/paramSpecs';

export const schema = [
  {
    kind: 'number',
    name: 'theta',
    label: 'source–target angle',
    symbol: '\\theta',
    unit: '°',
    min: 0,
    max: 90,
    step: 0.5,
    default: 22.5,
    group: 'model',
    description:
      'Angle between the source teacher bₛ and the target teacher bₜ; cos θ is their feature overlap. 0° = same ' +
      'task, 90° = unrelated.',
  },
  {
    kind: 'number',
    name: 'gamma',
    label: 'target data ratio',
    symbol: '\\gamma',
    min: 0.05,
    max: 2,
    step: 0.01,
    default: 0.5,
    group: 'model',
    description:
      'nₜ/d: target training samples per input dimension. Scratch training interpolates below 1 and is ' +
      'over-determined above 1.',
  },
  {
    kind: 'number',
    name: 'noise',
    aliases: ['sigma'],
    label: 'target label noise',
    symbol: '\\sigma',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.2,
    group: 'model',
    description:
      'Standard deviation of the Gaussian noise added to target labels. With noise, scratch training has a ' +
      'double-descent peak at γ = 1.',
  },
  {
    kind: 'number',
    name: 'lam',
    label: 'readout ridge',
    symbol: '\\lambda',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0,
    group: 'model',
    description:
      'Ridge penalty of the re-fitted last layer in linear transfer (c = (FᵀF + nₜλI)⁻¹Fᵀy, on the features the ' +
      'source network learned). In this model ridge only hurts.',
  },
  {
    kind: 'choice',
    name: 'source',
    label: 'source data',
    default: 'infinite',
    group: 'model',
    options: [
      { value: 'infinite', label: 'infinite (population loss)' },
      { value: 'finite', label: 'finite (γₛ·d samples)' },
    ],
    description:
      'Pretrain the source network on the population loss (it learns bₛ exactly) or on γₛ·d noisy samples (it ' +
      'learns the min-norm interpolator).',
  },
  {
    kind: 'number',
    name: 'gammaS',
    aliases: ['gamma_s'],
    label: 'source data ratio',
    symbol: '\\gamma_s',
    min: 0.1,
    max: 3,
    step: 0.05,
    default: 1.5,
    group: 'model',
    description: 'nₛ/d for a finite source. Used only when "source data" is finite.',
  },
  {
    kind: 'number',
    name: 'noiseS',
    aliases: ['sigma_s'],
    label: 'source label noise',
    symbol: '\\sigma_s',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.2,
    group: 'model',
    description: 'Label noise of the finite source data. Used only when "source data" is finite.',
  },
  {
    kind: 'number',
    name: 't',
    label: 'target teacher norm',
    symbol: '\\|b_t\\|',
    min: 0.25,
    max: 3,
    step: 0.05,
    default: 1,
    group: 'model',
    description:
      'Norm of the target teacher. Rescaling bₜ keeps the feature but changes every divergence between the tasks.',
  },
  {
    kind: 'number',
    name: 'L',
    label: 'depth',
    symbol: 'L',
    min: 2,
    max: 5,
    step: 1,
    integer: true,
    default: 2,
    group: 'model',
    description:
      'Number of layers of the deep linear network. In the theory it only rescales the ridge penalty (feature ' +
      'scale q^((L−1)/L)).',
  },
  simCount('d', {
    label: 'input dimension',
    symbol: 'd',
    range: [50, 400, 10],
    default: 100,
    description:
      'Input dimension = width of the simulated networks. The theory is the d → ∞ limit; larger d agrees better ' +
      'and trains slower.',
  }),
  {
    kind: 'choice',
    name: 'points',
    label: 'simulated points',
    default: 'gd',
    group: 'simulation',
    options: [
      { value: 'gd', label: 'train the network (gradient descent)' },
      { value: 'exact', label: 'exact estimators (instant)' },
    ],
    description:
      'Gradient descent trains the deep linear network in tfjs (scratch, fine-tuning; closed-form readout for ' +
      'transfer). Exact estimators compute the limits GD converges to (min-norm least squares etc.) in float64.',
  },
  simCount('steps', {
    label: 'max GD steps',
    range: [100, 10000, 100],
    default: 3000,
    description:
      'Upper bound on full-batch gradient-descent steps; training stops earlier when the loss is within 1e-6 of ' +
      'the least-squares minimum.',
  }),
  seedsParam({
    max: 50,
    default: 5,
    description:
      'Independent draws (teachers, data, initialisation) averaged per simulated point; error bars are standard ' +
      'errors over them.',
  }),
  {
    kind: 'choice',
    name: 'protocol',
    label: 'phase-diagram protocol',
    default: 'transfer',
    group: 'model',
    usedBy: ['phase'],
    options: [
      { value: 'transfer', label: 'linear transfer' },
      { value: 'finetune', label: 'fine-tuning' },
    ],
    description:
      'Which protocol the phase diagram compares against training from scratch: transferability 𝒯 = R(scratch) − ' +
      'R(protocol).',
  },
] as const satisfies Schema;

/**
 * What a simulation task of the divergence figure adds to the reader's parameters: which family of target teachers
 * (`FAMILIES` in figures.ts) it draws. No slider, no URL key; absent from the reader's parameters, hence optional.
 */
type TaskFields = { family?: number };

/** The chapter's parameters, typed by the schema (plus the task field of a simulation task). */
export type LinearParams = ParamsOf<typeof schema> & TaskFields;
