import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Cancelled, type Chapter, type Figure, type SimModule } from '../src/engine/core/chapter';
import { figureData, toCsv, type FigureData } from '../src/engine/core/figureData';
import {
  makeSimCache,
  mergeUnits,
  planFigure,
  PointMerger,
  runFigure,
  runUnit,
  type SimPoint,
  type UnitResult,
} from '../src/engine/core/simRunner';
import { chapter as linear } from '../src/engine/chapters/linear';
import { defaults } from '../src/engine/core/schema';

// A toy chapter whose "simulation" is y = x + seeded noise: enough to check the runner's bookkeeping.
const fig: Figure = {
  id: 'toy',
  title: 'toy',
  caption: 'a toy figure used to test the runner and the exchange format',
  kind: 'line',
  x: { name: 'a', label: 'a' },
  y: { name: 'y', label: 'y' },
  protocols: [{ id: 'p', label: 'p' }],
  sweep: 'a',
  grid: () => [1, 2, 3],
  theoryCost: 'instant',
  theory: (_p, xs) => ({ x: xs, series: [{ id: 'theory:p', y: xs.map((x) => x) }] }),
  simTasks: (p) => [1, 2].map((a) => ({ key: `a=${a}`, x: a, params: { ...p, a } })),
  simSeries: [{ id: 'sim:p', y: (s) => s.p }],
};
const chapter: Chapter = {
  id: 'toy',
  title: 't',
  question: 'q?',
  status: 'ready',
  schema: [],
  figures: [fig],
  presets: [],
  text: '',
};
const sim: SimModule = {
  seedBatch: 2,
  async run(_f, task, seeds, ctx) {
    await ctx.checkpoint();
    return seeds.map((s) => ({ p: (task.params.a as number) + 0.1 * ctx.rng('noise', s, task.key).normal() }));
  },
};

