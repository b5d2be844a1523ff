/**
 * The chapter's figures (docs/science/chmm.md, Figures): learning curves vs α, transfer gain vs
 * one correlation knob, and the (α, knob) map of where transfer beats scratch.
 */
import { seriesId, type Figure, type Mark, type Readout, type SimTask, type TheoryResult } from '../../core/chapter';
import { linspace, logspace, tidy } from '../../core/grid';
import { FS_NS, powerLawSlope } from './finiteSize';
import { cachedSeeds, cachedSizes } from './finiteSizeCache';
import { FIG_CURVES, FIG_FINITE, FIG_GAIN, FIG_MAP, knobOf, knobRange, type ChmmParams, type Knob } from './params';
import { featureSpectrum, solveAt, theoryErrors } from './theory';
import { simCrossover, theorySimGap } from './readouts';

const PROTOCOLS = [
  { id: 'transfer', label: 'transfer (frozen source features)' },
  { id: 'random', label: 'random features' },
  { id: 'scratch', label: 'two-layer net from scratch' },
  { id: 'finetune', label: 'fine-tuning' },
];

/**
 * What the ridge theory of one feature map reads (theory.ts): the sizes (N, δ, K/N), the source network's α_s and
 * Adam steps, the four correlation knobs, the covariance method, the readout's λ and η, the reader's α, and the
 * readout loss (ridgeTheoryOnly). Never the seeds, the fine-tuning steps or the test-set size.
 */
const RIDGE_THEORY_DEPS = [
  'alpha',
  'dF',
  'dth',
  'fsub',
  'dD',
  'delta',
  'width',
  'lam',
  'readout',
  'alphaS',
  'noise',
  'N',
  'cov',
  'steps',
] as const satisfies readonly (keyof ChmmParams)[];

/** Simulated α values of the learning curves (8 points; the cost is dominated by the largest). */
export const SIM_ALPHAS = [0.2, 0.3, 0.5, 0.8, 1.2, 2, 3, 4];

const KNOB_LABEL: Record<Knob, string> = {
  dF: 'feature perturbation δF',
  dth: 'teacher perturbation δθ',
  fsub: 'fraction of substituted features',
  dD: 'latent-dimension change δD',
};

function safeNotice(e: unknown): string {
  return `theory unavailable: ${e instanceof Error ? e.message : String(e)}`;
}

/** Where a − b changes sign from positive to non-positive (log-x interpolation); undefined if never. */
function firstCrossing(xs: number[], a: number[], b: number[], logX: boolean): number | undefined {
  const f = logX ? Math.log : (x: number) => x;
  for (let i = 1; i < xs.length; i++) {
    const d0 = a[i - 1] - b[i - 1];
    const d1 = a[i] - b[i];
    if (Number.isFinite(d0) && Number.isFinite(d1) && d0 > 0 && d1 <= 0) {
      const t = d0 / (d0 - d1);
      const x = f(xs[i - 1]) + t * (f(xs[i]) - f(xs[i - 1]));
      return logX ? Math.exp(x) : x;
    }
  }
  return undefined;
}

