/**
 * Command-line arguments of the curve CLI, validated through the chapter's schema. Every problem is an error
 * naming the flag and what it accepts (the caller exits with status 2); nothing is clamped or guessed.
 */
import { availableParallelism } from 'node:os';
import type { Chapter, Figure } from '../engine/core/chapter';
import { parseStrict, type Params } from '../engine/core/schema';
import { parseAxis, type AxisChoice } from './axis';
import { boolFlag, choiceFlag, intFlag, short, splitFlags } from './flags';

export const BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof BACKENDS)[number];
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface CurveArgs {
  chapter: Chapter;
  fig: Figure;
  params: Params;
  /** Swept quantity and its values (absent values: the figure's own grid). */
  x?: AxisChoice;
  sim: boolean;
  seed: number;
  format: Format;
  backend: CliBackend;
  /** Worker threads for the simulation (1 = in this process). */
  jobs: number;
  /** Run only shard `index` (1-based) of `count` and print its raw samples for `merge`. */
  shard?: { index: number; count: number };
  /** The words that fix the numbers (all but --jobs and --shard): what a shard records and `merge` re-reads. */
  request: string[];
  /** Accepted with a remark (e.g. a former parameter name). */
  notes: string[];
}

/** Flags of the command itself; every other flag is a chapter parameter. */
const OWN_FLAGS = ['fig', 'x', 'sim', 'seed', 'format', 'backend', 'jobs', 'shard'];
/** Flags that change how the work is spread, never the numbers. */
const RUN_FLAGS = ['jobs', 'shard'];
export const MAX_SEED = 2 ** 31;
export const MAX_JOBS = 256;

export function parseCurveArgs(
  argv: readonly string[],
  chapters: readonly Chapter[],
): { args?: CurveArgs; errors: string[] } {
  const flags = splitFlags(argv);
  const { errors } = flags;
  const [id, ...extra] = flags.positional;
  const ready = chapters.filter((c) => c.status === 'ready').map((c) => c.id);
  const chapter = chapters.find((c) => c.id === id && c.status === 'ready');
  if (!chapter)
    return {
      errors: [
        `first argument must be a chapter or "merge": one of ` +
          `${ready.join('|')}|merge${id !== undefined ? ` (got "${short(id)}")` : ''}`,
        ...errors,
      ],
    };
  for (const w of extra) errors.push(`unexpected argument "${short(w)}" (flags look like --name=value)`);

  const figId = flags.values.get('fig') ?? chapter.figures[0].id;
  const fig = chapter.figures.find((f) => f.id === figId);
  if (!fig) errors.push(`--fig: "${short(figId)}" is not one of ${chapter.figures.map((f) => f.id).join('|')}`);

  const paramFlags = Object.create(null) as Record<string, string>;
  for (const [k, v] of flags.values) if (!OWN_FLAGS.includes(k)) paramFlags[k] = v;
  const { params, errors: paramErrors, notes } = parseStrict(chapter.schema, paramFlags);
  errors.push(...paramErrors);

  const seed = intFlag(flags, 'seed', 1, 0, MAX_SEED);
  const format = choiceFlag(flags, 'format', FORMATS, 'json');
  const backend = choiceFlag(flags, 'backend', BACKENDS, 'wasm');
  const sim = boolFlag(flags, 'sim');
  const jobs = intFlag(flags, 'jobs', Math.max(1, Math.min(MAX_JOBS, availableParallelism())), 1, MAX_JOBS);
  const shard = parseShard(flags.values.get('shard'), sim, errors);

  let x: AxisChoice | undefined;
  const xRaw = flags.values.get('x');
  if (xRaw !== undefined && fig && paramErrors.length === 0) {
    const r = parseAxis(chapter, fig, params, xRaw, notes);
    errors.push(...r.errors);
    x = r.x;
  }
  if (errors.length || !fig) return { errors };
  const request = argv.filter((w) => !RUN_FLAGS.some((f) => w === `--${f}` || w.startsWith(`--${f}=`)));
  return { args: { chapter, fig, params, x, sim, seed, format, backend, jobs, shard, request, notes }, errors };
}

function parseShard(raw: string | undefined, sim: boolean, errors: string[]): CurveArgs['shard'] {
  if (raw === undefined) return undefined;
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && index <= count)) {
    errors.push(`--shard: "${short(raw)}" must be i/n with whole numbers 1 ≤ i ≤ n (e.g. --shard=1/4)`);
    return undefined;
  }
  if (!sim) errors.push('--shard: only a simulation (--sim) is split into shards');
  return { index, count };
}
