/**
 * Reproduces the reference tables (docs/science/chmm.md) with the
 * chapter's OWN simulation module (src/engine/chapters/chmm/sim.ts, called the
 * way core/simRunner.ts `runFigure` calls it: same ctx, same rng streams, seed
 * batches of sim.seedBatch), at the reference settings (docs/science/chmm.md, Reference numbers):
 *   N = 200, D = 100, K = 200, tanh / erf, α_s = 10, ridge λ = 0.1,
 *   source and scratch: full-batch Adam 300 steps lr 0.02 L2 1e-3,
 *   fine-tuning: 100 Adam steps lr 0.005, 5000 test samples.
 * Table 1: identical tasks (TF, RF, 2L scratch, FT); table 2: dth = 0.5, dF = 0.3
 * (TF, RF, 2L; fine-tuning is not reported there, so it runs with the minimum
 * ftSteps to save time). The source networks are cached across the two tables
 * (the source task does not depend on the correlation knobs).
 * Prints sim mean ± s.e. vs the reference per protocol and α, and whether they
 * agree within 2 combined standard errors. Note: the chapter's simulations now
 * share one reference instance (one source network and random first layer for
 * all seeds, docs/science/chmm.md "Protocols"), while the reference table
 * averages five independent instances; cells depending on the source network
 * (transfer, fine-tuning) can differ by the instance-to-instance spread. Partial tables are printed after
 * every seed batch, so a run cut short still reports.
 *   npx tsx scripts/check-chmm-reference.ts [--seeds=10] [--backend=wasm|cpu] [--tables=1,2] [--seed=1]
 *   [--maxMinutes=25]
 */
import * as tf from '@tensorflow/tfjs-core';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/chmm';
import { sim, sourceErrors } from '../src/engine/chapters/chmm/sim';
import { FIG_CURVES, type ChmmParams } from '../src/engine/chapters/chmm/params';
import type { SimContext, SimSample } from '../src/engine/core/chapter';
import { makeRng } from '../src/engine/core/rng';
import { defaults, parseStrict } from '../src/engine/core/schema';
import { makeSimCache } from '../src/engine/core/simRunner';
import { mean, stderr } from '../src/engine/core/stats';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')) as [string, string][],
);
const backend = (args.backend ?? 'wasm') as 'cpu' | 'wasm';
const nSeeds = Number(args.seeds ?? 10);
const masterSeed = Number(args.seed ?? 1);
const tables = (args.tables ?? '1,2').split(',').map(Number);
const maxMinutes = Number(args.maxMinutes ?? 25);

type Ref = [number, number];
type Proto = 'transfer' | 'random' | 'scratch' | 'finetune';
interface RefTable {
  name: string;
  /** Reference settings as schema strings (validated by parseStrict: out-of-range values would be errors). */
  raw: Record<string, string>;
  protocols: Proto[];
  rows: { alpha: number; ref: Partial<Record<Proto, Ref>> }[];
}

// Reference settings (docs/science/chmm.md, Reference numbers), in schema names. All are inside the schema's ranges.
const SPEC_RAW = {
  N: '200',
  delta: '0.5',
  width: '1',
  alphaS: '10',
  lam: '0.1',
  noise: '0',
  steps: '300',
  ftSteps: '100',
  nTest: '5000',
};

const TABLES: Record<number, RefTable> = {
  1: {
    name: 'Table 1 — identical tasks',
    raw: { ...SPEC_RAW },
    protocols: ['transfer', 'random', 'scratch', 'finetune'],
    rows: [
      {
        alpha: 0.5,
        ref: { transfer: [0.17, 0.004], random: [0.315, 0.007], scratch: [0.29, 0.005], finetune: [0.111, 0.003] },
      },
      {
        alpha: 1,
        ref: { transfer: [0.149, 0.005], random: [0.249, 0.009], scratch: [0.211, 0.006], finetune: [0.118, 0.003] },
      },
      {
        alpha: 2,
        ref: { transfer: [0.135, 0.004], random: [0.194, 0.004], scratch: [0.159, 0.002], finetune: [0.114, 0.003] },
      },
      {
        alpha: 4,
        ref: { transfer: [0.122, 0.005], random: [0.157, 0.005], scratch: [0.123, 0.002], finetune: [0.106, 0.002] },
      },
    ],
  },
  2: {
    name: 'Table 2 — dth = 0.5, dF = 0.3',
    // fine-tuning is not in this table: run it with the schema's minimum steps (its numbers are ignored)
    raw: { ...SPEC_RAW, dth: '0.5', dF: '0.3', ftSteps: '10' },
    protocols: ['transfer', 'random', 'scratch'],
    rows: [
      { alpha: 0.5, ref: { transfer: [0.276, 0.011], random: [0.33, 0.01], scratch: [0.292, 0.012] } },
      { alpha: 1, ref: { transfer: [0.231, 0.009], random: [0.262, 0.007], scratch: [0.22, 0.007] } },
      { alpha: 2, ref: { transfer: [0.19, 0.006], random: [0.198, 0.005], scratch: [0.155, 0.003] } },
      { alpha: 4, ref: { transfer: [0.17, 0.002], random: [0.162, 0.002], scratch: [0.115, 0.003] } },
    ],
  },
};
const SOURCE_REF: Ref = [0.101, 0.003];

