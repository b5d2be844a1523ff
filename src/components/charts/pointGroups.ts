import type * as d3 from 'd3';
import type { SimPoint } from '../../engine/core/simRunner';

type Groups<Parent extends d3.BaseType, ParentDatum> = d3.Selection<SVGGElement, SimPoint, Parent, ParentDatum>;

/**
 * Simulated points joined to one <g class=`cls`> each, keyed by series and task, so that a point keeps its
 * element (and its transition) while its mean and error bar update. `make` adds a new group's children once.
 */
export function joinPointGroups<Parent extends d3.BaseType, ParentDatum>(
  layer: d3.Selection<Parent, ParentDatum, d3.BaseType, unknown>,
  cls: string,
  pts: SimPoint[],
  make: (g: Groups<Parent, ParentDatum>) => void,
): Groups<Parent, ParentDatum> {
  return layer
    .selectAll<SVGGElement, SimPoint>(`g.${cls}`)
    .data(pts, (p) => `${p.series}|${p.task}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', cls);
      make(g);
      return g;
    });
}

/** The end of a simulated point's tooltip: how many of its seeds have landed. */
export const seedsNote = (p: SimPoint) => `(${p.seeds} of ${p.target} seeds)`;
