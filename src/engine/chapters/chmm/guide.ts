/**
 * The first-time reader's path through this chapter (core/guide.ts). Each step
 * restates what its preset's caption says of the same chart
 * (docs/science/chmm.md, Figures); no new claims.
 */
import type { Guide } from '../../core/guide';

export const guide: Guide = {
  steps: [
    {
      title: 'Same task, little data',
      preset: 'identical-tasks',
      move: 'alpha',
      text:
        'Source and target are the same task. Move $\\alpha$ (target examples per input dimension) and watch the ' +
        'curves: at small $\\alpha$ transfer is far ahead, random features are worst and fine-tuning is best.',
    },
    {
      title: 'Related, not identical',
      preset: 'correlated-tasks',
      move: 'dth',
      text:
        'The target rule is rotated ($\\delta_\\theta = 0.5$) and the input map changed ($\\delta_F = 0.3$). Move ' +
        '$\\delta_\\theta$ back towards 0 and watch the transfer curve drop again.',
      predict:
        'With tasks this different, will training from scratch overtake transfer at more or at less target data ' +
        'than for identical tasks?',
      reveal:
        'At much less: scratch catches up between $\\alpha = 0.3$ and $0.5$, and from $\\alpha \\approx 1$ on ' +
        'transfer falls behind even random features (negative transfer).',
    },
    {
      title: 'How far can the rule move?',
      preset: 'teacher-gain',
      move: 'alpha',
      text:
        'The gain of frozen source features over random ones, against the rule change $\\delta_\\theta$ at ' +
        '$\\alpha = 2$. Move $\\alpha$ and watch where the curve crosses zero: below zero transfer hurts.',
    },
    {
      title: 'The map',
      preset: 'map-teacher',
      move: 'lam',
      text:
        'Every $(\\alpha, \\delta_\\theta)$ at once: transfer helps at small $\\alpha$ and similar rules. Move the ' +
        'readout ridge $\\lambda$ and watch the zero line move.',
    },
  ],
  primary: {
    curves: ['alpha', 'dth', 'dF'],
    gain: ['knob', 'alpha'],
    map: ['knob', 'lam', 'alphaS'],
    'finite-size': ['alpha', 'dth', 'seeds'],
  },
  glossary: [
    {
      tex: '\\varepsilon',
      aliases: ['ε', 'ε_g'],
      meaning: 'Test classification error: the fraction of fresh target examples the network labels wrongly.',
      range: '0 … 0.5 (0.5 = guessing)',
    },
    {
      tex: '\\varepsilon_{\\rm transfer}',
      aliases: ['ε_transfer', 'ε transfer'],
      meaning:
        'Test error of the transferred network: the source network’s first layer frozen, a new readout trained on ' +
        'the target.',
      range: '0 … 0.5',
    },
    {
      tex: '\\varepsilon_{\\rm random}',
      aliases: ['ε_random', 'ε random'],
      meaning:
        'Test error of random features: a frozen, untrained random first layer with a trained readout (the ' +
        'no-transfer baseline).',
      range: '0 … 0.5',
    },
    {
      tex: '\\varepsilon_{\\rm scratch}',
      aliases: ['ε_scratch'],
      meaning: 'Test error of the whole two-layer network trained on the target alone.',
      range: '0 … 0.5',
    },
    {
      tex: 'W',
      aliases: ['W'],
      meaning:
        'First-layer weights of the two-layer network, one row per hidden unit: the feature map φ(x) = g(Wx/√N) ' +
        'that transfer freezes after training on the source task.',
      range: 'a K × N matrix',
    },
    {
      tex: 'K',
      aliases: ['K'],
      meaning: 'Number of hidden units of the two-layer network (the width slider sets K/N).',
      range: '≥ 1',
    },
    {
      tex: '\\Omega',
      aliases: ['Ω'],
      meaning:
        'Second-moment matrix of the frozen features on target inputs, E[vvᵀ]: with the class mean μ it defines ' +
        'the Gaussian surrogate the theory uses.',
      range: 'a K × K positive semi-definite matrix',
    },
    {
      tex: '\\mu',
      aliases: ['μ'],
      meaning: 'Class mean of the frozen features, μ = E[v y]: how strongly the features point at the target label.',
      range: 'a vector in ℝᴷ',
    },
    { tex: 'P', aliases: ['P'], meaning: 'Number of target training examples (α = P/N).' },
    {
      tex: 'F',
      aliases: ['F'],
      meaning: 'The map from the latent manifold to the input space; δ_F perturbs it between source and target.',
    },
  ],
};
