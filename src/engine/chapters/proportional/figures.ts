/**
 * The chapter's three figures: test error vs coupling γ (several widths at
 * fixed data), vs teacher overlap ρ, and vs width N1 at fixed data (transfer
 * vanishing as N1 → ∞). Theory lines come from theory.ts (single-instance:
 * the dataset of the `dataset` parameter); Langevin points from sim.ts on the
 * same data and test points.
 */
import {
  seriesId,
  type Figure,
  type Mark,
  type Readout,
  type SimSeriesDef,
  type SimTask,
  type TheoryResult,
} from '../../core/chapter';
import type { SimPoint } from '../../core/simRunner';
import type { Params } from '../../core/schema';
import { linspace, logspace, tidy } from '../../core/grid';
import { modelOf, type Model } from './instance';
import { Lru } from '../../core/lru';
import { GAMMA_MAX, GAMMA_MIN, SIM_KNOBS, THEORY_DEPS, type ProportionalParams } from './params';
import { infinitePoint, scratchPoint, tooLarge, transferPath, type TransferPoint } from './theory';

/** The coupling figure's extra width, as a multiple of the reader's N1 (same data). */
export const WIDE_FACTOR = 4;
/**
 * Four points per decade: the minimum of ε_g at γ ≈ 3–10 (related tasks) falls between grid points a factor 1.8 apart.
 */
const GAMMA_GRID = logspace(GAMMA_MIN, GAMMA_MAX, 25).map((g) => tidy(g, 4));
/**
 * Simulated couplings (besides scratch): either side of the minimum (γ ≈ 3–10 for related tasks) and the
 * strong-coupling end.
 */
export const SIM_GAMMAS = [1, 10, 100];
const RHO_GRID = linspace(-1, 1, 21).map((r) => tidy(r, 4));
/** Simulated overlaps: ±0.9 show the ρ ↔ −ρ symmetry, 0 and 0.5 the region where transfer does not pay. */
export const SIM_RHOS = [-0.9, 0, 0.5, 0.9];
export const WIDTH_MAX = 10000;
/** Simulated widths: each needs its own source chains, and N1 = 200 would cost as much as the other three. */
const SIM_WIDTHS = [25, 50, 100];

/** Simulation-only knobs: they never change a theory curve. */
const SIM_KNOB_SET = new Set<string>(SIM_KNOBS);
const curveMemo = new Lru<unknown>(24);

/**
 * Memoise a figure's curves by every model parameter except `free` (the
 * figure's own x parameter, which only moves the reader's marker), so that
 * dragging that slider costs one point, not a path.
 */
function memoCurves<T>(fig: string, p: Params, free: string | null, xs: number[], make: () => T): T {
  const key = [
    fig,
    xs.join(','),
    ...Object.keys(p)
      .sort()
      .filter((k) => k !== free && !SIM_KNOB_SET.has(k))
      .map((k) => `${k}=${p[k]}`),
  ].join('|');
  return curveMemo.getOr(key, make) as T;
}

function fmt(x: number, d = 3): string {
  return Number.isFinite(x) ? x.toFixed(d) : '—';
}

function notConverged(name: string, xs: number[], pts: TransferPoint[]): string[] {
  const bad = xs.filter((_, i) => !pts[i].converged);
  return bad.length
    ? [
        `The saddle-point solver did not converge for ${name} at ${bad.map((x) => tidy(x, 3)).join(', ')}; those ` +
          `points are left out.`,
      ]
    : [];
}

/** The chain lengths the points were run with (simulation knobs: shown with the points, never by the theory). */
function simReadouts(p: ProportionalParams): Readout[] {
  return [
    { label: 'Langevin burn-in (steps per chain, before any extension)', value: p.burn },
    {
      label: 'posterior samples per target chain (1 per 10 steps; 2 chains per source sample, 3 per scratch seed)',
      value: p.samples,
    },
  ];
}

