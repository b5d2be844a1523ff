/**
 * The pool's bookkeeping with fake workers (Comlink over a MessageChannel, in
 * Node): every unit runs once and merges into the sequential points; a worker
 * that goes silent or errs mid-unit is replaced on the pool's backend and its
 * unit re-run; a unit that kills every worker is given up, not looped on.
 * Preview units (a task's first seed alone) show points early and leave the
 * final points exactly as without them, even for a sim whose numbers depend on
 * the batch a seed is trained in (as tfjs-wasm's do for a batch of one).
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Chapter, Figure, SimModule } from '../engine/core/chapter';
import {
  makeSimCache,
  mergeUnits,
  planFigure,
  PointMerger,
  runFigure,
  runUnit,
  type SimPoint,
  type UnitResult,
} from '../engine/core/simRunner';
import { BEAT, type BackendName, type TrainingApi, type UnitRequest } from './protocol';
import { TrainingPool, defaultPoolSize, type JobOutcome } from './pool';

const fig: Figure = {
  id: 'toy',
  title: 'toy',
  caption: 'toy',
  kind: 'line',
  x: { name: 'a', label: 'a' },
  y: { name: 'y', label: 'y' },
  protocols: [{ id: 'p', label: 'p' }],
  grid: () => [1, 2, 3],
  theoryCost: 'instant',
  theory: () => ({}),
  simTasks: (p) => [1, 2, 3].map((a) => ({ key: `a=${a}`, x: a, params: { ...p, a } })),
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
const plain: SimModule = {
  seedBatch: 2,
  async run(_f, task, seeds, ctx) {
    await ctx.checkpoint();
    return seeds.map((s) => ({ p: (task.params.a as number) + ctx.rng('noise', s, task.key).normal() }));
  },
};
/**
 * Like a batched GD sim on tfjs-wasm: a seed's "source" (cached per seed) comes out a little different when it is
 * trained alone, so a seed's numbers depend on which seeds it was first trained with.
 */
const batchSensitive: SimModule = {
  seedBatch: 3,
  async run(_f, task, seeds, ctx) {
    await ctx.checkpoint();
    for (const s of seeds)
      if (ctx.cache.get(`src${s}`) === undefined)
        ctx.cache.set(`src${s}`, ctx.rng('source', s).normal() + (seeds.length === 1 ? 1e-9 : 0));
    return seeds.map((s) => ({ p: (task.params.a as number) + ctx.cache.get<number>(`src${s}`)! }));
  },
};
let sim = plain;
const PARAMS = { a: 0 };
const SEEDS = 4;

type Fault = 'silent' | 'error';
interface Fake {
  n: number;
  inits: [BackendName | null, BackendName[]][];
  ran: number[];
  terminated: boolean;
}

/** A fake training worker: the real runner on a toy sim, a heartbeat, and a fault on request. */
function fakeWorkers(faultOn: (unit: number, attempt: number) => Fault | null, beatMs = 20) {
  const fakes: Fake[] = [];
  const attempts = new Map<number, number>();
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const events = new EventTarget();
    const me: Fake = { n: fakes.length, inits: [], ran: [], terminated: false };
    fakes.push(me);
    const cache = makeSimCache();
    let beating = true;
    const timer = setInterval(() => beating && port2.postMessage({ [BEAT]: 0 }), beatMs);
    const api: TrainingApi = {
      async init(preferred, exclude) {
        me.inits.push([preferred, exclude]);
        return { name: preferred ?? 'wasm', detail: 'fake', notices: [] };
      },
      seedBatch: async () => sim.seedBatch!,
      async runUnit(req: UnitRequest, cb) {
        const a = (attempts.get(req.unit) ?? 0) + 1;
        attempts.set(req.unit, a);
        const fault = faultOn(req.unit, a);
        if (fault === 'silent') beating = false;
        if (fault === 'error') events.dispatchEvent(new Event('error'));
        if (fault) return new Promise(() => {});
        me.ran.push(req.unit);
        cb.progress(0.5);
        const plan = planFigure(fig, req.params, req.seeds, sim.seedBatch, req.previews);
        const opts = { seed: req.seed, cache, yieldNow: async () => {} };
        const samples = await runUnit(chapter, fig, sim, plan, plan.units[req.unit], opts);
        return { status: 'done', samples, backend: 'wasm' };
      },
      cancel() {},
      memory: async () => ({ numTensors: 1, numBytes: 4 }),
      throughput: async (b) => ({ backend: b, error: 'fake' }),
      fault() {},
    };
    Comlink.expose(api, port2);
    port1.start();
    port2.start();
    return {
      postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
      addEventListener: (type: string, l: EventListener) =>
        type === 'message' ? port1.addEventListener('message', l as never) : events.addEventListener(type, l),
      removeEventListener: (type: string, l: EventListener) =>
        type === 'message' ? port1.removeEventListener('message', l as never) : events.removeEventListener(type, l),
      terminate() {
        me.terminated = true;
        clearInterval(timer);
        port1.close();
        port2.close();
      },
    } as unknown as Worker;
  };
  return { fakes, create };
}

