/**
 * Named parameter sets for the paper's three kinds of figure (docs/science/chmm.md, Figures). Only non-default values
 * are listed.
 */
import type { Preset } from '../../core/chapter';
import type { ChmmParams } from './params';

// Typed by the chapter's parameters: a misspelt or mistyped value does not compile.
export const presets: Preset<ChmmParams>[] = [
  {
    id: 'identical-tasks',
    title: 'Identical tasks (Fig. 1-type learning curves)',
    fig: 'curves',
    params: {},
    caption:
      'Source and target are the same task. Transfer is far ahead at small $\\alpha$; random features are worst; ' +
      'fine-tuning is best. At this size the scratch network approaches transfer but does not overtake it ' +
      'below $\\alpha = 4$.',
  },
  {
    id: 'finite-size',
    title: 'How far the theory is from the simulation, against N',
    fig: 'finite-size',
    params: {},
    caption:
      'Independent instances at growing input dimension $N$: the theory of the transfer error on each instance’s ' +
      'own source network minus its simulation. At small $N$ the sign-teacher Gaussian surrogate overestimates ' +
      'the error of learned features, by a gap that closes as $N$ grows; the label-conditioned one, drawn in ' +
      'the other figures, stays within about 0.015 of the simulation at every size.',
  },
  {
    id: 'correlated-tasks',
    title: 'Related but different tasks: crossover',
    fig: 'curves',
    params: { dth: 0.5, dF: 0.3 },
    caption:
      'A changed rule and input map ($\\delta_\\theta = 0.5$, $\\delta_F = 0.3$): the scratch network catches up ' +
      'with transfer at a much smaller $\\alpha$ than for identical tasks (between $\\alpha = 0.3$ and $0.5$), ' +
      'and from $\\alpha \\approx 1$ on transfer falls behind even random features (negative transfer), in ' +
      'theory and in simulation.',
  },
  {
    id: 'teacher-gain',
    title: 'Gain vs a changed label rule',
    fig: 'gain',
    params: { knob: 'dth', alpha: 2 },
    caption:
      'At $\\alpha = 2$, the advantage of frozen source features shrinks as the target’s label rule rotates away ' +
      'from the source’s, and turns negative for weakly related rules.',
  },
  {
    id: 'feature-gain',
    title: 'Gain vs a changed input map',
    fig: 'gain',
    params: { knob: 'dF', alpha: 2 },
    caption:
      'Same, but the latent-to-input map $F$ changes while the rule in latent space stays the same: the source ' +
      'network’s first layer no longer reads the right directions.',
  },
  {
    id: 'dimension-gain',
    title: 'Richer or simpler target (latent dimension)',
    fig: 'gain',
    params: { knob: 'dD', alpha: 1 },
    caption:
      'Negative $\\delta_D$: the target uses fewer latent directions than the source (transfer from complex to ' +
      'simple); positive: the target has directions the source never saw. The two sides are not symmetric.',
  },
  {
    id: 'map-teacher',
    title: 'Where transfer pays off (teacher change)',
    fig: 'map',
    params: { knob: 'dth' },
    caption:
      'Phase-diagram style view over $(\\alpha, \\delta_\\theta)$: transfer helps at small $\\alpha$ and ' +
      'similar rules.',
  },
  {
    id: 'map-dimension',
    title: 'Where transfer pays off (latent dimension)',
    fig: 'map',
    params: { knob: 'dD' },
    caption:
      'The same map over the latent-dimension change $\\delta_D$: compare transferring to a simpler target (below ' +
      '0) with transferring to a richer one (above 0).',
  },
];
