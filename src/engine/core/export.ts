/**
 * Pure pieces of the figure export, shared by the app and usable from Node:
 * the file name (chapter, figure, the parameters that differ from the
 * defaults) and the data files, which are exactly what the CLI prints for the
 * same parameters (`figureData` of theory + points; CSV via `toCsv`).
 */
import type { Chapter, Figure, TheoryResult } from './chapter';
import { figureData, toCsv, type FigureData } from './figureData';
import { nonDefault, type Params } from './schema';
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

/** The figure's data as the CLI prints it: simulation seed included only when there are simulated points. */
export function exportData(ch: Chapter, fig: Figure, params: Params, theory: TheoryResult | null, points: SimPoint[], seed: number): FigureData {
  return figureData(ch, fig, params, theory ?? undefined, points, points.length ? seed : undefined);
}

/** JSON exactly as `npm run -s curve -- … --format=json` writes it. */
export function toJson(d: FigureData): string {
  return `${JSON.stringify(d)}\n`;
}

export { toCsv };
