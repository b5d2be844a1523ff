/**
 * Named parameter sets reproducing the paper's figures (docs/science/linear.md). Only non-default values are listed.
 */
import type { Preset } from '../../core/chapter';
import type { LinearParams } from './params';

// Typed by the chapter's parameters: a misspelt or mistyped value does not compile.
export const presets: Preset<LinearParams>[] = [
  {
    id: 'scratch-noiseless',
    title: 'Scratch, no noise (Fig. 1)',
    fig: 'curves',
    params: { noise: 0 },
    caption: 'Without label noise the scratch error falls linearly, $R = 1 - \\gamma$, and vanishes once $n_t \\ge d$.',
  },
  {
    id: 'scratch-double-descent',
    title: 'Double descent (Fig. 1)',
    fig: 'curves',
    params: { noise: 0.2, points: 'exact', d: 200, seeds: 10 },
    caption:
      'With noise $\\sigma = 0.2$ scratch training peaks at the interpolation threshold $\\gamma = 1$; fine-tuning ' +
      'inherits the peak. The points are the exact interpolators at $d = 200$, up to $\\gamma = 0.95$ and from ' +
      '$1.05$: in the shaded band their mean lies above the $d \\to \\infty$ line (at $\\gamma = 0.95$, $0.89$ ' +
      'instead of $0.81$) because the noise term at finite size is $\\sigma^2 n_t/(d - n_t - 1)$, and their ' +
      'error bars grow as the peak is approached.',
  },
  {
    id: 'lt-phase-noiseless',
    title: 'Linear-transfer phase diagram, σ = 0 (Fig. 2)',
    fig: 'phase',
    params: { noise: 0, points: 'exact', d: 400, seeds: 50 },
    caption:
      'Transfer helps below $\\gamma^* = \\cos^2\\theta$: little target data and a small angle. Exact estimators ' +
      'at $d = 400$, 50 seeds a cell.',
  },
  {
    id: 'lt-phase-noisy',
    title: 'Linear-transfer phase diagram, σ = 0.2 (Fig. 2)',
    fig: 'phase',
    params: { noise: 0.2, points: 'exact', d: 400, seeds: 50 },
    caption:
      'Noise adds a thin strip of positive transfer around $\\gamma = 1$, where scratch training is at its ' +
      'double-descent peak. Exact estimators at $d = 400$, 50 seeds a cell.',
  },
  {
    id: 'lt-slices',
    title: 'Slice at θ = π/4 (Fig. 3)',
    fig: 'curves',
    params: { theta: 45 },
    caption:
      'At $\\theta = \\pi/4$ linear transfer ($R = \\sin^2\\theta = 0.5$) beats scratch only below $\\gamma ' +
      '\\approx 0.55$ and in the noise strip near 1.',
  },
  {
    id: 'ridge-hurts',
    title: 'Readout ridge only hurts (Fig. 5)',
    fig: 'curves',
    params: { lam: 0.5, points: 'exact', d: 200, seeds: 10 },
    caption:
      'The transferred readout fits one scalar; shrinking it with $\\lambda$ biases it and raises $R_{\\text{LT}}$ ' +
      'from 0.146 to 0.241 at $\\theta = \\pi/8$. Exact estimators at $d = 200$, 10 seeds (the points of the ' +
      'double-descent preset for scratch and fine-tuning).',
  },
  {
    id: 'ft-phase',
    title: 'Fine-tuning phase diagram (Fig. 7)',
    fig: 'phase',
    params: { noise: 0, protocol: 'finetune', points: 'exact', d: 400, seeds: 50 },
    caption:
      'Fine-tuning helps exactly when $\\|b_t - b_s\\| < \\|b_t\\|$: the boundary is the vertical line $\\theta = ' +
      '60°$, and beyond $\\gamma = 1$ it equals scratch.',
  },
  {
    id: 'ft-finite-source',
    title: 'Fine-tuning from a finite source (Fig. 8)',
    fig: 'phase',
    params: { source: 'finite', gammaS: 0.5, noiseS: 0.2, protocol: 'finetune', points: 'exact', d: 400, seeds: 50 },
    caption:
      'A source trained on $n_s = d/2$ noisy samples learns a shorter, noisier vector; the boundary moves to ' +
      '$\\cos\\theta \\approx 0.54$ ($\\theta \\approx 57°$).',
  },
  {
    id: 'divergence-pair',
    title: 'Same divergence, opposite outcome',
    fig: 'divergence',
    params: { theta: 60, points: 'exact', d: 400, seeds: 50 },
    caption:
      'A teacher rescaled to $2 b_s$ and a unit teacher at $60°$ are both at distance 1 from $b_s$ (KL = 12.5 nats ' +
      'at $\\sigma = 0.2$): the first transfers strongly, the second negatively. The points are the exact ' +
      'estimators ($d = 400$, 50 seeds), which fine-tune onto the plain closest interpolator; trained networks ' +
      'fine-tune the rescaled teacher better still, along the line marked "trained by GD (L15)" (see the ' +
      'figure caption).',
  },
];
