/**
 * Heatmap chart for maps over two parameters (e.g. the transferability phase
 * diagram): theory cells, the contour at the figure's level (T = 0), the
 * reader's point, and simulated cells as dots coloured by their measured value.
 */
import * as d3 from 'd3';
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { SimPoint } from '../../engine/core/simRunner';
import { chartFont, chartMargins, drawAxes } from './axes';
import { DIVERGING, VIRIDIS } from './palette';

export interface HeatmapInput {
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
  width: number;
  height: number;
  big: boolean;
  font?: number;
  thumb?: boolean;
}

const fmt = d3.format('.3~g');

export function colorScale(fig: Figure): (v: number) => string {
  const [lo, hi] = fig.z?.domain ?? [-1, 1];
  if (fig.z?.palette === 'sequential') return d3.scaleSequential(VIRIDIS).domain([lo, hi]).clamp(true);
  return d3.scaleLinear<string>().domain([lo, (lo + hi) / 2, hi]).range(DIVERGING).clamp(true);
}

export function drawHeatmap(svgEl: SVGSVGElement, input: HeatmapInput) {
  const { fig, theory, points, width, height, thumb = false } = input;
  const font = chartFont(input);
  const k = font / 12;
  const m = chartMargins(font, thumb, thumb ? 2.2 * font + 10 : 4.5 * font + 14);
  const w = Math.max(10, width - m.left - m.right);
  const h = Math.max(10, height - m.top - m.bottom);
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).style('font-size', `${font}px`);
  const hm = theory?.heatmap;
  const xs = hm?.xs ?? [];
  const ys = hm?.ys ?? [];
  const xDomain = fig.x.domain ?? ((d3.extent([...xs, ...points.map((p) => p.x)]) as [number, number]) ?? [0, 1]);
  const yDomain = fig.y.domain ?? ((d3.extent([...ys, ...points.map((p) => p.y2 ?? NaN)].filter(Number.isFinite)) as [number, number]) ?? [0, 1]);
  // Before any data arrives (simulation-only maps) the axes still need a valid domain: [1, 10] for a log axis.
  const fallback = (log: boolean): [number, number] => (log ? [1, 10] : [0, 1]);
  const x = (fig.x.scale === 'log' ? d3.scaleLog() : d3.scaleLinear()).domain(xDomain[0] === undefined ? fallback(fig.x.scale === 'log') : xDomain).range([0, w]);
  const y = (fig.y.scale === 'log' ? d3.scaleLog() : d3.scaleLinear()).domain(yDomain[0] === undefined ? fallback(fig.y.scale === 'log') : yDomain).range([h, 0]);
  const color = colorScale(fig);
  const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot').attr('transform', `translate(${m.left},${m.top})`);

  // Cells: edges halfway between grid values (geometric halfway on a log axis).
  const warp = (log: boolean) => (log ? { to: Math.log, from: Math.exp } : { to: (v: number) => v, from: (v: number) => v });
  const edges = (raw: number[], log: boolean) => {
    const { to, from } = warp(log);
    const v = raw.map(to);
    return v.map((c, i) => [from(i === 0 ? c - (v[1] - c) / 2 : (v[i - 1] + c) / 2), from(i === v.length - 1 ? c + (c - v[i - 1]) / 2 : (c + v[i + 1]) / 2)]);
  };
  const ex = xs.length > 1 ? edges(xs, fig.x.scale === 'log') : [];
  const ey = ys.length > 1 ? edges(ys, fig.y.scale === 'log') : [];
  const cells = hm ? ys.flatMap((_, i) => xs.map((__, j) => ({ i, j, z: hm.z[i][j] }))) : [];
  const cellsSel = root
    .selectAll<SVGRectElement, (typeof cells)[number]>('rect.cell')
    .data(cells, (c) => `${c.i}|${c.j}`)
    .join('rect')
    .attr('class', 'cell')
    .attr('fill', (c) => (Number.isFinite(c.z) ? color(c.z) : '#eee'));
  // Cell geometry depends only on the grid and the plot size: while a slider moves only the colours
  // change, so the ~2000 rectangles are repositioned only when the layout does (keeps redraws in a frame).
  const layoutKey = `${w}x${h}|${xs.length}:${xs[0]}:${xs[xs.length - 1]}|${ys.length}:${ys[0]}:${ys[ys.length - 1]}|${xDomain}|${yDomain}`;
  const rootNode = root.node() as SVGGElement;
  if (rootNode.dataset.cellLayout !== layoutKey || cellsSel.filter(':not([width])').size() > 0) {
    rootNode.dataset.cellLayout = layoutKey;
    cellsSel
      .attr('x', (c) => x(Math.max(xDomain[0], ex[c.j][0])))
      .attr('width', (c) => Math.max(0, x(Math.min(xDomain[1], ex[c.j][1])) - x(Math.max(xDomain[0], ex[c.j][0]))) + 0.5)
      .attr('y', (c) => y(Math.min(yDomain[1], ey[c.i][1])))
      .attr('height', (c) => Math.max(0, y(Math.max(yDomain[0], ey[c.i][0])) - y(Math.min(yDomain[1], ey[c.i][1]))) + 0.5);
  }

  // Contour at the figure's level, traced on the theory grid (index space → data space).
  const level = fig.z?.contour;
  const contourPaths: string[] = [];
  if (hm && level !== undefined && xs.length > 1 && ys.length > 1) {
    const values = ys.flatMap((_, i) => xs.map((__, j) => (Number.isFinite(hm.z[i][j]) ? hm.z[i][j] : level - 1e9)));
    const geo = d3.contours().size([xs.length, ys.length]).thresholds([level])(values)[0];
    const toData = (gx: number, arr: number[], log: boolean) => {
      const { to, from } = warp(log);
      const k = Math.max(0, Math.min(arr.length - 1, gx - 0.5));
      const lo = Math.floor(k);
      const hi = Math.min(arr.length - 1, lo + 1);
      return from(to(arr[lo]) + (to(arr[hi]) - to(arr[lo])) * (k - lo));
    };
    const proj = d3.geoTransform({
      point(px, py) {
        this.stream.point(x(toData(px, xs, fig.x.scale === 'log')), y(toData(py, ys, fig.y.scale === 'log')));
      },
    });
    contourPaths.push(d3.geoPath(proj)(geo) ?? '');
  }
  root
    .selectAll('path.contour')
    .data(contourPaths)
    .join('path')
    .attr('class', 'contour')
    .attr('data-series', hm ? `${hm.id}:contour` : null)
    .attr('fill', 'none')
    .attr('stroke', '#000')
    .attr('stroke-width', 2 * k)
    .attr('d', (d) => d);
  // An invisible theory path carries the series id for tests and exports (the map itself is the cells).
  root.selectAll('path.theory').data(hm ? [hm.id] : []).join('path').attr('class', 'theory').attr('data-series', (d) => d).attr('d', contourPaths[0] || 'M0,0').attr('fill', 'none').attr('stroke', 'none');

  drawAxes(root, fig, x, y, w, h, m, font, thumb);

  const pts = points.filter((p) => p.y2 !== undefined && Number.isFinite(p.y));
  // Without a theory map the simulated cells are the map: draw them as large dots filling their cells.
  const spacing = (vals: number[], scale: (v: number) => number) => {
    const u = [...new Set(vals)].sort((a, b) => a - b);
    return u.length > 1 ? Math.min(...u.slice(1).map((v, i) => Math.abs(scale(v) - scale(u[i])))) : Infinity;
  };
  const cell = Math.min(spacing(pts.map((p) => p.x), x), spacing(pts.map((p) => p.y2!), y));
  const dotRadius = !hm && Number.isFinite(cell) ? Math.max(7 * k, Math.min(cell / 2.3, 40 * k)) : (thumb ? 4 : 7) * k;
  const dots = root
    .selectAll<SVGCircleElement, SimPoint>('circle.sim')
    .data(pts, (p) => `${p.series}|${p.task}`)
    .join((enter) => {
      const c = enter.append('circle').attr('class', 'sim');
      c.append('title');
      return c;
    })
    .attr('data-series', (p) => p.series)
    .attr('data-x', (p) => p.x)
    .attr('data-y', (p) => p.y2!)
    .attr('data-value', (p) => p.y)
    .attr('data-err', (p) => p.err)
    .attr('data-seeds', (p) => p.seeds)
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => y(p.y2!))
    .attr('r', dotRadius)
    .attr('fill', (p) => color(p.y))
    .attr('stroke', '#000')
    .attr('stroke-width', 1.5);
  dots.select('title').text((p) => `simulated ${fig.z?.label ?? 'value'} = ${fmt(p.y)} ± ${fmt(p.err)} at ${fig.x.name} = ${fmt(p.x)}, ${fig.y.name} = ${fmt(p.y2!)} (${p.seeds} of ${p.target} seeds)`);

  const marks = (theory?.marks ?? []).filter((mk) => mk.kind === 'point') as { kind: 'point'; x: number; y: number; label: string }[];
  const rings = root
    .selectAll<SVGGElement, (typeof marks)[number]>('g.reader')
    .data(marks.filter((mk) => Number.isFinite(x(mk.x)) && Number.isFinite(y(mk.y))))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'reader').attr('data-mark', 'point');
      g.append('circle').attr('class', 'halo').attr('fill', 'none').attr('stroke', '#fff');
      g.append('circle').attr('class', 'ring').attr('fill', 'none').attr('stroke', '#000');
      g.append('title');
      return g;
    })
    .attr('transform', (mk) => `translate(${x(mk.x)},${y(mk.y)})`);
  rings.select('circle.halo').attr('r', 9 * k).attr('stroke-width', 5 * k);
  rings.select('circle.ring').attr('r', 9 * k).attr('stroke-width', 2 * k);
  rings.select('title').text((mk) => mk.label);

  // Colour legend.
  const lg = svg.selectAll<SVGGElement, null>('g.legend').data([null]).join('g').attr('class', 'legend').attr('transform', `translate(${m.left + w + (thumb ? 6 : 16)},${m.top})`);
  const [lo, hi] = fig.z?.domain ?? [-1, 1];
  const steps = d3.range(0, 1.0001, 0.05).map((t) => lo + t * (hi - lo));
  const bh = h / (steps.length - 1);
  const barW = (thumb ? 8 : 14) * k;
  lg.selectAll('rect').data(steps.slice(0, -1)).join('rect').attr('x', 0).attr('width', barW).attr('y', (_, i) => h - (i + 1) * bh).attr('height', bh + 0.5).attr('fill', (v) => color(v));
  lg.selectAll('text').data([hi, (lo + hi) / 2, lo]).join('text').attr('x', barW + 4).attr('y', (_, i) => (i * h) / 2 + 0.35 * font).attr('font-size', '0.9em').text((v) => fmt(v));
}
