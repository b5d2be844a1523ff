import { describe, expect, it } from 'vitest';
import type { Schema } from './schema';
import type { TheoryResult } from './chapter';
import { blendTheory, prefetchPlan, soleDifference } from './theoryBlend';

const option = (v: string) => ({ value: v, label: v });
/** a is smooth, g smooth on a log slider, `draw` a draw index (not smooth), `mode` a choice. */
const schema: Schema = [
  { kind: 'number', name: 'a', label: 'a', min: 0, max: 10, step: 0.1, default: 1, description: '' },
  { kind: 'number', name: 'g', label: 'g', min: 0.01, max: 100, step: 0.01, log: true, default: 1, description: '' },
  {
    kind: 'number',
    name: 'draw',
    label: 'draw',
    min: 0,
    max: 9,
    step: 1,
    integer: true,
    smooth: false,
    default: 0,
    description: '',
  },
  { kind: 'choice', name: 'mode', label: 'mode', options: [option('x'), option('y')], default: 'x', description: '' },
];

/** A fake theory that is linear in a and in log g, so a linear blend must reproduce it exactly. */
function theory(p: { a: number; g: number; draw: number; mode: string }): TheoryResult {
  const xs = [1, 2, 3];
  const y = xs.map((x) => x * p.a + Math.log(p.g) + p.draw);
  return {
    x: xs,
    series: [{ id: 'theory:one', y }],
    marks: [
      { kind: 'vline', x: p.g, label: `your g = ${p.g}`, reader: true },
      { kind: 'point', x: p.g, y: p.a, label: 'here' },
    ],
    readouts: [{ label: 'sum', value: y.reduce((s, v) => s + v, 0) }],
  };
}

const base = { a: 1, g: 1, draw: 0, mode: 'x' };
const known = (over: Partial<typeof base>) => ({ params: { ...base, ...over }, result: theory({ ...base, ...over }) });

