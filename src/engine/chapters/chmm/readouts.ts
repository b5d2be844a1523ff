/**
 * Numbers derived from simulated points, for the app to show next to a figure
 * (the theory function never sees simulation data): the measured theory–
 * simulation gap of the learning curves and the simulated crossover α where
 * training from scratch catches up with transfer. Pure functions.
 */
import type { TheoryResult } from '../../core/chapter';

/** The fields of a simulated point these helpers read (core SimPoint has them). */
export interface PointLike {
  series: string;
  x: number;
  y: number;
  err: number;
  seeds: number;
}

/** Theory series value at x by linear interpolation in log x (the α axis is logarithmic). */
function interpLog(xs: number[], ys: number[], x: number): number {
  if (!(x > 0) || xs.length === 0) return NaN;
  const lx = Math.log(x);
  for (let i = 1; i < xs.length; i++) {
    const a = Math.log(xs[i - 1]);
    const b = Math.log(xs[i]);
    if (lx >= a - 1e-12 && lx <= b + 1e-12) {
      const t = b === a ? 0 : (lx - a) / (b - a);
      return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
  }
  return NaN;
}

/**
 * Mean and largest |sim − theory| over the simulated transfer and random-feature
 * points of the learning-curve figure (only those inside the theory grid).
 */
export function theorySimGap(
  theory: TheoryResult,
  points: readonly PointLike[],
): { mean: number; max: number; n: number } {
  const diffs: number[] = [];
  for (const proto of ['transfer', 'random']) {
    const series = theory.series?.find((s) => s.id === `theory:${proto}`);
    if (!series || !theory.x) continue;
    for (const pt of points) {
      if (pt.series !== `sim:${proto}`) continue;
      const th = interpLog(theory.x, series.y, pt.x);
      if (Number.isFinite(th) && Number.isFinite(pt.y)) diffs.push(Math.abs(pt.y - th));
    }
  }
  if (!diffs.length) return { mean: NaN, max: NaN, n: 0 };
  return { mean: diffs.reduce((a, b) => a + b, 0) / diffs.length, max: Math.max(...diffs), n: diffs.length };
}

/**
 * First α (log-interpolated between simulated α values) where the scratch
 * network's mean error drops to the transfer error; undefined when it never does.
 */
export function simCrossover(points: readonly PointLike[]): number | undefined {
  const bySeries = (id: string) => new Map(points.filter((p) => p.series === id).map((p) => [p.x, p.y]));
  const tf = bySeries('sim:transfer');
  const sc = bySeries('sim:scratch');
  const xs = [...tf.keys()].filter((x) => sc.has(x)).sort((a, b) => a - b);
  for (let i = 0; i < xs.length; i++) {
    const d1 = sc.get(xs[i])! - tf.get(xs[i])!;
    if (d1 > 0) continue;
    if (i === 0) return xs[0];
    const d0 = sc.get(xs[i - 1])! - tf.get(xs[i - 1])!;
    const t = d0 / (d0 - d1);
    return Math.exp(Math.log(xs[i - 1]) + t * (Math.log(xs[i]) - Math.log(xs[i - 1])));
  }
  return undefined;
}
