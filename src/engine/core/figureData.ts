/**
 * The figure's data in the one exchange shape used by the CLI, the CSV/JSON
 * export and the tests (see design.md):
 * {chapter, fig, params, x:{name,values}, series:[{id:'theory:p',y}, {id:'sim:p',y,err,seeds}]}
 */
import type { Chapter, Figure, TheoryResult } from './chapter';
import type { Params } from './schema';
import type { SimPoint } from './simRunner';

export interface SeriesData {
  id: string;
  y: (number | null)[];
  err?: (number | null)[];
  seeds?: number;
  /** Measured x per point (scatter figures). */
  x?: (number | null)[];
}

export interface FigureData {
  chapter: string;
  fig: string;
  params: Params;
  seed?: number;
  x: { name: string; values: number[] };
  series: SeriesData[];
  heatmap?: { id: string; y: { name: string; values: number[] }; z: (number | null)[][] };
  readouts?: { label: string; value: number | null; unit?: string }[];
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** Collect theory series and simulated points on one x grid (sim points sit on their own task x values). */
export function figureData(
  ch: Chapter,
  fig: Figure,
  params: Params,
  theory: TheoryResult | undefined,
  points: SimPoint[],
  seed?: number,
): FigureData {
  const simXs = [
    ...new Set(points.filter((p) => p.y2 === undefined).map((p) => (fig.kind === 'scatter' ? taskIndex(p) : p.x))),
  ];
  const theoryXs = theory?.x ?? [];
  const xs = [...new Set([...theoryXs, ...(fig.kind === 'scatter' ? [] : simXs)])].sort((a, b) => a - b);
  const out: FigureData = { chapter: ch.id, fig: fig.id, params, x: { name: fig.x.name, values: xs }, series: [] };
  if (seed !== undefined) out.seed = seed;
  for (const s of theory?.series ?? []) {
    const at = new Map(theoryXs.map((x, i) => [x, s.y[i]]));
    out.series.push({ id: s.id, y: xs.map((x) => finite(at.get(x))) });
  }
  const bySeries = new Map<string, SimPoint[]>();
  for (const p of points) {
    if (p.y2 !== undefined) continue;
    if (!bySeries.has(p.series)) bySeries.set(p.series, []);
    bySeries.get(p.series)!.push(p);
  }
  for (const def of fig.simSeries ?? []) {
    const pts = bySeries.get(def.id) ?? [];
    if (pts.length === 0) continue;
    if (fig.kind === 'scatter') {
      out.series.push({
        id: def.id,
        x: pts.map((p) => finite(p.x)),
        y: pts.map((p) => finite(p.y)),
        err: pts.map((p) => finite(p.err)),
        seeds: Math.min(...pts.map((p) => p.seeds)),
      });
      continue;
    }
    const at = new Map(pts.map((p) => [p.x, p]));
    out.series.push({
      id: def.id,
      y: xs.map((x) => finite(at.get(x)?.y)),
      err: xs.map((x) => finite(at.get(x)?.err)),
      seeds: Math.min(...pts.map((p) => p.seeds)),
    });
  }
  if (theory?.heatmap) {
    const h = theory.heatmap;
    out.x = { name: fig.x.name, values: h.xs };
    out.heatmap = { id: h.id, y: { name: fig.y.name, values: h.ys }, z: h.z.map((row) => row.map((v) => finite(v))) };
  }
  const mapPoints = points.filter((p) => p.y2 !== undefined);
  if (mapPoints.length) {
    for (const def of fig.simSeries ?? []) {
      const pts = mapPoints.filter((p) => p.series === def.id);
      if (!pts.length) continue;
      out.series.push({
        id: def.id,
        x: pts.map((p) => p.x),
        y: pts.map((p) => finite(p.y)),
        err: pts.map((p) => finite(p.err)),
        seeds: Math.min(...pts.map((p) => p.seeds)),
      });
      (out.series[out.series.length - 1] as SeriesData & { y2?: number[] }).y2 = pts.map((p) => p.y2!);
    }
  }
  if (theory?.readouts?.length)
    out.readouts = theory.readouts.map((r) => ({ label: r.label, value: finite(r.value), unit: r.unit }));
  return out;
}

function taskIndex(p: SimPoint): number {
  return p.x;
}

/** CSV: one row per x value, one column per series (and `<id>:err`). Heatmaps: long format x,y,z. */
export function toCsv(d: FigureData): string {
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  if (d.heatmap) {
    const lines = [`${d.x.name},${d.heatmap.y.name},${d.heatmap.id}`];
    d.heatmap.y.values.forEach((yv, i) =>
      d.x.values.forEach((xv, j) => lines.push(`${xv},${yv},${cell(d.heatmap!.z[i][j])}`)),
    );
    return lines.join('\n') + '\n';
  }
  const lineSeries = d.series.filter((s) => !s.x);
  const header = [d.x.name];
  for (const s of lineSeries) {
    header.push(s.id);
    if (s.err) header.push(`${s.id}:err`);
  }
  const lines = [header.join(',')];
  d.x.values.forEach((x, i) => {
    const row = [String(x)];
    for (const s of lineSeries) {
      row.push(cell(s.y[i]));
      if (s.err) row.push(cell(s.err[i]));
    }
    lines.push(row.join(','));
  });
  // Measured-x series (scatter) follow as their own block: x, y, err per point.
  for (const s of d.series.filter((s) => s.x)) {
    lines.push('', `${s.id}:x,${s.id},${s.id}:err`);
    s.x!.forEach((x, i) => lines.push(`${cell(x)},${cell(s.y[i])},${cell(s.err?.[i])}`));
  }
  return lines.join('\n') + '\n';
}
