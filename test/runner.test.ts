import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Cancelled, type Chapter, type Figure, type SimModule } from '../src/engine/core/chapter';
import { figureData, toCsv } from '../src/engine/core/figureData';
import { makeSimCache, runFigure, type SimPoint } from '../src/engine/core/simRunner';

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
const chapter: Chapter = { id: 'toy', title: 't', question: 'q?', status: 'ready', schema: [], figures: [fig], presets: [], text: '' };
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
    const run = () => runFigure(chapter, fig, sim, { a: 0 }, { seed: 4, seeds: 5, cache: makeSimCache(), onPoint: (p) => streamed.push(p), yieldNow: async () => {} });
    const final = await run();
    expect(final.map((p) => [p.x, p.seeds])).toEqual([[1, 5], [2, 5]]);
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
    await runFigure(chapter, fig, halfway, { a: 0 }, { seed: 1, seeds: 2, cache: makeSimCache(), onPoint: () => {}, onProgress: (d, t) => reported.push([d, t]), yieldNow: async () => {} });
    // 2 tasks × 2 seeds, each batch of 2 reports halfway (1 seed's worth) and done.
    expect(reported.map(([d]) => d)).toEqual([1, 2, 2, 3, 4, 4]);
    for (const [d, t] of reported) expect(d).toBeLessThanOrEqual(t);
  });

  it('stops at the next checkpoint when cancelled and reports nothing after that', async () => {
    let calls = 0;
    const streamed: SimPoint[] = [];
    await expect(
      runFigure(chapter, fig, sim, { a: 0 }, { seed: 1, seeds: 4, cache: makeSimCache(), onPoint: (p) => streamed.push(p), isCancelled: () => ++calls > 2, yieldNow: async () => {} }),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(streamed.length).toBe(1);
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
    const points = await runFigure(chapter, fig, sim, { a: 0 }, { seed: 1, seeds: 3, cache: makeSimCache(), onPoint: () => {}, yieldNow: async () => {} });
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
    const r = cli('linear', '--fig=curves', '--x=gamma:0.25,0.5', '--theta=45', '--sigma=0', '--points=exact');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.chapter).toBe('linear');
    expect(data.x).toEqual({ name: 'gamma', values: [0.25, 0.5] });
    const transfer = data.series.find((s: { id: string }) => s.id === 'theory:transfer');
    expect(transfer.y[0]).toBeCloseTo(0.5, 12); // sin²(45°), independent of γ
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
