/**
 * What the line chart and the heatmap share: type size, margins derived from
 * it, axes with readable tick labels, and a per-<svg> id so clip paths of
 * several charts on one page (gallery thumbnails) never point at each other.
 */
import * as d3 from 'd3';
import type { Figure } from '../../engine/core/chapter';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function chartFont(input: { big: boolean; font?: number }): number {
  return input.font ?? (input.big ? 20 : 12);
}

export function chartMargins(font: number, thumb: boolean, extraRight = 0): Margins {
  if (thumb) return { top: 6, right: 8 + extraRight, bottom: font + 10, left: 2.6 * font + 6 };
  return { top: 12, right: 16 + extraRight, bottom: 2 * font + 20, left: 3 * font + 22 };
}

let nextUid = 0;
const uids = new WeakMap<SVGSVGElement, number>();
export function chartUid(svg: SVGSVGElement): number {
  let id = uids.get(svg);
  if (id === undefined) uids.set(svg, (id = ++nextUid));
  return id;
}

type Scale = d3.ScaleContinuousNumeric<number, number>;

/**
 * Axes and axis titles. Tick labels follow the chart's type size (d3's own
 * default pins them at 10 px, too small on a projector); log axes get plain
 * numbers (0.1, 0.2 … rather than SI "100m").
 */
export function drawAxes(root: d3.Selection<SVGGElement, null, SVGSVGElement, unknown>, fig: Figure, x: Scale, y: Scale, w: number, h: number, m: Margins, font: number, thumb: boolean, integerX = false) {
  const spacing = thumb ? 3.5 * font : 6.5 * font;
  // Only a real log scale gets '~g' (a linear scale would turn it into "1e+1").
  const fmt = (s: Scale) => ('base' in s ? '~g' : undefined);
  const nx = Math.max(2, Math.round(w / spacing));
  const xAxis = d3.axisBottom(x).ticks(nx, fmt(x)).tickSizeOuter(0);
  if (integerX) {
    const [a, b] = x.domain().map((v, i) => (i ? Math.floor(v) : Math.ceil(v)));
    const step = Math.max(1, Math.ceil((b - a) / nx));
    xAxis.tickValues(d3.range(a, b + 1, step)).tickFormat(d3.format('d'));
  }
  const yAxis = d3.axisLeft(y).ticks(Math.max(2, Math.round(h / (thumb ? 2.5 * font : 3.8 * font))), fmt(y)).tickSizeOuter(0);
  root.selectAll<SVGGElement, null>('g.x-axis').data([null]).join('g').attr('class', 'x-axis').attr('transform', `translate(0,${h})`).call(xAxis).attr('font-size', null).attr('font-family', null);
  root.selectAll<SVGGElement, null>('g.y-axis').data([null]).join('g').attr('class', 'y-axis').call(yAxis).attr('font-size', null).attr('font-family', null);
  root.selectAll('g.x-axis text, g.y-axis text').attr('font-size', '0.9em');
  root.selectAll('text.x-label').data(thumb ? [] : [fig.x.label]).join('text').attr('class', 'x-label').attr('x', w / 2).attr('y', h + m.bottom - 0.55 * font).attr('text-anchor', 'middle').text((d) => d);
  root
    .selectAll('text.y-label')
    .data(thumb ? [] : [fig.y.label])
    .join('text')
    .attr('class', 'y-label')
    .attr('transform', `translate(${-m.left + font + 2},${h / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text((d) => d);
}
