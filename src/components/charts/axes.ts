/**
 * Axes layer: ticks at the chart's type size (d3's own default pins them at
 * 10 px, too small on a projector), axis titles inside the margins, and a
 * per-<svg> id so clip paths of several charts on one page (gallery
 * thumbnails) never point at each other.
 */
import * as d3 from 'd3';
import type { Figure } from '../../engine/core/chapter';
import { tickFormat, xTickCount, yTickCount, type PlotBox, type Scale } from './layout';
import { TEXT, TICK, textWidth } from './theme';
import { setSvgText } from './subscripts';

let nextUid = 0;
const uids = new WeakMap<SVGSVGElement, number>();
export function chartUid(svg: SVGSVGElement): number {
  let id = uids.get(svg);
  if (id === undefined) uids.set(svg, (id = ++nextUid));
  return id;
}

type Root = d3.Selection<SVGGElement, null, SVGSVGElement, unknown>;
type Limits = { x?: [number, number]; y?: [number, number] };

/**
 * Both axes with their tick labels and titles. `integerX`: whole-number x ticks (layer indices); `limits`:
 * ticks only within these ranges (an axis padded beyond its data does not label the padding).
 */
export function drawAxes(
  root: Root,
  fig: Figure,
  x: Scale,
  y: Scale,
  box: PlotBox,
  font: number,
  thumb: boolean,
  integerX = false,
  limits: Limits = {},
) {
  const { xAxis, yAxis } = axisGenerators(x, y, box, font, thumb, integerX, limits);
  joinAxis(root, 'x-axis', xAxis, `translate(0,${box.h})`);
  joinAxis(root, 'y-axis', yAxis, null);
  root.selectAll('g.x-axis text, g.y-axis text').attr('font-size', `${TEXT.tick}em`).attr('data-chart-text', 'tick');
  thinXTickLabels(root, x, TEXT.tick * font);
  thinYTickLabels(root, y, TEXT.tick * font);
  drawAxisTitles(root, fig, box, font, thumb);
}

/** d3's axis generators with our tick counts, sizes and formats. */
function axisGenerators(
  x: Scale,
  y: Scale,
  { w, h }: PlotBox,
  font: number,
  thumb: boolean,
  integerX: boolean,
  limits: Limits,
) {
  const nx = xTickCount(w, font, thumb);
  const ny = yTickCount(h, font, thumb);
  const xAxis = d3.axisBottom(x).ticks(nx, tickFormat(x)).tickSizeOuter(0).tickSizeInner(TICK);
  if (integerX) {
    const [a, b] = x.domain().map((v, i) => (i ? Math.floor(v) : Math.ceil(v)));
    const step = Math.max(1, Math.ceil((b - a) / nx));
    xAxis.tickValues(d3.range(a, b + 1, step)).tickFormat(d3.format('d'));
  }
  const yAxis = d3.axisLeft(y).ticks(ny, tickFormat(y)).tickSizeOuter(0).tickSizeInner(TICK);
  const within = (lim: [number, number] | undefined, s: Scale, n: number) =>
    lim ? s.ticks(n).filter((v) => v >= lim[0] - 1e-9 && v <= lim[1] + 1e-9) : null;
  const xIn = integerX ? null : within(limits.x, x, nx);
  if (xIn) xAxis.tickValues(xIn);
  const yIn = within(limits.y, y, ny);
  if (yIn) yAxis.tickValues(yIn);
  return { xAxis, yAxis };
}

/** One axis group, drawn by d3 but without the font attributes it sets (type comes from the chart's CSS). */
function joinAxis(root: Root, cls: string, axis: d3.Axis<d3.NumberValue>, transform: string | null) {
  root
    .selectAll<SVGGElement, null>(`g.${cls}`)
    .data([null])
    .join('g')
    .attr('class', cls)
    .attr('transform', transform)
    .call(axis)
    .attr('font-size', null)
    .attr('font-family', null);
}

// Labels that would touch their neighbour are left out (log axes label 2 and 5 as well when they
// have room; a short plot cannot hold every tick's label). `px` is the tick labels' type size.

/** A label on the first x tick runs rightwards from it: centred, it would reach under the y-axis labels. */
function thinXTickLabels(root: Root, x: Scale, px: number) {
  let lastRight = -Infinity;
  root.selectAll<SVGTextElement, number>('g.x-axis .tick text').each(function (v) {
    this.removeAttribute('text-anchor'); // ticks are reused for other values on redraw
    if (!this.textContent) return;
    const wd = textWidth(this.textContent, px);
    const start = x(v) < wd / 2 + 1;
    const left = start ? x(v) : x(v) - wd / 2;
    if (left < lastRight + 0.5 * px) this.textContent = '';
    else {
      lastRight = left + wd;
      if (start) this.setAttribute('text-anchor', 'start');
    }
  });
}

function thinYTickLabels(root: Root, y: Scale, px: number) {
  let lastTop = Infinity;
  root.selectAll<SVGTextElement, number>('g.y-axis .tick text').each(function (v) {
    if (!this.textContent) return;
    if (y(v) + 0.6 * px > lastTop - 0.15 * px) this.textContent = '';
    else lastTop = y(v) - 0.6 * px;
  });
}

/** Axis titles (none on thumbnails), inside the margins; the y title reads upwards along the axis. */
function drawAxisTitles(root: Root, fig: Figure, { w, h, m }: PlotBox, font: number, thumb: boolean) {
  // Axis titles shrink (to 70% at most) rather than run past the plot's ends; beyond that they are cut with
  // an ellipsis.
  const fit = (s: string, room: number) => {
    const scale = Math.min(1, room / Math.max(1, textWidth(s, TEXT.axisTitle * font)));
    if (scale >= 0.7) return { s, em: TEXT.axisTitle * scale };
    const keep = Math.max(3, Math.floor((s.length * room) / (0.7 * textWidth(s, TEXT.axisTitle * font))) - 1);
    return { s: `${s.slice(0, keep)}…`, em: 0.7 * TEXT.axisTitle };
  };
  const xTitle = thumb ? null : fit(fig.x.label, w + 2 * Math.min(m.left, m.right) - 8);
  axisTitle(root, 'x-label', xTitle, (t) => t.attr('x', w / 2).attr('y', h + m.bottom - 0.3 * font));
  const yTitle = thumb ? null : fit(fig.y.label, h + 2 * Math.min(m.top, m.bottom) - 4);
  axisTitle(root, 'y-label', yTitle, (t) =>
    t.attr('transform', `translate(${-m.left + 0.95 * font},${h / 2}) rotate(-90)`),
  );
}

type Title = { s: string; em: number };

/** One axis title (or none: `title` null), placed by `place`, its text with subscripts, at its fitted size. */
function axisTitle(
  root: Root,
  cls: string,
  title: Title | null,
  place: (t: d3.Selection<SVGTextElement, Title, SVGGElement, null>) => void,
) {
  root
    .selectAll<SVGTextElement, Title>('text.' + cls)
    .data(title ? [title] : [])
    .join('text')
    .attr('class', cls)
    .attr('data-chart-text', 'axis-title')
    .attr('font-size', (d) => `${d.em}em`)
    .call(place)
    .attr('text-anchor', 'middle')
    .each(function (d) {
      setSvgText(this, d.s);
    });
}