let pools: TrainingPool[] = [];
afterEach(() => {
  pools.forEach((p) => p.dispose());
  pools = [];
});

async function runPool(
  size: number,
  faultOn: (unit: number, attempt: number) => Fault | null,
  { previews = 0, seeds = SEEDS } = {},
) {
  const { fakes, create } = fakeWorkers(faultOn);
  const notices: string[] = [];
  const pool = new TrainingPool({
    size,
    create,
    preferred: null,
    hangMs: 300,
    onBackend: () => {},
    onNotice: (t) => notices.push(t),
  });
  pools.push(pool);
  await pool.ready();
  const plan = planFigure(fig, PARAMS, seeds, await pool.seedBatch('toy'), previews);
  const results: UnitResult[] = [];
  // What the page draws: the points as each unit lands.
  const shown: SimPoint[][] = [];
  const merger = new PointMerger(fig, plan);
  const progress: number[] = [];
  const out: JobOutcome = await pool.run(
    { id: 1, chapter: 'toy', fig: 'toy', params: PARAMS, seed: 9, seeds, previews, plan },
    {
      unit: (r) => {
        results.push(r);
        merger.add(r);
        shown.push(merger.points());
      },
      progress: (d, t) => progress.push(d / t),
      notice: (t) => notices.push(t),
    },
  );
  // The reference: one process, no previews, one cache.
  const sequential = await runFigure(chapter, fig, sim, PARAMS, {
    seed: 9,
    seeds,
    cache: makeSimCache(),
    onPoint: () => {},
    yieldNow: async () => {},
  });
  return { out, results, plan, fakes, notices, merged: mergeUnits(fig, plan, results), sequential, shown, progress };
}

afterEach(() => {
  sim = plain;
});

