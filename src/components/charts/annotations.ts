/**
 * Annotation layer: the theory's marks (guide lines, shaded bands, the reader's
 * point) and their labels. Labels are placed, not just drawn: each one tries a
 * few positions beside its mark and takes the first that lies inside the plot
 * and clear of every label already placed; one that fits nowhere is left to
 * the mark's tooltip. So labels never overlap each other or leave the frame.
 */
import * as d3 from 'd3';
import type { Mark } from '../../engine/core/chapter';
import type { Scale } from './layout';
import { COLOR, LINE_EM, READER, STROKE, TEXT, textWidth } from './theme';
import { setSvgText } from './subscripts';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const GAP = 4;

/** Break a label into lines no wider than `max` px (at word boundaries). */
export function wrapLabel(text: string, px: number, max: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && textWidth(next, px) > max) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 + 2 && b.x0 < a.x1 + 2 && a.y0 < b.y1 + 2 && b.y0 < a.y1 + 2;

export interface PlacedLabel {
  mark: Mark;
  lines: string[];
  x0: number;
  y0: number;
}

/** Positions to try for a mark's label box of size bw × bh, best first. */
function candidates(
  mk: Mark,
  bw: number,
  bh: number,
  x: Scale,
  y: (v: number) => number,
  w: number,
  h: number,
  lineH: number,
): [number, number][] {
  const rows = d3.range(0, Math.max(1, Math.floor(h / lineH)));
  const clampX = (v: number) => Math.max(GAP, Math.min(w - GAP - bw, v));
  if (mk.kind === 'vline') {
    const px = x(mk.x);
    const right: [number, number][] = rows.map((r) => [px + GAP, GAP + r * lineH]);
    const left: [number, number][] = rows.map((r) => [px - GAP - bw, GAP + r * lineH]);
    // Alternate sides row by row, starting on the side with more room.
    const first = px > 0.6 * w ? left : right;
    const second = first === left ? right : left;
    return rows.flatMap((r) => [first[r], second[r]]);
  }
  if (mk.kind === 'hline') {
    const py = y(mk.y);
    const out: [number, number][] = [];
    for (let s = 0; s < rows.length; s++) {
      for (const x0 of [w - GAP - bw, GAP]) out.push([x0, py - GAP - bh - s * lineH], [x0, py + GAP + s * lineH]);
    }
    return out;
  }
  if (mk.kind === 'yband') {
    const top = Math.max(0, Math.min(h, y(Math.min(mk.y1, Number.MAX_VALUE))));
    return rows.map((r) => [GAP, top + GAP + r * lineH]);
  }
  if (mk.kind === 'xband') {
    const x0 = clampX(x(mk.x0) + GAP);
    return [
      ...rows.map((r): [number, number] => [x0, h - GAP - bh - r * lineH]),
      ...rows.map((r): [number, number] => [x0, GAP + r * lineH]),
    ];
  }
  return [];
}

/**
 * `data`: pixel positions of what the chart draws (theory samples, simulated points). A label takes
 * the first place clear of them too; if there is none, the place over the fewest of them.
 */
export function placeLabels(
  marks: Mark[],
  x: Scale,
  y: (v: number) => number,
  w: number,
  h: number,
  font: number,
  data: [number, number][] = [],
): PlacedLabel[] {
  const px = TEXT.annotation * font;
  const lineH = LINE_EM * px;
  const placed: Box[] = [];
  const out: PlacedLabel[] = [];
  const hits = (b: Box) =>
    data.reduce((n, [dx, dy]) => n + (dx >= b.x0 - 2 && dx <= b.x1 + 2 && dy >= b.y0 - 2 && dy <= b.y1 + 2 ? 1 : 0), 0);
  for (const mk of marks) {
    if (mk.kind === 'point' || !mk.label) continue;
    // A long label may also wrap into a narrower, taller block that finds a clear spot.
    const options = [w - 2 * GAP, 0.6 * w, 0.4 * w].map((max) => {
      const lines = wrapLabel(mk.label, px, Math.max(40, max));
      const bw = Math.max(...lines.map((l) => textWidth(l, px)));
      const bh = lines.length * lineH;
      const free = candidates(mk, bw, bh, x, y, w, h, lineH)
        .map(([x0, y0]) => ({ x0, y0, x1: x0 + bw, y1: y0 + bh }))
        .filter((b) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h && !placed.some((p) => overlaps(p, b)));
      return { lines, free };
    });
    // The first spot clear of the data, else the one over the least of it.
    let pick: { lines: string[]; b: Box; n: number } | undefined;
    for (const o of options)
      for (const b of o.free) {
        const n = hits(b);
        if (!pick || n < pick.n) pick = { lines: o.lines, b, n };
        if (n === 0) break;
      }
    if (!pick) continue;
    placed.push(pick.b);
    out.push({ mark: mk, lines: pick.lines, x0: pick.b.x0, y0: pick.b.y0 });
  }
  return out;
}

