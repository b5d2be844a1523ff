/**
 * The chapter contract. A chapter is a folder `src/engine/chapters/<id>/` whose
 * `index.ts` exports `chapter: Chapter`, registered in ONE list
 * (`src/engine/chapters/index.ts`). Everything the app, the workers, the CLI and
 * the tests need comes from this object; the foundation has no per-chapter code.
 *
 * Pure data + pure functions: no DOM, no React. The simulation module is loaded
 * lazily (`loadSim`) so that tfjs never enters the main bundle.
 */
import type { Params, Schema } from './schema';
import type { Rng } from './rng';
import type { SimPoint } from './simRunner';
import type { ArrayStore } from './arrayStore';
import type { Guide } from './guide';

/** A protocol = one curve colour/marker (scratch, transfer, fine-tuning, …). */
export interface Protocol {
  id: string;
  label: string;
}

/** Axis description. `param` is the swept parameter (for heatmap y as well). */
export interface Axis {
  /** Schema name of the swept parameter, or a chapter-local quantity (e.g. "k", "similarity"). */
  name: string;
  label: string;
  /** TeX symbol for the axis, optional. */
  symbol?: string;
  scale?: 'linear' | 'log';
  /** Fixed domain; otherwise derived from the grid / data. */
  domain?: [number, number];
}

/**
 * Annotations the theory draws on top of a figure (crossover line, shaded region, reader's point).
 * `reader: true` marks the reader's own position (the current slider values): while a slider moves, the stand-in
 * theory puts it at the new value exactly instead of interpolating it (core/theoryBlend.ts).
 */
export type Mark =
  | { kind: 'vline'; x: number; label: string; reader?: boolean }
  | { kind: 'hline'; y: number; label: string }
  | { kind: 'xband'; x0: number; x1: number; label: string }
  | { kind: 'yband'; y0: number; y1: number; label: string }
  | { kind: 'point'; x: number; y: number; label: string; reader?: boolean };

/** What a plotted series is: the analytic curve or the simulated points of one protocol. */
export type SeriesKind = 'theory' | 'sim';
/**
 * A series id, `<kind>:<protocol>`. It is the wire format (DOM `data-series`, CLI JSON/CSV, exports), so it stays a
 * string; the type makes a malformed id a compile error and `seriesId`/`parseSeriesId` are the one way to build and
 * read it.
 */
export type SeriesId<K extends SeriesKind = SeriesKind> = `${K}:${string}`;

export function seriesId<K extends SeriesKind>(kind: K, protocol: string): SeriesId<K> {
  return `${kind}:${protocol}`;
}

export function parseSeriesId(id: string): { kind: SeriesKind; protocol: string } | undefined {
  const m = /^(theory|sim):(.+)$/.exec(id);
  return m ? { kind: m[1] as SeriesKind, protocol: m[2] } : undefined;
}

/** A number shown next to the figure (e.g. "KL = 12.5 nats", "theory–sim gap 0.012"). */
export interface Readout {
  label: string;
  value: number;
  unit?: string;
  /** TeX for the label, optional. */
  tex?: string;
  /** Standard error, where the value is measured (shown to its precision: 0.117 ± 0.007). */
  err?: number;
}

export interface LineSeries {
  /** `theory:<protocol>` — must name a protocol of the figure. */
  id: SeriesId<'theory'>;
  y: number[];
}

export interface Heatmap {
  /** Values of the x param (columns) and y param (rows). */
  xs: number[];
  ys: number[];
  /** z[i][j] at (xs[j], ys[i]); non-finite = no value (drawn blank). */
  z: number[][];
  /** Which theory quantity z is, e.g. "theory:T_lt". */
  id: string;
}

/** What a figure's theory returns for one parameter set. */
export interface TheoryResult {
  /** Line figures: the x grid the series are evaluated on. */
  x?: number[];
  series?: LineSeries[];
  heatmap?: Heatmap;
  marks?: Mark[];
  readouts?: Readout[];
  /** e.g. "solver did not converge at α = 0.1"; shown in the notice area. */
  notices?: string[];
}

