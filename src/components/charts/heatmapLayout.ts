/**
 * The heatmap's layout: its domains (whole cells, within the figure's own range), scales, and margins with room
 * for the colour bar and its title; and what the other layers of the map share.
 */
import * as d3 from 'd3';
import { wrapLabel } from './annotations';
import { plotBox, tickLabels, xTickCount, yTickCount, type PlotBox, type Scale } from './layout';
import { LINE_EM, TEXT, TICK, textWidth, type ChartData, type ChartFrame } from './theme';

export type HeatmapInput = ChartData & ChartFrame;
/** The plot group every layer of the map draws in. */
export type PlotGroup = d3.Selection<SVGGElement, null, SVGSVGElement, unknown>;

/** Values on the map (colour bar labels, tooltips). */
export const formatValue = d3.format('.3~g');
/** Colour bar: width, gap to the plot and from its tick labels to its title, in em. */
export const BAR = { width: 0.9, gap: 0.9, titleGap: 0.55 } as const;

export interface MapLayout {
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

export function layoutMap(input: HeatmapInput, font: number, thumb: boolean): MapLayout {
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
    .map((v) => formatValue(v));
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
export function cellEdges(raw: number[], log: boolean): [number, number][] {
  const to = log ? Math.log : (v: number) => v;
  const from = log ? Math.exp : (v: number) => v;
  const v = raw.map(to);
  if (v.length < 2) return v.map((c) => [from(c), from(c)]);
  return v.map((c, i) => [
    from(i === 0 ? c - (v[1] - c) / 2 : (v[i - 1] + c) / 2),
    from(i === v.length - 1 ? c + (c - v[i - 1]) / 2 : (c + v[i + 1]) / 2),
  ]);
}
