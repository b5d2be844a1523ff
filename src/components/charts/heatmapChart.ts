/**
 * Heatmap chart for maps over two parameters (e.g. the transferability phase
 * diagram), in layers: layout (scales, margins with room for the colour bar),
 * theory cells, the level line where the sign truly changes, simulated cells,
 * the reader's point, axes and a titled colour bar.
 *
 * Simulated cells never take the background's place: over a theory map each is
 * a ring of fixed size, coloured by the simulated value and outlined in black,
 * so agreement reads as a ring the colour of its background and disagreement
 * as a ring that stands out. A simulation-only map (no theory) draws each cell
 * as a disc fitted inside its cell, labelled with its value.
 */
import * as d3 from 'd3';
import type { Figure } from '../../engine/core/chapter';
import { drawAxes } from './axes';
import { drawColorBar } from './colorBar';
import { contourSegments } from './contour';
import { chartFrame } from './frame';
import { cellEdges, layoutMap, type HeatmapInput, type MapLayout, type PlotGroup } from './heatmapLayout';
import { drawSimCells } from './heatmapSimCells';
import { DIVERGING, VIRIDIS } from './palette';
import { chartFont, COLOR, READER, STROKE } from './theme';

export function colorScale(fig: Figure): (v: number) => string {
  const [lo, hi] = fig.z?.domain ?? [-1, 1];
  const scale =
    fig.z?.palette === 'sequential'
      ? d3.scaleSequential(VIRIDIS).domain([lo, hi]).clamp(true)
      : d3
          .scaleLinear<string>()
          .domain([lo, (lo + hi) / 2, hi])
          .range(DIVERGING)
          .clamp(true);
  // ±Infinity (e.g. a divergent scratch error at γ = 1) is the end of the scale, not a hole.
  return (v: number) => (Number.isNaN(v) ? COLOR.undefinedCell : scale(v === Infinity ? hi : v === -Infinity ? lo : v));
}

// ---------------------------------------------------------------- theory cells and level line

function drawCells(root: PlotGroup, input: HeatmapInput, L: MapLayout, color: (v: number) => string) {
  const hm = input.theory?.heatmap;
  const { x, y, xDomain, yDomain, box } = L;
  const xs = hm?.xs ?? [];
  const ys = hm?.ys ?? [];
  const ex = cellEdges(xs, input.fig.x.scale === 'log');
  const ey = cellEdges(ys, input.fig.y.scale === 'log');
  const cells = hm ? ys.flatMap((_, i) => xs.map((__, j) => ({ i, j, z: hm.z[i][j] }))) : [];
  const cellsSel = root
    .selectAll<SVGRectElement, (typeof cells)[number]>('rect.cell')
    .data(cells, (c) => `${c.i}|${c.j}`)
    .join('rect')
    .attr('class', 'cell')
    .attr('fill', (c) => color(c.z));
  // Cell geometry depends only on the grid and the plot size: while a slider moves only the colours
  // change, so the ~2000 rectangles are repositioned only when the layout does (keeps redraws in a frame).
  const gridKey = (v: number[]) => `${v.length}:${v[0]}:${v[v.length - 1]}`;
  const layoutKey = `${box.w}x${box.h}|${gridKey(xs)}|${gridKey(ys)}|${xDomain.join(',')}|${yDomain.join(',')}`;
  const rootNode = root.node() as SVGGElement;
  if (rootNode.dataset.cellLayout !== layoutKey || cellsSel.filter(':not([width])').size() > 0) {
    rootNode.dataset.cellLayout = layoutKey;
    const x0 = (j: number) => x(Math.max(xDomain[0], ex[j][0]));
    const x1 = (j: number) => x(Math.min(xDomain[1], ex[j][1]));
    const y0 = (i: number) => y(Math.max(yDomain[0], ey[i][0]));
    const y1 = (i: number) => y(Math.min(yDomain[1], ey[i][1]));
    cellsSel
      .attr('x', (c) => x0(c.j))
      .attr('width', (c) => Math.max(0, x1(c.j) - x0(c.j)) + 0.5)
      .attr('y', (c) => y1(c.i))
      .attr('height', (c) => Math.max(0, y0(c.i) - y1(c.i)) + 0.5);
  }
}

