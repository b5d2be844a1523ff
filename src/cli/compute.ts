/**
 * The figure behind one CLI call: the simulation plan (the figure's tasks, or one per `--x` value), the
 * theory, and the exchange shape. Simulated samples come from `run.ts` (in this process or worker threads)
 * or from shard files (`merge`); all three turn them into points with the runner's one merge, so the numbers
 * do not depend on how the work was spread.
 */
import type { Figure, SimModule, SimTask, TheoryResult } from '../engine/core/chapter';
import { figureData, type FigureData } from '../engine/core/figureData';
import { withSimOverlay } from '../engine/core/overlay';
import type { Params } from '../engine/core/schema';
import {
  makeSimCache,
  mergeUnits,
  planFigure,
  runFigure,
  seedCount,
  type SimPlan,
  type SimPoint,
  type UnitResult,
} from '../engine/core/simRunner';
import type { CurveArgs } from './args';
import type { AxisChoice } from './axis';

/** Theory on the x values of `x` (default: the figure's grid); see `theoryAt`. */
export function theoryAlong(fig: Figure, p: Params, x?: AxisChoice): TheoryResult {
  return theoryAt(fig, p, x?.values ?? fig.grid(p), x);
}

/** Theory on an x grid: the figure's own sweep, or any other parameter evaluated at the reader's sweep value. */
export function theoryAt(fig: Figure, p: Params, xs: number[], x?: AxisChoice): TheoryResult {
  if (!x || x.name === fig.sweep || !fig.sweep) return fig.theory(p, xs);
  const at = p[fig.sweep] as number;
  const runs = xs.map((v) => fig.theory({ ...p, [x.name]: v }, [at]));
  const ids = runs[0]?.series?.map((s) => s.id) ?? [];
  return {
    x: xs,
    series: ids.map((id) => ({ id, y: runs.map((r) => r.series?.find((s) => s.id === id)?.y[0] ?? NaN) })),
    notices: [...new Set(runs.flatMap((r) => r.notices ?? []))],
  };
}

/** The figure whose tasks the simulation runs: one task per `--x` value when a parameter is swept. */
export function simFigure(fig: Figure, x?: AxisChoice): Figure {
  if (!x?.values || !fig.sweep) return fig; // a fixed axis: the figure's own tasks
  const { name, values } = x;
  const tasks = (q: Params): SimTask[] =>
    values.map((v) => ({ key: `${name}=${v}`, x: v, params: { ...q, [name]: v } }));
  return { ...fig, simTasks: tasks };
}

export interface SimSetup {
  fig: Figure;
  sim: SimModule;
  plan: SimPlan;
}

export async function prepareSim(args: CurveArgs): Promise<SimSetup> {
  const fig = simFigure(args.fig, args.x);
  if (!fig.simTasks || !args.chapter.loadSim) throw new Error(`figure "${args.fig.id}" has no simulation`);
  const sim = await args.chapter.loadSim();
  return { fig, sim, plan: planFigure(fig, args.params, seedCount(args.params), sim.seedBatch ?? 1) };
}

/** The x values of the theory: the requested grid plus every x that carries a simulated point. */
export function theoryXs(args: Pick<CurveArgs, 'fig' | 'params' | 'x'>, plan?: SimPlan): number[] {
  const base = args.x?.values ?? args.fig.grid(args.params);
  if (!plan || args.fig.kind !== 'line') return base;
  const simXs = plan.tasks.filter((t) => t.y === undefined).map((t) => t.x);
  return [...new Set([...base, ...simXs])].sort((a, b) => a - b);
}

/** Theory + simulated points in the exchange shape (what is printed). */
export function assemble(
  args: CurveArgs,
  setup: SimSetup | undefined,
  results: UnitResult[] | undefined,
): { data: FigureData; notices: string[] } {
  const theory = theoryAt(args.fig, args.params, theoryXs(args, setup?.plan), args.x);
  const points: SimPoint[] = setup && results ? mergeUnits(setup.fig, setup.plan, results) : [];
  const data = figureData(
    args.chapter,
    args.fig,
    args.params,
    withSimOverlay(args.fig, theory, points, args.params) ?? undefined,
    points,
    args.sim ? args.seed : undefined,
  );
  if (args.x && args.x.name !== data.x.name) data.x.name = args.x.name;
  return { data, notices: theory.notices ?? [] };
}

/** In-process theory + simulation of one figure (scripts that want points rather than printed output). */
export async function computeCurve(
  args: Pick<CurveArgs, 'chapter' | 'fig' | 'params' | 'sim' | 'seed'> &
    Partial<Pick<CurveArgs, 'x' | 'format' | 'backend'>>,
): Promise<{ theory: TheoryResult; points: SimPoint[]; notices: string[] }> {
  const notices: string[] = [];
  let points: SimPoint[] = [];
  let plan: SimPlan | undefined;
  if (args.sim) {
    const fig = simFigure(args.fig, args.x);
    if (!fig.simTasks || !args.chapter.loadSim) throw new Error(`figure "${args.fig.id}" has no simulation`);
    const sim = await args.chapter.loadSim();
    plan = planFigure(fig, args.params, seedCount(args.params), sim.seedBatch ?? 1);
    points = await runFigure(args.chapter, fig, sim, args.params, {
      seed: args.seed,
      seeds: seedCount(args.params),
      cache: makeSimCache(),
      onPoint: () => {},
      onNotice: (t) => notices.push(t),
      yieldNow: () => Promise.resolve(),
    });
  }
  const theory = theoryAt(args.fig, args.params, theoryXs(args, plan), args.x);
  return { theory, points, notices: [...(theory.notices ?? []), ...notices] };
}
