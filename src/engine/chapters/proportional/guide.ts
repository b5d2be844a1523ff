/**
 * The first-time reader's path through this chapter (core/guide.ts). Each step
 * restates what its preset's caption says of the same chart
 * (docs/science/proportional.md, Figures and reference theory numbers F1–F4); no new claims.
 */
import type { Guide } from '../../core/guide';

export const guide: Guide = {
  steps: [
    {
      title: 'An optimal coupling',
      preset: 'related-optimum',
      move: 'gamma',
      text:
        'Related tasks ($\\rho = 0.9$). Move the coupling $\\gamma$ and watch your point on the error curve ' +
        '$\\varepsilon_g$, against the flat scratch line.',
      predict: 'Is the tightest coupling to the source network the best one?',
      reveal:
        'No: the error has its minimum at a finite $\\gamma$ (about 3–10). Locking the target to one sampled ' +
        'source network eventually adds that sample’s own variance.',
    },
    {
      title: 'Unrelated tasks',
      preset: 'unrelated',
      move: 'gamma',
      text:
        'Orthogonal teachers ($\\rho = 0$). Move $\\gamma$ up and watch the error: a weak coupling helps a little, ' +
        'a strong one forces the source features on the target and climbs far above scratch.',
    },
    {
      title: 'How similar is similar enough?',
      preset: 'similarity',
      move: 'gamma',
      text:
        'Error against the teacher overlap $\\rho$ at $\\gamma = 10$: transfer beats scratch only where $|\\rho|$ ' +
        'is large, nearly symmetrically in $\\rho$. Move $\\gamma$ and watch that region change.',
    },
    {
      title: 'Wider networks forget the source',
      preset: 'width-vanishing',
      move: 'N1',
      text:
        'Data fixed, width $N_1$ growing: the transfer gain shrinks and the source–target overlap $Q_{st}$ decays ' +
        'roughly as $1/N_1$. Move $N_1$ and watch $Q_{st}$ in the readouts.',
    },
  ],
  primary: {
    coupling: ['gamma', 'rho', 'alphaT'],
    similarity: ['gamma', 'rho', 'alphaT'],
    width: ['N1', 'rho', 'gamma'],
  },
  glossary: [
    {
      tex: '\\varepsilon_g',
      aliases: ['ε_g', 'ε'],
      meaning: 'Generalisation error: the posterior-averaged mean-squared test error of the target network.',
      range: '≥ 0',
    },
    {
      tex: 'Q_s',
      aliases: ['Q_s'],
      meaning: 'Order parameter: how much the source network’s readout renormalises its kernel (source alone).',
      range: '> 0',
    },
    {
      tex: 'Q_t',
      aliases: ['Q_t'],
      meaning: 'Order parameter: the same renormalisation for the target network.',
      range: '> 0',
    },
    {
      tex: 'Q_{tt}',
      aliases: ['Q_tt'],
      meaning: 'Order parameter: the overlap of two target replicas through the shared source sample.',
      range: '≥ 0',
    },
    {
      tex: 'Q_{st}',
      aliases: ['Q_st'],
      meaning:
        'Order parameter: the source–target overlap, how much of the source features the target network carries. ' +
        'It vanishes at infinite width.',
      range: '≥ 0',
    },
    {
      tex: 'W_s',
      aliases: ['W_s', 'Wₛ'],
      meaning:
        'The source network’s first-layer weights: one sample of its Bayesian posterior on the Pₛ source examples, ' +
        'held fixed (quenched) while the target network is coupled to it.',
      range: 'an N₁ × N₀ matrix',
    },
    {
      tex: '\\hat R',
      aliases: ['R̂', 'R-hat'],
      meaning:
        'Split-R̂, the Gelman–Rubin convergence statistic: the spread between chains (or chain halves) over the ' +
        'spread within them. Near 1 when the chains sample the same distribution; the sampler asks for < 1.1.',
      range: '≥ 1',
    },
    {
      tex: '\\alpha',
      aliases: ['α'],
      meaning: 'A data ratio: examples per hidden unit, P = α·N₁ (αₜ for the target task, αₛ for the source task).',
      range: '> 0',
    },
    { tex: 'P_t', aliases: ['P_t'], meaning: 'Number of target training examples, α_t·N₁.' },
    { tex: 'P_s', aliases: ['P_s'], meaning: 'Number of source training examples, α_s·N₁.' },
  ],
};
