/**
 * CHMM chapter timings (issue 3): theory cold start and redraw after an α or λ
 * move, source training time, and the time to the first complete learning-curve
 * figure (5 seeds × 8 α) on a tfjs backend in Node.
 *   npx tsx scripts/bench-chmm.ts [--backend=cpu|wasm] [--N=50] [--redrawN=200] [--sim=1]
 * Finite-size memo (docs/science/chmm.md, "Finite size"): writes the finite-size figure's per-instance
 * measurements at the larger N into src/engine/chapters/chmm/finiteSizeCache.json (deterministic: the same
 * code and streams as a live run with master seed 1; minutes per N at N ≥ 160):
 *   npx tsx scripts/bench-chmm.ts --finite-size-cache=20,28,40,56,80,113,160 [--seeds=5] [--out=<file>]
 * Several processes (--seed-list, each with its own --out) are merged into the memo, instance by instance (an
 * instance two files both hold must agree to the bit):
 *   npx tsx scripts/bench-chmm.ts --merge=/tmp/a.json,/tmp/b.json [--out=<file>]
 * A visit and a second visit (issue 14): time to the first simulated point of the learning curves, with the
 * source network kept in a persistent store on disk (as the page keeps it in IndexedDB); run it twice with the
 * same directory, in two processes (nothing in memory carries over, as after a reload):
 *   npx tsx scripts/bench-chmm.ts --visit=<dir> [--N=200] [--backend=wasm]
 */
import * as tf from '@tensorflow/tfjs-core';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/chmm';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, runFigure } from '../src/engine/core/simRunner';
import { makeRng } from '../src/engine/core/rng';
import { sim, sourceErrors } from '../src/engine/chapters/chmm/sim';
import type { ChmmParams } from '../src/engine/chapters/chmm/params';
import type { ArrayStore } from '../src/engine/core/arrayStore';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')) as [string, string][],
);
const backend = (args.backend ?? 'wasm') as 'cpu' | 'wasm';
const N = Number(args.N ?? 50);
const redrawN = Number(args.redrawN ?? 200);
const doSim = args.sim !== '0';

if (args.merge) {
  const { writeFileSync, readFileSync } = await import('node:fs');
  const file = args.out ?? 'src/engine/chapters/chmm/finiteSizeCache.json';
  type Memo = { key: string; rows: Record<string, unknown[]> };
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Memo;
  const out = read(file);
  for (const f of args.merge.split(',')) {
    const part = read(f);
    if (part.key !== out.key) throw new Error(`${f} was made with other parameters`);
    for (const [n, rows] of Object.entries(part.rows)) {
      const into = (out.rows[n] ??= []);
      rows.forEach((g, s) => {
        if (g === null || g === undefined) return;
        if (into[s] != null && JSON.stringify(into[s]) !== JSON.stringify(g))
          throw new Error(`N=${n} seed ${s} differs between ${f} and ${file}`);
        into[s] = g;
      });
      console.log(`N=${n}: ${into.filter((g) => g != null).length} instances`);
    }
  }
  writeFileSync(file, JSON.stringify(out, null, 0) + '\n');
  process.exit(0);
}

