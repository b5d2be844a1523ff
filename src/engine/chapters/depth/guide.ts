/**
 * The first-time reader's path through this chapter (core/guide.ts). This
 * chapter has no theory curve: each step restates what its preset's caption
 * says the simulated curves show (docs/science/depth.md, Caption checks).
 */
import type { Guide } from '../../core/guide';

export const guide: Guide = {
  steps: [
    {
      title: 'How many layers to copy',
      preset: 'similar-rule',
      move: 'Pt',
      text:
        'A similar source (rule change $\\delta_\\theta = 0.1$); one curve per target size. Move $P_t$ and watch ' +
        'the black ring, the best depth $k^*$, on each curve.',
      predict: 'With more target data, should you copy more of the source network or less?',
      reveal:
        'Less: with $P_t/4$ samples copying the first two layers is best (about 40% below scratch, and even all ' +
        'four layers beat scratch); with $P_t$ and $4P_t$ samples $k^*$ moves to the first layer, and at ' +
        '$4P_t$ keeping all four layers is the worst choice.',
    },
    {
      title: 'A changed rule',
      preset: 'changed-rule',
      move: 'dth',
      text:
        'Rule change $\\delta_\\theta = 0.6$: copying all $L$ layers is now far worse than scratch at every size, ' +
        'while copying the first layer costs nothing within the error bars. Move $\\delta_\\theta$ and watch the ' +
        'right end of the curves.',
    },
    {
      title: 'Fine-tuning',
      preset: 'fine-tuning',
      move: 'protocol',
      text:
        'Same rule change, now also fine-tuning the copied layers. Switch the protocol and watch fine-tuning ' +
        'flatten the curves for $k \\ge 1$.',
    },
    {
      title: 'Which source?',
      preset: 'source-selection',
      move: 'score',
      text:
        'Five candidate sources, each compared with a small scratch network on the target: the similarity of their ' +
        'representations ranks them by the error they lead to. Switch the similarity measure and compare the ' +
        'rank agreement in the readouts.',
    },
  ],
  primary: {
    layers: ['Pt', 'dth', 'dF', 'protocol'],
    kstar: ['dF', 'protocol'],
    sources: ['Pt', 'score'],
    profiles: ['Pt', 'score'],
  },
  glossary: [
    {
      tex: '\\theta',
      aliases: ['θ'],
      meaning:
        'The rule of the hidden-manifold task: the teacher that labels a point from its latent coordinates (θₛ for ' +
        'the source, θₜ for the target).',
      range: 'a vector in ℝᴰ',
    },
    {
      tex: 'F',
      aliases: ['F'],
      meaning:
        'The embedding of the hidden-manifold task: the matrix that maps the D latent coordinates into the N input ' +
        'dimensions (Fₛ for the source, Fₜ for the target).',
      range: 'a D × N matrix',
    },
    {
      tex: 'k',
      aliases: ['k'],
      meaning: 'Transfer depth: how many hidden layers of the source network are copied (k = 0: train from scratch).',
      range: '0 … L',
    },
    {
      tex: 'k^*',
      aliases: ['k*'],
      meaning: 'Optimal transfer depth: the k with the lowest seed-averaged target test error.',
      range: '0 … L',
    },
    { tex: 'l', aliases: ['l'], meaning: 'A hidden layer of the network, counted from the input.', range: '1 … L' },
    {
      tex: '\\varepsilon',
      aliases: ['ε', 'err'],
      meaning: 'Target test error: the fraction of fresh target examples labelled wrongly.',
      range: '0 … 0.5',
    },
  ],
};