describe('training worker pool', () => {
  it('sizes itself from the cores: all of one or two, one left for the page from three up, capped', () => {
    expect([1, 2, 3, 4, 8, 32, undefined].map((c) => defaultPoolSize(c))).toEqual([1, 2, 2, 3, 6, 6, 2]);
  });

  it(
    'runs every unit exactly once across the workers, each seed batch on the worker that claimed it, and merges ' +
      'into the sequential points',
    async () => {
      const { out, results, plan, fakes, merged, sequential } = await runPool(2, () => null);
      expect(out.status).toBe('done');
      expect(results.map((r) => r.unit).sort((a, b) => a - b)).toEqual(plan.units.map((u) => u.index));
      expect(merged).toEqual(sequential);
      // Two seed batches, two workers: each worker keeps to its batch (its cached sources).
      for (const f of fakes) {
        expect(f.ran.length).toBeGreaterThan(0);
        expect(new Set(f.ran.map((u) => plan.units[u].seeds.join(','))).size).toBe(1);
      }
      // The second worker took the backend the first one chose.
      expect(fakes[1].inits[0]).toEqual(['wasm', []]);
    },
  );

  it(
    "with one worker, runs every task's first seed batch before any second batch: each point shows early, " +
      'then settles',
    async () => {
      const { fakes, plan, merged, sequential } = await runPool(1, () => null);
      const order = fakes[0].ran.map((u) => plan.units[u].seeds[0]);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order.filter((s) => s === 0)).toHaveLength(plan.tasks.length);
      expect(merged).toEqual(sequential);
    },
  );

  for (const [name, which] of [
    ['a plain sim', plain],
    ['a sim whose numbers depend on the batch', batchSensitive],
  ] as const)
    for (const size of [1, 2, 3])
      it(
        `with previews, draws a one-seed point first and ends on the points of a plan without them (${name}, ` +
          `${size} worker${size > 1 ? 's' : ''})`,
        async () => {
          sim = which;
          const seeds = 5;
          const { out, results, plan, merged, sequential, shown, progress } = await runPool(size, () => null, {
            previews: size,
            seeds,
          });
          expect(out.status).toBe('done');
          expect(out.errors).toEqual([]);
          expect(plan.units.filter((u) => u.preview).map((u) => [u.task, u.seeds])).toEqual(
            [0, 1, 2].slice(0, size).map((t) => [t, [0]]),
          );
          // The first thing drawn: one point of one seed (no error bar), before the run is done.
          expect(shown[0]).toHaveLength(1);
          expect(shown[0][0]).toMatchObject({ seeds: 1, err: 0, target: seeds });
          expect(plan.units[results[0].unit].preview).toBe(true);
          // The final points are those of one process with no previews, to the bit.
          expect(merged).toEqual(sequential);
          expect(shown.at(-1)).toEqual(sequential);
          expect(sequential.every((p) => p.seeds === seeds)).toBe(true);
          // Progress only grows and ends full.
          expect(progress).toEqual([...progress].sort((a, b) => a - b));
          expect(progress.at(-1)).toBe(1);
        },
      );

  it('drops a preview whose worker dies (no retry, no error), ending on the points without previews', async () => {
    const { out, results, plan, merged, sequential, notices } = await runPool(
      2,
      (unit) => (unit === 0 ? 'error' : null),
      {
        previews: 2,
        seeds: 5,
      },
    );
    expect(plan.units[0].preview).toBe(true);
    expect(out.status).toBe('done');
    expect(out.errors).toEqual([]);
    expect(results.some((r) => r.unit === 0)).toBe(false);
    expect(merged).toEqual(sequential);
    expect(notices.join('\n')).not.toContain('skipped');
  });

  it('a seed gets the same numbers whatever the batch split and pool size', async () => {
    sim = batchSensitive;
    const a = await runPool(1, () => null, { seeds: 7 });
    const b = await runPool(3, () => null, { seeds: 7, previews: 3 });
    expect(a.merged).toEqual(b.merged);
    // The batch split itself (3 + 3 + 1 against one process) leaves a seed's numbers alone.
    const sorted = (rs: UnitResult[], plan: typeof a.plan) =>
      rs
        .filter((r) => !plan.units[r.unit].preview)
        .flatMap((r) => r.samples.map((x, i) => [plan.units[r.unit].task, plan.units[r.unit].seeds[i], x.p] as const))
        .sort((u, v) => u[0] - v[0] || u[1] - v[1]);
    expect(sorted(b.results, b.plan)).toEqual(sorted(a.results, a.plan));
  });

  for (const fault of ['silent', 'error'] as const) {
    it(`replaces a worker that goes ${fault} mid-unit on the same backend and re-runs the unit`, async () => {
      const { out, results, fakes, notices, merged, sequential } = await runPool(2, (unit, attempt) =>
        unit === 2 && attempt === 1 ? fault : null,
      );
      expect(out.status).toBe('done');
      expect(out.errors).toEqual([]);
      expect(merged).toEqual(sequential);
      expect(results.filter((r) => r.unit === 2)).toHaveLength(1);
      expect(fakes).toHaveLength(3);
      expect(fakes.filter((f) => f.terminated)).toHaveLength(1);
      expect(fakes[2].inits[0]).toEqual(['wasm', []]);
      expect(notices.join('\n')).toContain('restarting it on wasm');
    });
  }

  it('gives up a unit that takes down every worker it runs on, and finishes the rest', async () => {
    const { out, results, plan, merged } = await runPool(2, (unit) => (unit === 1 ? 'error' : null));
    expect(out.status).toBe('done');
    expect(out.errors).toHaveLength(1);
    expect(results.map((r) => r.unit).sort((a, b) => a - b)).toEqual(
      plan.units.map((u) => u.index).filter((u) => u !== 1),
    );
    // The task of the lost unit still has its other seeds.
    expect(merged.find((p) => p.task === plan.tasks[plan.units[1].task].key)?.seeds).toBe(2);
  });
});
