/**
 * The chapter contract as this chapter fills it in: each figure's `theoryDeps` are all that its grid and theory read
 * (recorded by a Proxy at one cheap parameter point, and checked by moving every other parameter), per-task series
 * belong to their tasks, and the reader's own position is flagged on the marks. The theory is slow at the default
 * sizes, so everything here runs at P_t = 20, P_s = 40.
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { defaults } from '../../core/schema';
import type { SimPoint } from '../../core/simRunner';
import { SIM_KNOBS, type ProportionalParams } from './params';

const P0 = defaults(chapter.schema);
const CHEAP: ProportionalParams = { ...P0, N0: 50, N1: 20, alphaT: 1, alphaS: 2 };
const names: string[] = chapter.schema.map((s) => s.name);

/** The parameters `grid` and `theory` read at `p` (property reads through a Proxy, schema names only). */
function readsOf(fig: (typeof chapter.figures)[number], p: ProportionalParams): Set<string> {
  const read = new Set<string>();
  const spy = new Proxy(p, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  fig.theory(spy, fig.grid(spy));
  return new Set([...read].filter((k) => names.includes(k)));
}

describe('proportional: the chapter contract', () => {
  it('every parameter that grid and theory read is in the figure’s theoryDeps, and no simulation knob is', () => {
    for (const fig of chapter.figures) {
      const deps: readonly string[] = fig.theoryDeps ?? [];
      expect(fig.theoryDeps, fig.id).toBeDefined();
      const read = readsOf(fig, CHEAP);
      expect(read.size, fig.id).toBeGreaterThan(5);
      for (const k of read) expect(deps, `${fig.id} reads ${k}`).toContain(k);
      for (const knob of SIM_KNOBS) {
        expect(read.has(knob), `${fig.id} reads ${knob}`).toBe(false);
        expect(deps, fig.id).not.toContain(knob);
      }
      for (const dep of deps) expect(names, `${fig.id}: ${dep}`).toContain(dep);
    }
  });

  it('moving a parameter outside a figure’s theoryDeps leaves theory(p, grid(p)) exactly as it was', () => {
    let moved = 0;
    for (const fig of chapter.figures) {
      const deps: readonly string[] = fig.theoryDeps ?? [];
      const before = fig.theory(CHEAP, fig.grid(CHEAP));
      for (const spec of chapter.schema) {
        if (deps.includes(spec.name)) continue;
        for (const v of [spec.min, spec.max]) {
          const p = { ...CHEAP, [spec.name]: v };
          expect(fig.theory(p, fig.grid(p)), `${fig.id}, ${spec.name} = ${v}`).toStrictEqual(before);
          moved++;
        }
      }
    }
    expect(moved).toBe(chapter.figures.length * SIM_KNOBS.length * 2);
  });

  it('each parameter in theoryDeps changes theory(p, grid(p)) when it moves (none is declared for nothing)', () => {
    const moves: Partial<ProportionalParams> = {
      gamma: 3,
      rho: 0.5,
      alphaT: 1.5,
      alphaS: 3,
      N1: 25,
      N0: 60,
      T: 0.02,
      lam0: 2,
      lam1: 2,
      noise: 0.1,
      dataset: 1,
    };
    for (const fig of chapter.figures) {
      const before = fig.theory(CHEAP, fig.grid(CHEAP));
      for (const dep of fig.theoryDeps ?? []) {
        expect(moves, dep).toHaveProperty(dep);
        const p = { ...CHEAP, ...{ [dep]: moves[dep] } };
        expect(fig.theory(p, fig.grid(p)), `${fig.id}, ${dep}`).not.toStrictEqual(before);
      }
    }
  });

  it('the coupling figure’s scratch task feeds only scratch points, its coupled tasks only transfer points', () => {
    const coupling = chapter.figures.find((f) => f.id === 'coupling')!;
    const sample = { eg: 0.3, scratch: 0 };
    const tasks = coupling.simTasks!(P0);
    expect(tasks.map((t) => t.params.gamma)).toEqual([1, 10, 100, 0]);
    for (const task of tasks) {
      const mine = coupling.simSeries!.filter((s) => !s.appliesTo || s.appliesTo(task.params));
      expect(
        mine.map((s) => s.id),
        task.key,
      ).toEqual([task.params.gamma === 0 ? 'sim:scratch' : 'sim:transfer']);
      for (const s of mine) expect(s.y(sample, task.params), `${s.id} at ${task.key}`).toBe(0.3);
    }
  });

  it('the reader’s own position is a reader line and point in every figure, at the slider values', () => {
    const p: ProportionalParams = { ...CHEAP, gamma: 3, rho: 0.4 };
    const at: Record<string, number> = { coupling: 3, similarity: 0.4, width: 20 };
    for (const fig of chapter.figures) {
      const readerMarks = (fig.theory(p, fig.grid(p)).marks ?? []).filter((m) => 'reader' in m && m.reader);
      expect(readerMarks.map((m) => m.kind).sort(), fig.id).toEqual(['point', 'vline']);
      for (const m of readerMarks) {
        expect(m.label, fig.id).toMatch(/^your /);
        expect('x' in m && m.x, fig.id).toBe(at[fig.id]);
      }
    }
  });

  it('the chain lengths are readouts of the simulated points, not of the theory', () => {
    const fig = chapter.figures.find((f) => f.id === 'coupling')!;
    const p: ProportionalParams = { ...CHEAP, burn: 700, samples: 60 };
    const theory = fig.theory(p, fig.grid(p));
    expect((theory.readouts ?? []).some((r) => r.label.startsWith('Langevin burn-in'))).toBe(false);
    const point: SimPoint = { series: 'sim:transfer', task: 'gamma=10', x: 10, y: 0.2, err: 0.01, seeds: 2, target: 2 };
    const values = fig.simOverlay!(theory, [point], p).readouts!.map((r) => r.value);
    expect(values.slice(0, 2)).toEqual([700, 60]);
  });
});
