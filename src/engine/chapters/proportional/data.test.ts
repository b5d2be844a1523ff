import { describe, expect, it } from 'vitest';
import { makeDataset, teachers } from './data';

const sizes = { N0: 40, N1: 20, Pt: 20, Ps: 60 };

describe('proportional datasets', () => {
  it('teachers have |w|² = N0 and overlap exactly ρ', () => {
    for (const rho of [-0.7, 0, 0.9, 1]) {
      const { ws, wt } = teachers(3, sizes.N0, rho);
      const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
      expect(dot(ws, ws) / sizes.N0).toBeCloseTo(1, 12);
      expect(dot(wt, wt) / sizes.N0).toBeCloseTo(1, 12);
      expect(dot(ws, wt) / sizes.N0).toBeCloseTo(rho, 12);
    }
  });

  it('moving ρ or σ_n keeps the inputs and the source labels, and changes only what it should', () => {
    const a = makeDataset(3, sizes, 0.9, 0);
    const b = makeDataset(3, sizes, 0.2, 0);
    const c = makeDataset(3, sizes, 0.9, 0.5);
    // One input draw per (dataset, sizes), shared by every label set.
    expect(b.Xs).toBe(a.Xs);
    expect(c.Xt).toBe(a.Xt);
    expect(Array.from(b.ys)).toEqual(Array.from(a.ys));
    expect(Array.from(b.yt)).not.toEqual(Array.from(a.yt));
    expect(Array.from(c.yte)).toEqual(Array.from(a.yte)); // test labels are clean
    expect(Array.from(c.yt)).not.toEqual(Array.from(a.yt));
    // Another dataset draw has other inputs.
    expect(Array.from(makeDataset(4, sizes, 0.9, 0).Xs)).not.toEqual(Array.from(a.Xs));
  });

  it('is the same draw after the label cache has been flushed by many other label sets', () => {
    const first = Array.from(makeDataset(5, sizes, 0.3, 0.1).yt);
    for (let k = 0; k < 80; k++) makeDataset(5, sizes, k / 100, 0.2);
    expect(Array.from(makeDataset(5, sizes, 0.3, 0.1).yt)).toEqual(first);
  });
});