/** One unit of simulation work: a parameter set (x — and y for maps — already substituted). */
export interface SimTask<P extends Params = Params> {
  /** Stable key within the figure, e.g. "x=0.5" or "x=0.5|y=1.2". */
  key: string;
  params: P;
  x: number;
  /** Second coordinate for heatmap figures. */
  y?: number;
}

/**
 * One seed's outcome of a task: named quantities (per protocol errors, similarity
 * scores, …). The figure's `simSeries` says how they become plotted points.
 */
export type SimSample = Record<string, number>;

/** How a simulated series is read off the per-seed samples (paired per seed, then averaged). */
export interface SimSeriesDef<P extends Params = Params> {
  /** `sim:<protocol>`. */
  id: SeriesId<'sim'>;
  /**
   * The tasks this series is read from (by the task's parameters); default: every task. A figure whose tasks
   * feed different series (one candidate, one protocol per task) says so here, so `y` is only asked where it has
   * a value and a non-finite `y` always means a failed seed.
   */
  appliesTo?(p: P): boolean;
  /** y value of one seed (e.g. s => s.scratch - s.transfer). Non-finite values are dropped and counted. */
  y(s: SimSample, p: P): number;
  /** x value of one seed when x is measured, not swept (scatter figures); default: the task's x. */
  x?(s: SimSample, p: P): number;
  /**
   * One seed's own standard error of `y` (e.g. the Monte Carlo error of a chain average, from its effective sample
   * size). The point's error bar is then never below √(Σ err²)/n: the spread over a few seeds alone can be tiny by
   * chance (two seeds give it one degree of freedom), while each seed's value is itself only known to its own error.
   */
  err?(s: SimSample, p: P): number;
  /**
   * Per-seed quantities handed on with the point (`SimPoint.carried`), e.g. for convergence readouts in `simOverlay`.
   */
  carry?: string[];
}

/** The colour scale of a map figure. */
export interface ZScale {
  label: string;
  domain: [number, number];
  /** Diverging around 0 (transferability) or sequential. */
  palette: 'diverging' | 'sequential';
  /** Level drawn as a contour line. */
  contour?: number;
}

/** What every figure has, whatever its kind. `P` is the chapter's typed parameters (`ParamsOf<typeof schema>`). */
interface FigureBase<P extends Params> {
  id: string;
  title: string;
  /** One paragraph: what to look at. May contain $TeX$. */
  caption: string;
  x: Axis;
  y: Axis;
  protocols: Protocol[];
  /**
   * The parameters the theory reads (schema names). Theory caches, the shipped results and prefetch key on these
   * only, so a simulation-only slider (seeds, steps) never recomputes a curve. Absent = every parameter.
   */
  theoryDeps?: readonly (keyof P & string)[];
  /** Theory grid (x values; for heatmaps the theory builds its own grid). */
  grid(p: P): number[];
  /** Where `grid` is a parameter sweep, the parameter name (so the CLI `--x` and the sim know what to set). */
  sweep?: keyof P & string;
  /** Theory for a parameter set. Must be finite-safe: return NaN (not throw) where undefined. */
  theory(p: P, xs: number[]): TheoryResult;
  /** 'instant' = cheap enough for every slider frame on the main thread (≲ 5 ms); 'worker' = theory worker. */
  theoryCost: 'instant' | 'worker';
  /** Simulation tasks for the current parameters (coarser than the theory grid); absent = no simulation. */
  simTasks?(p: P): SimTask<P>[];
  simSeries?: SimSeriesDef<P>[];
  /**
   * Readouts and marks that need the simulated points too (e.g. the measured theory–simulation
   * gap, a crossover read off the points). Called by the app and the CLI whenever points change.
   */
  simOverlay?(theory: TheoryResult, points: SimPoint[], p: P): { readouts?: Readout[]; marks?: Mark[] };
}

/** Curves against a swept parameter. */
export interface LineFigure<P extends Params = Params> extends FigureBase<P> {
  kind: 'line';
  z?: undefined;
}

/** A map over two parameters, coloured by `z`. */
export interface HeatmapFigure<P extends Params = Params> extends FigureBase<P> {
  kind: 'heatmap';
  z: ZScale;
}

