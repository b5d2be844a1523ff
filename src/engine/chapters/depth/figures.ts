/**
 * The chapter's figures (docs/science/depth.md). There is no theory for deep
 * networks here: every curve is simulated, so `theory` only returns the x grid,
 * the reader's point and reference marks, and the sim series carry the data.
 *
 * Readouts and marks that need the simulated points (k*, rank agreement) come
 * from each figure's `simOverlay`, which the app and the CLI call as points arrive.
 * Which sliders a figure shows is said in the schema (`usedBy`, params.ts); `theoryDeps` lists what `grid` and
 * `theory` read (theoryDeps.test.ts checks that nothing else changes them).
 */
import {
  seriesId,
  type Figure,
  type Mark,
  type Protocol,
  type Readout,
  type SeriesId,
  type SimSample,
  type SimSeriesDef,
  type SimTask,
  type TheoryResult,
} from '../../core/chapter';
import type { SimPoint } from '../../core/simRunner';
import { CANDIDATES } from './data';
import {
  FIG_KSTAR,
  FIG_LAYERS,
  FIG_PROFILES,
  FIG_SOURCES,
  layerSizes,
  mapProtocol,
  taskField,
  type DepthParams,
} from './params';
import { argminDepth, rankAgreement, shallowestWithinOneSe } from './ranking';
import { chanceOverlap } from './similarity';

const depths = (p: DepthParams) => Array.from({ length: p.L + 1 }, (_, k) => k);
const hiddenLayers = (p: DepthParams) => Array.from({ length: p.L }, (_, l) => l + 1);
/** Figures whose points are expensive use at most this many seeds (task.params.seeds). */
export const MAX_SELECTION_SEEDS = 2;
const capSeeds = (p: DepthParams) => Math.min(p.seeds, MAX_SELECTION_SEEDS);

// ---------------------------------------------------------------- layers

const SIZE_SLOTS = [
  { id: 'small', label: 'Pₜ/4' },
  { id: 'mid', label: 'Pₜ' },
  { id: 'large', label: '4·Pₜ' },
] as const;
const LAYER_PROTOCOLS = ['frozen', 'finetune'] as const;

const layerProtocols: Protocol[] = LAYER_PROTOCOLS.flatMap((proto) =>
  SIZE_SLOTS.map((s) => ({
    id: `${proto}_${s.id}`,
    label: `${proto === 'frozen' ? 'frozen' : 'fine-tuned'}, ${s.label} target samples`,
  })),
);

function shows(p: DepthParams, proto: (typeof LAYER_PROTOCOLS)[number]): boolean {
  return p.protocol === 'both' || p.protocol === proto;
}

/** Seed-averaged error vs k of one series, indexed by k (NaN where missing). */
function curveOf(points: readonly SimPoint[], series: string, L: number): { err: number[]; se: number[] } {
  const err = new Array<number>(L + 1).fill(NaN);
  const se = new Array<number>(L + 1).fill(NaN);
  for (const pt of points) {
    if (pt.series !== series || !(pt.x >= 0 && pt.x <= L)) continue;
    err[pt.x] = pt.y;
    se[pt.x] = pt.err;
  }
  return { err, se };
}

/** k* of each simulated curve of the layer figure: argmin of the seed-averaged error (docs/science/depth.md). */
export function layerOptima(
  points: readonly SimPoint[],
  p: DepthParams,
): { series: SeriesId<'sim'>; label: string; Pt: number; kstar: number; kstar1se: number; err: number }[] {
  const L = p.L;
  const sizes = layerSizes(p);
  const out = [];
  for (const proto of LAYER_PROTOCOLS) {
    if (!shows(p, proto)) continue;
    for (let i = 0; i < SIZE_SLOTS.length; i++) {
      const series = seriesId('sim', `${proto}_${SIZE_SLOTS[i].id}`);
      const { err, se } = curveOf(points, series, L);
      if (err.some((e) => !Number.isFinite(e))) continue; // only complete curves have a k*
      const kstar = argminDepth(err);
      out.push({
        series,
        label: proto === 'frozen' ? 'frozen' : 'fine-tuned',
        Pt: sizes[i],
        kstar,
        kstar1se: shallowestWithinOneSe(err, se),
        err: err[kstar],
      });
    }
  }
  return out;
}

