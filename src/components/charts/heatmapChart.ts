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
import type { SimPoint } from '../../engine/core/simRunner';
import { wrapLabel } from './annotations';
import { drawAxes } from './axes';
import { contourSegments } from './contour';
import { chartFrame } from './frame';
import { joinPointGroups, seedsNote } from './pointGroups';
import { plotBox, tickLabels, xTickCount, yTickCount, type PlotBox, type Scale } from './layout';
import { DIVERGING, VIRIDIS } from './palette';
import {
  chartFont,
  COLOR,
  LINE_EM,
  READER,
  STROKE,
  TEXT,
  TICK,
  textWidth,
  type ChartData,
  type ChartFrame,
} from './theme';

export type HeatmapInput = ChartData & ChartFrame;

const fmt = d3.format('.3~g');
/** Colour bar: width, gap to the plot and from its tick labels to its title, in em. */
const BAR = { width: 0.9, gap: 0.9, titleGap: 0.55 } as const;
/**
 * Simulated marks: ring radius cap (px per k), ring width (fraction of the radius), disc radius cap (em), share of a
 * cell.
 */
const SIM = { ringMax: 10, ringWidth: 0.42, discMax: 3.2, fill: 0.42 } as const;

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

// ---------------------------------------------------------------- layout

interface MapLayout {
  box: PlotBox;
  x: Scale;
  y: Scale;
  xDomain: [number, number];
  yDomain: [number, number];
  barTitle: string[];
}

function extentOr(values: number[], log: boolean, fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  const [a, b] = d3.extent(values.filter(Number.isFinite));
  return a === undefined || b === undefined ? (log ? [1, 10] : [0, 1]) : [a, b];
}

function layoutMap(input: HeatmapInput, font: number, thumb: boolean): MapLayout {
  const { fig, theory, points, width, height } = input;
  const hm = theory?.heatmap;
  const xLog = fig.x.scale === 'log';
  const yLog = fig.y.scale === 'log';
  // The plot spans whole cells (the theory map's, or on a simulation-only map the simulated ones) and
  // the figure's own range, so that no cell or simulated mark is cut at the border; ticks stay in the range.
  const sims = points.filter((p) => p.y2 !== undefined);
  const span = (grid: number[], log: boolean): [number, number] | undefined => {
    const u = [...new Set(grid.filter(Number.isFinite))].sort((a, b) => a - b);
    if (u.length < 2) return undefined;
    const e = cellEdges(u, log);
    return [e[0][0], e[e.length - 1][1]];
  };
  const union = (a?: [number, number], b?: [number, number]): [number, number] | undefined =>
    a && b ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : (a ?? b);
  const domainOf = (
    grid: number[] | undefined,
    simVals: number[],
    log: boolean,
    fixed?: [number, number],
  ): [number, number] =>
    union(span(hm ? (grid ?? []) : simVals, log), fixed) ?? extentOr([...(grid ?? []), ...simVals], log, fixed);
  const xDomain = domainOf(
    hm?.xs,
    sims.map((p) => p.x),
    xLog,
    fig.x.domain,
  );
  const yDomain = domainOf(
    hm?.ys,
    sims.map((p) => p.y2!),
    yLog,
    fig.y.domain,
  );
  const makeX = (w: number) => (xLog ? d3.scaleLog() : d3.scaleLinear()).domain(xDomain).range([0, w]);
  const makeY = (h: number) => (yLog ? d3.scaleLog() : d3.scaleLinear()).domain(yDomain).range([h, 0]);
  const [lo, hi] = fig.z?.domain ?? [-1, 1];
  const barLabels = d3
    .scaleLinear()
    .domain([lo, hi])
    .ticks(5)
    .map((v) => fmt(v));
  const tick = TEXT.colorBar * font;
  const barRoom = (titleLines: number) =>
    (BAR.gap + BAR.width) * font +
    TICK +
    3 +
    Math.max(...barLabels.map((s) => textWidth(s, tick))) +
    (thumb ? 0 : (titleLines * LINE_EM + BAR.titleGap) * font);
  const rough = plotBox(width, height, font, thumb, ['0.00'], ['0'], barRoom(1));
  // At most two lines beside the bar (a longer label is cut with an ellipsis; its full text is the legend's and the
  // tooltip's).
  const wrapped = thumb ? [] : wrapLabel(fig.z?.label ?? '', font, Math.max(60, rough.h));
  const barTitle = wrapped.length > 2 ? [wrapped[0], `${wrapped[1]}…`] : wrapped;
  const box = plotBox(
    width,
    height,
    font,
    thumb,
    tickLabels(makeY(rough.h), yTickCount(rough.h, font, thumb)),
    tickLabels(makeX(rough.w), xTickCount(rough.w, font, thumb)),
    barRoom(barTitle.length),
  );
  return { box, x: makeX(box.w), y: makeY(box.h), xDomain, yDomain, barTitle };
}

/** Cell edges halfway between grid values (geometric halfway on a log axis). */
function cellEdges(raw: number[], log: boolean): [number, number][] {
  const to = log ? Math.log : (v: number) => v;
  const from = log ? Math.exp : (v: number) => v;
  const v = raw.map(to);
  if (v.length < 2) return v.map((c) => [from(c), from(c)]);
  return v.map((c, i) => [
    from(i === 0 ? c - (v[1] - c) / 2 : (v[i - 1] + c) / 2),
    from(i === v.length - 1 ? c + (c - v[i - 1]) / 2 : (c + v[i + 1]) / 2),
  ]);
}

type G = d3.Selection<SVGGElement, null, SVGSVGElement, unknown>;

// ---------------------------------------------------------------- theory cells and level line