/** Per-seed chain diagnostics handed from the samples to the points (see sim.ts). */
const CARRY = ['rhat', 'ess', 'accept', 'steps', 'egA', 'egB', 'srcRhat', 'srcEss', 'srcSteps'];

/**
 * Convergence readouts over every simulated point: the worst split-R̂ and the
 * smallest effective sample size of the target chains' test loss, their
 * Metropolis acceptance, the longest chain (burn-in extensions included), and
 * the same for the source chains' training misfit.
 */
export function convergenceReadouts(points: readonly SimPoint[]): Readout[] {
  const all = (k: string) => points.flatMap((q) => q.carried?.[k] ?? []).filter(Number.isFinite);
  const gaps = points
    .flatMap((q) => (q.carried?.egA ?? []).map((a, i) => Math.abs(a - (q.carried?.egB?.[i] ?? NaN))))
    .filter(Number.isFinite);
  const rows: [string, number[], (xs: number[]) => number][] = [
    [
      'target chains: largest between-chain split-R̂ of the test loss (2 chains per source sample, 3 per scratch ' +
        'seed; converged below 1.1)',
      all('rhat'),
      (xs) => Math.max(...xs),
    ],
    ['target chains: largest gap between the ε_g of one seed’s chains', gaps, (xs) => Math.max(...xs)],
    [
      'target chains: smallest effective sample size of the test loss (one seed’s chains)',
      all('ess'),
      (xs) => Math.min(...xs),
    ],
    ['target chains: Metropolis acceptance (mean)', all('accept'), (xs) => xs.reduce((a, b) => a + b, 0) / xs.length],
    ['target chains: longest run (steps, burn-in extensions included)', all('steps'), (xs) => Math.max(...xs)],
    ['source chains: largest split-R̂ of the training misfit', all('srcRhat'), (xs) => Math.max(...xs)],
    ['source chains: smallest effective sample size of the training misfit', all('srcEss'), (xs) => Math.min(...xs)],
    ['source chains: longest run (steps)', all('srcSteps'), (xs) => Math.max(...xs)],
  ];
  return rows.filter(([, xs]) => xs.length > 0).map(([label, xs, f]) => ({ label, value: f(xs) }));
}

const simOverlay = (_t: TheoryResult, points: SimPoint[], p: ProportionalParams) => ({
  readouts: [...simReadouts(p), ...convergenceReadouts(points)],
});

/** A simulated series of protocol `proto` that carries the chains' diagnostics (only from the tasks it applies to). */
const series = (
  proto: string,
  y: SimSeriesDef<ProportionalParams>['y'],
  appliesTo?: SimSeriesDef<ProportionalParams>['appliesTo'],
): SimSeriesDef<ProportionalParams> => ({
  id: seriesId('sim', proto),
  y,
  // Each seed's ε_g is a chain average: its own error floors the bar (two seeds' spread alone can be tiny by chance).
  err: (s) => s.egErr,
  carry: CARRY,
  appliesTo,
});

/** The figures' theory series of one protocol. */
const theorySeries = (proto: string, y: number[]) => ({ id: seriesId('theory', proto), y });

/** Data too large for the theory: every series NaN over the grid, and the reason as a notice. */
function tooLargeResult(reason: string, xs: number[], protocols: string[]): TheoryResult {
  const nan = xs.map(() => NaN);
  return { x: xs, series: protocols.map((id) => theorySeries(id, nan)), notices: [reason] };
}

/** Solve the reader's own point, warm-started from the nearest point of a path just solved. */
function readerPoint(
  curve: string,
  m: Model,
  N1: number,
  gamma: number,
  xs: number[],
  path: TransferPoint[],
  x: number,
): TransferPoint {
  let best = -1;
  for (let i = 0; i < xs.length; i++)
    if (
      path[i].converged &&
      (best < 0 ||
        Math.abs(Math.log(Math.abs(xs[i]) + 1e-9) - Math.log(Math.abs(x) + 1e-9)) <
          Math.abs(Math.log(Math.abs(xs[best]) + 1e-9) - Math.log(Math.abs(x) + 1e-9)))
    )
      best = i;
  const guess = best >= 0 ? { u: path[best].Qt, v: path[best].Qtt } : undefined;
  return transferPath(curve, [x], () => ({ m, N1, gamma }), guess)[0];
}

