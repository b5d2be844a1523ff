/**
 * Named parameter sets (only non-default values). The paper's figures use real
 * image tasks; these reproduce their qualitative content on the synthetic
 * teacher pair (docs/science/proportional.md, "Figures"). Each caption's claim
 * was checked against its chart at its seeds (same file, "Agreement").
 */
import type { Preset } from '../../core/chapter';
import type { ProportionalParams } from './params';

// Typed by the chapter's parameters: a misspelt or mistyped value does not compile.
export const presets: Preset<ProportionalParams>[] = [
  {
    id: 'related-optimum',
    title: 'Related tasks: an optimal coupling (cf. paper Fig. 1)',
    fig: 'coupling',
    params: {},
    caption:
      'At $\\rho = 0.9$ the error of the coupled network falls well below scratch and has its minimum at a finite ' +
      '$\\gamma \\approx 3$–$10$: locking the target to one quenched source sample eventually adds that ' +
      "sample's posterior variance.",
  },
  {
    id: 'same-task',
    title: 'Same task, ρ = 1 (cf. paper Fig. 1, monotone panel)',
    fig: 'coupling',
    params: { rho: 1 },
    caption:
      'When source and target share the teacher the error falls almost monotonically with $\\gamma$ to the ' +
      'frozen-feature plateau.',
  },
  {
    id: 'unrelated',
    title: 'Unrelated tasks: negative transfer',
    fig: 'coupling',
    params: { rho: 0 },
    caption:
      'With orthogonal teachers a weak coupling helps a little (it only shrinks the prior), while a strong one ' +
      'forces source features on the target and the error climbs far above scratch.',
  },
  {
    id: 'similarity',
    title: 'When does transfer pay? (cf. paper Figs. 2–3)',
    fig: 'similarity',
    params: {},
    caption:
      'At $\\gamma = 10$ transfer beats scratch only when $|\\rho|$ is large enough. The curves are nearly ' +
      'symmetric in $\\rho$, as the simulated points at $\\rho = \\pm 0.9$ show: the readout is re-learned and ' +
      'erf is odd, so an anti-correlated teacher reuses the same features with the opposite readout (exactly ' +
      'symmetric on average over datasets; one dataset differs slightly between $\\rho$ and $-\\rho$).',
  },
  {
    id: 'width-vanishing',
    title: 'Transfer vanishes with width',
    fig: 'width',
    params: {},
    caption:
      'Holding $P_t = 100$, $P_s = 400$ fixed, the transfer gain shrinks as $N_1$ grows and $Q_{st}$ decays ' +
      'roughly as $1/N_1$: the infinite-width network is a fixed kernel machine that cannot carry ' +
      'source features.',
  },
  {
    id: 'scarce-target',
    title: 'Scarce target data',
    fig: 'coupling',
    params: { alphaT: 0.5, seeds: 3 },
    caption:
      'With half as many target examples as hidden units transfer matters most: in the theory the coupled network ' +
      'roughly halves the scratch error ($1.04 \\to 0.57$ at $\\gamma = 10$), and the simulated points show ' +
      'nearly the same drop ($1.04 \\to 0.61$). The scratch point sits on its line; the coupled points sit ' +
      '0.025–0.06 above theirs, within about one standard error: with so few target examples the error depends ' +
      'strongly on the source sample, and all points share the same three. Three source samples per point, so that ' +
      'the error bars rest on more than two.',
  },
  {
    id: 'hot',
    title: 'Higher temperature, faster sampling',
    fig: 'coupling',
    params: { T: 0.1 },
    caption:
      'At $T = 0.1$ the posterior is broader and the Langevin dynamics ten times less stiff, so the sampler takes ' +
      'larger steps. Every error is higher, and the relative gain from transfer smaller: at $\\gamma = 10$ the ' +
      'coupled network removes about 38% of the scratch error, against about 50% at $T = 0.01$.',
  },
];
