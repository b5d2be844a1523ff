/**
 * Shards: `--shard=i/n` runs every n-th unit of the simulation plan (units i-1, i-1+n, …; round robin, so
 * tasks of different cost spread evenly) and prints their raw per-seed samples with the request that produced
 * them. `merge` checks that the files are the n shards of one request and builds exactly the output of a
 * single run: the same plan, the same samples, the same merge.
 */
import type { SimSample } from '../engine/core/chapter';
import type { SimPlan, SimUnit, UnitResult } from '../engine/core/simRunner';
import type { CurveArgs } from './args';
import { short } from './flags';

export const SHARD_TAG = 'transfer-explorable shard v1';

export interface ShardFile {
  kind: typeof SHARD_TAG;
  shard: { index: number; count: number };
  /** The CLI words of the request (without --jobs and --shard). */
  request: string[];
  /** Units in the whole plan (a cheap check that every shard planned the same run). */
  units: number;
  results: UnitResult[];
  notices: string[];
}

export function shardUnits(plan: SimPlan, shard: { index: number; count: number }): SimUnit[] {
  return plan.units.filter((u) => u.index % shard.count === shard.index - 1);
}

export function shardJson(args: CurveArgs, plan: SimPlan, results: UnitResult[], notices: string[]): string {
  const file: ShardFile = {
    kind: SHARD_TAG,
    shard: args.shard!,
    request: args.request,
    units: plan.units.length,
    results: [...results].sort((a, b) => a.unit - b.unit),
    notices,
  };
  // JSON has no NaN or ±Infinity; a sample may hold them (a protocol a task does not run), so they travel as strings.
  const nonFiniteAsString = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
  return `${JSON.stringify(file, nonFiniteAsString)}\n`;
}

/** The figure's request as the numbers depend on it (word order and --format do not matter). */
export function requestKey(args: CurveArgs): string {
  return JSON.stringify([args.chapter.id, args.fig.id, args.params, args.x ?? null, args.sim, args.seed, args.backend]);
}

/** Parse and check one shard file's structure; errors name the file. */
export function readShard(name: string, text: string): { file?: ShardFile; errors: string[] } {
  const bad = (why: string) => ({ errors: [`${short(name, 80)}: ${why}`] });
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_k, v: unknown) =>
      v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v,
    );
  } catch {
    return bad('not JSON (expected the output of --shard=i/n)');
  }
  const f = raw as Partial<ShardFile> | null;
  if (!f || typeof f !== 'object' || f.kind !== SHARD_TAG)
    return bad('not a shard file (expected the output of --shard=i/n)');
  const s = f.shard;
  if (!s || !Number.isInteger(s.index) || !Number.isInteger(s.count) || !(s.index >= 1 && s.index <= s.count))
    return bad('its "shard" is not i/n');
  if (!Array.isArray(f.request) || !f.request.every((w) => typeof w === 'string'))
    return bad('its "request" is not a list of words');
  if (!Number.isInteger(f.units)) return bad('its "units" is not a whole number');
  if (!Array.isArray(f.results) || !f.results.every(isResult)) return bad('its "results" are not unit results');
  const notices = Array.isArray(f.notices) ? f.notices.filter((n): n is string => typeof n === 'string') : [];
  return { file: { ...(f as ShardFile), notices }, errors: [] };
}

function isResult(r: unknown): r is UnitResult {
  const u = r as UnitResult;
  return !!u && Number.isInteger(u.unit) && Array.isArray(u.samples) && u.samples.every(isSample);
}

function isSample(s: unknown): s is SimSample {
  return !!s && typeof s === 'object' && !Array.isArray(s) && Object.values(s).every((v) => typeof v === 'number');
}

/**
 * Check that the shards cover the plan exactly once: all n present, every unit in the shard it belongs to,
 * with one sample per seed. Returns every unit result, or errors.
 */
export function checkCoverage(
  files: { name: string; file: ShardFile }[],
  plan: SimPlan,
): { results?: UnitResult[]; errors: string[] } {
  const errors: string[] = [];
  const count = files[0].file.shard.count;
  const byIndex = new Map<number, string>();
  for (const { name, file } of files) {
    if (file.shard.count !== count)
      errors.push(
        `${short(name, 80)}: shard ${file.shard.index}/${file.shard.count}, but ${short(files[0].name, 80)} is one ` +
          `of ${count}`,
      );
    const other = byIndex.get(file.shard.index);
    if (other !== undefined)
      errors.push(`${short(name, 80)}: shard ${file.shard.index}/${count} is also ${short(other, 80)}`);
    byIndex.set(file.shard.index, name);
    if (file.units !== plan.units.length)
      errors.push(`${short(name, 80)}: planned ${file.units} units, this request has ${plan.units.length}`);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    errors.push(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  if (errors.length) return { errors };
  const results: UnitResult[] = [];
  const seen = new Set<number>();
  for (const { name, file } of files) {
    for (const r of file.results) {
      const unit = plan.units[r.unit];
      if (!unit || r.unit % count !== file.shard.index - 1)
        errors.push(`${short(name, 80)}: unit ${r.unit} does not belong to shard ${file.shard.index}/${count}`);
      else if (seen.has(r.unit)) errors.push(`${short(name, 80)}: unit ${r.unit} appears twice`);
      else if (r.samples.length !== unit.seeds.length)
        errors.push(
          `${short(name, 80)}: unit ${r.unit} has ${r.samples.length} samples for ${unit.seeds.length} seeds`,
        );
      else {
        seen.add(r.unit);
        results.push(r);
      }
    }
  }
  const absent = plan.units.filter((u) => !seen.has(u.index)).length;
  if (!errors.length && absent)
    errors.push(`${absent} of ${plan.units.length} units are in no shard (a shard run was cut short?)`);
  return errors.length ? { errors } : { results, errors };
}