describe('theory blend (stand-in while an exact theory is computed)', () => {
  it('finds the one differing parameter', () => {
    expect(soleDifference({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe('');
    expect(soleDifference({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe('b');
    expect(soleDifference({ a: 1, b: 2 }, { a: 2, b: 3 })).toBeNull();
  });

  it('returns a known result unchanged when the parameters match', () => {
    const k = known({ a: 2 });
    expect(blendTheory(schema, [known({ a: 1 }), k], { ...base, a: 2 })!.result).toBe(k.result);
  });

  it('blends linearly along a linear slider, exact for a linear theory', () => {
    const b = blendTheory(schema, [known({ a: 1 }), known({ a: 3 }), known({ a: 9 })], { ...base, a: 2.5 })!;
    expect(b.param).toBe('a');
    expect(b.from).toEqual([1, 3]);
    expect(b.bracketed).toBe(true);
    const exact = theory({ ...base, a: 2.5 });
    b.result.series![0].y.forEach((y, i) => expect(y).toBeCloseTo(exact.series![0].y[i], 12));
    expect(b.result.readouts![0].value).toBeCloseTo(exact.readouts![0].value, 12);
    expect((b.result.marks![1] as { y: number }).y).toBeCloseTo(2.5, 12);
  });

  it('blends in log coordinates along a log slider and puts the reader mark at the new value', () => {
    const b = blendTheory(schema, [known({ g: 0.1 }), known({ g: 10 })], { ...base, g: 2 })!;
    const exact = theory({ ...base, g: 2 });
    b.result.series![0].y.forEach((y, i) => expect(y).toBeCloseTo(exact.series![0].y[i], 12));
    expect(b.result.marks![0]).toMatchObject({ kind: 'vline', x: 2 });
    // Only the flagged marker snaps: an unflagged mark that happens to sit at the same parameter is blended.
    expect((b.result.marks![1] as { x: number }).x).not.toBe(2);
  });

  it('bends the blend through a third nearby known value: exact for a theory quadratic in the slider', () => {
    const quadratic = (a: number): TheoryResult => ({
      x: [1, 2],
      series: [{ id: 'theory:one', y: [a * a, 3 - (a * a) / 2] }],
    });
    const ks = [1, 2, 3].map((a) => ({ params: { ...base, a }, result: quadratic(a) }));
    const b = blendTheory(schema, ks, { ...base, a: 1.4 })!;
    expect(b.from).toEqual([1, 2]);
    b.result.series![0].y.forEach((y, i) => expect(y).toBeCloseTo(quadratic(1.4).series![0].y[i], 12));
    // Without the third value the chord is off by the curvature term.
    const chord = blendTheory(schema, ks.slice(0, 2), { ...base, a: 1.4 })!;
    expect(Math.abs(chord.result.series![0].y[0] - 1.96)).toBeGreaterThan(0.2);
  });

  it('never blends along a draw index, a choice, or across two changed parameters', () => {
    expect(blendTheory(schema, [known({ draw: 0 }), known({ draw: 4 })], { ...base, draw: 2 })).toBeNull();
    expect(blendTheory(schema, [known({ mode: 'y' })], { ...base, mode: 'x', a: 2 })).toBeNull();
    expect(blendTheory(schema, [known({ a: 1, g: 2 }), known({ a: 3, g: 2 })], { ...base, a: 2, g: 3 })).toBeNull();
  });

  it('falls back to the nearest known value when nothing brackets the new one', () => {
    const near = known({ a: 3 });
    const b = blendTheory(schema, [known({ a: 1 }), near], { ...base, a: 5 })!;
    expect(b.bracketed).toBe(false);
    expect(b.result).toBe(near.result);
  });

  it('prefers the parameter that just moved', () => {
    // Known results bracket the target along a and along g; the hint picks g.
    const ks = [known({ a: 1, g: 2 }), known({ a: 3, g: 2 }), known({ a: 2, g: 1 }), known({ a: 2, g: 4 })];
    expect(blendTheory(schema, ks, { ...base, a: 2, g: 2 }, 'g')!.param).toBe('g');
    expect(blendTheory(schema, ks, { ...base, a: 2, g: 2 }, 'a')!.param).toBe('a');
  });

  it('keeps non-finite points of the nearer result instead of inventing values', () => {
    const a: TheoryResult = { x: [1], series: [{ id: 'theory:one', y: [NaN] }] };
    const b: TheoryResult = { x: [1], series: [{ id: 'theory:one', y: [4] }] };
    const r = blendTheory(
      schema,
      [
        { params: { ...base, a: 0 }, result: a },
        { params: { ...base, a: 4 }, result: b },
      ],
      { ...base, a: 3 },
    )!;
    expect(r.result.series![0].y[0]).toBe(4);
  });
});

describe('prefetch plan', () => {
  it('puts every smooth model slider at ±1/8 then ±1/4 of its travel, snapped and in range, the axis first', () => {
    const plan = prefetchPlan(schema, { id: 'fig' }, { ...base, a: 9.5 }, 'g');
    // g is the axis: first. a near its top end: +1/8 clamps to the end (10), −1/8 is 8.25 → snapped to the 0.1 step.
    expect(plan[0]).toMatchObject({ g: Number(Math.exp(0.125 * Math.log(1e4)).toPrecision(3)) });
    const aValues = plan.filter((p) => p.g === 1 && p.draw === 0).map((p) => p.a);
    expect(aValues.slice(0, 2)).toEqual([10, 8.3]);
    for (const p of plan) {
      expect(soleDifference(p, { ...base, a: 9.5 })).toMatch(/^(a|g)$/); // never the draw index or the choice
      expect(p.a as number).toBeGreaterThanOrEqual(0);
      expect(p.a as number).toBeLessThanOrEqual(10);
    }
    expect(new Set(plan.map((p) => JSON.stringify(p))).size).toBe(plan.length);
  });
});
