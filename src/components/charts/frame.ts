import * as d3 from 'd3';
import type { PlotBox } from './layout';

/**
 * The chart's <svg> at its pixel size (its viewBox the same, so exports scale it cleanly), type at `font` px,
 * and the plot group moved inside the margins: every layer draws in plot coordinates from (0, 0).
 */
export function chartFrame(svgEl: SVGSVGElement, width: number, height: number, font: number, box: PlotBox) {
  const svg = d3
    .select(svgEl)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .style('font-size', `${font}px`);
  const root = svg
    .selectAll<SVGGElement, null>('g.plot')
    .data([null])
    .join('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${box.m.left},${box.m.top})`);
  return { svg, root };
}