/** Points whose x is measured per seed (e.g. a similarity score against the gain). */
export interface ScatterFigure<P extends Params = Params> extends FigureBase<P> {
  kind: 'scatter';
  z?: undefined;
}

/**
 * A figure, by kind. Which sliders it shows is said once, in the schema (`usedBy` on each parameter; see
 * core/guide.ts `visibleParams`).
 */
export type Figure<P extends Params = Params> = LineFigure<P> | HeatmapFigure<P> | ScatterFigure<P>;

/**
 * A preset's values: some of the chapter's typed parameters, each with its own type. The `& Params` makes a typed
 * chapter's presets readable through the registry's untyped `Chapter` (a bare `Partial<P>` has possibly-undefined
 * values, which `Params` does not take); it also lets an unknown key compile, so test/contract.test.ts checks that
 * every preset key is a schema name.
 */
type PresetValues<P extends Params> = Partial<P> & Params;

export interface Preset<P extends Params = Params> {
  id: string;
  title: string;
  /** Which paper figure / what it shows. May contain $TeX$. */
  caption: string;
  fig: string;
  /** Only the values that differ from the defaults. */
  params: PresetValues<P>;
}

/** Context the simulation runner gives a chapter's sim (closures: its functions may be passed on unbound). */
export interface SimContext {
  /** Seeded randomness for this run: rng('data', seed) is the same on every backend and in Node. */
  rng: (...keys: (string | number)[]) => Rng;
  /** Yield to the event loop and throw `Cancelled` if this run was superseded. Call between GD chunks. */
  checkpoint: () => Promise<void>;
  /** Fraction [0,1] of the current task done (for the progress bar). */
  progress: (fraction: number) => void;
  /** Persistent across runs in the same worker/process (e.g. pretrained source networks). */
  cache: SimCache;
  /**
   * Persistent across visits, when the runner was given one (the browser's training worker: IndexedDB,
   * per chapter, backend and engine version): arrays too costly to recompute, such as a trained source
   * network. Asynchronous and optional; see core/arrayStore.ts for how to use it under `cache`.
   */
  store?: ArrayStore;
  /** A message for the notice area (e.g. "LT readout uses λ ≥ 0.1 on the GD path"). */
  notice: (text: string) => void;
}

export interface SimCache {
  get<T>(key: string): T | undefined;
  /** `dispose` is called when the entry is evicted (free tensors there). */
  set<T>(key: string, value: T, dispose?: (value: T) => void): void;
}

export interface SimModule<P extends Params = Params> {
  /** Run one task for the given seeds; return one sample per seed, in order. */
  run(fig: string, task: SimTask<P>, seeds: number[], ctx: SimContext): Promise<SimSample[]>;
  /** How many seeds to hand to `run` at once (batched GD); default 1 (points refine seed by seed). */
  seedBatch?: number;
}

/**
 * A chapter, typed by its parameters: `Chapter<ParamsOf<typeof schema>>` in the chapter's folder, so its figures,
 * presets and sim read `p.gamma` as a number; the registry holds them as `Chapter` (every method takes `Params`).
 */
export interface Chapter<P extends Params = Params> {
  id: string;
  title: string;
  /** The one-line question the chapter answers (landing page). */
  question: string;
  paper?: { authors: string; title: string; year: number; arxiv?: string; url?: string };
  status: 'ready' | 'coming';
  schema: Schema;
  figures: Figure<P>[];
  presets: Preset<P>[];
  /** Article text: paragraphs separated by blank lines; `## ` headings; `$…$` inline and `$$…$$` display TeX. */
  text: string;
  loadSim?: () => Promise<SimModule<P>>;
  /** The guided tour, the figures' first sliders and the glossary of non-parameter symbols (core/guide.ts). */
  guide?: Guide;
}

/** Thrown by `checkpoint()` when a run is superseded or cancelled. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** URL keys owned by the app; chapter parameters may not use them. */
export const RESERVED_KEYS = [
  'chapter',
  'fig',
  'seed',
  'embed',
  'backend',
  'controls',
  'autorun',
  'big',
  'view',
  'preset',
  'step',
  'workers',
] as const;
