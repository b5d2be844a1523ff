/**
 * The level line of a map sampled on a grid, by marching squares between the
 * cell centres. Unlike a filled-contour polygon it has no segments along the
 * plot border or around missing values: a segment is drawn only inside a square
 * of four defined values whose signs (relative to the level) differ, i.e. only
 * where the sign truly changes. ±Infinity counts as a value beyond the level
 * (the crossing is then placed at the finite corner).
 */
export type Segment = [[number, number], [number, number]];

type Edge = 'ab' | 'bc' | 'dc' | 'ad';

/**
 * The edges each segment joins, by corner case 1–7 (bit 1: a above the level, 2: b, 4: c, 8: d); case 15 − k
 * is the same as case k. The saddles 5 (and 10) are decided by the square's centre.
 */
const EDGE_PAIRS: Record<number, [Edge, Edge][]> = {
  1: [['ab', 'ad']],
  2: [['ab', 'bc']],
  3: [['ad', 'bc']],
  4: [['bc', 'dc']],
  6: [['ab', 'dc']],
  7: [['ad', 'dc']],
};

/**
 * Segments in grid coordinates: (j, i) = (column, row) fractional indices.
 * z[i][j]; NaN = undefined (no segment touches it).
 */
export function contourSegments(z: number[][], level: number): Segment[] {
  const out: Segment[] = [];
  const rows = z.length;
  const cols = rows ? z[0].length : 0;
  const t = (a: number, b: number) => {
    if (!Number.isFinite(a)) return 1;
    if (!Number.isFinite(b)) return 0;
    return (level - a) / (b - a);
  };
  for (let i = 0; i + 1 < rows; i++) {
    for (let j = 0; j + 1 < cols; j++) {
      const a = z[i][j]; // (j, i)
      const b = z[i][j + 1]; // (j+1, i)
      const c = z[i + 1][j + 1]; // (j+1, i+1)
      const d = z[i + 1][j]; // (j, i+1)
      if ([a, b, c, d].some(Number.isNaN)) continue;
      const above = [a, b, c, d].map((v) => v > level);
      const idx = (above[0] ? 1 : 0) | (above[1] ? 2 : 0) | (above[2] ? 4 : 0) | (above[3] ? 8 : 0);
      if (idx === 0 || idx === 15) continue;
      // Crossing points on the four edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
      const e: Record<Edge, [number, number]> = {
        ab: [j + t(a, b), i],
        bc: [j + 1, i + t(b, c)],
        dc: [j + t(d, c), i + 1],
        ad: [j, i + t(a, d)],
      };
      // A case and its complement (all corners flipped) cross the same edges.
      let segs = EDGE_PAIRS[Math.min(idx, 15 - idx)];
      if (idx === 5 || idx === 10) {
        // Saddle: decide by the centre (mean of the finite corners).
        const finite = [a, b, c, d].filter(Number.isFinite);
        const centreAbove = finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length > level : true;
        const aAbove = idx === 5;
        segs =
          centreAbove === aAbove
            ? [
                ['ab', 'bc'],
                ['ad', 'dc'],
              ]
            : [
                ['ab', 'ad'],
                ['bc', 'dc'],
              ];
      }
      for (const [p, q] of segs) out.push([e[p], e[q]]);
    }
  }
  return out;
}
