/**
 * `npm run -s curve -- <chapter> [--fig=<id>] [--x=<param>[:v1,v2,…]] [--<param>=<value> …] [--sim] [--seed=S] [--format=json|csv]`
 * Prints a figure's data with the same engine code the app's workers run.
 */
import { chapters } from '../engine/chapters';
import { figureData, toCsv } from '../engine/core/figureData';
import { computeCurve } from './compute';
import { withSimOverlay } from '../engine/core/overlay';
import { parseCurveArgs } from './args';
import { setupTfNode } from './tfNode';

async function main(argv: string[]): Promise<number> {
  const { args, errors } = parseCurveArgs(argv, chapters);
  if (!args) {
    for (const e of errors) process.stderr.write(`error: ${e}\n`);
    process.stderr.write('usage: npm run -s curve -- <chapter> [--fig=<id>] [--x=<param>[:v1,v2,…]] [--<param>=<value> …] [--sim] [--seed=S] [--format=json|csv]\n');
    return 2;
  }
  if (args.sim) await setupTfNode(args.backend);
  const { theory, points, notices } = await computeCurve(args);
  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  const data = figureData(args.chapter, args.fig, args.params, withSimOverlay(args.fig, theory, points, args.params) ?? undefined, points, args.sim ? args.seed : undefined);
  if (args.x && args.x.name !== data.x.name) data.x.name = args.x.name;
  process.stdout.write(args.format === 'csv' ? toCsv(data) : `${JSON.stringify(data)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
