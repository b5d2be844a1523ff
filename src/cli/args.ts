/** Command-line arguments of the curve CLI, validated through the chapter's schema (errors name the parameter and its range). */
import type { Chapter, Figure } from '../engine/core/chapter';
import { findParam, parseStrict, parseValue, rangeText, type Params } from '../engine/core/schema';

export interface CurveArgs {
  chapter: Chapter;
  fig: Figure;
  params: Params;
  /** Swept parameter and optional explicit values. */
  x?: { name: string; values?: number[] };
  sim: boolean;
  seed: number;
  format: 'json' | 'csv';
  backend: 'cpu' | 'wasm';
}

const OWN_FLAGS = ['fig', 'x', 'sim', 'seed', 'format', 'backend'];

export function parseCurveArgs(argv: string[], chapters: readonly Chapter[]): { args?: CurveArgs; errors: string[] } {
  const errors: string[] = [];
  const [id, ...rest] = argv;
  const ready = chapters.filter((c) => c.status === 'ready').map((c) => c.id);
  const chapter = chapters.find((c) => c.id === id);
  if (!chapter || chapter.status !== 'ready') return { errors: [`first argument must be a chapter: one of ${ready.join('|')}${id ? ` (got "${id}")` : ''}`] };
  const flags: Record<string, string> = {};
  for (const a of rest) {
    const m = /^--([A-Za-z_][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      errors.push(`unexpected argument "${a}" (flags look like --name=value)`);
      continue;
    }
    flags[m[1]] = m[2] ?? 'true';
  }
  const figId = flags.fig ?? chapter.figures[0].id;
  const fig = chapter.figures.find((f) => f.id === figId);
  if (!fig) errors.push(`--fig: "${figId}" is not one of ${chapter.figures.map((f) => f.id).join('|')}`);
  const paramFlags = Object.fromEntries(Object.entries(flags).filter(([k]) => !OWN_FLAGS.includes(k)));
  const { params, errors: paramErrors } = parseStrict(chapter.schema, paramFlags);
  errors.push(...paramErrors);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(seed) || seed < 0 || !/^\d+$/.test(flags.seed ?? '1')) errors.push(`--seed: "${flags.seed}" must be a non-negative integer`);
  const format = (flags.format ?? 'json') as 'json' | 'csv';
  if (!['json', 'csv'].includes(format)) errors.push(`--format: "${flags.format}" is not one of json|csv`);
  const backend = (flags.backend ?? 'cpu') as 'cpu' | 'wasm';
  if (!['cpu', 'wasm'].includes(backend)) errors.push(`--backend: "${flags.backend}" is not one of cpu|wasm`);
  let x: CurveArgs['x'];
  if (flags.x !== undefined && fig) {
    const [name, list] = flags.x.split(':');
    const spec = findParam(chapter.schema, name);
    if (fig.kind === 'heatmap') errors.push(`--x: figure "${fig.id}" is a map over fixed axes; --x is for line figures`);
    else if (!fig.sweep && name !== fig.x.name) errors.push(`--x: figure "${fig.id}" has a fixed x axis (${fig.x.name}); give --x=${fig.x.name}:v1,v2,…`);
    else if (name !== fig.sweep && name !== fig.x.name && (!spec || spec.kind !== 'number')) errors.push(`--x: "${name}" is not a numeric parameter of ${chapter.id} (try ${fig.sweep ?? fig.x.name})`);
    else {
      let values: number[] | undefined;
      if (list !== undefined) {
        values = [];
        for (const raw of list.split(',')) {
          const r = spec ? parseValue(spec, raw) : { ok: Number.isFinite(Number(raw)), value: Number(raw) };
          if (!r.ok || ('clamped' in r && r.clamped)) errors.push(`--x: ${name}=${raw} is not valid; expected ${spec ? rangeText(spec) : 'a number'}`);
          else values.push(r.value as number);
        }
      }
      x = { name, values };
    }
  }
  if (errors.length || !fig) return { errors };
  return { args: { chapter, fig, params, x, sim: flags.sim === 'true' || flags.sim === '1', seed, format, backend }, errors };
}
