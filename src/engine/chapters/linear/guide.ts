/**
 * The first-time reader's path through this chapter (core/guide.ts). Every
 * claim is read off the chapter's own theory at the step's parameters
 * (docs/science/linear.md; the numbers are checked in guide.test.ts).
 */
import type { Guide } from '../../core/guide';

export const guide: Guide = {
  steps: [
    {
      title: 'The crossover',
      preset: 'scratch-noiseless',
      move: 'theta',
      text:
        'Without label noise scratch error falls as $R = 1 - \\gamma$ and linear transfer sits at $R = ' +
        '\\sin^2\\theta$. Move $\\theta$ and watch the line marked “scratch catches up with transfer”.',
      predict:
        'Before you move it: as the tasks drift apart (larger $\\theta$), does scratch catch up with transfer at ' +
        'more or at less target data?',
      reveal:
        'At less: the crossing sits at $\\gamma^* = \\cos^2\\theta$, about 0.85 at 22.5° and 0.5 at 45°. A worse ' +
        'feature is overtaken sooner.',
    },
    {
      title: 'Noise opens a window',
      preset: 'scratch-double-descent',
      move: 'noise',
      text:
        'With label noise $\\sigma = 0.2$ scratch training peaks at $\\gamma = 1$, where it just interpolates the ' +
        'data. Move $\\sigma$ and watch the peak grow and shrink; linear transfer does not have it.',
    },
    {
      title: 'The whole phase diagram',
      preset: 'lt-phase-noiseless',
      move: 'theta',
      text:
        'The colour is the transferability $\\mathcal{T}$: on one side of the zero contour transfer helps ' +
        '($\\mathcal{T} > 0$), on the other it hurts. Move $\\theta$ and $\\gamma$ and watch your point cross ' +
        'the zero line $\\gamma^* = \\cos^2\\theta$.',
    },
    {
      title: 'Fine-tuning',
      preset: 'ft-phase',
      move: 'theta',
      text:
        'Fine-tuning starts from the source weights. Move $\\theta$ across 60° and watch your point change side: ' +
        'below $\\gamma = 1$ the boundary is a vertical line.',
      predict:
        'Fine-tuning keeps training every layer. Will the boundary still depend on how much target data there is?',
      reveal:
        'No: fine-tuning helps exactly when $\\|b_t - b_s\\| < \\|b_t\\|$, that is $\\theta < 60°$, at every ' +
        '$\\gamma$ below 1; beyond $\\gamma = 1$ it equals scratch.',
    },
    {
      title: 'Distance is not destiny',
      preset: 'divergence-pair',
      move: 't',
      text:
        'Your teacher is at distance 1 from the source, and transfer hurts ($\\mathcal{T} \\approx -0.21$). Set ' +
        '$\\theta = 0$ and move $\\|b_t\\|$ to 2: the same distance and the same KL = 12.5 nats, but transfer ' +
        'now helps strongly ($\\mathcal{T} \\approx 2$).',
    },
  ],
  primary: {
    curves: ['theta', 'gamma', 'noise'],
    phase: ['protocol', 'theta', 'gamma', 'noise'],
    divergence: ['theta', 't', 'gamma'],
  },
  glossary: [
    {
      tex: '\\hat b_s',
      aliases: ['b̂ₛ', 'b_s hat'],
      meaning:
        'The source feature the pretrained network learnt: its end-to-end weight vector after training on the ' +
        'source task (equal to the source teacher bₛ with infinite noiseless source data).',
      range: 'a vector in ℝᵈ',
    },
    {
      tex: '\\rho',
      aliases: ['ρ'],
      meaning:
        'Overlap of the target teacher with the pretrained feature, bₜ·b̂ₛ/|b̂ₛ|: the part of the target a ' +
        'linear-transfer readout can reach.',
      range: '−|bₜ| … |bₜ|',
    },
    {
      tex: '\\varphi',
      aliases: ['φ'],
      meaning:
        'Any convex function with φ(1) = 0 that defines a φ-divergence between two probability laws (KL, χ², total ' +
        'variation, Hellinger are examples).',
    },
    {
      tex: 'R',
      aliases: ['R'],
      meaning:
        'Excess test error: the squared distance between the learnt and the target teacher, test mean-squared ' +
        'error minus the label-noise variance σ².',
      range: '≥ 0 (1 = predicting zero for a unit teacher)',
    },
    {
      tex: '\\mathcal{T}',
      aliases: ['T', '𝒯'],
      meaning:
        'Transferability: scratch error minus the error of the transfer protocol, 𝒯 = R(scratch) − R(protocol). ' +
        'Positive: transfer helps.',
      range: 'any sign',
    },
    {
      tex: '\\gamma^*',
      aliases: ['γ*'],
      meaning: 'The target data ratio where scratch training catches up with linear transfer (cos²θ without noise).',
      range: '0 … 2 on this chart',
    },
    {
      tex: 'b_s',
      aliases: ['b_s', 'bₛ'],
      meaning: 'The source teacher: the linear rule that labels the source task.',
      unit: 'vector in d dimensions, norm 1',
    },
    {
      tex: 'b_t',
      aliases: ['b_t', 'bₜ'],
      meaning: 'The target teacher: the linear rule that labels the target task.',
      unit: 'vector in d dimensions',
    },
    {
      tex: '\\|b_t - b_s\\|',
      aliases: ['‖b_t − b_s‖', '‖b_t-b_s‖', '‖bₜ − bₛ‖'],
      meaning: 'Euclidean distance between the two teachers: the divergence figure plots transfer against it.',
      range: '0 … 2 on this chart',
    },
    {
      tex: '\\mathrm{KL}',
      aliases: ['KL'],
      meaning:
        'Kullback–Leibler divergence between the target and source data distributions (Gaussian inputs, noisy ' +
        'linear labels).',
      unit: 'nats',
      range: '≥ 0',
    },
    { tex: 'n_t', aliases: ['n_t', 'nₜ'], meaning: 'Number of target training samples (γ = n_t/d).' },
  ],
};
