/**
 * The chapter's three figures (docs/science/linear.md): learning curves vs γ, the (θ, γ)
 * transferability phase diagram, and the divergence counter-example.
 * Which sliders a figure shows is said in the schema (`usedBy`, params.ts); `theoryDeps` lists what `grid` and
 * `theory` read (contract.test.ts checks that nothing else moves the theory).
 */
import {
  seriesId,
  type Figure,
  type Mark,
  type SimSeriesDef,
  type SimTask,
  type TheoryResult,
} from '../../core/chapter';
import { linspace } from '../../core/grid';
import { modelOf, targetSamples } from './model';
import type { LinearParams } from './params';
import {
  divergences,
  finetuneRiskGd,
  risks,
  scratchRisk,
  scratchRiskFinite,
  teacherDistance,
  transferability,
  transferFiniteCorrection,
} from './theory';

const PROTOCOLS = [
  { id: 'scratch', label: 'scratch' },
  { id: 'transfer', label: 'linear transfer' },
  { id: 'finetune', label: 'fine-tuning' },
];

/** γ grid for the theory: dense, with the γ = 1 peak approached from both sides but not hit. */
function gammaGrid(): number[] {
  return linspace(0.05, 2, 196).filter((g) => Math.abs(g - 1) > 1e-9);
}

/**
 * Simulated γ values. Trained networks stay out of 0.75 < γ < 1.25: the finite-size band spans 0.81–1.25 at the
 * smallest d, and towards γ = 1 the smallest non-zero eigenvalue of XᵀX/n tends to 0, so gradient descent needs
 * more than the step budget to reach the interpolator it is compared with (3 000 to more than 10 000 steps at
 * γ = 0.9–1.1, d = 100). Exact estimators (instant) also sample the peak itself.
 */
const GD_GAMMAS = [0.1, 0.2, 0.3, 0.5, 0.7, 1.3, 1.5, 2];
const EXACT_GAMMAS = [0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.05, 1.1, 1.2, 1.5, 2];
/** The house tolerance on |simulation − theory| (docs/science/linear.md): wider finite-size gaps are marked. */
const FINITE_TOL = 0.02;

/**
 * Where the exact finite-d mean of scratch (and of fine-tuning, which has the same noise term) lies more than
 * FINITE_TOL above the d → ∞ line: an interval around the γ = 1 peak, empty without noise.
 */
export function finiteSizeBand(p: LinearParams): [number, number] | undefined {
  const d = p.d;
  const sigma = p.noise;
  const t2 = p.t ** 2;
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of linspace(0.5, 1.5, 2001)) {
    const n = targetSamples(g, d);
    const gap = scratchRiskFinite(n, d, sigma, t2) - scratchRisk(g, sigma, t2);
    if (!(gap <= FINITE_TOL)) {
      lo = Math.min(lo, g);
      hi = Math.max(hi, g);
    }
  }
  return lo <= hi && sigma > 0 ? [lo, hi] : undefined;
}

