/**
 * `npm run -s curve -- <chapter> [--fig=<id>] [--x=<param>[:v1,v2,…]] [--<param>=<value> …] [--sim] [--seed=S]
 *   [--format=json|csv] [--backend=wasm|cpu] [--jobs=N] [--shard=i/n]`
 * `npm run -s curve -- merge <shard files…> [--format=json|csv]`
 * Prints a figure's data with the same engine code the app's workers run. Exit status: 0 done, 2 bad
 * arguments or shard files (the message names the flag or file), 1 a failure while computing.
 */
import { readFile } from 'node:fs/promises';
import { chapters } from '../engine/chapters';
import { toCsv, type FigureData } from '../engine/core/figureData';
import { rangeText } from '../engine/core/schema';
import { parseCurveArgs, FORMATS, type CurveArgs, type Format } from './args';
import { assemble, prepareSim, type SimSetup } from './compute';
import { choiceFlag, splitFlags } from './flags';
import { writeAll } from './output';
import { makeProgress } from './progress';
import { runUnits } from './run';
import { checkCoverage, readShard, requestKey, shardJson, shardUnits, type ShardFile } from './shard';

const USAGE = [
  'usage: npm run -s curve -- <chapter> [--fig=<id>] [--x=<param>[:v1,v2,…]] [--<param>=<value> …] [--sim] [--seed=S]',
  '                           [--format=json|csv] [--backend=wasm|cpu] [--jobs=N] [--shard=i/n]',
  '       npm run -s curve -- merge <shard.json …> [--format=json|csv]',
  "       npm run -s curve -- --help   (every chapter's figures and flags with their ranges)",
].join('\n');

class UsageError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

async function main(argv: string[]): Promise<string> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return help();
  if (argv[0] === 'merge') return merge(argv.slice(1));
  const { args, errors } = parseCurveArgs(argv, chapters);
  if (!args) throw new UsageError(errors);
  for (const n of args.notes) note(n);
  if (!args.sim) return print(args, assemble(args, undefined, undefined));
  const setup = await prepareSim(args);
  const units = args.shard ? shardUnits(setup.plan, args.shard) : setup.plan.units;
  const notices = new Set<string>();
  const progress = makeProgress(
    process.stderr,
    args.shard ? `shard ${args.shard.index}/${args.shard.count}` : 'simulating',
  );
  const results = await runUnits(args, setup, units, {
    onProgress: (d, t) => progress.update(d, t),
    onNotice: (t) => notices.add(t),
  });
  progress.finish();
  if (args.shard) {
    for (const n of notices) note(n);
    return shardJson(args, setup.plan, results, [...notices]);
  }
  return print(args, assemble(args, setup, results), notices);
}

async function merge(words: string[]): Promise<string> {
  const flags = splitFlags(words);
  const formatOverride = flags.values.has('format') ? choiceFlag<Format>(flags, 'format', FORMATS, 'json') : undefined;
  for (const k of flags.values.keys())
    if (k !== 'format') flags.errors.push(`merge: unknown flag --${k} (merge takes shard files and --format)`);
  if (!flags.positional.length) flags.errors.push('merge: give the shard files, e.g. merge shard-*.json');
  if (flags.errors.length) throw new UsageError(flags.errors);
  const files: { name: string; file: ShardFile }[] = [];
  const errors: string[] = [];
  for (const name of flags.positional) {
    let text: string;
    try {
      text = await readFile(name, 'utf8');
    } catch (e) {
      errors.push(`${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const r = readShard(name, text);
    errors.push(...r.errors);
    if (r.file) files.push({ name, file: r.file });
  }
  if (errors.length) throw new UsageError(errors);
  const parsed = files.map(({ name, file }) => ({ name, ...parseCurveArgs(file.request, chapters) }));
  for (const p of parsed) if (!p.args) errors.push(...p.errors.map((e) => `${p.name}: its request is not valid: ${e}`));
  if (errors.length) throw new UsageError(errors);
  const first = parsed[0].args as CurveArgs;
  for (const p of parsed.slice(1)) {
    if (requestKey(p.args!) !== requestKey(first))
      errors.push(
        `${p.name}: a different request from ${parsed[0].name} (${p.args!.request.join(' ')} vs ` +
          `${first.request.join(' ')})`,
      );
  }
  if (errors.length) throw new UsageError(errors);
  const args: CurveArgs = { ...first, format: formatOverride ?? first.format };
  const setup: SimSetup = await prepareSim(args);
  const coverage = checkCoverage(files, setup.plan);
  if (!coverage.results) throw new UsageError(coverage.errors);
  return print(args, assemble(args, setup, coverage.results), new Set(files.flatMap((f) => f.file.notices)));
}

function print(
  args: CurveArgs,
  out: { data: FigureData; notices: string[] },
  simNotices: Set<string> = new Set(),
): string {
  for (const n of new Set([...out.notices, ...simNotices])) note(n);
  return args.format === 'csv' ? toCsv(out.data) : `${JSON.stringify(out.data)}\n`;
}

/** Usage, then every chapter's figures and flags with their ranges (the schema, as the sliders show it). */
function help(): string {
  const lines = [USAGE, ''];
  for (const ch of chapters.filter((c) => c.status === 'ready')) {
    lines.push(`${ch.id}: --fig=${ch.figures.map((f) => f.id).join('|')}`);
    for (const p of ch.schema)
      lines.push(
        `  --${p.name}=${rangeText(p)} (default ` +
          `${p.default}${p.aliases?.length ? `; formerly ${p.aliases.join(', ')}` : ''}): ${p.label}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function note(text: string): void {
  process.stderr.write(`note: ${text}\n`);
}

async function run(): Promise<number> {
  // stdout carries only the data: a stray console.log (a library, a debugging line) goes to stderr.
  console.log = console.error;
  try {
    const text = await main(process.argv.slice(2));
    await writeAll(process.stdout, text);
    await writeAll(process.stderr, '');
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      for (const e of err.errors) process.stderr.write(`error: ${e}\n`);
      await writeAll(process.stderr, `${USAGE}\n`);
      return 2;
    }
    await writeAll(process.stderr, `error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

// Exit only once stdout has taken everything (see output.ts); worker threads are already terminated.
void run().then((code) => process.exit(code));