const curves: Figure<ChmmParams> = {
  id: FIG_CURVES,
  title: 'Learning curves: test error vs target data',
  caption:
    'Test error of the four protocols as the target data ratio $\\alpha = P/N$ grows. Lines: Gaussian-equivalent ' +
    'theory of a ridge readout on frozen features, for the transferred source features and for random ' +
    'features. Theory and simulated points are computed for the same instance — the same tasks, the same ' +
    'source network, the same random features — so the points spread only over target training sets (and, for ' +
    'the scratch network, initialisations); each frozen-feature dot averages 4 training sets per seed. With ' +
    'related tasks, transfer starts far below random features and the scratch network, but its frozen features ' +
    'cap how good it can get; the scratch network keeps improving and catches up at a crossover $\\alpha$ ' +
    '(dashed line when the simulation shows one). Fine-tuning is best for identical tasks; with its few small ' +
    'steps it stays close to the source network, so for a changed task the scratch network overtakes it too. ' +
    'The readout under the chart is the measured theory–simulation gap.',
  kind: 'line',
  x: { name: 'alpha', label: 'target data ratio α = P/N', symbol: '\\alpha', scale: 'log', domain: [0.1, 10] },
  y: { name: 'error', label: 'test classification error' },
  protocols: PROTOCOLS,
  sweep: 'alpha',
  theoryDeps: RIDGE_THEORY_DEPS,
  grid: () => logspace(0.1, 10, 41).map((x) => tidy(x)),
  theoryCost: 'worker',
  theory(p, xs): TheoryResult {
    try {
      const sTF = featureSpectrum(p, 'transfer');
      const sRF = featureSpectrum(p, 'random');
      const tf: number[] = [];
      const rf: number[] = [];
      let bad = 0;
      for (const a of xs) {
        const t = solveAt(sTF, p, a);
        const r = solveAt(sRF, p, a);
        if (!t.converged || !r.converged) bad++;
        tf.push(t.error);
        rf.push(r.error);
      }
      const here = theoryErrors(p, p.alpha);
      const marks: Mark[] = [{ kind: 'vline', x: p.alpha, label: 'your α', reader: true }];
      const rfCatch = firstCrossing(xs, rf, tf, true);
      if (rfCatch !== undefined)
        marks.push({ kind: 'vline', x: rfCatch, label: 'random features catch up with transfer (theory)' });
      const readouts: Readout[] = [
        { label: 'theory ε transfer at your α', value: here.transfer },
        { label: 'theory ε random features at your α', value: here.random },
        { label: 'theory gain over random features', value: here.random - here.transfer },
      ];
      return {
        x: xs,
        series: [
          { id: seriesId('theory', 'transfer'), y: tf },
          { id: seriesId('theory', 'random'), y: rf },
        ],
        marks,
        readouts,
        notices: bad ? [`The saddle-point solver did not fully converge at ${bad} α value(s).`] : [],
      };
    } catch (e) {
      return { x: xs, series: [], notices: [safeNotice(e)] };
    }
  },
  simTasks: (p) =>
    SIM_ALPHAS.map((a): SimTask<ChmmParams> => ({ key: `alpha=${a}`, x: a, params: { ...p, alpha: a } })),
  simSeries: PROTOCOLS.map((pr) => ({ id: seriesId('sim', pr.id), y: (s) => s[pr.id] })),
  // Needs the points: the measured theory–simulation gap and the α where scratch catches up with transfer.
  simOverlay(theory, points) {
    const gap = theorySimGap(theory, points);
    const readouts: Readout[] = gap.n
      ? [
          { label: `theory–simulation gap (mean over ${gap.n} points)`, value: gap.mean },
          { label: 'largest gap', value: gap.max },
        ]
      : [];
    const cross = simCrossover(points);
    const marks: Mark[] =
      cross !== undefined ? [{ kind: 'vline', x: cross, label: 'scratch catches up (simulation)' }] : [];
    return { readouts, marks };
  },
};

/** The parameters with one correlation knob set to `v` (the gain figure's x, the map's y). */
function withKnob(p: ChmmParams, k: Knob, v: number): ChmmParams {
  return { ...p, [k]: v };
}

/** Theory grid of a knob (the gain figure's x, the map's y). */
export function knobGrid(k: Knob, n: number): number[] {
  const [a, b] = knobRange(k);
  return linspace(a, b, n).map((x) => tidy(x, 6));
}

/** Coarse knob values for simulations. */
export function knobSimValues(k: Knob): number[] {
  return k === 'dD' ? [-0.6, -0.3, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1];
}

const GAIN_PROTOCOLS = [
  { id: 'gain_random', label: 'transfer gain over random features' },
  { id: 'gain_scratch', label: 'transfer gain over scratch' },
  { id: 'gain_finetune', label: 'fine-tuning gain over scratch' },
];

/**
 * Negative-transfer intervals of the knob where the theory gain is below 0 (ends at the interpolated zero crossings).
 */