const curves: Figure<LinearParams> = {
  id: 'curves',
  title: 'Error vs target data',
  caption:
    'Excess test error $R = \\|\\hat b - b_t\\|^2$ of the three protocols as the target data ratio $\\gamma = ' +
    'n_t/d$ grows. Linear transfer keeps one pretrained feature, so its error does not fall with data: it wins ' +
    'at small $\\gamma$ and loses once scratch training has seen enough samples. Fine-tuning starts from the ' +
    'source vector and matches scratch beyond $\\gamma = 1$. With label noise, scratch and fine-tuning peak at ' +
    '$\\gamma = 1$ (double descent). Lines are the $d \\to \\infty$ theory; in the shaded band around the peak ' +
    'the mean error at your finite $d$ lies visibly above them (the noise term is $\\sigma^2 n_t/(d - n_t - ' +
    '1)$ instead of $\\sigma^2\\gamma/(1-\\gamma)$). Trained networks are not simulated for $0.75 < \\gamma < ' +
    '1.25$: at $d = 50$ the band spans $0.81$–$1.25$, and closer to $\\gamma = 1$ gradient descent needs more ' +
    'steps than its budget to reach the interpolator (3 000 to more than 10 000 steps at $\\gamma = ' +
    '0.9$–$1.1$, $d = 100$); the exact estimators (the "Double descent" preset) simulate the peak itself. Move ' +
    '$\\theta$ to watch the crossover slide.',
  kind: 'line',
  x: { name: 'gamma', label: 'target data ratio γ = nₜ/d', symbol: '\\gamma' },
  y: { name: 'R', label: 'excess test error R' },
  protocols: PROTOCOLS,
  sweep: 'gamma',
  // The finite-size band and the finite-d readout read the simulated dimension d.
  theoryDeps: ['theta', 'gamma', 'noise', 'lam', 'source', 'gammaS', 'noiseS', 't', 'L', 'd'],
  grid: gammaGrid,
  theoryCost: 'instant',
  theory(p, xs): TheoryResult {
    const base = modelOf(p);
    const out: Record<string, number[]> = { scratch: [], transfer: [], finetune: [] };
    for (const g of xs) {
      const r = risks({ ...base, gamma: g });
      out.scratch.push(r.scratch);
      out.transfer.push(r.transfer);
      out.finetune.push(r.finetune);
    }
    const marks: Mark[] = [{ kind: 'vline', x: p.gamma, label: 'your γ', reader: true }];
    const cross = crossover(xs, out.scratch, out.transfer);
    if (cross !== undefined) marks.push({ kind: 'vline', x: cross, label: 'scratch catches up with transfer' });
    const here = risks(base);
    const d = p.d;
    const band = finiteSizeBand(p);
    if (band)
      marks.push({
        kind: 'xband',
        x0: band[0],
        x1: band[1],
        label: `finite size (d = ${d}): mean error > ${FINITE_TOL} above the d → ∞ lines`,
      });
    return {
      x: xs,
      series: PROTOCOLS.map((pr) => ({ id: seriesId('theory', pr.id), y: out[pr.id] })),
      marks,
      readouts: [
        { label: 'transferability 𝒯 (linear transfer) at your γ', value: here.scratch - here.transfer },
        { label: 'transferability 𝒯 (fine-tuning) at your γ', value: transferability(base, 'finetune') },
        { label: `scratch error at your γ, d → ∞`, value: here.scratch },
        {
          label: `scratch error at your γ, mean at d = ${d}`,
          value: scratchRiskFinite(targetSamples(base.gamma, d), d, base.sigma, base.t * base.t),
        },
      ],
    };
  },
  simTasks: (p) =>
    (p.points === 'exact' ? EXACT_GAMMAS : GD_GAMMAS).map((g): SimTask<LinearParams> => ({
      key: `gamma=${g}`,
      x: g,
      params: { ...p, gamma: g },
    })),
  simSeries: PROTOCOLS.map((pr) => ({ id: seriesId('sim', pr.id), y: (s) => s[pr.id] })),
};

/** First γ where scratch's error drops below transfer's (linear interpolation between grid points). */
function crossover(xs: number[], a: number[], b: number[]): number | undefined {
  for (let i = 1; i < xs.length; i++) {
    const d0 = a[i - 1] - b[i - 1];
    const d1 = a[i] - b[i];
    if (Number.isFinite(d0) && Number.isFinite(d1) && d0 > 0 && d1 <= 0)
      return xs[i - 1] + ((xs[i] - xs[i - 1]) * d0) / (d0 - d1);
  }
  return undefined;
}

const PHASE_THETAS = linspace(0, 90, 46);
const PHASE_GAMMAS = linspace(0.05, 2, 40);
const PHASE_SIM_THETAS = [9, 27, 45, 63, 81];
const PHASE_SIM_GAMMAS = [0.1, 0.2, 0.3, 0.5, 0.7, 1.5];
/**
 * Linear-transfer cells are simulated only where the finite-n_t term (L7) is at most this: there the one readout
 * coefficient, fitted from n_t samples, adds (‖b_t‖² − ρ² + σ²)/(n_t − 2) to the error, which the d → ∞ map leaves out.
 */
