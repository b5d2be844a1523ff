/**
 * Line/scatter chart in four layers: layout (domains, scales, margins that hold
 * their labels), axes, marks (theory lines, simulated points with error bars)
 * and annotations (guides, bands, placed labels). Keyed D3 joins throughout
 * (theory paths by series id, points by series+task): React owns the <svg>,
 * D3 owns what is inside it.
 */
import * as d3 from 'd3';
import { parseSeriesId, type Figure } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { drawMarkLabels, drawMarkShapes, placeLabels } from './annotations';
import { chartUid, drawAxes } from './axes';
import { robustDomain } from './domain';
import { joinedSeries } from './drawn';
import { chartFrame } from './frame';
import { joinPointGroups, seedsNote } from './pointGroups';
import { plotBox, tickLabels, xTickCount, yTickCount, type PlotBox, type Scale } from './layout';
import { protocolOf, scaledDash, seriesStyle } from './styleMap';
import { chartFont, MARKER_AREA, POINT_OVERHANG, STROKE, type ChartData, type ChartFrame } from './theme';

export interface ChartInput extends ChartData, ChartFrame {
  /** False under prefers-reduced-motion (CSS transitions on points are then disabled too). */
  animate: boolean;
  /** Keep this y-range (while a slider is dragged, so the curves move against steady axes). */
  holdY?: [number, number];
}

/** What the caller may keep: the y-range drawn (to hold it during a drag). */
export interface LineChartResult {
  yDomain: [number, number];
}

const fmt = d3.format('.4~g');

export function labelOf(fig: Figure, seriesId: string): string {
  const proto = protocolOf(seriesId);
  const kind = parseSeriesId(seriesId)?.kind === 'sim' ? 'simulation' : 'theory';
  return `${fig.protocols.find((p) => p.id === proto)?.label ?? proto} (${kind})`;
}

// ---------------------------------------------------------------- layout

interface LineLayout {
  box: PlotBox;
  x: Scale;
  y: d3.ScaleLinear<number, number>;
  integerX: boolean;
}

function xDomainOf(
  fig: Figure,
  xsTheory: number[],
  points: SimPoint[],
): { domain: [number, number]; integerX: boolean } {
  const allX = [...xsTheory, ...points.map((p) => p.x)].filter(Number.isFinite);
  const [x0, x1] = d3.extent(allX);
  // Layer indices and the like (all x whole numbers, a short range): integer ticks, and half a step of room at the
  // ends.
  const integerX =
    fig.x.scale !== 'log' &&
    x0 !== undefined &&
    x1 !== undefined &&
    x1 > x0 &&
    x1 - x0 <= 24 &&
    allX.every(Number.isInteger);
  if (fig.x.domain) return { domain: fig.x.domain, integerX };
  // Measured-x figures (no theory grid): the x error bars count, and a margin keeps points off the axes.
  const measured = !xsTheory.length && fig.x.scale !== 'log';
  const xs0 = measured ? d3.min(points, (p) => p.x - (p.xErr ?? 0)) : x0;
  const xs1 = measured ? d3.max(points, (p) => p.x + (p.xErr ?? 0)) : x1;
  if (xs0 === undefined || xs1 === undefined || !Number.isFinite(xs0) || !Number.isFinite(xs1))
    return { domain: fig.x.scale === 'log' ? [1, 10] : [0, 1], integerX };
  if (integerX) return { domain: [xs0 - 0.3, xs1 + 0.3], integerX };
  const room = measured ? 0.06 * (xs1 - xs0 || 1) : 0;
  return { domain: [xs0 - room, xs1 + room], integerX };
}

function layoutLine(input: ChartInput, font: number, thumb: boolean): LineLayout {
  const { fig, theory, points, width, height } = input;
  const { domain: xDomain, integerX } = xDomainOf(fig, theory?.x ?? [], points);
  const yValues = [...(theory?.series ?? []).flatMap((s) => s.y), ...points.flatMap((p) => [p.y - p.err, p.y + p.err])];
  const yDomain = input.holdY ?? robustDomain(yValues, fig.y.domain);
  const makeX = (w: number) => (fig.x.scale === 'log' ? d3.scaleLog() : d3.scaleLinear()).domain(xDomain).range([0, w]);
  const makeY = (h: number) => {
    const s = d3.scaleLinear().domain(yDomain).range([h, 0]);
    return input.holdY ? s : s.nice(yTickCount(h, font, thumb));
  };
  // Two passes: margins from the tick labels of a rough plot, then the plot in those margins.
  const rough = plotBox(width, height, font, thumb, ['0.00'], ['0']);
  const yl = tickLabels(makeY(rough.h), yTickCount(rough.h, font, thumb));
  const xl = integerX ? [String(Math.floor(xDomain[1]))] : tickLabels(makeX(rough.w), xTickCount(rough.w, font, thumb));
  const box = plotBox(width, height, font, thumb, yl, xl);
  return { box, x: makeX(box.w), y: makeY(box.h), integerX };
}

