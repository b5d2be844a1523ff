/**
 * A standalone, vector SVG of a figure: the same draw code as the page, at a
 * fixed publication size, with a title, a legend that shows exactly what is
 * drawn, a note on how to read it, and its provenance (preset, every
 * parameter, the seed, the share link) in the footer and in <metadata>.
 * Everything is inline attributes and generic/system font names, so the file
 * references nothing outside itself (no CSS, no web fonts, no images).
 */
import { symbol } from 'd3';
import type { Chapter, Figure, TheoryResult } from '../../engine/core/chapter';
import { provenanceLines, type Provenance } from '../../engine/core/export';
import { nonDefault, show, type Params } from '../../engine/core/schema';
import type { SimPoint } from '../../engine/core/simRunner';
import { drawChart } from '../charts/draw';
import { wrapLabel } from '../charts/annotations';
import { drawnByProtocol } from '../charts/drawn';
import { scaledDash, seriesStyle } from '../charts/styleMap';
import { textWidth } from '../charts/theme';
import type { FigureView } from '../figureView';

const NS = 'http://www.w3.org/2000/svg';
const FONT = 'Helvetica, Arial, sans-serif';
const WIDTH = 860;
/** Type sizes of the export (px): chart, title, sub-title, footer. */
const TYPE = { chart: 13, title: 17, sub: 12, foot: 11 } as const;
const PAD = 16;

