/**
 * `--x=<name>[:v1,v2,…]`: which quantity the figure's x axis sweeps, and at which values. Every value is
 * checked before anything runs: a swept parameter against its schema range, a figure's fixed axis (e.g. the
 * number of copied layers k, a teacher distance) against that axis' domain or, where it has none, the span
 * of the figure's own grid. Nothing is clamped: a value outside is an error naming the axis and its range.
 */
import type { Chapter, Figure } from '../engine/core/chapter';
import { parseNumber, parseValue, rangeText, resolveKey, type NumberParam, type Params } from '../engine/core/schema';
import { short } from './flags';

export interface AxisChoice {
  name: string;
  /** Explicit values; absent = the figure's own grid. */
  values?: number[];
}

/** At most this many values on one axis (the output is one row per value). */
export const MAX_AXIS_VALUES = 10_000;
/** Values of a parameter swept without a list: evenly spaced over its range (log-spaced for log sliders). */
const DEFAULT_SWEEP_POINTS = 11;

export function parseAxis(
  ch: Chapter,
  fig: Figure,
  p: Params,
  raw: string,
  notes: string[],
): { x?: AxisChoice; errors: string[] } {
  const colon = raw.indexOf(':');
  const name = colon < 0 ? raw : raw.slice(0, colon);
  const list = colon < 0 ? undefined : raw.slice(colon + 1);
  const fail = (e: string) => ({ errors: [`--x: ${e}`] });
  if (fig.kind === 'heatmap') return fail(`figure "${fig.id}" is a map over fixed axes; --x is for line figures`);
  if (fig.kind === 'scatter') return fail(`figure "${fig.id}" plots measured values on x; --x does not apply`);
  if (!name) return fail(`give the quantity to sweep, e.g. --x=${fig.sweep ?? fig.x.name}`);

  if (!fig.sweep) {
    // A fixed axis: not a slider; only its values can be chosen.
    if (name !== fig.x.name)
      return fail(`figure "${fig.id}" has a fixed x axis (${fig.x.name}); give --x=${fig.x.name}:v1,v2,…`);
    const grid = fig.grid(p);
    const [lo, hi] = fig.x.domain ?? [Math.min(...grid), Math.max(...grid)];
    const integer = grid.length > 0 && grid.every(Number.isInteger);
    const range = `${lo} … ${hi}${integer ? ' (integer)' : ''}`;
    if (!(lo <= hi)) return fail(`figure "${fig.id}" has no values to choose on its x axis`);
    if (list === undefined) return { x: { name }, errors: [] };
    return withValues(name, list, range, (v) => {
      const x = parseNumber(v);
      return x !== undefined && x >= lo && x <= hi && (!integer || Number.isInteger(x)) ? x : undefined;
    });
  }

  const found = resolveKey(ch.schema, name);
  if (!found || found.spec.kind !== 'number') {
    const numeric = ch.schema.filter((s) => s.kind === 'number').map((s) => s.name);
    return fail(`"${short(name, 24)}" is not a numeric parameter of ${ch.id} (one of ${numeric.join(', ')})`);
  }
  const spec = found.spec;
  if (found.alias) notes.push(`--x=${name} is now called --x=${spec.name}`);
  if (list === undefined)
    return { x: { name: spec.name, values: spec.name === fig.sweep ? undefined : evenly(spec) }, errors: [] };
  return withValues(spec.name, list, rangeText(spec), (v) => {
    const r = parseValue(spec, v);
    return r.ok && !r.clamped ? (r.value as number) : undefined;
  });
}

function withValues(
  name: string,
  list: string,
  range: string,
  parse: (v: string) => number | undefined,
): { x?: AxisChoice; errors: string[] } {
  const errors: string[] = [];
  if (list.trim() === '') return { errors: [`--x: no values after "${name}:"; give ${name}:v1,v2,… within ${range}`] };
  const items = list.split(',');
  if (items.length > MAX_AXIS_VALUES) return { errors: [`--x: ${items.length} values; at most ${MAX_AXIS_VALUES}`] };
  const values: number[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const v = parse(item);
    if (item.trim() === '') errors.push(`--x: an empty value in the list of ${name}; expected ${range}`);
    else if (v === undefined) errors.push(`--x: ${name}=${short(item, 24)} is not valid; expected ${range}`);
    else if (seen.has(v)) errors.push(`--x: ${name}=${short(item, 24)} is given twice`);
    else {
      seen.add(v);
      values.push(v);
    }
    if (errors.length >= 5) break; // enough to see the pattern
  }
  return errors.length ? { errors } : { x: { name, values }, errors };
}

function evenly(spec: NumberParam): number[] {
  const out = Array.from({ length: DEFAULT_SWEEP_POINTS }, (_, i) => {
    const t = i / (DEFAULT_SWEEP_POINTS - 1);
    const v = spec.log ? spec.min * Math.pow(spec.max / spec.min, t) : spec.min + t * (spec.max - spec.min);
    return spec.integer ? Math.round(v) : v;
  });
  return [...new Set(out)];
}
