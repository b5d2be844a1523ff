/**
 * A standalone, vector SVG of a figure: the same draw code as the page, at a
 * fixed publication size, with a title, the parameters that differ from the
 * defaults, and a legend (line, dash and marker per protocol). Everything is
 * inline attributes and generic/system font names, so the file references
 * nothing outside itself (no CSS, no web fonts, no images).
 */
import { symbol } from 'd3';
import type { Chapter, Figure, TheoryResult } from '../../engine/core/chapter';
import { nonDefault, show, type Params } from '../../engine/core/schema';
import type { SimPoint } from '../../engine/core/simRunner';
import { drawChart } from '../charts/draw';
import { styleOf } from '../charts/palette';

const NS = 'http://www.w3.org/2000/svg';
const FONT = 'Helvetica, Arial, sans-serif';
const WIDTH = 860;

export interface ExportInput {
  chapter: Chapter;
  fig: Figure;
  theory: TheoryResult | null;
  points: SimPoint[];
  params: Params;
  seed: number;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** "θ = 30 °, σ = 0.2" for the parameters that differ from the defaults. */
export function paramLine(ch: Chapter, params: Params, seed: number, hasPoints: boolean): string {
  const changed = Object.keys(nonDefault(ch.schema, params));
  const parts = changed.map((name) => {
    const spec = ch.schema.find((s) => s.name === name)!;
    return `${name} = ${show(spec, params[name])}`;
  });
  if (hasPoints) parts.push(`seed ${seed}`);
  return parts.length ? parts.join(', ') : 'default parameters';
}

export function buildSvg(input: ExportInput): { svg: string; width: number; height: number } {
  const { chapter, fig, theory, points, params, seed } = input;
  const font = 13;
  const titleH = 52;
  const chartH = fig.kind === 'heatmap' ? 560 : 500;

  const chart = document.createElementNS(NS, 'svg');
  drawChart(chart, { fig, theory, points, width: WIDTH, height: chartH, big: false, animate: false, font });
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(titleH));
  chart.removeAttribute('style');
  chart.setAttribute('font-size', String(font));
  chart.setAttribute('overflow', 'visible');

  // Legend rows for line and scatter figures (maps carry their colour bar inside the chart).
  const legend = document.createElementNS(NS, 'g');
  let legendH = 0;
  if (fig.kind !== 'heatmap') {
    let x = 16;
    let y = 16;
    fig.protocols.forEach((p, i) => {
      const st = styleOf(i);
      const w = 56 + p.label.length * 7;
      if (x + w > WIDTH - 16 && x > 16) {
        x = 16;
        y += 22;
      }
      const g = el('g', { transform: `translate(${x},${y})` }, legend);
      el('line', { x1: 0, x2: 36, y1: 0, y2: 0, stroke: st.color, 'stroke-width': 2, ...(st.dash ? { 'stroke-dasharray': st.dash } : {}) }, g);
      el('path', { d: symbol(st.marker, 55)() ?? '', transform: 'translate(18,0)', fill: st.color, stroke: '#fff' }, g);
      const t = el('text', { x: 44, y: 4.5, fill: '#1b1b1b' }, g);
      t.textContent = p.label;
      x += w;
    });
    legendH = y + 14;
  }
  const note =
    fig.kind === 'heatmap'
      ? `Colours: theory${fig.z?.contour !== undefined ? `; black line: where it crosses ${fig.z.contour}` : ''}${points.length ? '; circles: simulation, filled with the measured value' : ''}.`
      : points.length
        ? 'Lines: theory. Points: simulation, mean ± standard error over seeds.'
        : 'Lines: theory.';
  const height = titleH + chartH + legendH + 26;

  const root = el('svg', { xmlns: NS, width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, 'font-family': FONT, 'font-size': font, color: '#1b1b1b', role: 'img' });
  const title = `${chapter.title}: ${fig.title}`;
  el('title', {}, root).textContent = title;
  el('desc', {}, root).textContent = `${paramLine(chapter, params, seed, points.length > 0)}. ${note} Transfer Explorable.`;
  el('rect', { x: 0, y: 0, width: WIDTH, height, fill: '#ffffff' }, root);
  const t1 = el('text', { x: 16, y: 22, 'font-size': 17, 'font-weight': 700, fill: '#1b1b1b' }, root);
  t1.textContent = title;
  const t2 = el('text', { x: 16, y: 42, 'font-size': 12, fill: '#444444' }, root);
  t2.textContent = paramLine(chapter, params, seed, points.length > 0);
  root.appendChild(chart);
  legend.setAttribute('transform', `translate(0,${titleH + chartH})`);
  root.appendChild(legend);
  const t3 = el('text', { x: 16, y: height - 10, 'font-size': 11, fill: '#444444' }, root);
  t3.textContent = note;
  // Axis text inherits `fill: currentColor` from d3; make every text's colour explicit for viewers without CSS.
  root.querySelectorAll('text:not([fill])').forEach((e) => e.setAttribute('fill', '#1b1b1b'));
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { svg, width: WIDTH, height };
}