// ---------------------------------------------------------------- marks

type G = d3.Selection<SVGGElement, null, SVGGElement, null>;

function drawTheory(layer: G, input: ChartInput, L: LineLayout, k: number) {
  const { theory } = input;
  const { x, y } = L;
  const [d0, d1] = y.domain();
  const span = d1 - d0;
  const line = d3
    .line<[number, number]>()
    .defined((d) => Number.isFinite(d[1]) && d[1] >= d0 - 10 * span && d[1] <= d1 + 10 * span)
    .curve(d3.curveMonotoneX) // smooth between grid points (no visible corners on coarse theory grids)
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const xs = theory?.x ?? [];
  const series = (theory?.series ?? []).map((s) => ({
    id: s.id,
    d: line(xs.map((xv, i) => [xv, s.y[i]] as [number, number])) ?? '',
  }));
  const width = STROKE.theory * k;
  layer
    .selectAll<SVGPathElement, (typeof series)[number]>('path.theory')
    .data(series, (d) => d.id)
    .join('path')
    .attr('class', 'theory')
    .attr('data-series', (d) => d.id)
    .attr('fill', 'none')
    .attr('stroke-width', width)
    .attr('stroke-linecap', 'round')
    .attr('stroke', (d) => seriesStyle(d.id).color)
    .attr('stroke-dasharray', (d) => scaledDash(seriesStyle(d.id).dash, width) || null)
    .attr('d', (d) => d.d);
}

/**
 * Simulated points: error bars and a marker; simulation-only series get a thin, faint joining line (never like
 * theory).
 */
function drawPoints(layer: G, pointLayer: G, input: ChartInput, L: LineLayout, k: number) {
  const { fig, theory, points } = input;
  const { x, y } = L;
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const joined = joinedSeries(fig, theory, pts);
  const line = d3
    .line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const joins = [...joined].map((id) => ({
    id,
    d:
      line(
        pts
          .filter((p) => p.series === id)
          .sort((a, b) => a.x - b.x)
          .map((p) => [p.x, p.y] as [number, number]),
      ) ?? '',
  }));
  layer
    .selectAll<SVGPathElement, (typeof joins)[number]>('path.sim-line')
    .data(joins, (d) => d.id)
    .join('path')
    .attr('class', 'sim-line')
    .attr('fill', 'none')
    .attr('stroke-width', STROKE.simJoin * k)
    .attr('stroke', (d) => seriesStyle(d.id).color)
    .attr('opacity', 0.55)
    .attr('d', (d) => d.d);
  const groups = joinPointGroups(pointLayer, 'sim', pts, (g) => {
    g.append('line').attr('class', 'err');
    g.append('line').attr('class', 'err-x');
    g.append('path').attr('class', 'marker');
    g.append('title');
  })
    .attr('data-series', (p) => p.series)
    .attr('data-x', (p) => p.x)
    .attr('data-y', (p) => p.y)
    .attr('data-err', (p) => p.err)
    .attr('data-seeds', (p) => p.seeds);
  const color = (p: SimPoint) => seriesStyle(p.series).color;
  groups.attr('transform', (p) => `translate(${x(p.x)},${y(p.y)})`);
  groups
    .select('line.err')
    .attr('x1', 0)
    .attr('x2', 0)
    .attr('y1', (p) => y(p.y - p.err) - y(p.y))
    .attr('y2', (p) => y(p.y + p.err) - y(p.y))
    .attr('stroke', color)
    .attr('stroke-width', STROKE.errorBar * k);
  groups
    .select('line.err-x')
    .attr('y1', 0)
    .attr('y2', 0)
    .attr('x1', (p) => (p.xErr ? x(p.x - p.xErr) - x(p.x) : 0))
    .attr('x2', (p) => (p.xErr ? x(p.x + p.xErr) - x(p.x) : 0))
    .attr('stroke', color)
    .attr('stroke-width', STROKE.errorBar * k);
  groups
    .select('path.marker')
    .attr('d', (p) => d3.symbol(seriesStyle(p.series).marker, MARKER_AREA * k * k)() ?? '')
    .attr('fill', (p) => (seriesStyle(p.series).hollow ? '#fff' : color(p)))
    .attr('stroke', (p) => (seriesStyle(p.series).hollow ? color(p) : '#fff'))
    .attr('stroke-width', (p) => (seriesStyle(p.series).hollow ? 1.8 : STROKE.markerEdge) * k);
  groups
    .select('title')
    .text(
      (p) => `${labelOf(fig, p.series)}: ${fmt(p.y)} ± ${fmt(p.err)} at ${fig.x.name} = ${fmt(p.x)} ${seedsNote(p)}`,
    );
}

