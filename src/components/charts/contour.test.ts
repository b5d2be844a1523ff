import { describe, expect, it } from 'vitest';
import { contourSegments } from './contour';

describe('contour segments', () => {
  it('trace a vertical level line between the columns where the sign changes, and nothing on the border', () => {
    // z = x - 1.5 on a 4×4 grid: the zero line is x = 1.5, from row 0 to row 3.
    const z = [0, 1, 2, 3].map(() => [0, 1, 2, 3].map((x) => x - 1.5));
    const segs = contourSegments(z, 0);
    expect(segs).toHaveLength(3);
    for (const s of segs) for (const [x] of s) expect(x).toBeCloseTo(1.5, 12);
  });

  it('draws nothing where the map has one sign, and skips squares with undefined values', () => {
    expect(
      contourSegments(
        [
          [1, 2],
          [3, 4],
        ],
        0,
      ),
    ).toEqual([]);
    const z = [
      [-1, 1, 1],
      [NaN, 1, 1],
      [-1, -1, 1],
    ];
    const segs = contourSegments(z, 0);
    // The left squares touch the NaN; of the right ones only the lower one changes sign.
    expect(segs.length).toBe(1);
    for (const s of segs) for (const [x] of s) expect(x).toBeGreaterThanOrEqual(1 - 1e-12);
  });

  it('puts the crossing at the finite corner when the other is infinite', () => {
    const segs = contourSegments(
      [
        [-1, Infinity],
        [-1, Infinity],
      ],
      0,
    );
    expect(segs).toHaveLength(1);
    expect(segs[0][0][0]).toBe(0);
  });
});
