/**
 * Simulated cells of a map. Over a theory map each is a ring of fixed size, coloured by the simulated value and
 * outlined in black, so agreement reads as a ring the colour of its background and disagreement as a ring that
 * stands out. A simulation-only map draws each cell as a disc fitted inside its cell, labelled with its value.
 */
import * as d3 from 'd3';
import type { SimPoint } from '../../engine/core/simRunner';
import { formatValue, type HeatmapInput, type MapLayout, type PlotGroup } from './heatmapLayout';
import { joinPointGroups, seedsNote } from './pointGroups';
import { COLOR, STROKE, TEXT, textWidth } from './theme';

/**
 * Simulated marks: ring radius cap (px per k), ring width (fraction of the radius), disc radius cap (em), share of a
 * cell.
 */
const SIM = { ringMax: 10, ringWidth: 0.42, discMax: 3.2, fill: 0.42 } as const;

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
export function drawSimCells(
  root: PlotGroup,
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
  const meanErr = (p: SimPoint) => `${formatValue(p.y)} ± ${formatValue(p.err)}`;
  const where = (p: SimPoint) => `${fig.x.name} = ${formatValue(p.x)}, ${fig.y.name} = ${formatValue(p.y2!)}`;
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
    .text((p) => `simulated ${fig.z?.label ?? 'value'} = ${meanErr(p)} at ${where(p)} ${seedsNote(p)}`);
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
    .text((p) => (hide || textWidth(formatValue(p.y), px) > 1.7 * r || px > 1.2 * r ? '' : d3.format('.2~f')(p.y)));
}
