import { describe, expect, it } from 'vitest';
import { chapter } from '.';
import { defaults } from '../../core/schema';
import type { SimPoint } from '../../core/simRunner';
import { figures, layerOptima, scoreOf, selectionAgreement } from './figures';

const P0 = defaults(chapter.schema);
const fig = (id: string) => figures.find((f) => f.id === id)!;
const point = (series: string, x: number, y: number, err = 0.01): SimPoint => ({
  series,
  task: `${series}@${x}`,
  x,
  y,
  err,
  seeds: 3,
  target: 3,
});

describe('point-derived annotations (no theory in this chapter)', () => {
  // Two complete frozen curves with known minima; the third size is still running (incomplete: no k*).
  const curves = [
    ...[0.12, 0.079, 0.07, 0.075, 0.09].map((y, k) => point('sim:frozen_small', k, y)),
    ...[0.04, 0.035, 0.045, 0.05, 0.09].map((y, k) => point('sim:frozen_mid', k, y, 0.006)),
    ...[0.04, 0.03].map((y, k) => point('sim:frozen_large', k, y)),
  ];

  it('layer figure: k* per complete curve, marked at its minimum, with the 1-s.e. rule', () => {
    const o = layerOptima(curves, P0);
    expect(o.map((q) => [q.Pt, q.kstar, q.kstar1se])).toEqual([
      [30, 2, 1], // 0.079 is within 0.01 (one s.e.) of the best 0.07
      [120, 1, 0],
    ]);
    const marks = fig('layers').simOverlay!({}, curves, P0).marks!;
    expect(marks).toEqual([
      { kind: 'point', x: 2, y: 0.07, label: 'k* = 2 (frozen, Pₜ = 30)' },
      { kind: 'point', x: 1, y: 0.035, label: 'k* = 1 (frozen, Pₜ = 120)' },
    ]);
    expect(
      fig('layers').simOverlay!({}, curves, P0)
        .readouts!.filter((r) => r.label.startsWith('k*'))
        .map((r) => r.value),
    ).toEqual([2, 1]);
  });

  it('fine-tuned curves only count when that protocol is shown', () => {
    const ft = [0.12, 0.06, 0.05, 0.05, 0.05].map((y, k) => point('sim:finetune_small', k, y));
    expect(layerOptima([...curves, ...ft], P0).some((o) => o.label === 'fine-tuned')).toBe(false);
    expect(
      layerOptima([...curves, ...ft], { ...P0, protocol: 'both' }).find((o) => o.label === 'fine-tuned')!.kstar,
    ).toBe(2);
  });

  it('source selection: rank agreement +1 when higher similarity goes with lower error; imbalance is reversed', () => {
    const ids = ['same', 'dth30', 'dth60', 'dth90', 'dF60'];
    const sims = [0.3, 0.25, 0.2, 0.15, 0.22];
    const gains = [-0.03, 0.0, 0.02, 0.03, 0.01];
    const pts = ids.map((id, i) => point(`sim:${id}`, sims[i], gains[i]));
    expect(selectionAgreement(pts, P0)).toBeCloseTo(1, 12);
    expect(selectionAgreement(pts, { ...P0, score: 'imbalance' })).toBeCloseTo(-1, 12);
    expect(fig('sources').simOverlay!({}, pts, P0).readouts![0].value).toBeCloseTo(1, 12);
    // Swap two candidates' errors: one discordant pair of five → ρ = 1 − 6·2/(5·24) = 0.9.
    const swapped = ids.map((id, i) => point(`sim:${id}`, sims[i], gains[i === 2 ? 3 : i === 3 ? 2 : i]));
    expect(selectionAgreement(swapped, P0)).toBeCloseTo(0.9, 12);
  });

  it('score summary: layer average or last layer of the chosen measure', () => {
    const s = {
      overlap_1: 0.5,
      overlap_2: 0.3,
      overlap_3: 0.2,
      overlap_4: 0.1,
      cka_1: 0.9,
      cka_2: 0.8,
      cka_3: 0.7,
      cka_4: 0.6,
    };
    expect(scoreOf(s, P0)).toBeCloseTo(0.275, 12);
    expect(scoreOf(s, { ...P0, scoreLayer: 'last' })).toBe(0.1);
    expect(scoreOf(s, { ...P0, score: 'cka' })).toBeCloseTo(0.75, 12);
  });

  it('k* map: the reader ring sits at (P_t, δθ); the sim cells cover the grid with capped seeds', () => {
    const th = fig('kstar').theory({ ...P0, Pt: 77, dth: 0.3 }, []);
    expect(th.marks).toEqual([{ kind: 'point', x: 77, y: 0.3, label: 'your (Pₜ, δθ)', reader: true }]);
    const tasks = fig('kstar').simTasks!({ ...P0, seeds: 5 });
    expect(tasks.length).toBe(16);
    expect(
      tasks.every((t) => t.y !== undefined && t.params.seeds === 2 && t.params.dth === t.y && t.params.Pt === t.x),
    ).toBe(true);
  });
});
