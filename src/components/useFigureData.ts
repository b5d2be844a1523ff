/**
 * The figure's theory and points for the current parameters. Instant theory is
 * computed here on every change (it follows the slider thumb); worker theory
 * comes from the store, shown only when it belongs to the current parameters
 * (exact, or a preview blended from nearby exact results while it is computed).
 */
import { useMemo } from 'react';
import type { Chapter, Figure, TheoryResult } from '../engine/core/chapter';
import type { SimPoint } from '../engine/core/simRunner';
import { useApp } from '../state/context';
import { theoryKey } from '../state/keys';
import { withSimOverlay } from '../engine/core/overlay';

export interface FigureResults {
  theory: TheoryResult | null;
  points: SimPoint[];
  /** Worker theory not yet exact for these parameters. */
  pending: boolean;
  /** What is shown is a stand-in blended from nearby exact results. */
  preview: boolean;
}

export function useFigureData(chapter: Chapter, fig: Figure): FigureResults {
  const params = useApp((s) => s.params);
  const workerTheory = useApp((s) => s.workerTheory);
  const runPoints = useApp((s) => s.run.points);
  const instant = useMemo(() => {
    if (fig.theoryCost !== 'instant') return null;
    try {
      return fig.theory(params, fig.grid(params));
    } catch (err) {
      return { notices: [`Theory failed: ${String(err)}`] };
    }
  }, [fig, params]);
  const key = theoryKey(chapter.id, fig.id, params);
  const theory = instant ?? (workerTheory?.key === key ? workerTheory.result : null);
  const points = useMemo(() => Object.values(runPoints), [runPoints]);
  const withOverlay = useMemo(() => withSimOverlay(fig, theory, points, params), [fig, theory, points, params]);
  const exact = workerTheory?.key === key && !workerTheory.preview;
  return {
    theory: withOverlay,
    points,
    pending: fig.theoryCost === 'worker' && !exact,
    preview: fig.theoryCost === 'worker' && !!theory && !exact,
  };
}
