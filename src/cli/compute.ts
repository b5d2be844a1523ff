/** Theory + (optionally) simulation of one figure for the CLI, honouring `--x`. Uses the shared simulation runner. */
import type { Figure, SimTask, TheoryResult } from '../engine/core/chapter';
import type { Params } from '../engine/core/schema';
import { makeSimCache, runFigure, seedCount, type SimPoint } from '../engine/core/simRunner';
import type { CurveArgs } from './args';

/** Theory on an x grid: either the figure's own sweep, or any other parameter evaluated at the reader's sweep value. */
export function theoryAlong(fig: Figure, p: Params, x?: { name: string; values?: number[] }): TheoryResult {
  if (!x || x.name === fig.sweep || x.name === fig.x.name || !fig.sweep) return fig.theory(p, x?.values ?? fig.grid(p));
  const values = x.values ?? [];
  const at = p[fig.sweep] as number;
  const runs = values.map((v) => fig.theory({ ...p, [x.name]: v }, [at]));
  const ids = runs[0]?.series?.map((s) => s.id) ?? [];
  return {
    x: values,
    series: ids.map((id) => ({ id, y: runs.map((r) => r.series?.find((s) => s.id === id)?.y[0] ?? NaN) })),
    notices: [...new Set(runs.flatMap((r) => r.notices ?? []))],
  };
}

export function simTasksAlong(fig: Figure, p: Params, x?: { name: string; values?: number[] }): Figure {
  if (!x?.values) return fig;
  if (x.name === fig.x.name && !fig.sweep) return fig; // fixed axis: the figure's own tasks
  const name = x.name;
  const values = x.values ?? fig.grid(p);
  const tasks = (q: Params): SimTask[] => values.map((v) => ({ key: `${name}=${v}`, x: v, params: { ...q, [name]: v } }));
  return { ...fig, simTasks: tasks };
}

export async function computeCurve(args: CurveArgs): Promise<{ theory: TheoryResult; points: SimPoint[]; notices: string[] }> {
  if (args.x && !args.x.values && args.x.name !== args.fig.sweep) {
    const spec = args.chapter.schema.find((s) => s.name === args.x!.name);
    if (spec && spec.kind === 'number') {
      const n = 11;
      args.x.values = Array.from({ length: n }, (_, i) => {
        const t = i / (n - 1);
        return spec.log ? spec.min * Math.pow(spec.max / spec.min, t) : spec.min + t * (spec.max - spec.min);
      });
    }
  }
  const theory = theoryAlong(args.fig, args.params, args.x);
  const notices = [...(theory.notices ?? [])];
  let points: SimPoint[] = [];
  if (args.sim) {
    const fig = simTasksAlong(args.fig, args.params, args.x);
    if (!fig.simTasks || !args.chapter.loadSim) throw new Error(`figure "${args.fig.id}" has no simulation`);
    const sim = await args.chapter.loadSim();
    points = await runFigure(args.chapter, fig, sim, args.params, {
      seed: args.seed,
      seeds: seedCount(args.params),
      cache: makeSimCache(),
      onPoint: () => {},
      onNotice: (t) => notices.push(t),
      yieldNow: () => Promise.resolve(),
    });
  }
  return { theory, points, notices };
}
