/** Merge a figure's simulation-dependent readouts/marks into its theory result (app and CLI alike). */
import type { Figure, TheoryResult } from './chapter';
import type { Params } from './schema';
import type { SimPoint } from './simRunner';

export function withSimOverlay(
  fig: Figure,
  theory: TheoryResult | null,
  points: SimPoint[],
  p: Params,
): TheoryResult | null {
  if (!theory || !fig.simOverlay || points.length === 0) return theory;
  try {
    const extra = fig.simOverlay(theory, points, p);
    return {
      ...theory,
      readouts: [...(theory.readouts ?? []), ...(extra.readouts ?? [])],
      marks: [...(theory.marks ?? []), ...(extra.marks ?? [])],
    };
  } catch {
    return theory;
  }
}
