import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { RESERVED_KEYS } from '../../core/chapter';
import { checkSchema, defaults, findParam, sanitize, type Params } from '../../core/schema';
import type { SimPoint } from '../../core/simRunner';
import { convergenceReadouts } from './figures';
import type { ProportionalParams } from './params';

const P0 = defaults(chapter.schema);
const defaultsByName: Params = P0;
/** Small data (P_t = 30, P_s = 60) so that every figure's theory runs in a few seconds here. */
const SMALL: ProportionalParams = { ...P0, N0: 50, N1: 30, alphaT: 1, alphaS: 2 };

describe('proportional chapter contract', () => {
  it("has a sane schema with the issue's parameter names", () => {
    expect(checkSchema(chapter.schema, RESERVED_KEYS)).toEqual([]);
    for (const name of ['gamma', 'rho', 'alphaT', 'alphaS', 'N1', 'N0', 'T', 'lam0', 'lam1', 'noise', 'seeds'])
      expect(findParam(chapter.schema, name)).toBeDefined();
    expect(chapter.status).toBe('ready');
    expect(typeof chapter.loadSim).toBe('function');
  });

  it('presets name existing figures and valid, non-default parameters', () => {
    expect(chapter.presets.length).toBeGreaterThanOrEqual(chapter.figures.length);
    for (const pr of chapter.presets) {
      expect(chapter.figures.map((f) => f.id)).toContain(pr.fig);
      for (const [k, v] of Object.entries(pr.params)) {
        expect(findParam(chapter.schema, k)).toBeDefined();
        expect(sanitize(chapter.schema, { ...P0, [k]: v })[k]).toBe(v);
        expect(v).not.toBe(defaultsByName[k]);
      }
    }
  });

  for (const fig of chapter.figures) {
    it(`${fig.id}: finite theory on its grid, series ids match protocols, sim tasks well formed`, () => {
      const xs = fig.grid(SMALL);
      const r = fig.theory(SMALL, xs);
      const ids = fig.protocols.map((p) => `theory:${p.id}`);
      expect(r.series!.map((s) => s.id).sort()).toEqual([...ids].sort());
      for (const s of r.series!) {
        expect(s.y).toHaveLength(xs.length);
        expect(s.y.every(Number.isFinite)).toBe(true);
      }
      expect(r.notices ?? []).toEqual([]);
      const tasks = fig.simTasks!(SMALL);
      expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length);
      for (const d of fig.simSeries!) expect(fig.protocols.map((p) => `sim:${p.id}`)).toContain(d.id);
      if (fig.sweep) expect(findParam(chapter.schema, fig.sweep)).toBeDefined();
    });
  }

  it('the width figure holds the data fixed while its simulated width changes', () => {
    const width = chapter.figures.find((f) => f.id === 'width')!;
    const tasks = width.simTasks!(SMALL);
    for (const t of tasks) {
      expect(t.params.N1).toBe(t.x);
      expect(t.params.Pt).toBe(30);
      expect(t.params.Ps).toBe(60);
    }
  });

  it('refuses data too large for the in-browser theory with a notice instead of throwing', () => {
    const big = { ...P0, N1: 400, alphaS: 8 };
    for (const fig of chapter.figures) {
      const r = fig.theory(big, fig.grid(big));
      expect(r.notices?.length).toBeGreaterThan(0);
      expect(r.series!.every((s) => s.y.every((y) => Number.isNaN(y)))).toBe(true);
    }
  });

  it(
    'the coupling figure shows transfer: a finite γ beats scratch, and the 4× wider network (same data) has a ' +
      'higher error',
    () => {
      const coupling = chapter.figures.find((f) => f.id === 'coupling')!;
      const xs = [0.1, 1, 10];
      const r = coupling.theory(SMALL, xs);
      const y = (id: string) => r.series!.find((s) => s.id === `theory:${id}`)!.y;
      const gain = (id: string) => y('scratch')[2] - y(id)[2];
      expect(gain('transfer')).toBeGreaterThan(0);
      expect(gain('wide')).toBeLessThan(gain('transfer'));
    },
  );

  it('the similarity figure simulates ρ and −ρ, and the coupling figure both sides of the optimal γ', () => {
    const sim = chapter.figures.find((f) => f.id === 'similarity')!.simTasks!(P0).map((t) => t.x);
    expect(sim.some((r) => r > 0 && sim.includes(-r))).toBe(true);
    const coupling = chapter.figures.find((f) => f.id === 'coupling')!;
    const gs = coupling.simTasks!(P0).map((t) => t.params.gamma);
    expect(gs).toContain(0);
    expect(gs.some((g) => g > 0 && g < 3)).toBe(true);
    expect(gs.some((g) => g > 10)).toBe(true);
  });

  it(
    'convergence readouts: worst between-chain split-R̂, largest pair gap, smallest ESS, mean acceptance and ' +
      'longest run over every point that carries them',
    () => {
      const pt = (carried?: Record<string, number[]>): SimPoint => ({
        series: 'sim:transfer',
        task: 't',
        x: 1,
        y: 0.3,
        err: 0.01,
        seeds: 2,
        target: 2,
        carried,
      });
      const r = convergenceReadouts([
        pt({
          rhat: [1.01, 1.08],
          ess: [12, 30],
          accept: [0.6, 0.7],
          steps: [1300, 1700],
          egA: [0.3, 0.25],
          egB: [0.32, 0.2],
          srcRhat: [1.0, 1.02],
          srcEss: [9, 14],
          srcSteps: [500, 750],
        }),
        pt({
          rhat: [1.03, 1.02],
          ess: [8, 20],
          accept: [0.5, 0.6],
          steps: [1300, 1300],
          srcRhat: [NaN, NaN],
          srcEss: [NaN, NaN],
          srcSteps: [NaN, NaN],
        }),
        pt(),
      ]);
      const v = (word: string) => r.find((q) => q.label.includes(word))!.value;
      expect(v('largest between-chain split-R̂ of the test loss')).toBe(1.08);
      expect(v('one seed’s chains')).toBeCloseTo(0.05, 12);
      expect(v('smallest effective sample size of the test loss')).toBe(8);
      expect(v('acceptance')).toBeCloseTo(0.6, 12);
      expect(v('target chains: longest run')).toBe(1700);
      expect(v('largest split-R̂ of the training misfit')).toBe(1.02);
      expect(v('source chains: longest run')).toBe(750);
      expect(convergenceReadouts([pt()])).toEqual([]);
    },
  );
});