type Layer = d3.Selection<SVGGElement, null, SVGGElement, null>;

const finiteMark = (mk: Mark) => Object.values(mk).every((v) => typeof v !== 'number' || !Number.isNaN(v));

/** Guide lines, bands and the reader's point, under the curves (clipped to the plot). */
export function drawMarkShapes(layer: Layer, marks: Mark[], x: Scale, y: Scale, w: number, h: number, k: number) {
  const clampY = (v: number) =>
    Math.max(-1e4, Math.min(1e4, y(Math.max(y.domain()[0] - 1e3, Math.min(y.domain()[1] + 1e3, v)))));
  const sel = layer
    .selectAll<SVGGElement, Mark>('g.mark')
    .data(marks.filter(finiteMark), (mk) => `${mk.kind}|${mk.label}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', (mk) => `mark mark-${mk.kind}`);
      g.append('rect');
      g.append('line');
      g.append('circle');
      g.append('title');
      return g;
    })
    .attr('data-mark', (mk) => mk.kind);
  sel.lower();
  sel.select('title').text((mk) => mk.label);
  sel
    .select('rect')
    .attr('display', (mk) => (mk.kind === 'xband' || mk.kind === 'yband' ? null : 'none'))
    .each(function (mk) {
      const r = d3.select(this).attr('fill', COLOR.band).attr('opacity', COLOR.bandOpacity);
      if (mk.kind === 'xband')
        r.attr('x', x(mk.x0))
          .attr('width', Math.max(0, x(mk.x1) - x(mk.x0)))
          .attr('y', 0)
          .attr('height', h);
      if (mk.kind === 'yband') {
        const top = clampY(Math.min(Math.max(mk.y1, y.domain()[0]), y.domain()[1]));
        const bot = clampY(Math.max(Math.min(mk.y0, y.domain()[1]), y.domain()[0]));
        r.attr('x', 0)
          .attr('width', w)
          .attr('y', Math.min(top, bot))
          .attr('height', Math.abs(bot - top));
      }
    });
  sel
    .select('line')
    .attr('display', (mk) => (mk.kind === 'vline' || mk.kind === 'hline' ? null : 'none'))
    .each(function (mk) {
      const l = d3
        .select(this)
        .attr('stroke', COLOR.guide)
        .attr('stroke-width', STROKE.guide * k)
        .attr('stroke-dasharray', `${4 * k} ${3 * k}`);
      if (mk.kind === 'vline') l.attr('x1', x(mk.x)).attr('x2', x(mk.x)).attr('y1', 0).attr('y2', h);
      if (mk.kind === 'hline') l.attr('x1', 0).attr('x2', w).attr('y1', clampY(mk.y)).attr('y2', clampY(mk.y));
    });
  sel
    .select('circle')
    .attr('display', (mk) => (mk.kind === 'point' && Number.isFinite(mk.y) ? null : 'none'))
    .each(function (mk) {
      if (mk.kind === 'point')
        d3.select(this)
          .attr('cx', x(mk.x))
          .attr('cy', clampY(mk.y))
          .attr('r', READER.lineRadius * k)
          .attr('fill', 'none')
          .attr('stroke', COLOR.text)
          .attr('stroke-width', READER.stroke * k);
    });
}

/** Mark labels on top of everything (not clipped: placeLabels keeps them inside the plot). */
export function drawMarkLabels(layer: Layer, labels: PlacedLabel[], font: number) {
  const px = TEXT.annotation * font;
  const lineH = LINE_EM * px;
  const text = layer
    .selectAll<SVGTextElement, PlacedLabel>('text.mark-label')
    .data(labels, (l) => `${l.mark.kind}|${l.mark.label}`)
    .join('text')
    .attr('class', 'mark-label')
    .attr('data-chart-text', 'annotation')
    .attr('font-size', `${TEXT.annotation}em`)
    .attr('fill', COLOR.muted)
    .attr('stroke', COLOR.halo)
    .attr('stroke-width', 3)
    .attr('stroke-linejoin', 'round')
    .attr('paint-order', 'stroke');
  text
    .selectAll<SVGTSpanElement, string>('tspan')
    .data((l) => l.lines.map((s, i) => ({ s, i, l })))
    .join('tspan')
    .attr('x', (d) => d.l.x0)
    .attr('y', (d) => d.l.y0 + d.i * lineH + 0.85 * px)
    .each(function (d) {
      setSvgText(this, d.s);
    });
}