const layers: Figure<DepthParams> = {
  id: FIG_LAYERS,
  title: 'Error vs number of transferred layers',
  caption:
    'Target test error after copying the first $k$ hidden layers of the pretrained source network and training the ' +
    'rest on the target ($k = 0$: from scratch; $k = L$: only a new readout on the source features). One curve ' +
    'per target size; the black ring marks each curve’s optimal depth $k^*$. With a similar source (small ' +
    '$\\delta_\\theta$) and few target samples, copying several layers beats training from scratch by far; as ' +
    'the target set grows, $k^*$ moves down to the first layer and keeping everything becomes the worst ' +
    'choice. Raise $\\delta_\\theta$ or $\\delta_F$ to see transfer of deep layers turn negative.',
  kind: 'line',
  x: { name: 'k', label: 'transfer depth k (copied layers)', symbol: 'k' },
  y: { name: 'err', label: 'target test error' },
  protocols: layerProtocols,
  theoryDeps: ['L'],
  grid: depths,
  theoryCost: 'instant',
  theory(_p, xs): TheoryResult {
    return { x: xs, series: [] };
  },
  simTasks: (p) =>
    layerSizes(p).flatMap((Pt, slot) =>
      depths(p).map((k): SimTask<DepthParams> => ({ key: `Pt=${Pt}|k=${k}`, x: k, params: { ...p, Pt, k, slot } })),
    ),
  simSeries: LAYER_PROTOCOLS.flatMap((proto) =>
    SIZE_SLOTS.map((size, i): SimSeriesDef<DepthParams> => ({
      id: seriesId('sim', `${proto}_${size.id}`),
      appliesTo: (q) => q.slot === i && shows(q, proto),
      y: (s) => s[proto],
    })),
  ),
  simOverlay: (_theory, points, p) => {
    const optima = layerOptima(points, p);
    return {
      marks: optima.map((o): Mark => ({
        kind: 'point',
        x: o.kstar,
        y: o.err,
        label: `k* = ${o.kstar} (${o.label}, Pₜ = ${o.Pt})`,
      })),
      readouts: optima.flatMap((o): Readout[] => [
        { label: `k* (${o.label}, Pₜ = ${o.Pt})`, value: o.kstar, tex: `k^*` },
        { label: `shallowest k within 1 s.e. of the best (${o.label}, Pₜ = ${o.Pt})`, value: o.kstar1se },
      ]),
    };
  },
};

// ---------------------------------------------------------------- kstar map

/** Target sizes (columns) and rule changes (rows) of the k* map: 4 × 4 cells, ≤ 2 seeds (browser budget). */
export const MAP_SIZES = [20, 40, 100, 250];
export const MAP_DTH = [0, 0.25, 0.5, 0.75];