export interface ExportInput extends FigureView {
  /** Where the figure comes from (link, preset, parameters); absent in older callers. */
  provenance?: Provenance;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** "theta = 30 °, sigma = 0.2" for the parameters that differ from the defaults. */
export function paramLine(ch: Chapter, params: Params, seed: number, hasPoints: boolean): string {
  const changed = Object.keys(nonDefault(ch.schema, params));
  const parts = changed.map((name) => {
    const spec = ch.schema.find((s) => s.name === name)!;
    return `${name} = ${show(spec, params[name])}`;
  });
  if (hasPoints) parts.push(`seed ${seed}`);
  return parts.length ? parts.join(', ') : 'default parameters';
}

/** How to read the figure, from what it actually draws. */
function readingNote(fig: Figure, theory: TheoryResult | null, points: SimPoint[]): string {
  if (fig.kind === 'heatmap') {
    const hasMap = !!theory?.heatmap;
    const parts: string[] = [];
    if (hasMap) parts.push('Colours: theory');
    if (hasMap && fig.z?.contour !== undefined) parts.push(`black line: where it crosses ${fig.z.contour}`);
    if (points.length)
      parts.push(
        hasMap
          ? 'rings: simulation, coloured by the measured value'
          : 'discs: simulation, coloured and labelled by the measured value (mean over seeds)',
      );
    return parts.length ? `${parts.join('; ')}.` : '';
  }
  const drawn = [...drawnByProtocol(fig, theory, points).values()];
  const lines = drawn.some((d) => d.theory);
  const sims = drawn.some((d) => d.sim);
  return [
    lines ? 'Lines: theory.' : '',
    sims ? 'Markers: simulation, mean ± standard error over seeds.' : '',
    drawn.some((d) => d.join) ? 'Thin lines join simulated points only to guide the eye.' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Legend rows: per protocol, the sample as drawn (theory line, marker, or both). */
function drawLegend(parent: Element, fig: Figure, theory: TheoryResult | null, points: SimPoint[]): number {
  if (fig.kind === 'heatmap') return 0;
  const drawn = drawnByProtocol(fig, theory, points);
  let x = PAD;
  let y = 16;
  for (const p of fig.protocols) {
    const d = drawn.get(p.id);
    if (!d) continue;
    const st = seriesStyle(p.id);
    const w = 56 + textWidth(p.label, TYPE.chart) * 0.95;
    if (x + w > WIDTH - PAD && x > PAD) {
      x = PAD;
      y += 22;
    }
    const g = el('g', { transform: `translate(${x},${y})` }, parent);
    if (d.theory)
      el(
        'line',
        {
          x1: 0,
          x2: 36,
          y1: 0,
          y2: 0,
          stroke: st.color,
          'stroke-width': 2.2,
          ...(st.dash ? { 'stroke-dasharray': scaledDash(st.dash, 2.2) } : {}),
        },
        g,
      );
    else if (d.join) el('line', { x1: 0, x2: 36, y1: 0, y2: 0, stroke: st.color, 'stroke-width': 1, opacity: 0.55 }, g);
    if (d.sim)
      el(
        'path',
        {
          d: symbol(st.marker, 60)() ?? '',
          transform: 'translate(18,0)',
          fill: st.hollow ? '#ffffff' : st.color,
          stroke: st.hollow ? st.color : '#ffffff',
          'stroke-width': st.hollow ? 1.8 : 1,
        },
        g,
      );
    const t = el('text', { x: 44, y: 4.5, fill: '#1b1b1b' }, g);
    t.textContent = p.label;
    x += w;
  }
  return y + 14;
}

export function buildSvg(input: ExportInput): { svg: string; width: number; height: number } {
  const { chapter, fig, theory, points, params, seed, provenance } = input;
  const titleH = 52;
  const chartH = fig.kind === 'heatmap' ? 560 : 500;

  const chart = document.createElementNS(NS, 'svg');
  drawChart(chart, { fig, theory, points, width: WIDTH, height: chartH, big: false, animate: false, font: TYPE.chart });
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(titleH));
  chart.removeAttribute('style');
  chart.removeAttribute('data-figure');
  chart.setAttribute('font-size', String(TYPE.chart));
  chart.setAttribute('overflow', 'hidden');

  const legend = document.createElementNS(NS, 'g');
  const legendH = drawLegend(legend, fig, theory, points);
  const note = readingNote(fig, theory, points);
  // Footer: the reading note, then the provenance, each wrapped to the width.
  const footLines = [note, ...(provenance ? provenanceLines(provenance).slice(1) : [])]
    .filter(Boolean)
    .flatMap((l) => wrapLabel(l, TYPE.foot, WIDTH - 2 * PAD));
  const footH = footLines.length * 15 + 10;
  const height = titleH + chartH + legendH + footH;

  const root = el('svg', {
    xmlns: NS,
    width: WIDTH,
    height,
    viewBox: `0 0 ${WIDTH} ${height}`,
    'font-family': FONT,
    'font-size': TYPE.chart,
    color: '#1b1b1b',
    role: 'img',
  });
  const title = `${chapter.title}: ${fig.title}`;
  el('title', {}, root).textContent = title;
  el('desc', {}, root).textContent =
    `${paramLine(chapter, params, seed, points.length > 0)}. ${note} Transfer Explorable.`;
  if (provenance) el('metadata', {}, root).textContent = JSON.stringify(provenance);
  el('rect', { x: 0, y: 0, width: WIDTH, height, fill: '#ffffff' }, root);
  const t1 = el('text', { x: PAD, y: 22, 'font-size': TYPE.title, 'font-weight': 700, fill: '#1b1b1b' }, root);
  t1.textContent = title;
  const t2 = el('text', { x: PAD, y: 42, 'font-size': TYPE.sub, fill: '#444444' }, root);
  const presetNote = provenance?.preset ? `Preset “${provenance.preset.title}”. ` : '';
  t2.textContent = `${presetNote}${paramLine(chapter, params, seed, points.length > 0)}`;
  root.appendChild(chart);
  legend.setAttribute('transform', `translate(0,${titleH + chartH})`);
  root.appendChild(legend);
  footLines.forEach((line, i) => {
    const t = el(
      'text',
      { x: PAD, y: titleH + chartH + legendH + 14 + i * 15, 'font-size': TYPE.foot, fill: '#444444' },
      root,
    );
    t.textContent = line;
  });
  // Axis text inherits `fill: currentColor` from d3; make every text's colour explicit for viewers without CSS.
  root.querySelectorAll('text:not([fill])').forEach((e) => e.setAttribute('fill', '#1b1b1b'));
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { svg, width: WIDTH, height };
}