function orderReadouts(pt: TransferPoint): Readout[] {
  return [
    { label: 'Q_s (source readout renormalisation)', tex: 'Q_s', value: pt.Qs },
    { label: 'Q_t', tex: 'Q_t', value: pt.Qt },
    { label: 'Q_tt (target replicas through the source)', tex: 'Q_{tt}', value: pt.Qtt },
    { label: 'Q_st (source–target)', tex: 'Q_{st}', value: pt.Qst },
  ];
}

const coupling: Figure<ProportionalParams> = {
  id: 'coupling',
  title: 'Error vs coupling to the source',
  caption:
    'Posterior-averaged test error $\\varepsilon_g$ of the target network as the coupling $\\gamma$ to a source ' +
    'sample grows, at your width $N_1$, at $4N_1$ and at $N_1 \\to \\infty$, all on the same data ($P_t = ' +
    '\\alpha_t N_1$, $P_s = \\alpha_s N_1$ at your $N_1$). The flat line is training from scratch ($\\gamma = ' +
    '0$); the leftmost simulated point is that network, sampled. For related tasks a finite coupling helps, and ' +
    'the gain shrinks as the network widens: at infinite width the source data drop out and $\\gamma$ only ' +
    'shrinks the prior. Points: posterior samples of the coupled networks at your width, by ' +
    'Metropolis-adjusted Langevin dynamics; two chains per source sample, one started at it and one at a prior ' +
    'draw (scratch: three prior draws, its posterior mixes slowest), whose burn-in is extended until their ' +
    'between-chain split-$\\hat R$ passes; the readouts give it, the largest gap between chains, the effective ' +
    'sample size and the acceptance. Error bars: standard error over source samples, never below the chains’ ' +
    'own Monte Carlo error.',
  kind: 'line',
  x: { name: 'gamma', label: 'coupling γ', symbol: '\\gamma', scale: 'log', domain: [GAMMA_MIN, GAMMA_MAX] },
  y: { name: 'eg', label: 'test error ε_g' },
  protocols: [
    { id: 'transfer', label: 'transfer, your N₁' },
    { id: 'wide', label: `transfer, ${WIDE_FACTOR}× wider` },
    { id: 'infinite', label: 'transfer, N₁ → ∞' },
    { id: 'scratch', label: 'scratch (γ = 0), your N₁' },
  ],
  sweep: 'gamma',
  theoryDeps: THEORY_DEPS,
  grid: () => GAMMA_GRID,
  theoryCost: 'worker',
  theory(p, xs): TheoryResult {
    const m = modelOf(p);
    const big = tooLarge(m);
    if (big) return tooLargeResult(big, xs, ['transfer', 'wide', 'infinite', 'scratch']);
    const N1 = m.sizes.N1;
    const { path, wide, inf, sc } = memoCurves('coupling', p, 'gamma', xs, () => ({
      path: transferPath('coupling', xs, (g) => ({ m, N1, gamma: g })),
      wide: transferPath('coupling-wide', xs, (g) => ({ m, N1: WIDE_FACTOR * N1, gamma: g })),
      inf: xs.map((g) => infinitePoint(m, g).eg),
      sc: scratchPoint(m, N1),
    }));
    const here = readerPoint('coupling-reader', m, N1, m.gamma, xs, path, m.gamma);
    const marks: Mark[] = [
      { kind: 'vline', x: m.gamma, label: 'your γ', reader: true },
      { kind: 'point', x: m.gamma, y: here.eg, label: `your γ: ε_g = ${fmt(here.eg)}`, reader: true },
    ];
    return {
      x: xs,
      series: [
        theorySeries(
          'transfer',
          path.map((q) => q.eg),
        ),
        theorySeries(
          'wide',
          wide.map((q) => q.eg),
        ),
        theorySeries('infinite', inf),
        theorySeries(
          'scratch',
          xs.map(() => sc.eg),
        ),
      ],
      marks,
      readouts: [
        { label: 'ε_g at your γ', value: here.eg },
        { label: 'ε_g from scratch', value: sc.eg },
        { label: 'transfer gain ε_scratch − ε_g', value: sc.eg - here.eg },
        { label: 'ε of the posterior-mean predictor at your γ', value: here.emean },
        ...orderReadouts(here),
        { label: 'P_t (target examples)', value: m.sizes.Pt },
        { label: 'P_s (source examples)', value: m.sizes.Ps },
      ],
      notices: [...notConverged('your N₁', xs, path), ...notConverged(`${WIDE_FACTOR}× N₁`, xs, wide)],
    };
  },
  // The scratch task last: its chains cost twice a coupled seed's (sim.ts, `chainsPerSeed`), so the coupled points
  // come first (plan order is run order).
  simTasks: (p) => [
    ...SIM_GAMMAS.map((g): SimTask<ProportionalParams> => ({ key: `gamma=${g}`, x: g, params: { ...p, gamma: g } })),
    { key: 'gamma=0', x: GAMMA_MIN, params: { ...p, gamma: 0 } },
  ],
  simSeries: [
    // The scratch task (γ = 0) feeds the scratch point only, every coupled task the transfer points only.
    series(
      'transfer',
      (s) => s.eg,
      (p) => p.gamma > 0,
    ),
    series(
      'scratch',
      (s) => s.eg,
      (p) => p.gamma === 0,
    ),
  ],
  simOverlay,
};