const kstar: Figure<DepthParams> = {
  id: FIG_KSTAR,
  title: 'Optimal transfer depth over similarity and data',
  caption:
    "Each cell is the optimal number of copied layers $k^*$ (the average of each seed's own $k^*$) for a target " +
    'size $P_t$ and a rule change $\\delta_\\theta$; every cell trains all depths $k = 0..L$ on the same ' +
    'source network. Deep transfer ($k^*$ near $L$) pays off only for a close source: with the same rule it is ' +
    'best at every target size shown, since the source was trained on more samples ($P_s$) than any of these ' +
    'target sets; moving up (a less similar rule) pushes $k^*$ down to the first layer or to training from ' +
    'scratch. The ring is your $(P_t, \\delta_\\theta)$. This map comes from simulation only and is noisy at 2 ' +
    'seeds: read it row by row.',
  kind: 'heatmap',
  x: { name: 'Pt', label: 'target samples Pₜ', symbol: 'P_t', scale: 'log' },
  y: { name: 'dth', label: 'rule change δθ', symbol: '\\delta_\\theta', domain: [0, 0.75] },
  z: { label: 'optimal depth k* (mean over seeds)', domain: [0, 4], palette: 'sequential' },
  protocols: [{ id: 'kstar', label: 'optimal depth k*' }],
  theoryDeps: ['Pt', 'dth'],
  grid: () => MAP_SIZES,
  theoryCost: 'instant',
  theory(p): TheoryResult {
    return { marks: [{ kind: 'point', x: p.Pt, y: p.dth, label: 'your (Pₜ, δθ)', reader: true }] };
  },
  simTasks: (p) =>
    MAP_DTH.flatMap((dth) =>
      MAP_SIZES.map((Pt): SimTask<DepthParams> => ({
        key: `Pt=${Pt}|dth=${dth}`,
        x: Pt,
        y: dth,
        params: { ...p, Pt, dth, seeds: capSeeds(p) },
      })),
    ),
  simSeries: [{ id: seriesId('sim', 'kstar'), y: (s) => s.kstar }],
  simOverlay: (_theory, points, p) => {
    const mine = points.filter((q) => q.series === seriesId('sim', 'kstar'));
    const proto = mapProtocol(p) === 'frozen' ? 'frozen' : 'fine-tuned';
    return { readouts: mine.length ? [{ label: `cells simulated (${proto} protocol)`, value: mine.length }] : [] };
  },
};

// ---------------------------------------------------------------- source selection

/** Which per-layer similarity the reader chose, and whether higher means closer. */
export function measureOf(p: DepthParams): {
  field: 'overlap' | 'cka' | 'imbalance';
  higherIsCloser: boolean;
  label: string;
} {
  if (p.score === 'cka') return { field: 'cka', higherIsCloser: true, label: 'linear CKA' };
  if (p.score === 'imbalance')
    return { field: 'imbalance', higherIsCloser: false, label: 'information imbalance Δ(target → source)' };
  return { field: 'overlap', higherIsCloser: true, label: 'neighbourhood overlap χ' };
}

/** The plotted score of one seed's selection sample: layer average or last layer of the chosen measure. */
export function scoreOf(s: SimSample, p: DepthParams): number {
  const { field } = measureOf(p);
  const L = p.L;
  if (p.scoreLayer === 'last') return s[`${field}_${L}`];
  let sum = 0;
  for (let l = 1; l <= L; l++) sum += s[`${field}_${l}`];
  return sum / L;
}

const candidateProtocols: Protocol[] = CANDIDATES.map((c) => ({ id: c.id, label: c.label }));

/** Rank agreement between the candidates' scores and the errors reached from them (+1 = perfect ranking). */
export function selectionAgreement(points: readonly SimPoint[], p: DepthParams): number {
  const byCandidate = CANDIDATES.map((c) => points.find((q) => q.series === seriesId('sim', c.id))).filter(
    (q): q is SimPoint => !!q,
  );
  return rankAgreement(
    byCandidate.map((q) => q.x),
    byCandidate.map((q) => q.y),
    measureOf(p).higherIsCloser,
  );
}

const selectionTasks = (p: DepthParams, layersToo: boolean): SimTask<DepthParams>[] =>
  CANDIDATES.flatMap((c, cand) =>
    (layersToo ? hiddenLayers(p) : [cand]).map((x): SimTask<DepthParams> => ({
      key: layersToo ? `source=${c.id}|layer=${x}` : `source=${c.id}`,
      x,
      params: { ...p, cand, layer: layersToo ? x : 0, seeds: capSeeds(p) },
    })),
  );