function paramsOf(t: RefTable): ChmmParams {
  const { params, errors } = parseStrict(chapter.schema, t.raw);
  if (errors.length) throw new Error(`reference settings rejected by the schema: ${errors.join('; ')}`);
  // parseStrict starts from the defaults and checked every value against its parameter: the same object, typed.
  return { ...defaults(chapter.schema), ...params };
}

const f3 = (x: number) => x.toFixed(3);
const t0 = performance.now();
const elapsedMin = () => (performance.now() - t0) / 60000;

/** results[table][alpha][protocol] = per-seed errors. */
const results = new Map<number, Map<number, Record<Proto, number[]>>>();
const sourceErrs: number[] = [];

function agreeText(xs: number[], ref: Ref | undefined): string {
  if (!xs.length) return 'not run';
  const m = mean(xs);
  const se = stderr(xs);
  if (!ref) return `${f3(m)} ± ${f3(se)}`;
  const comb = Math.hypot(se, ref[1]);
  const z = comb > 0 ? (m - ref[0]) / comb : NaN;
  const ok = Math.abs(m - ref[0]) <= 2 * comb;
  return (
    `${f3(m)} ± ${f3(se)} vs ${f3(ref[0])} ± ${f3(ref[1])}  Δ=${(m - ref[0] >= 0 ? '+' : '') + f3(m - ref[0])} ` +
    `z=${z.toFixed(1)} ${ok ? 'OK' : 'DIFF'}`
  );
}

function report(final: boolean): void {
  console.log(
    `\n==== ${final ? 'FINAL' : 'partial'} results after ${elapsedMin().toFixed(1)} min (backend ` +
      `${tf.getBackend()}, master seed ${masterSeed}) ====`,
  );
  if (sourceErrs.length)
    console.log(`source net test error on source (${sourceErrs.length} seeds): ${agreeText(sourceErrs, SOURCE_REF)}`);
  let n = 0;
  let ok = 0;
  for (const ti of tables) {
    const t = TABLES[ti];
    const byAlpha = results.get(ti);
    console.log(`\n${t.name}`);
    for (const row of t.rows) {
      for (const pr of t.protocols) {
        const xs = byAlpha?.get(row.alpha)?.[pr] ?? [];
        const ref = row.ref[pr];
        console.log(
          `  α=${String(row.alpha).padEnd(4)} ${pr.padEnd(9)} n=${String(xs.length).padEnd(3)} ${agreeText(xs, ref)}`,
        );
        if (xs.length && ref) {
          n++;
          if (Math.abs(mean(xs) - ref[0]) <= 2 * Math.hypot(stderr(xs), ref[1])) ok++;
        }
      }
    }
  }
  console.log(`\n${ok}/${n} cells agree within 2 combined standard errors`);
}

await setupTfNode(backend);
console.log(
  `tfjs backend ${tf.getBackend()}; ${nSeeds} seeds in batches of ${sim.seedBatch}; tables ${tables.join(',')}`,
);
const cache = makeSimCache(64);
// The same context runFigure builds (core/simRunner.ts), without cancellation.
const ctx: SimContext = {
  rng: (...keys) => makeRng(chapter.id, masterSeed, ...keys),
  checkpoint: () => new Promise<void>((r) => setTimeout(r, 0)),
  progress: () => {},
  cache,
  notice: (t) => console.log(`notice: ${t}`),
};

const batch = Math.max(1, sim.seedBatch ?? 1);
let stopped = false;
for (let s0 = 0; s0 < nSeeds && !stopped; s0 += batch) {
  const seeds = Array.from({ length: Math.min(batch, nSeeds - s0) }, (_, i) => s0 + i);
  for (const ti of tables) {
    if (elapsedMin() > maxMinutes) {
      console.log(`time limit (${maxMinutes} min) reached before table ${ti}, seeds ${seeds.join(',')}: stopping`);
      stopped = true;
      break;
    }
    const t = TABLES[ti];
    const p = paramsOf(t);
    if (ti === tables[0]) {
      const tS = performance.now();
      sourceErrs.push(...(await sourceErrors(p, seeds, ctx)));
      console.log(
        `[${elapsedMin().toFixed(1)} min] seeds ${seeds.join(',')}: source nets trained in ` +
          `${((performance.now() - tS) / 1000).toFixed(0)} s`,
      );
    }
    if (!results.has(ti)) results.set(ti, new Map());
    for (const row of t.rows) {
      const tR = performance.now();
      const task = { key: `alpha=${row.alpha}`, x: row.alpha, params: { ...p, alpha: row.alpha } };
      const samples: SimSample[] = await sim.run(FIG_CURVES, task, seeds, ctx);
      const byAlpha = results.get(ti)!;
      if (!byAlpha.has(row.alpha)) byAlpha.set(row.alpha, { transfer: [], random: [], scratch: [], finetune: [] });
      const acc = byAlpha.get(row.alpha)!;
      for (const s of samples) for (const pr of t.protocols) if (Number.isFinite(s[pr])) acc[pr].push(s[pr]);
      console.log(
        `[${elapsedMin().toFixed(1)} min] table ${ti} α=${row.alpha} seeds ${seeds.join(',')} ` +
          `(${((performance.now() - tR) / 1000).toFixed(0)} s): ` +
          t.protocols.map((pr) => `${pr} ${samples.map((s) => f3(s[pr])).join(' ')}`).join(' | '),
      );
    }
  }
  report(false);
}
report(true);
console.log(`tensors alive: ${tf.memory().numTensors}`);