const similarity: Figure<ProportionalParams> = {
  id: 'similarity',
  title: 'Error vs task similarity',
  caption:
    'Test error as the overlap $\\rho$ between the source and target teachers goes from anti-correlated ($-1$) ' +
    'through unrelated ($0$) to the same task ($1$), at your coupling $\\gamma$ and width. Transfer beats ' +
    'scratch only when the tasks are related enough, $|\\rho|$ large; for unrelated teachers a strong coupling ' +
    'is negative transfer. The curves are nearly symmetric in $\\rho$ (exactly so on average over datasets), ' +
    'and the simulated points at $\\rho = \\pm 0.9$ land on the same error: the readout is re-learned and erf ' +
    'is odd, so an anti-correlated teacher reuses the same features with the opposite readout. The ' +
    'infinite-width line has the shape of the scratch line: without feature learning the source has nothing to ' +
    'pass on, and $\\gamma$ only shrinks the prior.',
  kind: 'line',
  x: { name: 'rho', label: 'teacher overlap ρ', symbol: '\\rho', domain: [-1, 1] },
  y: { name: 'eg', label: 'test error ε_g' },
  protocols: [
    { id: 'transfer', label: 'transfer, your γ and N₁' },
    { id: 'infinite', label: 'transfer, N₁ → ∞' },
    { id: 'scratch', label: 'scratch (γ = 0)' },
  ],
  sweep: 'rho',
  theoryDeps: THEORY_DEPS,
  grid: () => RHO_GRID,
  theoryCost: 'worker',
  theory(p, xs): TheoryResult {
    const m0 = modelOf(p);
    const big = tooLarge(m0);
    if (big) return tooLargeResult(big, xs, ['transfer', 'infinite', 'scratch']);
    const N1 = m0.sizes.N1;
    const at = (r: number) => ({ ...m0, rho: r });
    const here = transferPath('similarity-reader', [m0.rho], () => ({ m: m0, N1, gamma: m0.gamma }))[0];
    const { path, sc, inf } = memoCurves('similarity', p, 'rho', xs, () => {
      // Solve outward from the reader's ρ, starting from the reader's own point.
      const guess = here.converged ? { u: here.Qt, v: here.Qtt } : undefined;
      const up = xs.filter((r) => r >= m0.rho);
      const down = xs.filter((r) => r < m0.rho).reverse();
      const solved = new Map<number, TransferPoint>();
      transferPath('similarity-up', up, (r) => ({ m: at(r), N1, gamma: m0.gamma }), guess).forEach((q, i) =>
        solved.set(up[i], q),
      );
      transferPath('similarity-down', down, (r) => ({ m: at(r), N1, gamma: m0.gamma }), guess).forEach((q, i) =>
        solved.set(down[i], q),
      );
      return {
        path: xs.map((r) => solved.get(r)!),
        sc: xs.map((r) => scratchPoint(at(r), N1).eg),
        inf: xs.map((r) => infinitePoint(at(r), m0.gamma).eg),
      };
    });
    return {
      x: xs,
      series: [
        theorySeries(
          'transfer',
          path.map((q) => q.eg),
        ),
        theorySeries('infinite', inf),
        theorySeries('scratch', sc),
      ],
      marks: [
        { kind: 'vline', x: m0.rho, label: 'your ρ', reader: true },
        { kind: 'point', x: m0.rho, y: here.eg, label: `your ρ: ε_g = ${fmt(here.eg)}`, reader: true },
      ],
      readouts: [
        { label: 'ε_g at your ρ', value: here.eg },
        { label: 'ε_g from scratch at your ρ', value: scratchPoint(m0, N1).eg },
        ...orderReadouts(here),
      ],
      notices: notConverged('ρ', xs, path),
    };
  },
  simTasks: (p) =>
    SIM_RHOS.map((r): SimTask<ProportionalParams> => ({ key: `rho=${r}`, x: r, params: { ...p, rho: r } })),
  simSeries: [series('transfer', (s) => s.eg)],
  simOverlay,
};

