/**
 * Line/scatter chart: one function that takes the data and an <svg> and does
 * keyed D3 joins (theory paths by series id, points by series+task). React
 * owns the container; D3 owns what is inside it.
 */
import * as d3 from 'd3';
import type { Figure, Mark, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { chartFont, chartMargins, chartUid, drawAxes } from './axes';
import { robustDomain } from './domain';
import { styleOf } from './palette';

export interface ChartInput {
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
  width: number;
  height: number;
  big: boolean;
  /** False under prefers-reduced-motion (CSS transitions on points are then disabled too). */
  animate: boolean;
  /** Base type size in px (embeds scale it with the frame); default 12, or 20 with `big`. */
  font?: number;
  /** Gallery thumbnail: tight margins, no axis titles or mark labels. */
  thumb?: boolean;
}

const fmt = d3.format('.4~g');

export function protocolIndex(fig: Figure, seriesId: string): number {
  const proto = seriesId.split(':')[1];
  return Math.max(0, fig.protocols.findIndex((p) => p.id === proto));
}

export function drawLineChart(svgEl: SVGSVGElement, input: ChartInput) {
  const { fig, theory, points, width, height, thumb = false } = input;
  const font = chartFont(input);
  const k = font / 12; // strokes and markers grow with the type so big-type slides stay balanced
  const m = chartMargins(font, thumb);
  const w = Math.max(10, width - m.left - m.right);
  const h = Math.max(10, height - m.top - m.bottom);
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).style('font-size', `${font}px`);
  const clipId = `clip-${fig.id}-${chartUid(svgEl)}`;
  const xsTheory = theory?.x ?? [];
  const allX = [...xsTheory, ...points.map((p) => p.x)].filter(Number.isFinite);
  const [x0, x1] = d3.extent(allX);
  // Layer indices and the like (all x whole numbers, a short range): integer ticks, and half a step of room at the ends.
  const integerX = fig.x.scale !== 'log' && x0 !== undefined && x1 !== undefined && x1 > x0 && x1 - x0 <= 24 && allX.every(Number.isInteger);
  // Measured-x figures (no theory grid): the x error bars count, and a margin keeps points off the axes.
  const measured = !xsTheory.length && fig.x.scale !== 'log';
  const xs0 = measured ? d3.min(points, (p) => p.x - (p.xErr ?? 0)) : x0;
  const xs1 = measured ? d3.max(points, (p) => p.x + (p.xErr ?? 0)) : x1;
  const room = measured && xs0 !== undefined && xs1 !== undefined ? 0.06 * (xs1 - xs0 || 1) : 0;
  const xDomain: [number, number] =
    fig.x.domain ??
    (xs0 === undefined || xs1 === undefined || !Number.isFinite(xs0) || !Number.isFinite(xs1)
      ? fig.x.scale === 'log'
        ? [1, 10]
        : [0, 1]
      : integerX
        ? [xs0 - 0.3, xs1 + 0.3]
        : [xs0 - room, xs1 + room]);
  const yValues = [...(theory?.series ?? []).flatMap((s) => s.y), ...points.flatMap((p) => [p.y - p.err, p.y + p.err])];
  const yDomain = robustDomain(yValues, fig.y.domain);
  const x = (fig.x.scale === 'log' ? d3.scaleLog() : d3.scaleLinear()).domain(xDomain).range([0, w]);
  const y = d3.scaleLinear().domain(yDomain).range([h, 0]).nice();

  const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot').attr('transform', `translate(${m.left},${m.top})`);
  // Lines are clipped to the plot; simulated points to the plot plus a marker's size, so edge points show whole.
  const pad = 7 * k;
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
  drawAxes(root, fig, x, y, w, h, m, font, thumb, integerX);
  const layer = root.selectAll<SVGGElement, null>('g.layer').data([null]).join('g').attr('class', 'layer').attr('clip-path', `url(#${clipId})`);
  const pointLayer = root.selectAll<SVGGElement, null>('g.points').data([null]).join('g').attr('class', 'points').attr('clip-path', `url(#${clipId}-pts)`);

  drawMarks(layer, thumb ? [] : theory?.marks ?? [], x, y, w, h);

  const line = d3
    .line<[number, number]>()
    .defined((d) => Number.isFinite(d[1]) && d[1] >= y.domain()[0] - 10 * (y.domain()[1] - y.domain()[0]) && d[1] <= y.domain()[1] + 10 * (y.domain()[1] - y.domain()[0]))
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const series = (theory?.series ?? []).map((s) => ({ id: s.id, d: line(xsTheory.map((xv, i) => [xv, s.y[i]] as [number, number])) ?? '' }));
  layer
    .selectAll<SVGPathElement, (typeof series)[number]>('path.theory')
    .data(series, (d) => d.id)
    .join('path')
    .attr('class', 'theory')
    .attr('data-series', (d) => d.id)
    .attr('fill', 'none')
    .attr('stroke-width', 2 * k)
    .attr('stroke', (d) => styleOf(protocolIndex(fig, d.id)).color)
    .attr('stroke-dasharray', (d) => styleOf(protocolIndex(fig, d.id)).dash)
    .attr('d', (d) => d.d);

  // Simulated points: error bar + marker, keyed so that a refining point moves instead of blinking.
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));

  // Protocols with no theory line (simulation-only chapters): join their points with a thin line so
  // the curve can be read; scatter figures (measured x) stay unjoined.
  const withTheory = new Set((theory?.series ?? []).map((s) => s.id.slice('theory:'.length)));
  const simOnly = fig.kind === 'scatter' ? [] : [...new Set(pts.map((p) => p.series))].filter((id) => !withTheory.has(id.slice('sim:'.length)));
  const joins = simOnly.map((id) => ({
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
    .attr('stroke-width', 1.5 * k)
    .attr('stroke', (d) => styleOf(protocolIndex(fig, d.id)).color)
    .attr('stroke-dasharray', (d) => styleOf(protocolIndex(fig, d.id)).dash)
    .attr('opacity', 0.8)
    .attr('d', (d) => d.d);
  const groups = pointLayer
    .selectAll<SVGGElement, SimPoint>('g.sim')
    .data(pts, (p) => `${p.series}|${p.task}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'sim');
      g.append('line').attr('class', 'err');
      g.append('line').attr('class', 'err-x');
      g.append('path').attr('class', 'marker');
      g.append('title');
      return g;
    })
    .attr('data-series', (p) => p.series)
    .attr('data-x', (p) => p.x)
    .attr('data-y', (p) => p.y)
    .attr('data-err', (p) => p.err)
    .attr('data-seeds', (p) => p.seeds);
  const color = (p: SimPoint) => styleOf(protocolIndex(fig, p.series)).color;
  groups.attr('transform', (p) => `translate(${x(p.x)},${y(p.y)})`);
  groups.select('line.err').attr('x1', 0).attr('x2', 0).attr('y1', (p) => y(p.y - p.err) - y(p.y)).attr('y2', (p) => y(p.y + p.err) - y(p.y)).attr('stroke', color).attr('stroke-width', 1.5 * k);
  groups
    .select('line.err-x')
    .attr('y1', 0)
    .attr('y2', 0)
    .attr('x1', (p) => (p.xErr ? x(p.x - p.xErr) - x(p.x) : 0))
    .attr('x2', (p) => (p.xErr ? x(p.x + p.xErr) - x(p.x) : 0))
    .attr('stroke', color)
    .attr('stroke-width', 1.5 * k);
  groups
    .select('path.marker')
    .attr('d', (p) => d3.symbol(styleOf(protocolIndex(fig, p.series)).marker, 55 * k * k)() ?? '')
    .attr('fill', color)
    .attr('stroke', '#fff')
    .attr('stroke-width', 1);
  groups
    .select('title')
    .text((p) => `${labelOf(fig, p.series)}: ${fmt(p.y)} ± ${fmt(p.err)} at ${fig.x.name} = ${fmt(p.x)} (${p.seeds} of ${p.target} seeds)`);
}

export function labelOf(fig: Figure, seriesId: string): string {
  const proto = seriesId.split(':')[1];
  const kind = seriesId.startsWith('sim:') ? 'simulation' : 'theory';
  return `${fig.protocols.find((p) => p.id === proto)?.label ?? proto} (${kind})`;
}

function drawMarks(layer: d3.Selection<SVGGElement, null, SVGGElement, null>, marks: Mark[], x: d3.ScaleContinuousNumeric<number, number>, y: d3.ScaleLinear<number, number>, w: number, h: number) {
  const clampY = (v: number) => Math.max(-1e4, Math.min(1e4, y(Math.max(y.domain()[0] - 1e3, Math.min(y.domain()[1] + 1e3, v)))));
  const sel = layer
    .selectAll<SVGGElement, Mark>('g.mark')
    .data(marks.filter((mk) => Object.values(mk).every((v) => typeof v !== 'number' || !Number.isNaN(v))), (mk) => `${mk.kind}|${mk.label}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', (mk) => `mark mark-${mk.kind}`);
      g.append('rect');
      g.append('line');
      g.append('circle');
      g.append('text');
      return g;
    })
    .attr('data-mark', (mk) => mk.kind);
  sel.lower();
  sel.select('rect').attr('display', (mk) => (mk.kind === 'xband' || mk.kind === 'yband' ? null : 'none')).each(function (mk) {
    const r = d3.select(this).attr('fill', '#d55e00').attr('opacity', 0.08);
    if (mk.kind === 'xband') r.attr('x', x(mk.x0)).attr('width', Math.max(0, x(mk.x1) - x(mk.x0))).attr('y', 0).attr('height', h);
    if (mk.kind === 'yband') {
      const top = clampY(Math.min(Math.max(mk.y1, y.domain()[0]), y.domain()[1]));
      const bot = clampY(Math.max(Math.min(mk.y0, y.domain()[1]), y.domain()[0]));
      r.attr('x', 0).attr('width', w).attr('y', Math.min(top, bot)).attr('height', Math.abs(bot - top));
    }
  });
  sel.select('line').attr('display', (mk) => (mk.kind === 'vline' || mk.kind === 'hline' ? null : 'none')).each(function (mk) {
    const l = d3.select(this).attr('stroke', '#555').attr('stroke-dasharray', '4 3');
    if (mk.kind === 'vline') l.attr('x1', x(mk.x)).attr('x2', x(mk.x)).attr('y1', 0).attr('y2', h);
    if (mk.kind === 'hline') l.attr('x1', 0).attr('x2', w).attr('y1', clampY(mk.y)).attr('y2', clampY(mk.y));
  });
  sel.select('circle').attr('display', (mk) => (mk.kind === 'point' && Number.isFinite(mk.y) ? null : 'none')).each(function (mk) {
    if (mk.kind === 'point') d3.select(this).attr('cx', x(mk.x)).attr('cy', clampY(mk.y)).attr('r', 7).attr('fill', 'none').attr('stroke', '#000').attr('stroke-width', 2);
  });
  sel.select('text').each(function (mk) {
    const t = d3.select(this).attr('fill', '#333').attr('font-size', '0.85em').text(mk.label);
    // Labels of lines in the right part of the plot run leftwards so they are not clipped at the edge.
    if (mk.kind === 'vline') {
      const right = x(mk.x) > w * 0.6;
      t.attr('x', x(mk.x) + (right ? -4 : 4)).attr('text-anchor', right ? 'end' : 'start').attr('y', `${mk.label.length > 12 ? 2.4 : 1.1}em`);
    }
    else if (mk.kind === 'hline') t.attr('x', w - 4).attr('y', clampY(mk.y) - 4).attr('text-anchor', 'end');
    else if (mk.kind === 'yband') {
      // Inside the band, near its upper edge (bands extend to ±∞: clamp to the plot).
      const top = Math.max(0, Math.min(h, y(Math.min(mk.y1, y.domain()[1]))));
      t.attr('x', 4).attr('y', Math.max(14, Math.min(h - 4, top + 14)));
    }
    else if (mk.kind === 'xband') t.attr('x', x(mk.x0) + 4).attr('y', h - 6);
    else t.text('');
  });
}