const sources: Figure<DepthParams> = {
  id: FIG_SOURCES,
  title: 'Which source to start from',
  caption:
    'One small target task and five candidate source networks pretrained on related tasks. For each candidate: ' +
    'horizontally, how similar its internal representations are to those of a small network trained from ' +
    'scratch on the target (layer by layer on the same probe inputs, then averaged); vertically, the best ' +
    'target error reached by transferring from it (frozen, best $k \\ge 1$) minus the error of training from ' +
    'scratch, paired seed by seed: below the dashed zero line the source helps. A good score ranks the ' +
    'candidates in the order of their errors: the readout gives the rank agreement (+1 = perfect).',
  kind: 'scatter',
  x: { name: 'score', label: 'representation similarity to the scratch target network' },
  y: { name: 'gain', label: 'best transfer error − scratch error (frozen, k ≥ 1)' },
  protocols: candidateProtocols,
  theoryDeps: ['score'],
  grid: () => [],
  theoryCost: 'instant',
  theory(p): TheoryResult {
    const notices =
      p.score === 'imbalance'
        ? [
            'Information imbalance is a distance-like score: lower means the target network’s neighbourhoods ' +
              'predict the source’s.',
          ]
        : [];
    return {
      marks: [
        { kind: 'hline', y: 0, label: 'training from scratch' },
        { kind: 'yband', y0: 0, y1: Infinity, label: 'negative transfer' },
      ],
      notices,
    };
  },
  simTasks: (p) => selectionTasks(p, false),
  simSeries: CANDIDATES.map((c, i): SimSeriesDef<DepthParams> => ({
    id: seriesId('sim', c.id),
    appliesTo: (q) => q.cand === i,
    x: (s, q) => scoreOf(s, q),
    y: (s) => s.best - s.scratch,
  })),
  simOverlay: (_theory, points, p) => {
    const rho = selectionAgreement(points, p);
    return {
      readouts: Number.isFinite(rho)
        ? [
            {
              label: `rank agreement of ${measureOf(p).label} with transfer error (Spearman, +1 = perfect)`,
              value: rho,
            },
          ]
        : [],
    };
  },
};

const profiles: Figure<DepthParams> = {
  id: FIG_PROFILES,
  title: 'Similarity layer by layer',
  caption:
    'The similarity between the network trained from scratch on the small target set and each candidate source ' +
    'network, hidden layer by hidden layer. The first layer is the most similar for every candidate, and there ' +
    'they differ least (all of them must undo the same kind of input embedding); deeper layers separate the ' +
    'sources, the closest source staying well above the others. The dashed line is the chance level of the ' +
    'neighbourhood overlap, $k_{nn}/(M-1)$ for $k_{nn}$ neighbours among $M$ probe inputs.',
  kind: 'line',
  x: { name: 'layer', label: 'hidden layer l', symbol: 'l' },
  y: { name: 'score', label: 'similarity to the scratch target network' },
  protocols: candidateProtocols,
  theoryDeps: ['L', 'score', 'knn', 'probe'],
  grid: hiddenLayers,
  theoryCost: 'instant',
  theory(p, xs): TheoryResult {
    const marks: Mark[] = [];
    if (measureOf(p).field === 'overlap')
      marks.push({
        kind: 'hline',
        y: chanceOverlap(p.probe, p.knn),
        label: `chance overlap kₙₙ/(M − 1), for kₙₙ = ${p.knn} neighbours among M = ${p.probe} probe inputs`,
      });
    if (measureOf(p).field === 'imbalance') marks.push({ kind: 'hline', y: 1, label: 'no information (Δ = 1)' });
    return { x: xs, series: [], marks };
  },
  simTasks: (p) => selectionTasks(p, true),
  simSeries: CANDIDATES.map((c, i): SimSeriesDef<DepthParams> => ({
    id: seriesId('sim', c.id),
    appliesTo: (q) => q.cand === i,
    y: (s, q) => s[`${measureOf(q).field}_${taskField(q, 'layer')}`],
  })),
};

export const figures: Figure<DepthParams>[] = [layers, kstar, sources, profiles];