/**
 * Above this many source examples per hidden unit the finite-size network learns more from the source than the
 * proportional-limit theory allows. At the defaults (P_s = 400, P_t = 100) the simulation sits below the theory by
 * about 1.2/N₁ — 0.046 at N₁ = 25 (long chains), 0.023 at N₁ = 50, 0.006 at N₁ = 100 — so the O(1/N₁) correction
 * exceeds the 0.02 tolerance below N₁ ≈ 60, i.e. P_s/N₁ > 6 (docs/science/proportional.md, "Agreement").
 */
const FINITE_SIZE_ALPHA_S = 6;

/**
 * The width figure's band of widths where P_s/N₁ exceeds FINITE_SIZE_ALPHA_S (none when it starts right of the grid).
 */
function finiteSizeBand(Ps: number, x0: number): Mark[] {
  const x1 = Ps / FINITE_SIZE_ALPHA_S;
  return x1 > x0
    ? [{ kind: 'xband', x0, x1, label: `finite size: P_s/N₁ > ${FINITE_SIZE_ALPHA_S}, simulation below the theory` }]
    : [];
}

const width: Figure<ProportionalParams> = {
  id: 'width',
  title: 'Transfer vanishes at infinite width',
  caption:
    'Test error vs hidden width $N_1$ with the data held fixed at your $P_t$ and $P_s$, from narrow networks ' +
    '(large $\\alpha = P/N_1$, the proportional regime) out to $N_1 = 10^4$, far beyond what the simulation ' +
    'can reach. The transfer and scratch curves approach their infinite-width (NNGP) limits, where the ' +
    'source–target order parameter $Q_{st} \\to 0$: a lazy network has no learned features to pass on, and the ' +
    'remaining gap is only the prior shrinkage caused by $\\gamma$. Simulated points exist only at small ' +
    'widths. In the shaded band the source data per hidden unit are far from the proportional regime ($P_s/N_1 ' +
    '> 6$): the finite network learns more from the source than the proportional-limit theory allows, and the ' +
    'simulation sits below its line by about $1.2/N_1$ at the defaults (0.05 at $N_1 = 25$, 0.02 at $N_1 = ' +
    '50$; longer chains move the points further from the line, not closer).',
  kind: 'line',
  x: { name: 'N1', label: 'hidden width N₁ (data fixed)', symbol: 'N_1', scale: 'log', domain: [20, WIDTH_MAX] },
  y: { name: 'eg', label: 'test error ε_g' },
  protocols: [
    { id: 'transfer', label: 'transfer, your γ' },
    { id: 'scratch', label: 'scratch (γ = 0)' },
    { id: 'infinite', label: 'transfer, N₁ → ∞' },
    { id: 'infinite_scratch', label: 'scratch, N₁ → ∞' },
  ],
  sweep: 'N1',
  theoryDeps: THEORY_DEPS,
  grid: () => logspace(20, WIDTH_MAX, 19).map((n) => Math.round(n)),
  theoryCost: 'worker',
  theory(p, xs): TheoryResult {
    const m = modelOf(p);
    const big = tooLarge(m);
    if (big) return tooLargeResult(big, xs, ['transfer', 'scratch', 'infinite', 'infinite_scratch']);
    // Descending: continuation from the wide end, where the solution tends to (1, 0, 0).
    const { path, sc } = memoCurves('width', p, null, xs, () => {
      const desc = [...xs].sort((a, b) => b - a);
      const solved = new Map<number, TransferPoint>();
      transferPath('width', desc, (n) => ({ m, N1: n, gamma: m.gamma }), { u: 1, v: 0 }).forEach((q, i) =>
        solved.set(desc[i], q),
      );
      return { path: xs.map((n) => solved.get(n)!), sc: xs.map((n) => scratchPoint(m, n).eg) };
    });
    const inf = infinitePoint(m, m.gamma).eg;
    const infScratch = infinitePoint(m, 0).eg;
    const here = readerPoint('width-reader', m, m.sizes.N1, m.gamma, xs, path, m.sizes.N1);
    const far = path[path.length - 1];
    return {
      x: xs,
      series: [
        theorySeries(
          'transfer',
          path.map((q) => q.eg),
        ),
        theorySeries('scratch', sc),
        theorySeries(
          'infinite',
          xs.map(() => inf),
        ),
        theorySeries(
          'infinite_scratch',
          xs.map(() => infScratch),
        ),
      ],
      marks: [
        { kind: 'vline', x: m.sizes.N1, label: 'your N₁', reader: true },
        { kind: 'point', x: m.sizes.N1, y: here.eg, label: `your N₁: ε_g = ${fmt(here.eg)}`, reader: true },
        ...finiteSizeBand(m.sizes.Ps, xs[0]),
      ],
      readouts: [
        { label: 'Q_st at your N₁', tex: 'Q_{st}', value: here.Qst },
        { label: `Q_st at N₁ = ${xs[xs.length - 1]}`, tex: 'Q_{st}', value: far.Qst },
        { label: 'transfer gain at your N₁', value: scratchPoint(m, m.sizes.N1).eg - here.eg },
        { label: `transfer gain at N₁ = ${xs[xs.length - 1]}`, value: scratchPoint(m, xs[xs.length - 1]).eg - far.eg },
        { label: 'P_t (fixed)', value: m.sizes.Pt },
        { label: 'P_s (fixed)', value: m.sizes.Ps },
      ],
      notices: notConverged('N₁', xs, path),
    };
  },
  // Data fixed at the reader's sizes while the simulated width changes (internal keys Pt, Ps; see sizesOf).
  simTasks: (p) => {
    const m = modelOf(p);
    return SIM_WIDTHS.map((n): SimTask<ProportionalParams> => ({
      key: `N1=${n}`,
      x: n,
      params: { ...p, N1: n, Pt: m.sizes.Pt, Ps: m.sizes.Ps },
    }));
  },
  simSeries: [series('transfer', (s) => s.eg)],
  simOverlay,
};

export const figures: Figure<ProportionalParams>[] = [coupling, similarity, width];