function drawLevelLine(root: PlotGroup, input: HeatmapInput, L: MapLayout, k: number): string {
  const hm = input.theory?.heatmap;
  const level = input.fig.z?.contour;
  let d = '';
  if (hm && level !== undefined && hm.xs.length > 1 && hm.ys.length > 1) {
    const at = (g: number, arr: number[], log: boolean) => {
      const lo = Math.min(arr.length - 2, Math.floor(g));
      const f = g - lo;
      return log
        ? Math.exp(Math.log(arr[lo]) + (Math.log(arr[lo + 1]) - Math.log(arr[lo])) * f)
        : arr[lo] + (arr[lo + 1] - arr[lo]) * f;
    };
    const px = (gx: number) => L.x(at(gx, hm.xs, input.fig.x.scale === 'log'));
    const py = (gy: number) => L.y(at(gy, hm.ys, input.fig.y.scale === 'log'));
    d = contourSegments(hm.z, level)
      .map(
        ([[ax, ay], [bx, by]]) =>
          `M${px(ax).toFixed(1)},${py(ay).toFixed(1)}L${px(bx).toFixed(1)},${py(by).toFixed(1)}`,
      )
      .join('');
  }
  root
    .selectAll('path.contour')
    .data(d ? [d] : [])
    .join('path')
    .attr('class', 'contour')
    .attr('data-series', hm ? `${hm.id}:contour` : null)
    .attr('fill', 'none')
    .attr('stroke', COLOR.contour)
    .attr('stroke-width', STROKE.contour * k)
    .attr('stroke-linecap', 'round')
    .attr('d', (v) => v);
  // An invisible theory path carries the series id for tests and exports (the map itself is the cells).
  root
    .selectAll('path.theory')
    .data(hm ? [hm.id] : [])
    .join('path')
    .attr('class', 'theory')
    .attr('data-series', (v) => v)
    .attr('d', d || 'M0,0')
    .attr('fill', 'none')
    .attr('stroke', 'none');
  return d;
}

// ---------------------------------------------------------------- the reader's point

function drawReader(root: PlotGroup, input: HeatmapInput, L: MapLayout, k: number) {
  const { x, y } = L;
  const marks = (input.theory?.marks ?? []).filter((mk) => mk.kind === 'point') as {
    kind: 'point';
    x: number;
    y: number;
    label: string;
  }[];
  const rings = root
    .selectAll<SVGGElement, (typeof marks)[number]>('g.reader')
    .data(marks.filter((mk) => Number.isFinite(x(mk.x)) && Number.isFinite(y(mk.y))))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'reader').attr('data-mark', 'point');
      g.append('circle').attr('class', 'halo').attr('fill', 'none').attr('stroke', COLOR.halo);
      g.append('circle').attr('class', 'ring').attr('fill', 'none').attr('stroke', COLOR.text);
      g.append('title');
      return g;
    })
    .attr('transform', (mk) => `translate(${x(mk.x)},${y(mk.y)})`);
  rings
    .select('circle.halo')
    .attr('r', READER.mapRadius * k)
    .attr('stroke-width', READER.halo * k);
  rings
    .select('circle.ring')
    .attr('r', READER.mapRadius * k)
    .attr('stroke-width', READER.stroke * k);
  rings.select('title').text((mk) => mk.label);
}

// ---------------------------------------------------------------- the chart

export function drawHeatmap(svgEl: SVGSVGElement, input: HeatmapInput) {
  const { fig, width, height, thumb = false } = input;
  const font = chartFont(input);
  const k = font / 12;
  const L = layoutMap(input, font, thumb);
  const { svg, root } = chartFrame(svgEl, width, height, font, L.box);
  const color = colorScale(fig);
  drawCells(root, input, L, color);
  drawLevelLine(root, input, L, k);
  // Ticks only within the figure's own range (a simulation-only map widens the plot to whole cells).
  drawAxes(root, fig, L.x, L.y, L.box, font, thumb, false, { x: fig.x.domain, y: fig.y.domain });
  drawSimCells(root, input, L, color, font, k);
  drawReader(root, input, L, k);
  drawColorBar(svg, input, L, color, font);
}