/** Where the chart draws data, in plot pixels (for placing labels clear of it): theory samples and simulated points. */
function drawnPixels(input: ChartInput, L: LineLayout): [number, number][] {
  const { x, y, box } = L;
  const xs = input.theory?.x ?? [];
  const out: [number, number][] = [];
  const inside = (px: number, py: number) =>
    Number.isFinite(px) && Number.isFinite(py) && px >= 0 && px <= box.w && py >= 0 && py <= box.h;
  for (const s of input.theory?.series ?? []) {
    const pts = xs.map((xv, i) => [x(xv), y(s.y[i])] as [number, number]);
    pts.forEach(([px, py], i) => {
      if (inside(px, py)) out.push([px, py]);
      // Half-way between grid points too, so a steep stretch of curve still counts.
      const next = pts[i + 1];
      if (next && inside((px + next[0]) / 2, (py + next[1]) / 2)) out.push([(px + next[0]) / 2, (py + next[1]) / 2]);
    });
  }
  for (const p of input.points) if (inside(x(p.x), y(p.y))) out.push([x(p.x), y(p.y)]);
  return out;
}

// ---------------------------------------------------------------- the chart

export function drawLineChart(svgEl: SVGSVGElement, input: ChartInput): LineChartResult {
  const { fig, theory, width, height, thumb = false } = input;
  const font = chartFont(input);
  const k = font / 12; // strokes and markers grow with the type so big-type slides stay balanced
  const L = layoutLine(input, font, thumb);
  const { box, x, y } = L;
  const { w, h } = box;
  const { root } = chartFrame(svgEl, width, height, font, box);
  const clipId = `clip-${fig.id}-${chartUid(svgEl)}`;
  // Lines are clipped to the plot; simulated points to the plot plus a marker's size, so edge points show whole.
  const pad = POINT_OVERHANG * k;
  const clips = [
    { id: clipId, x: 0, y: 0, w, h },
    { id: `${clipId}-pts`, x: -pad, y: -pad, w: w + 2 * pad, h: h + 2 * pad },
  ];
  root
    .selectAll('clipPath')
    .data(clips)
    .join('clipPath')
    .attr('id', (c) => c.id)
    .selectAll('rect')
    .data((c) => [c])
    .join('rect')
    .attr('x', (c) => c.x)
    .attr('y', (c) => c.y)
    .attr('width', (c) => c.w)
    .attr('height', (c) => c.h);

  drawAxes(root, fig, x, y, box, font, thumb, L.integerX);

  const layer = root
    .selectAll<SVGGElement, null>('g.layer')
    .data([null])
    .join('g')
    .attr('class', 'layer')
    .attr('clip-path', `url(#${clipId})`);
  const pointLayer = root
    .selectAll<SVGGElement, null>('g.points')
    .data([null])
    .join('g')
    .attr('class', 'points')
    .attr('clip-path', `url(#${clipId}-pts)`);
  const labelLayer = root
    .selectAll<SVGGElement, null>('g.annotations')
    .data([null])
    .join('g')
    .attr('class', 'annotations');

  const marks = thumb ? [] : (theory?.marks ?? []);
  drawMarkShapes(layer, marks, x, y, w, h, k);
  drawTheory(layer, input, L, k);
  drawPoints(layer, pointLayer, input, L, k);
  drawMarkLabels(labelLayer, placeLabels(marks, x, y, w, h, font, drawnPixels(input, L)), font);
  return { yDomain: y.domain() as [number, number] };
}
