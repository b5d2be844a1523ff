/**
 * The chart in one or two sentences, computed from the data on screen (the
 * text alternative of the <svg>): for curves, how the protocols rank at the
 * reader's x; for maps, the range, the value at the reader's point and how much
 * of the map lies on each side of the contour; for simulation-only figures,
 * what has been measured so far.
 */
import type { Figure, TheoryResult } from '../../engine/core/chapter';
import type { Params } from '../../engine/core/schema';
import type { SimPoint } from '../../engine/core/simRunner';
import { formatWithError } from '../formatNumber';
import { GREEK } from '../../engine/core/guide';
import { protocolOf } from './styleMap';

const num = (v: number) =>
  !Number.isFinite(v) ? 'undefined' : Math.abs(v) < 1e-9 ? '0' : String(Number(v.toPrecision(3)));

/** How the x quantity reads in a sentence: its TeX symbol as a letter (γ), else its name. */
function xName(fig: Figure): string {
  const m = /^\\([A-Za-z]+)$/.exec(fig.x.symbol ?? '');
  if (m && GREEK[m[1]]) return GREEK[m[1]];
  return GREEK[fig.x.name] ?? fig.x.name;
}

function labelOf(fig: Figure, id: string): string {
  const proto = protocolOf(id);
  return fig.protocols.find((p) => p.id === proto)?.label ?? proto;
}

/** Linear interpolation of y(x) on a sorted grid; NaN outside or across gaps. */
export function interpolate(xs: number[], ys: number[], x: number): number {
  for (let i = 1; i < xs.length; i++) {
    if (x >= xs[i - 1] && x <= xs[i]) {
      const t = xs[i] === xs[i - 1] ? 0 : (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
  }
  return xs.length === 1 && xs[0] === x ? ys[0] : NaN;
}

/** The x the reader set: the swept parameter's value, else a "your …" line, else the middle of the grid. */
function readerX(fig: Figure, theory: TheoryResult, p: Params): { x: number; yours: boolean } | null {
  const xs = theory.x ?? [];
  if (!xs.length) return null;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const swept = fig.sweep ? p[fig.sweep] : undefined;
  if (typeof swept === 'number' && swept >= lo && swept <= hi) return { x: swept, yours: true };
  const mark = theory.marks?.find((m) => m.kind === 'vline' && /your/i.test(m.label));
  if (mark && mark.kind === 'vline' && mark.x >= lo && mark.x <= hi) return { x: mark.x, yours: true };
  return { x: xs[Math.floor(xs.length / 2)], yours: false };
}

function lineSummary(fig: Figure, theory: TheoryResult, p: Params): string {
  const at = readerX(fig, theory, p);
  const series = theory.series ?? [];
  if (!at || !series.length) return '';
  const xs = theory.x ?? [];
  const values = series
    .map((s) => ({ label: labelOf(fig, s.id), v: interpolate(xs, s.y, at.x) }))
    .filter((s) => Number.isFinite(s.v));
  const where = `At ${xName(fig)} = ${num(at.x)}${at.yours ? ' (your value)' : ''}`;
  if (!values.length) return `${where} the theory has no finite value.`;
  if (values.length === 1) return `${where} the theory gives ${fig.y.label} = ${num(values[0].v)}.`;
  values.sort((a, b) => a.v - b.v);
  const rest = values.slice(1).map((s) => `${s.label} (${num(s.v)})`);
  const tail = rest.length > 1 ? `${rest.slice(0, -1).join(', ')} and ${rest[rest.length - 1]}` : rest[0];
  return `${where} the theory puts ${values[0].label} lowest in ${fig.y.label} (${num(values[0].v)}), then ${tail}.`;
}

function mapSummary(fig: Figure, theory: TheoryResult): string {
  const hm = theory.heatmap;
  if (!hm) return '';
  const z = hm.z.flat().filter(Number.isFinite);
  if (!z.length) return '';
  const name = fig.z?.label ?? 'the value';
  const range = `from ${num(Math.min(...z))} to ${num(Math.max(...z))}`;
  let s = `Map of ${name} over ${fig.x.label} and ${fig.y.label}, ${range}.`;
  const level = fig.z?.contour;
  if (level !== undefined) {
    const above = z.filter((v) => v > level).length / z.length;
    s += ` ${Math.round(above * 100)}% of the map lies above ${num(level)} (the black contour).`;
  }
  const me = theory.marks?.find((m) => m.kind === 'point');
  if (me && me.kind === 'point') {
    const j = nearest(hm.xs, me.x);
    const i = nearest(hm.ys, me.y);
    const v = hm.z[i]?.[j];
    if (Number.isFinite(v))
      s += ` At your point (${fig.x.name} = ${num(me.x)}, ${fig.y.name} = ${num(me.y)}) it is ${num(v)}.`;
  }
  return s;
}

function nearest(values: number[], v: number): number {
  let best = 0;
  values.forEach((x, i) => {
    if (Math.abs(x - v) < Math.abs(values[best] - v)) best = i;
  });
  return best;
}

/** Simulated points: how many, and the values at the simulated x nearest to the reader's. */
function pointsSummary(fig: Figure, points: SimPoint[], near: number | undefined, theoryMap: boolean): string {
  const pts = points.filter((p) => Number.isFinite(p.y));
  if (!pts.length) return '';
  if (fig.kind === 'heatmap') {
    const marks = theoryMap ? 'rings coloured by the measured value' : 'discs labelled with the measured value';
    return ` ${pts.length} simulated cells are drawn as ${marks}.`;
  }
  const seeds = Math.min(...pts.map((p) => p.seeds));
  let s = ` ${pts.length} simulated points (mean ± standard error over ${seeds} seed${seeds === 1 ? '' : 's'}).`;
  if (near === undefined || fig.kind === 'scatter') return s;
  const xs = [...new Set(pts.map((p) => p.x))];
  const x0 = xs.reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
  const here = pts.filter((p) => p.x === x0).sort((a, b) => a.y - b.y);
  const values = here.map((p) => `${labelOf(fig, p.series)} ${formatWithError(p.y, p.err)}`).join(', ');
  s += ` Simulated at ${xName(fig)} = ${num(x0)}: ${values}.`;
  return s;
}

export function chartSummary(fig: Figure, theory: TheoryResult | null, points: SimPoint[], p: Params): string {
  const head = theory ? (fig.kind === 'heatmap' ? mapSummary(fig, theory) : lineSummary(fig, theory, p)) : '';
  const at = theory && fig.kind !== 'heatmap' ? readerX(fig, theory, p) : null;
  const sims = pointsSummary(fig, points, at?.x, !!theory?.heatmap);
  const text = `${head}${sims}`.trim();
  if (text) return text;
  return theory
    ? `${fig.title}: no data yet${fig.simTasks ? '; run the simulation to measure it' : ''}.`
    : `${fig.title}: the theory is being computed.`;
}