function drawCells(root: G, input: HeatmapInput, L: MapLayout, color: (v: number) => string) {
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

function drawLevelLine(root: G, input: HeatmapInput, L: MapLayout, k: number): string {
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

// ---------------------------------------------------------------- simulated cells

/** Smallest pixel spacing between distinct simulated values along one axis. */
function spacing(vals: number[], scale: (v: number) => number): number {
  const u = [...new Set(vals)].sort((a, b) => a - b);
  return u.length > 1 ? Math.min(...u.slice(1).map((v, i) => Math.abs(scale(v) - scale(u[i])))) : Infinity;
}

/** Readable text on a fill: white on dark, ink on light. */
function textOn(fill: string): string {
  const c = d3.hsl(fill);
  return c.l < 0.55 ? '#ffffff' : COLOR.text;
}

/** Simulated cells: rings over a theory map (its colour shows through), else labelled discs. */
function drawSimCells(
  root: G,
  input: HeatmapInput,
  L: MapLayout,
  color: (v: number) => string,
  font: number,
  k: number,
) {
  const { fig, theory, points, thumb = false } = input;
  const { x, y } = L;
  const pts = points.filter((p) => p.y2 !== undefined && Number.isFinite(p.y));
  const overTheory = !!theory?.heatmap;
  const { r, ring } = simMarkSize(pts, L, overTheory, font, k);
  const groups = joinPointGroups(root, 'sim-cell', pts, (g) => {
    g.append('circle').attr('class', 'sim-edge');
    g.append('circle').attr('class', 'sim');
    g.append('text').attr('class', 'sim-value');
    g.select('circle.sim').append('title');
  }).attr('transform', (p) => `translate(${x(p.x)},${y(p.y2!)})`);
  // The black edge: a disc just larger than the ring (over theory, its middle is cut out by the
  // ring's own white-free stroke, so the background shows through the centre).
  groups
    .select('circle.sim-edge')
    .attr('r', overTheory ? r + ring / 2 + STROKE.ringEdge * k : r + STROKE.ringEdge * k)
    .attr('fill', 'none')
    .attr('stroke', COLOR.contour)
    .attr('stroke-width', STROKE.ringEdge * k * (overTheory ? 1 : 1.5));
  const where = (p: SimPoint) => `${fig.x.name} = ${fmt(p.x)}, ${fig.y.name} = ${fmt(p.y2!)}`;
  groups
    .select('circle.sim')
    .attr('data-series', (p) => p.series)
    .attr('data-x', (p) => p.x)
    .attr('data-y', (p) => p.y2!)
    .attr('data-value', (p) => p.y)
    .attr('data-err', (p) => p.err)
    .attr('data-seeds', (p) => p.seeds)
    .attr('r', r)
    .attr('fill', (p) => (overTheory ? 'none' : color(p.y)))
    .attr('stroke', (p) => (overTheory ? color(p.y) : 'none'))
    .attr('stroke-width', ring)
    .select('title')
    .text((p) => `simulated ${fig.z?.label ?? 'value'} = ${fmt(p.y)} ± ${fmt(p.err)} at ${where(p)} ${seedsNote(p)}`);
  // Inner edge of the ring, so a ring the colour of its background still reads as a ring.
  groups
    .selectAll('circle.sim-inner')
    .data(overTheory ? [null] : [])
    .join('circle')
    .attr('class', 'sim-inner')
    .attr('r', Math.max(0.5, r - ring / 2))
    .attr('fill', 'none')
    .attr('stroke', COLOR.contour)
    .attr('stroke-width', STROKE.ringEdge * k);
  drawCellValues(groups, color, r, font, overTheory || thumb);
}

/** Mark radius and ring width: the whole mark (a ring reaches half its width beyond r) stays inside its cell. */
function simMarkSize(pts: SimPoint[], L: MapLayout, overTheory: boolean, font: number, k: number) {
  const { x, y, box } = L;
  const cell = Math.min(
    spacing(
      pts.map((p) => p.x),
      x,
    ),
    spacing(
      pts.map((p) => p.y2!),
      y,
    ),
    box.w,
    box.h,
  );
  const r = overTheory
    ? Math.max(3, Math.min(SIM.ringMax * k, (SIM.fill * cell) / (1 + SIM.ringWidth / 2)))
    : Math.max(4, Math.min(SIM.discMax * font, SIM.fill * cell));
  const ring = overTheory ? Math.max(2, SIM.ringWidth * r) : 0;
  return { r, ring };
}

/** Value labels on simulation-only maps, where the disc is large enough to hold them (`hide`: never). */
function drawCellValues(
  groups: d3.Selection<SVGGElement, SimPoint, SVGGElement, null>,
  color: (v: number) => string,
  r: number,
  font: number,
  hide: boolean,
) {
  const px = TEXT.annotation * font;
  groups
    .select('text.sim-value')
    .attr('data-chart-text', hide ? null : 'annotation')
    .attr('font-size', `${TEXT.annotation}em`)
    .attr('text-anchor', 'middle')
    .attr('y', 0.35 * px)
    .style('fill', (p) => textOn(color(p.y))) // inline: the page's chart text colour must not override it
    .text((p) => (hide || textWidth(fmt(p.y), px) > 1.7 * r || px > 1.2 * r ? '' : d3.format('.2~f')(p.y)));
}

function drawReader(root: G, input: HeatmapInput, L: MapLayout, k: number) {
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

// ---------------------------------------------------------------- colour bar

function drawColorBar(
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
  const widest = Math.max(...s.ticks(5).map((v) => textWidth(fmt(v), TEXT.colorBar * font)));
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