describe('simulation runner', () => {
  it('streams refining points, aggregates mean ± stderr over seeds, and is reproducible', async () => {
    const streamed: SimPoint[] = [];
    const run = () =>
      runFigure(
        chapter,
        fig,
        sim,
        { a: 0 },
        { seed: 4, seeds: 5, cache: makeSimCache(), onPoint: (p) => streamed.push(p), yieldNow: async () => {} },
      );
    const final = await run();
    expect(final.map((p) => [p.x, p.seeds])).toEqual([
      [1, 5],
      [2, 5],
    ]);
    // Batches of 2 seeds: each point is reported with 2, 4, then 5 seeds.
    expect(streamed.filter((p) => p.task === 'a=1').map((p) => p.seeds)).toEqual([2, 4, 5]);
    for (const p of final) {
      expect(Math.abs(p.y - p.x)).toBeLessThan(0.2);
      expect(p.err).toBeGreaterThan(0);
    }
    expect(await run()).toEqual(final);
  });

  it('reports progress that never runs past the total, also when a batch is smaller than the batch size', async () => {
    const reported: [number, number][] = [];
    const halfway: SimModule = {
      seedBatch: 4,
      async run(_f, task, seeds, ctx) {
        ctx.progress(0.5);
        ctx.progress(1);
        return seeds.map(() => ({ p: task.params.a as number }));
      },
    };
    await runFigure(
      chapter,
      fig,
      halfway,
      { a: 0 },
      {
        seed: 1,
        seeds: 2,
        cache: makeSimCache(),
        onPoint: () => {},
        onProgress: (d, t) => reported.push([d, t]),
        yieldNow: async () => {},
      },
    );
    // 2 tasks × 2 seeds, each batch of 2 reports halfway (1 seed's worth) and done.
    expect(reported.map(([d]) => d)).toEqual([1, 2, 2, 3, 4, 4]);
    for (const [d, t] of reported) expect(d).toBeLessThanOrEqual(t);
  });

  it('stops at the next checkpoint when cancelled and reports nothing after that', async () => {
    let calls = 0;
    const streamed: SimPoint[] = [];
    await expect(
      runFigure(
        chapter,
        fig,
        sim,
        { a: 0 },
        {
          seed: 1,
          seeds: 4,
          cache: makeSimCache(),
          onPoint: (p) => streamed.push(p),
          isCancelled: () => ++calls > 2,
          yieldNow: async () => {},
        },
      ),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(streamed.length).toBe(1);
  });

  it("plans tasks × seed batches, honouring a task's own seed cap", () => {
    const capped: Figure = {
      ...fig,
      simTasks: (p) => [
        { key: 'a=1', x: 1, params: { ...p, a: 1 } },
        { key: 'a=2', x: 2, params: { ...p, a: 2, seeds: 2 } },
      ],
    };
    const plan = planFigure(capped, { a: 0 }, 5, 2);
    expect(plan.units.map((u) => [u.task, u.seeds])).toEqual([
      [0, [0, 1]],
      [0, [2, 3]],
      [0, [4]],
      [1, [0, 1]],
    ]);
    expect(plan.targets).toEqual([5, 2]);
    expect(plan.total).toBe(7);
  });

  it('gives the same points with units run in another order over separate caches as run in one go', async () => {
    const opts = { seed: 7, yieldNow: async () => {} };
    const whole = await runFigure(
      chapter,
      fig,
      sim,
      { a: 0 },
      { ...opts, seeds: 5, cache: makeSimCache(), onPoint: () => {} },
    );
    const plan = planFigure(fig, { a: 0 }, 5, sim.seedBatch);
    // Two "workers", each with its own cache, take the units in reverse, interleaved order.
    const caches = [makeSimCache(), makeSimCache()];
    const results: UnitResult[] = [];
    for (const [i, unit] of [...plan.units].reverse().entries()) {
      results.push({
        unit: unit.index,
        samples: await runUnit(chapter, fig, sim, plan, unit, { ...opts, cache: caches[i % 2] }),
      });
    }
    expect(mergeUnits(fig, plan, results)).toEqual(whole);
    // runFigure on a subset of units, merged with the rest, also agrees.
    const first: UnitResult[] = [];
    const rest: UnitResult[] = [];
    const half = plan.units.filter((u) => u.index % 2 === 0).map((u) => u.index);
    await runFigure(
      chapter,
      fig,
      sim,
      { a: 0 },
      { ...opts, seeds: 5, cache: makeSimCache(), onPoint: () => {}, units: half, onUnit: (r) => first.push(r) },
    );
    await runFigure(
      chapter,
      fig,
      sim,
      { a: 0 },
      {
        ...opts,
        seeds: 5,
        cache: makeSimCache(),
        onPoint: () => {},
        units: plan.units.map((u) => u.index).filter((i) => !half.includes(i)),
        onUnit: (r) => rest.push(r),
      },
    );
    expect(mergeUnits(fig, plan, [...rest, ...first])).toEqual(whole);
  });

  it(
    'a real chapter (linear, exact estimators with a cached source per seed) gives the same points whatever ' +
      'runs where',
    async () => {
      const f = linear.figures.find((g) => g.id === 'curves')!;
      const linSim = await linear.loadSim();
      const p = { ...defaults(linear.schema), points: 'exact', seeds: 4 };
      const opts = { seed: 3, yieldNow: async () => {} };
      const whole = await runFigure(linear, f, linSim, p, {
        ...opts,
        seeds: 4,
        cache: makeSimCache(),
        onPoint: () => {},
      });
      const plan = planFigure(f, p, 4, linSim.seedBatch);
      expect(plan.units.length).toBeGreaterThan(2);
      const caches = [makeSimCache(), makeSimCache(), makeSimCache()];
      const results: UnitResult[] = [];
      for (const unit of [...plan.units].sort(
        (a, b) => ((a.index * 7) % 5) - ((b.index * 7) % 5) || b.index - a.index,
      )) {
        results.push({
          unit: unit.index,
          samples: await runUnit(linear, f, linSim, plan, unit, { ...opts, cache: caches[unit.index % 3] }),
        });
      }
      const merged = mergeUnits(f, plan, results);
      expect(merged.length).toBe(whole.length);
      expect(merged).toEqual(whole);
    },
  );

  it('streams a point from its first seed: one seed has err 0 (no error bar yet), then the bar settles', () => {
    const plan = planFigure(fig, { a: 0 }, 3, 1);
    const merger = new PointMerger(fig, plan);
    const first = merger.add({ unit: 1, samples: [{ p: 1.5 }] });
    expect(first).toEqual([{ series: 'sim:p', task: 'a=1', x: 1, y: 1.5, err: 0, seeds: 1, target: 3 }]);
    const second = merger.add({ unit: 0, samples: [{ p: 0.5 }] });
    expect(second[0].seeds).toBe(2);
    expect(second[0].y).toBeCloseTo(1, 12);
    expect(second[0].err).toBeCloseTo(0.5, 12);
    // A non-finite sample is dropped from the point, not counted as a seed.
    expect(merger.add({ unit: 2, samples: [{ p: NaN }] })[0].seeds).toBe(2);
    expect(merger.received(0)).toBe(3);
  });

  it("floors a point's error bar by the seeds' own errors, √(Σ err²)/n, when its series gives them", () => {
    const own: Figure = { ...fig, simSeries: [{ id: 'sim:p', y: (s) => s.p, err: (s) => s.pErr }] };
    const plan = planFigure(own, { a: 0 }, 2, 1);
    const merger = new PointMerger(own, plan);
    // One seed: its own error is the bar (no spread yet).
    expect(merger.add({ unit: 0, samples: [{ p: 1, pErr: 0.3 }] })[0].err).toBeCloseTo(0.3, 12);
    // Two seeds that happen to agree: spread 0, so the bar is √(0.3² + 0.4²)/2 = 0.25.
    expect(merger.add({ unit: 1, samples: [{ p: 1, pErr: 0.4 }] })[0].err).toBeCloseTo(0.25, 12);
    // Seeds far apart: the spread over seeds (0.5) is larger and wins.
    const apart = new PointMerger(own, plan);
    apart.add({ unit: 0, samples: [{ p: 0.5, pErr: 0.01 }] });
    expect(apart.add({ unit: 1, samples: [{ p: 1.5, pErr: 0.01 }] })[0].err).toBeCloseTo(0.5, 12);
  });

  it('reads a per-task series only from the tasks it applies to', () => {
    const perTask: Figure = {
      ...fig,
      protocols: [
        { id: 'low', label: 'low' },
        { id: 'high', label: 'high' },
      ],
      simSeries: [
        { id: 'sim:low', appliesTo: (p) => p.a === 1, y: (s) => s.p },
        { id: 'sim:high', appliesTo: (p) => p.a === 2, y: (s) => s.p },
      ],
    };
    const plan = planFigure(perTask, { a: 0 }, 1, 1);
    const merger = new PointMerger(perTask, plan);
    merger.add({ unit: 0, samples: [{ p: 0.5 }] });
    merger.add({ unit: 1, samples: [{ p: 2.5 }] });
    expect(merger.points().map((pt) => [pt.series, pt.task, pt.y])).toEqual([
      ['sim:low', 'a=1', 0.5],
      ['sim:high', 'a=2', 2.5],
    ]);
  });

  it('evicts and disposes least-recently-used cache entries', () => {
    const disposed: string[] = [];
    const cache = makeSimCache(2);
    for (const k of ['a', 'b', 'c']) cache.set(k, k, (v) => disposed.push(v));
    expect(disposed).toEqual(['a']);
    expect(cache.get('b')).toBe('b');
  });
});

describe('figure data (CLI and export shape)', () => {
  it('puts theory and simulated series on one x grid and writes CSV with err columns', async () => {
    const points = await runFigure(
      chapter,
      fig,
      sim,
      { a: 0 },
      { seed: 1, seeds: 3, cache: makeSimCache(), onPoint: () => {}, yieldNow: async () => {} },
    );
    const data = figureData(chapter, fig, { a: 0 }, fig.theory({ a: 0 }, [1, 2, 3]), points, 1);
    expect(data.x).toEqual({ name: 'a', values: [1, 2, 3] });
    expect(data.series[0]).toEqual({ id: 'theory:p', y: [1, 2, 3] });
    expect(data.series[1].id).toBe('sim:p');
    expect(data.series[1].y[2]).toBeNull();
    expect(data.series[1].seeds).toBe(3);
    const csv = toCsv(data).trim().split('\n');
    expect(csv[0]).toBe('a,theory:p,sim:p,sim:p:err');
    expect(csv).toHaveLength(4);
    expect(Number(csv[1].split(',')[2])).toBeCloseTo(data.series[1].y[0]!, 12);
  });
});

describe('curve CLI', () => {
  const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/curve.ts', ...args], { encoding: 'utf8' });

  it('prints the figure data as JSON in the shared shape', () => {
    const r = cli('linear', '--fig=curves', '--x=gamma:0.25,0.5', '--theta=45', '--noise=0', '--points=exact');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as FigureData;
    expect(data.chapter).toBe('linear');
    expect(data.x).toEqual({ name: 'gamma', values: [0.25, 0.5] });
    const transfer = data.series.find((s) => s.id === 'theory:transfer');
    expect(transfer?.y[0]).toBeCloseTo(0.5, 12); // sin²(45°), independent of γ
  });

  it('rejects bad arguments naming the parameter and its range, with a non-zero exit', () => {
    const r = cli('linear', '--gamma=7', '--theta=abc');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--gamma');
    expect(r.stderr).toContain('0.05 … 2');
    expect(r.stderr).toContain('--theta');
    expect(cli('nochapter').status).not.toBe(0);
  });
});