const PHASE_FINITE_MAX = 0.01;

/** Whether a phase cell is simulated: every fine-tuning cell; linear-transfer cells where (L7) ≤ PHASE_FINITE_MAX. */
function phaseCellSimulated(p: LinearParams, theta: number, gamma: number): boolean {
  if (p.protocol === 'finetune') return true;
  const m = { ...modelOf(p), theta, gamma };
  return !(transferFiniteCorrection(m, targetSamples(gamma, p.d)) > PHASE_FINITE_MAX);
}

const phase: Figure<LinearParams> = {
  id: 'phase',
  title: 'Transferability phase diagram',
  caption:
    'Transferability $\\mathcal T = R_{\\text{scratch}} - R_{\\text{protocol}}$ over the source–target angle ' +
    '$\\theta$ and the target data ratio $\\gamma$: blue where transfer helps, red where it hurts, the black ' +
    'line is $\\mathcal T = 0$. Without noise the linear-transfer boundary is $\\gamma^* = \\cos^2\\theta$; ' +
    'fine-tuning helps exactly when $\\|b_t - \\hat b_s\\| < \\|b_t\\|$ ($\\theta < 60°$ for unit teachers). ' +
    'The ring is your parameter point; simulated cells are rings coloured by their measured $\\mathcal T$ (a ' +
    'ring the colour of its background agrees with the theory). Linear-transfer cells are simulated only where ' +
    '$(\\|b_t\\|^2 - \\rho^2 + \\sigma^2)/(n_t - 2) \\le 0.01$ ($\\rho$ the overlap of $b_t$ with the ' +
    'pretrained feature): the one readout coefficient is fitted from $n_t = \\gamma d$ samples, which adds ' +
    'that much to the error, and the $d \\to \\infty$ map leaves it out (without noise at $\\theta = 81°$, ' +
    '$\\gamma = 0.1$, $d = 100$ it is 0.12). Raise $d$ to fill the small-$\\gamma$, large-$\\theta$ corner; ' +
    'the phase presets use $d = 400$ and 50 seeds a cell. Trained networks use at most 3 seeds a cell.',
  kind: 'heatmap',
  x: { name: 'theta', label: 'source–target angle θ (degrees)', symbol: '\\theta', domain: [0, 90] },
  y: { name: 'gamma', label: 'target data ratio γ', symbol: '\\gamma', domain: [0.05, 2] },
  z: { label: 'transferability 𝒯', domain: [-1, 1], palette: 'diverging', contour: 0 },
  protocols: [{ id: 'T', label: 'transferability' }],
  theoryDeps: ['theta', 'gamma', 'noise', 'lam', 'source', 'gammaS', 'noiseS', 't', 'L', 'protocol'],
  grid: () => PHASE_THETAS,
  theoryCost: 'instant',
  theory(p): TheoryResult {
    const base = modelOf(p);
    const protocol = p.protocol === 'finetune' ? 'finetune' : 'transfer';
    const z = PHASE_GAMMAS.map((g) =>
      PHASE_THETAS.map((th) => transferability({ ...base, theta: th, gamma: g }, protocol)),
    );
    const T = transferability(base, protocol);
    return {
      heatmap: { xs: PHASE_THETAS, ys: PHASE_GAMMAS, z, id: 'theory:T' },
      marks: [
        {
          kind: 'point',
          x: base.theta,
          y: base.gamma,
          label: `your point: transferability ${Number.isFinite(T) ? T.toFixed(3) : '—'}`,
          reader: true,
        },
      ],
      readouts: [
        {
          label: `transferability 𝒯 (${protocol === 'finetune' ? 'fine-tuning' : 'linear transfer'}) at your point`,
          value: T,
        },
      ],
    };
  },
  // Trained networks: at most 3 seeds a cell (30 cells of gradient descent). The exact estimators share one
  // factorisation per γ row and seed, so they take the slider's seeds.
  simTasks: (p) =>
    PHASE_SIM_GAMMAS.flatMap((g) =>
      PHASE_SIM_THETAS.filter((th) => phaseCellSimulated(p, th, g)).map((th): SimTask<LinearParams> => ({
        key: `theta=${th}|gamma=${g}`,
        x: th,
        y: g,
        params: { ...p, theta: th, gamma: g, seeds: p.points === 'exact' ? p.seeds : Math.min(p.seeds, 3) },
      })),
    ),
  simSeries: [
    { id: seriesId('sim', 'T'), y: (s, p) => s.scratch - (p.protocol === 'finetune' ? s.finetune : s.transfer) },
  ],
};