function negativeBands(xs: number[], gain: number[]): [number, number][] {
  const out: [number, number][] = [];
  const zero = (i: number) => xs[i - 1] + (gain[i - 1] / (gain[i - 1] - gain[i])) * (xs[i] - xs[i - 1]);
  let start: number | undefined;
  for (let i = 0; i < xs.length; i++) {
    const neg = gain[i] < 0;
    if (neg && start === undefined) start = i === 0 ? xs[0] : zero(i);
    if (!neg && start !== undefined) {
      out.push([start, zero(i)]);
      start = undefined;
    }
  }
  if (start !== undefined) out.push([start, xs[xs.length - 1]]);
  return out;
}

const gain: Figure<ChmmParams> = {
  id: FIG_GAIN,
  title: 'Transfer gain vs task similarity',
  caption:
    'Transfer gain $\\varepsilon_{\\text{other}} - \\varepsilon_{\\text{transfer}}$ at your $\\alpha$ as one ' +
    'correlation knob (chosen with "correlation knob") makes the target less like the source. Line: theory of ' +
    'the gain over random features, for the same source network and random features as the markers. Markers: ' +
    'simulated gain over random features and over the scratch network, and the fine-tuning gain over scratch. ' +
    'Below zero transfer hurts: frozen features from a weakly related source are worse than no transfer at all ' +
    '(shaded where the theory says so for random features). Compare the knobs: a changed label rule ' +
    '($\\delta_\\theta$) hurts transfer in a different way from a changed input map ($\\delta_F$), and ' +
    'removing latent directions ($\\delta_D < 0$) is not the mirror image of adding them.',
  kind: 'line',
  x: { name: 'knob', label: 'correlation knob value (see “correlation knob”)' },
  y: { name: 'gain', label: 'gain in test error' },
  protocols: GAIN_PROTOCOLS,
  // The knob chooses the swept correlation knob (the grid) and the reader's line.
  theoryDeps: [...RIDGE_THEORY_DEPS, 'knob'],
  // 11 knob values: each needs two Monte Carlo covariances and eigendecompositions (≈0.1 s each at N = 50).
  grid: (p) => knobGrid(knobOf(p), knobOf(p) === 'dD' ? 10 : 11),
  theoryCost: 'worker',
  theory(p, xs): TheoryResult {
    const k = knobOf(p);
    try {
      const alpha = p.alpha;
      const g = xs.map((v) => {
        const q = withKnob(p, k, v);
        return (
          solveAt(featureSpectrum(q, 'random'), q, alpha).error -
          solveAt(featureSpectrum(q, 'transfer'), q, alpha).error
        );
      });
      const here = theoryErrors(p, alpha);
      const marks: Mark[] = [
        { kind: 'hline', y: 0, label: 'no gain' },
        { kind: 'yband', y0: -Infinity, y1: 0, label: 'negative transfer' },
        { kind: 'vline', x: p[k], label: `your ${KNOB_LABEL[k]}`, reader: true },
        ...negativeBands(xs, g).map(([x0, x1]): Mark => ({
          kind: 'xband',
          x0,
          x1,
          label: 'theory: transfer worse than random features',
        })),
      ];
      return {
        x: xs,
        series: [{ id: seriesId('theory', 'gain_random'), y: g }],
        marks,
        readouts: [
          { label: `theory gain over random features at your ${KNOB_LABEL[k]}`, value: here.random - here.transfer },
        ],
        notices: [],
      };
    } catch (e) {
      return { x: xs, series: [], notices: [safeNotice(e)] };
    }
  },
  simTasks: (p) => {
    const k = knobOf(p);
    return knobSimValues(k).map((v): SimTask<ChmmParams> => ({ key: `${k}=${v}`, x: v, params: withKnob(p, k, v) }));
  },
  simSeries: [
    { id: seriesId('sim', 'gain_random'), y: (s) => s.random - s.transfer },
    { id: seriesId('sim', 'gain_scratch'), y: (s) => s.scratch - s.transfer },
    { id: seriesId('sim', 'gain_finetune'), y: (s) => s.scratch - s.finetune },
  ],
};

/** Map grid: α columns (log) and knob rows. */
export const MAP_ALPHAS = logspace(0.1, 10, 21).map((x) => tidy(x));
export const MAP_SIM_ALPHAS = [0.3, 1, 3];

