/** The map's colour bar, beside the plot: the scale's colours, ticks and a title of at most two lines. */
import * as d3 from 'd3';
import { BAR, formatValue, type HeatmapInput, type MapLayout } from './heatmapLayout';
import { COLOR, LINE_EM, TEXT, TICK, textWidth } from './theme';

export function drawColorBar(
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  input: HeatmapInput,
  L: MapLayout,
  color: (v: number) => string,
  font: number,
) {
  const { fig, thumb = false } = input;
  const { box } = L;
  const [lo, hi] = fig.z?.domain ?? [-1, 1];
  const barW = BAR.width * font;
  const lg = svg
    .selectAll<SVGGElement, null>('g.color-bar')
    .data([null])
    .join('g')
    .attr('class', 'color-bar')
    .attr('transform', `translate(${box.m.left + box.w + BAR.gap * font},${box.m.top})`);
  const s = d3.scaleLinear().domain([lo, hi]).range([box.h, 0]);
  const steps = d3.range(0, 64).map((i) => lo + ((i + 0.5) / 64) * (hi - lo));
  const bh = box.h / steps.length;
  lg.selectAll('rect.swatch')
    .data(steps)
    .join('rect')
    .attr('class', 'swatch')
    .attr('x', 0)
    .attr('width', barW)
    .attr('y', (_, i) => box.h - (i + 1) * bh)
    .attr('height', bh + 0.5)
    .attr('fill', (v) => color(v));
  const axis = d3
    .axisRight(s)
    .ticks(Math.max(2, Math.min(5, Math.round(box.h / (2.2 * font)))), '~g')
    .tickSizeOuter(0)
    .tickSizeInner(TICK);
  lg.selectAll<SVGGElement, null>('g.bar-axis')
    .data([null])
    .join('g')
    .attr('class', 'bar-axis')
    .attr('transform', `translate(${barW},0)`)
    .call(axis)
    .attr('font-size', null)
    .attr('font-family', null);
  lg.selectAll('g.bar-axis text').attr('font-size', `${TEXT.colorBar}em`).attr('data-chart-text', 'tick');
  // The level line's value, marked on the bar as on the map.
  const level = fig.z?.contour;
  lg.selectAll('line.level')
    .data(level !== undefined && input.theory?.heatmap ? [level] : [])
    .join('line')
    .attr('class', 'level')
    .attr('x1', 0)
    .attr('x2', barW)
    .attr('y1', (v) => s(v))
    .attr('y2', (v) => s(v))
    .attr('stroke', COLOR.contour)
    .attr('stroke-width', 2);
  const widest = Math.max(...s.ticks(5).map((v) => textWidth(formatValue(v), TEXT.colorBar * font)));
  // Rotated a quarter turn: glyph tops face outwards, so the first line is the outermost one.
  const tx = barW + TICK + 3 + widest + BAR.titleGap * font + (L.barTitle.length - 1) * LINE_EM * font;
  const title = lg
    .selectAll<SVGTextElement, null>('text.bar-title')
    .data(thumb ? [] : [null])
    .join('text')
    .attr('class', 'bar-title')
    .attr('data-chart-text', 'axis-title')
    .attr('text-anchor', 'middle')
    .attr('transform', `translate(${tx},${box.h / 2}) rotate(90)`);
  title
    .selectAll('title')
    .data([fig.z?.label ?? ''])
    .join('title')
    .text((v) => v);
  title
    .selectAll('tspan')
    .data(L.barTitle)
    .join('tspan')
    .attr('x', 0)
    .attr('dy', (_, i) => (i === 0 ? 0 : `${LINE_EM}em`))
    .text((v) => v);
}
