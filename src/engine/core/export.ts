/**
 * Pure pieces of the figure export, shared by the app and usable from Node:
 * the file name (chapter, figure, the parameters that differ from the
 * defaults), the data files (the numbers the CLI prints for the same
 * parameters: `figureData` of theory + points), and their provenance (every
 * parameter, the preset, the seed, the share link) so that a file found later
 * says how to reproduce it.
 */
import type { Chapter, Figure, TheoryResult } from './chapter';
import { figureData, toCsv, type FigureData } from './figureData';
import { defaults, formatValue, nonDefault, type ParamSpec, type ParamValue, type Params } from './schema';
import type { SimPoint } from './simRunner';

const MAX_NAME = 120;

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9.+-]+/g, '_').replace(/^_+|_+$/g, '');
}

/** `<chapter>-<fig>-<param>_<value>-…` (only non-default values), safe on every file system. */
export function exportBaseName(ch: Chapter, fig: Figure, params: Params, seed?: number): string {
  const parts = [safe(ch.id), safe(fig.id)];
  const changed = nonDefault(ch.schema, params);
  const entries = Object.entries(changed);
  if (seed !== undefined && seed !== 1) entries.push(['seed', String(seed)]);
  let name = parts.join('-');
  for (const [k, v] of entries) {
    const piece = `${safe(k)}_${safe(v)}`;
    if (name.length + piece.length + 1 > MAX_NAME) {
      name += '-etc';
      break;
    }
    name += `-${piece}`;
  }
  return name;
}

/**
 * The theory at every x that carries a simulated point as well as on its grid (line figures whose
 * theory is cheap enough to recompute here), so that each simulated value has its theory beside it.
 */
export function theoryAtSimX(
  fig: Figure,
  params: Params,
  theory: TheoryResult | null,
  points: SimPoint[],
): TheoryResult | null {
  if (fig.theoryCost !== 'instant') return theory;
  const xs = simXsOffGrid(fig, theory, points);
  return xs ? withTheoryAt(theory!, xs, fig.theory(params, xs)) : theory;
}

/**
 * The grid plus every simulated x off it, sorted — or undefined when the theory already covers every
 * simulated x (or the figure is not a swept line figure). Slow theories compute at these x elsewhere
 * (the theory worker) and hand the result to `withTheoryAt`.
 */
export function simXsOffGrid(fig: Figure, theory: TheoryResult | null, points: SimPoint[]): number[] | undefined {
  if (!theory?.x || fig.kind !== 'line' || !fig.sweep) return undefined;
  const grid = new Set(theory.x);
  const log = fig.x.scale === 'log';
  const extra = points
    .filter((p) => p.y2 === undefined && Number.isFinite(p.x) && !grid.has(p.x) && (!log || p.x > 0))
    .map((p) => p.x);
  if (!extra.length) return undefined;
  return [...new Set([...theory.x, ...extra])].sort((a, b) => a - b);
}

/** The drawn theory with its series replaced by those computed at `xs` (marks and readouts kept). */
export function withTheoryAt(theory: TheoryResult, xs: number[], at: TheoryResult): TheoryResult {
  return { ...theory, x: xs, series: at.series ?? theory.series };
}

/** What an export is made of: the figure, its parameters, the drawn theory, the simulated points, the run seed. */
type ExportArgs = [
  ch: Chapter,
  fig: Figure,
  params: Params,
  theory: TheoryResult | null,
  points: SimPoint[],
  seed: number,
];

/** The figure's data as the CLI prints it: simulation seed included only when there are simulated points. */
export function exportData(...[ch, fig, params, theory, points, seed]: ExportArgs): FigureData {
  return figureData(
    ch,
    fig,
    params,
    theoryAtSimX(fig, params, theory, points) ?? undefined,
    points,
    points.length ? seed : undefined,
  );
}

/**
 * As `exportData`, for any figure: a slow theory is computed at the simulated x by `compute` (the app
 * passes the theory worker), so that every simulated value has its theory beside it, as in the CLI.
 */
export async function exportDataAsync(
  ...[ch, fig, params, theory, points, seed, compute]: [...ExportArgs, compute: (xs: number[]) => Promise<TheoryResult>]
): Promise<FigureData> {
  const xs = fig.theoryCost === 'worker' ? simXsOffGrid(fig, theory, points) : undefined;
  const full = xs ? withTheoryAt(theory!, xs, await compute(xs)) : theory;
  return exportData(ch, fig, params, full, points, seed);
}

/** Where an exported file comes from. */
export interface Provenance {
  chapter: string;
  chapterTitle: string;
  fig: string;
  figTitle: string;
  /** Every parameter, by schema name, as shown on the sliders. */
  params: Record<string, string>;
  /** The names of those that differ from the defaults. */
  changed: string[];
  preset?: { id: string; title: string };
  /** Simulation seed (only when simulated points are in the file). */
  seed?: number;
  /** The share link that reproduces the figure. */
  link: string;
}

/** A value as the URL writes it (choices by their value, numbers at slider precision, with the unit). */
function plain(spec: ParamSpec, v: ParamValue): string {
  if (spec.kind === 'choice' || typeof v !== 'number') return String(v);
  return `${formatValue(spec, v)}${spec.unit ? ` ${spec.unit}` : ''}`;
}

export function provenance(
  ch: Chapter,
  fig: Figure,
  params: Params,
  seed: number | undefined,
  link: string,
  preset?: { id: string; title: string },
): Provenance {
  const base = defaults(ch.schema);
  const shown = Object.fromEntries(ch.schema.map((s) => [s.name, plain(s, params[s.name] ?? base[s.name])]));
  const out: Provenance = {
    chapter: ch.id,
    chapterTitle: ch.title,
    fig: fig.id,
    figTitle: fig.title,
    params: shown,
    changed: Object.keys(nonDefault(ch.schema, params)),
    link,
  };
  if (preset) out.preset = { id: preset.id, title: preset.title };
  if (seed !== undefined) out.seed = seed;
  return out;
}

/** Provenance as lines of text (the SVG/PNG footer and the CSV header). */
export function provenanceLines(p: Provenance): string[] {
  const params = Object.entries(p.params).map(([k, v]) => `${k} = ${v}`);
  const lines = [`Transfer Explorable — ${p.chapterTitle}: ${p.figTitle}`];
  if (p.preset) lines.push(`preset: ${p.preset.title} (${p.preset.id})`);
  lines.push(`parameters: ${params.join(', ')}`);
  if (p.seed !== undefined) lines.push(`simulation seed: ${p.seed}`);
  lines.push(`link: ${p.link}`);
  return lines;
}

/** JSON as `npm run -s curve -- … --format=json` writes it, plus its provenance. */
export function toJson(d: FigureData, prov?: Provenance): string {
  return `${JSON.stringify(prov ? { ...d, provenance: prov } : d)}\n`;
}

/** CSV as the CLI writes it, under `#` comment lines that carry the provenance. */
export function toCsvWithProvenance(d: FigureData, prov: Provenance): string {
  return `${provenanceLines(prov)
    .map((l) => `# ${l}`)
    .join('\n')}\n${toCsv(d)}`;
}

export { toCsv };