const map: Figure<ChmmParams> = {
  id: FIG_MAP,
  title: 'Where transfer pays off',
  caption:
    'Over target data $\\alpha$ (horizontal, log) and one correlation knob (vertical), the colour is the theory’s ' +
    'advantage of transfer over random features, $\\varepsilon_{\\text{random}} - ' +
    '\\varepsilon_{\\text{transfer}}$: blue where the frozen source features help, red where they hurt; the ' +
    'black line is zero. The rings (a coarse grid) are the same difference simulated on the same source ' +
    'network and random features, so a ring the colour of its background agrees with the theory. There is no ' +
    'theory for the network trained from scratch: the learning-curve and gain figures show where it overtakes ' +
    'transfer. Transfer pays off at small $\\alpha$ and high similarity. The ring is your point.',
  kind: 'heatmap',
  x: { name: 'alpha', label: 'target data ratio α', symbol: '\\alpha', scale: 'log', domain: [0.1, 10] },
  y: { name: 'knob', label: 'correlation knob value (see “correlation knob”)' },
  z: {
    label: 'error with random features minus error with transfer',
    domain: [-0.25, 0.25],
    palette: 'diverging',
    contour: 0,
  },
  protocols: [{ id: 'advantage', label: 'advantage of transfer' }],
  theoryDeps: [...RIDGE_THEORY_DEPS, 'knob'],
  grid: () => MAP_ALPHAS,
  theoryCost: 'worker',
  theory(p): TheoryResult {
    const k = knobOf(p);
    const ys = knobGrid(k, k === 'dD' ? 10 : 11);
    try {
      const z = ys.map((v) => {
        const q = withKnob(p, k, v);
        const sTF = featureSpectrum(q, 'transfer');
        const sRF = featureSpectrum(q, 'random');
        return MAP_ALPHAS.map((a) => solveAt(sRF, q, a).error - solveAt(sTF, q, a).error);
      });
      const here = theoryErrors(p, p.alpha);
      const adv = here.random - here.transfer;
      return {
        heatmap: { xs: MAP_ALPHAS, ys, z, id: seriesId('theory', 'advantage') },
        marks: [
          {
            kind: 'point',
            x: p.alpha,
            y: p[k],
            label: `your point: random-feature minus transfer error = ${Number.isFinite(adv) ? adv.toFixed(3) : '—'}`,
            reader: true,
          },
        ],
        readouts: [{ label: 'theory: random-feature minus transfer error at your point', value: adv }],
      };
    } catch (e) {
      return { notices: [safeNotice(e)] };
    }
  },
  simTasks: (p) => {
    const k = knobOf(p);
    return knobSimValues(k).flatMap((v) =>
      MAP_SIM_ALPHAS.map((a): SimTask<ChmmParams> => ({
        key: `alpha=${a}|${k}=${v}`,
        x: a,
        y: v,
        params: withKnob({ ...p, alpha: a }, k, v),
      })),
    );
  },
  simSeries: [{ id: seriesId('sim', 'advantage'), y: (s) => s.random - s.transfer }],
};

/** The Gaussian-equivalent theory here is the ridge one: with the logistic readout only simulations are drawn. */
function ridgeTheoryOnly(f: Figure<ChmmParams>): Figure<ChmmParams> {
  return {
    ...f,
    theory: (p, xs) =>
      p.readout === 'logistic'
        ? {
            x: xs,
            series: [],
            notices: [
              'Theory lines are for the ridge readout; with the logistic readout the chart shows simulations only.',
            ],
          }
        : f.theory(p, xs),
  };
}

/** The live sizes and those the shipped memo holds for these parameters, ascending, once each. */
function finiteSizes(p: ChmmParams): number[] {
  return [...new Set([...FS_NS, ...cachedSizes(p)])].sort((a, b) => a - b);
}

const FS_PROTOCOLS = [
  { id: 'gap_label', label: 'label-conditioned Gaussian theory (drawn in the other figures)' },
  { id: 'gap_sign', label: 'sign-teacher Gaussian theory' },
];