if (args['finite-size-cache']) {
  const { writeFileSync, readFileSync, existsSync } = await import('node:fs');
  const { instanceGap } = await import('../src/engine/chapters/chmm/finiteSize');
  const { FROZEN_DRAWS } = await import('../src/engine/chapters/chmm/sim');
  const { cacheParamsKey, FS_CACHE_SEED } = await import('../src/engine/chapters/chmm/finiteSizeCache');
  const file = args.out ?? 'src/engine/chapters/chmm/finiteSizeCache.json';
  const base = defaults(chapter.schema);
  const out = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { key?: string; rows: Record<number, unknown[]> })
    : { key: cacheParamsKey(base), rows: {} };
  if (!out.key) out.key = cacheParamsKey(base);
  if (out.key !== cacheParamsKey(base)) throw new Error('cache made with other defaults: delete it first');
  const seeds = Number(args.seeds ?? 5);
  // --seed-list=3,4: only these seed indices (several processes can share one N; merge their files after).
  const seedList = args['seed-list'] ? args['seed-list'].split(',').map(Number) : [...Array(seeds).keys()];
  for (const n of args['finite-size-cache'].split(',').map(Number)) {
    const rows: unknown[] = (out.rows[n] ?? []).slice();
    for (const s of seedList) {
      const t0 = performance.now();
      const g = instanceGap({ ...base, N: n }, s, (...k) => makeRng(chapter.id, FS_CACHE_SEED, ...k), FROZEN_DRAWS);
      rows[s] = g;
      console.log(
        `N=${n} seed ${s}: label ${(g.thLabel - g.sim).toFixed(4)} sign ${(g.thSign - g.sim).toFixed(4)} sim ` +
          `${g.sim.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
      out.rows[n] = rows;
      writeFileSync(file, JSON.stringify(out, null, 0) + '\n');
    }
  }
  process.exit(0);
}

if (args.visit) {
  const { existsSync, mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { createHash } = await import('node:crypto');
  const dir = args.visit;
  mkdirSync(dir, { recursive: true });
  const fileOf = (key: string) => join(dir, createHash('sha256').update(key).digest('hex').slice(0, 16) + '.bin');
  const stored: string[] = [];
  // One file per key: a count, the arrays' lengths, then their bytes.
  const store: ArrayStore = {
    get(key) {
      if (!existsSync(fileOf(key))) return Promise.resolve(undefined);
      const buf = readFileSync(fileOf(key));
      const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      const n = new Uint32Array(bytes, 0, 1)[0];
      const lengths = new Uint32Array(bytes, 4, n);
      let at = 4 + 4 * n;
      return Promise.resolve(
        [...lengths].map((len) => {
          const a = new Float32Array(bytes.slice(at, at + 4 * len));
          at += 4 * len;
          return a;
        }),
      );
    },
    put(key, arrays) {
      stored.push(key);
      const head = new Uint32Array([arrays.length, ...arrays.map((a) => a.length)]);
      writeFileSync(
        fileOf(key),
        Buffer.concat([head, ...arrays].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))),
      );
      return Promise.resolve();
    },
  };
  await setupTfNode(backend);
  const curvesFig = chapter.figures.find((f) => f.id === 'curves')!;
  const p = { ...defaults(chapter.schema), N };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let first: { wall: number; cpu: number } | undefined;
  const cpuS = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  await runFigure(chapter, curvesFig, sim, p, {
    seed: 1,
    seeds: 5,
    cache: makeSimCache(),
    store,
    units: [0],
    onPoint: () => {
      first ??= { wall: (performance.now() - t0) / 1000, cpu: cpuS() };
    },
  });
  console.log(
    `N=${N}, ${tf.getBackend()}: first point after ${first?.wall.toFixed(1)} s wall, ${first?.cpu.toFixed(1)} s cpu; ` +
      (stored.length
        ? `source network trained and stored (${stored.join(', ')})`
        : 'source network read from the store'),
  );
  process.exit(0);
}

const ms = (t0: number) => (performance.now() - t0).toFixed(1);
const curves = chapter.figures.find((f) => f.id === 'curves')!;
const P0: ChmmParams = {
  ...defaults(chapter.schema),
  N,
  ...(args.steps ? { steps: Number(args.steps) } : {}),
  ...(args.ft ? { ftSteps: Number(args.ft) } : {}),
};

function theoryTimings(n: number) {
  const p = { ...P0, N: n };
  const xs = curves.grid(p);
  let t0 = performance.now();
  curves.theory(p, xs);
  console.log(`theory cold at N=${n} (source training + 2 spectra, MC): ${ms(t0)} ms`);
  t0 = performance.now();
  curves.theory({ ...p, alpha: 2 }, xs);
  console.log(`theory redraw after an α move at N=${n}: ${ms(t0)} ms`);
  t0 = performance.now();
  curves.theory({ ...p, lam: 0.5 }, xs);
  console.log(`theory redraw after a λ move at N=${n}: ${ms(t0)} ms`);
  t0 = performance.now();
  curves.theory({ ...p, dth: 0.3 }, xs);
  console.log(`theory after a correlation-knob move at N=${n} (new MC covariances + eigendecomposition): ${ms(t0)} ms`);
  t0 = performance.now();
  curves.theory({ ...p, dth: 0.3, cov: 'analytic' }, xs);
  console.log(`  same with the analytic two-step linearisation: ${ms(t0)} ms`);
}

theoryTimings(N);
if (redrawN !== N) theoryTimings(redrawN);

if (doSim) {
  await setupTfNode(backend);
  console.log(`tfjs backend: ${tf.getBackend()}`);
  const cache = makeSimCache();
  const ctx = {
    rng: (...k: (string | number)[]) => makeRng('chmm', 1, ...k),
    checkpoint: async () => {},
    progress: () => {},
    cache,
    notice: () => {},
  };
  let t0 = performance.now();
  const errs = await sourceErrors(P0, [0, 1, 2, 3, 4], ctx);
  console.log(
    `source network (shared by theory and simulations, float64 TS; N=${N}, P_s=${P0.alphaS * N}, ${P0.steps} ` +
      `steps): ${ms(t0)} ms; its test error on 5 source test sets ${errs.map((e) => e.toFixed(3)).join(' ')}`,
  );
  const cache2 = makeSimCache();
  t0 = performance.now();
  let first = 0;
  const pts = await runFigure(chapter, curves, sim, P0, {
    seed: 1,
    seeds: 5,
    cache: cache2,
    onPoint: () => {
      if (!first) first = performance.now() - t0;
    },
  });
  console.log(
    `first streamed point after ${first.toFixed(0)} ms; complete learning-curve figure (5 seeds × 8 α, 4 ` +
      `protocols, N=${N}): ${ms(t0)} ms`,
  );
  for (const pt of pts) console.log(`  ${pt.series.padEnd(14)} α=${pt.x}  ${pt.y.toFixed(3)} ± ${pt.err.toFixed(3)}`);
  t0 = performance.now();
  await runFigure(chapter, curves, sim, { ...P0, lam: 0.5 }, { seed: 1, seeds: 5, cache: cache2, onPoint: () => {} });
  console.log(`re-run after a λ move (source cached): ${ms(t0)} ms; tensors alive: ${tf.memory().numTensors}`);
}