/** The two families of target teachers with the same distance to the source. */
const FAMILIES = [
  { id: 'rescaled', label: 'rescaled bₜ = (1+δ) bₛ', at: (dist: number) => ({ theta: 0, t: 1 + dist }) },
  {
    id: 'rotated',
    label: 'unit bₜ rotated by θ',
    at: (dist: number) => (dist <= Math.SQRT2 ? { theta: (2 * Math.asin(dist / 2) * 180) / Math.PI, t: 1 } : undefined),
  },
] as const;
/** Index of the rescaled family in FAMILIES (a task's `family` parameter). */
const RESCALED = FAMILIES.findIndex((f) => f.id === 'rescaled');
const DIV_SIM_DISTANCES = [0.25, 0.5, 1, 1.4];

const divergence: Figure<LinearParams> = {
  id: 'divergence',
  title: 'Divergence does not predict transfer',
  caption:
    'Every $\\varphi$-divergence between the source and target joint laws of $(x, y)$ here is a function of ' +
    '$\\|b_t - b_s\\|/\\sigma$ alone (e.g. KL $= \\|b_t-b_s\\|^2/2\\sigma^2$), so both families at the same ' +
    'horizontal position are equally "far apart". Yet rescaling the teacher keeps the pretrained feature ' +
    'useful (transfer stays positive), while rotating it by more than a little makes transfer hurt. Below the ' +
    'dashed zero line transfer is negative. The ring is your own $(\\theta, \\|b_t\\|)$. Fine-tuning has two ' +
    'lines for the rescaled teacher. "Fine-tuning, rescaled teacher" is the interpolator closest to $b_s$ in ' +
    'plain distance (L8): where the exact estimators land, and the line that says fine-tuning helps exactly ' +
    'when $\\|b_t - b_s\\| < \\|b_t\\|$. "Trained by GD (L15)" is where gradient descent on the pretrained ' +
    'network stops: it moves $L$ times faster along the learned feature $u = b_s$ than across it, and a ' +
    'rescaled teacher asks for a change along $u$ only, so trained networks end at the interpolator closest to ' +
    '$b_s$ in the metric of $I + (L-1)uu^\\top$, with less error. At the defaults ($\\gamma = 0.5$, $\\sigma = ' +
    '0.2$, $L = 2$) that line lies 0.02–0.54 above the plain one at the simulated distances 0.25–1.4; the ' +
    'trained points ($d = 100$, 5 seeds) read 1.72 ± 0.07 and 2.34 ± 0.09 at distance 1 and 1.4, where (L15) ' +
    'says 1.78 and 2.44 and the plain line 1.5 and 1.9. (L15) holds below $\\gamma = 1$ (above, both ' +
    'fine-tuning lines are 0: fine-tuning and scratch reach the same least-squares solution) for a teacher ' +
    'along $u$, from an infinite source; the small part of the change across $u$ turns $u$ as it trains, so ' +
    'trained networks fall a little below (L15) as the distance grows. A rotated teacher turns $u$ with it, ' +
    'and its trained points follow the plain line.',
  kind: 'line',
  x: { name: 'distance', label: 'teacher distance ‖bₜ − bₛ‖', symbol: '\\|b_t-b_s\\|', domain: [0, 2] },
  y: { name: 'T', label: 'transferability 𝒯 = R(scratch) − R(protocol)' },
  protocols: [
    { id: 'transfer_rescaled', label: 'transfer, rescaled teacher' },
    { id: 'transfer_rotated', label: 'transfer, rotated teacher' },
    { id: 'finetune_rescaled', label: 'fine-tuning, rescaled teacher' },
    { id: 'finetune_rotated', label: 'fine-tuning, rotated teacher' },
    { id: 'finetune_rescaled_gd', label: 'fine-tuning, rescaled teacher, trained by GD (L15)' },
  ],
  theoryDeps: ['theta', 'gamma', 'noise', 'lam', 'source', 'gammaS', 'noiseS', 't', 'L'],
  grid: () => linspace(0, 2, 101),
  theoryCost: 'instant',
  theory(p, xs): TheoryResult {
    const base = modelOf(p);
    const series = [];
    for (const proto of ['transfer', 'finetune'] as const) {
      for (const fam of FAMILIES) {
        series.push({
          id: seriesId('theory', `${proto}_${fam.id}`),
          y: xs.map((dist) => {
            const at = fam.at(dist);
            return at ? transferability({ ...base, ...at }, proto) : NaN;
          }),
        });
      }
    }
    // (L15): where gradient descent stops when fine-tuning a rescaled teacher (the trained points' own line).
    series.push({
      id: seriesId('theory', 'finetune_rescaled_gd'),
      y: xs.map((dist) => {
        const m = { ...base, ...FAMILIES[RESCALED].at(dist) };
        return m.gamma >= 1 ? 0 : scratchRisk(m.gamma, m.sigma, m.t * m.t) - finetuneRiskGd(m);
      }),
    });
    const dist = teacherDistance(base.theta, base.t);
    const div = divergences(dist, base.sigma);
    const Tlt = transferability(base, 'transfer');
    return {
      x: xs,
      series,
      marks: [
        { kind: 'hline', y: 0, label: 'no transfer' },
        { kind: 'yband', y0: -Infinity, y1: 0, label: 'negative transfer' },
        { kind: 'point', x: dist, y: Tlt, label: 'your (θ, ‖bₜ‖), linear transfer', reader: true },
      ],
      readouts: [
        { label: 'your ‖bₜ − bₛ‖', value: dist },
        { label: 'KL(target ‖ source)', value: div.kl, unit: 'nats' },
        { label: 'squared Hellinger', value: div.hellinger2 },
        { label: 'transferability 𝒯, linear transfer', value: Tlt },
        { label: 'transferability 𝒯, fine-tuning', value: transferability(base, 'finetune') },
      ],
    };
  },
  simTasks: (p) =>
    FAMILIES.flatMap((fam, fi) =>
      DIV_SIM_DISTANCES.flatMap((dist): SimTask<LinearParams>[] => {
        const at = fam.at(dist);
        return at ? [{ key: `${fam.id}|distance=${dist}`, x: dist, params: { ...p, ...at, family: fi } }] : [];
      }),
    ),
  // Trained fine-tuning of a rescaled teacher is its own series, paired with its own line (L15); the exact
  // estimators of that family stay on the Euclidean line (L8).
  simSeries: [
    ...FAMILIES.map((fam, fi): SimSeriesDef<LinearParams> => ({
      id: seriesId('sim', `transfer_${fam.id}`),
      appliesTo: (p) => p.family === fi,
      y: (s) => s.scratch - s.transfer,
    })),
    ...FAMILIES.map((fam, fi): SimSeriesDef<LinearParams> => ({
      id: seriesId('sim', `finetune_${fam.id}`),
      appliesTo: (p) => p.family === fi && !(fi === RESCALED && p.points === 'gd'),
      y: (s) => s.scratch - s.finetune,
    })),
    {
      id: seriesId('sim', 'finetune_rescaled_gd'),
      appliesTo: (p) => p.family === RESCALED && p.points === 'gd',
      y: (s) => s.scratch - s.finetune,
    },
  ],
};

export const figures: Figure<LinearParams>[] = [curves, phase, divergence];