const finiteSize: Figure<ChmmParams> = {
  id: FIG_FINITE,
  title: 'Finite size: how far the theory is from the simulation',
  caption:
    'Theory minus simulation of the transfer error at your $\\alpha$, against the input dimension $N$ (log axis; ' +
    '$K = N$ hidden units, $D = N/2$ latents). Each seed is an independent instance: its own tasks, its own ' +
    'source network, and a ridge readout trained on 4 target training sets; the theory is computed for that ' +
    'same source network, so the difference is the error of the Gaussian-equivalent theory itself. Two ' +
    'Gaussian surrogates of the learned features: the sign-teacher one (features jointly Gaussian with the ' +
    'teacher’s latent field) misses that the source network has learned sign-like features: at small $N$ it ' +
    'sits well above the simulation, by a gap that falls from about 0.05 at $N = 20$ to about 0.01 by $N \\approx ' +
    '110$ and then levels off near 0.01 up to $N = 400$ (the readout fits it to $N^{-a}$ over the sizes where it ' +
    'is positive: at the defaults and seed 1, the fit of $N^{-a}$ over $N = 20$–$400$ gives $a \\approx 0.75$, ' +
    'loosely determined — 0.6 to 1.4 as the largest size fitted goes from 56 to 400); the label-conditioned one ' +
    '(features Gaussian given the label), drawn in the other figures, stays within about 0.013 of the ' +
    'simulation at every size, the closer of the two at the default $N = 50$. From $N \\approx 110$ on both are ' +
    'within about 0.011 of the simulation, and neither gap closes further up to $N = 400$: a residual of ' +
    '0.003–0.011 (theory above simulation) that this figure measures but does not explain.',
  kind: 'line',
  x: { name: 'N', label: 'input dimension N', symbol: 'N', scale: 'log' },
  y: { name: 'gap', label: 'theory − simulation (transfer error)' },
  protocols: FS_PROTOCOLS,
  // The grid holds the memo's sizes only where every parameter of its key matches (cacheParamsKey: all but N, seeds,
  // knob, cov, readout, ftSteps), so those parameters — the test-set size among them — are theory inputs here.
  theoryDeps: [...RIDGE_THEORY_DEPS.filter((k) => k !== 'N' && k !== 'cov'), 'nTest'],
  grid: (p) => finiteSizes(p),
  theoryCost: 'instant',
  theory: (_p, xs): TheoryResult => ({
    x: xs,
    series: [],
    marks: [{ kind: 'hline', y: 0, label: 'theory = simulation' }],
  }),
  // Live sizes, plus the larger ones the shipped memo holds for these parameters (finiteSizeCache.ts), each
  // capped at the instances the memo has (sim.ts never trains a network that large).
  simTasks: (p) =>
    finiteSizes(p).map((n): SimTask<ChmmParams> => ({
      key: `N=${n}`,
      x: n,
      params: FS_NS.includes(n) ? { ...p, N: n } : { ...p, N: n, seeds: cachedSeeds(p, n) },
    })),
  simSeries: FS_PROTOCOLS.map((pr) => ({ id: seriesId('sim', pr.id), y: (s) => s[pr.id] })),
  simOverlay(_theory, points) {
    const sign = points.filter((q) => q.series === 'sim:gap_sign').sort((a, b) => a.x - b.x);
    const label = points.filter((q) => q.series === 'sim:gap_label');
    const readouts: Readout[] = [];
    if (sign.length >= 2)
      readouts.push({
        label: `sign-teacher gap ∝ N⁻ᵃ, fitted a (sizes with a positive gap, of ${sign.length})`,
        value: -powerLawSlope(
          sign.map((q) => q.x),
          sign.map((q) => q.y),
        ),
      });
    if (label.length)
      readouts.push({ label: 'label-conditioned: largest |gap|', value: Math.max(...label.map((q) => Math.abs(q.y))) });
    return { readouts };
  },
};

export const figures: Figure<ChmmParams>[] = [curves, gain, map, finiteSize].map(ridgeTheoryOnly);
