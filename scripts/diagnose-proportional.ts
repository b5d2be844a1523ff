/**
 * Diagnose the `proportional` Langevin sampler against the theory on one dataset
 * (docs/science/proportional.md, "Diagnosis"). For each seed: a source chain from a
 * prior draw (its last state is the source sample), then a target chain coupled to
 * it; prints the theory, each chain's ε_g, the paired mean ± s.e., and the chains'
 * diagnostics (integrated autocorrelation time τ of the per-sample test loss, ESS,
 * split-R̂, the trace's mean by quarters, and the source chain's training misfit by
 * quarters).
 * Usage: npx tsx scripts/diagnose-proportional.ts --rho=0 --gamma=10 [--eta=0.005]
 *   [--burn=800] [--samples=100] [--srcBurn=<burn>] [--seeds=4] [--every=10] [--T=0.01]
 *   [--N1=100] [--N0=100] [--alphaT=1] [--alphaS=4] [--dataset=0] [--backend=wasm|cpu]
 *   [--sampler=collapsed|gibbs] (the target and source chains' sampler, langevin.ts)
 *   [--pair=1]: two target chains per source sample, one from the source sample (a prior draw when γ = 0), one
 *   from a fresh prior draw, and their between-chain split-R̂ (a slow mode shows as two chains that disagree).
 */
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/proportional';
import { defaults, type Params } from '../src/engine/core/schema';
import { makeRng } from '../src/engine/core/rng';
import { makeDataset } from '../src/engine/chapters/proportional/data';
import { sizesOf, type ProportionalParams } from '../src/engine/chapters/proportional/params';
import { modelOf } from '../src/engine/chapters/proportional/instance';
import { scratchPoint, transferPath } from '../src/engine/chapters/proportional/theory';
import { runChains, type ChainSpec } from '../src/engine/chapters/proportional/langevin';
import { autocorrTime, effectiveSize, splitRhat } from '../src/engine/chapters/proportional/diagnostics';
import { summarize } from '../src/engine/core/stats';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const num = (k: string, d: number) => (args.has(k) ? Number(args.get(k)) : d);
const P0 = defaults(chapter.schema);
const p: Params & ProportionalParams = { ...P0 };
for (const k of [
  'rho',
  'gamma',
  'eta',
  'burn',
  'samples',
  'T',
  'N1',
  'N0',
  'alphaT',
  'alphaS',
  'dataset',
  'lam0',
  'lam1',
  'noise',
])
  if (args.has(k)) p[k] = Number(args.get(k));
const seeds = num('seeds', 4);
const every = num('every', 10);
const maxSteps = num('maxSteps', 0);
const srcBurn = num('srcBurn', p.burn);
const srcEta = num('srcEta', p.eta);
const sampler = (args.get('sampler') as 'collapsed' | 'gibbs' | undefined) ?? 'collapsed';
await setupTfNode((args.get('backend') as 'cpu' | 'wasm') ?? 'wasm');

const sz = sizesOf(p);
const ds = makeDataset(p.dataset, sz, p.rho, p.noise);
const m = modelOf(p);
const gamma = p.gamma;
const theory =
  gamma > 0 ? transferPath('diag', [gamma], () => ({ m, N1: sz.N1, gamma }))[0].eg : scratchPoint(m, sz.N1).eg;
const common = {
  N0: sz.N0,
  N1: sz.N1,
  T: p.T,
  lam0: p.lam0,
  lam1: p.lam1,
  eta: p.eta,
  every,
  sampler,
};
const hooks = { checkpoint: async () => {}, progress: () => {} };
const rng = (...k: (string | number)[]) => makeRng('proportional-diagnose', num('seed', 0), ...k);
const prior = (r: ReturnType<typeof rng>) => Float32Array.from(r.normals(sz.N1 * sz.N0, 1 / Math.sqrt(common.lam0)));
const quarters = (x: number[]) =>
  [0, 1, 2, 3]
    .map((q) =>
      summarize(x.slice(Math.floor((q * x.length) / 4), Math.floor(((q + 1) * x.length) / 4))).mean.toFixed(3),
    )
    .join(' ');

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const cpuSince = (c: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
};
let Ws: Float32Array[] | null = null;
if (gamma > 0) {
  const spec: ChainSpec = {
    ...common,
    eta: srcEta,
    X: Float32Array.from(ds.Xs),
    y: Float32Array.from(ds.ys),
    P: sz.Ps,
    gamma: 0,
    Ws: null,
    burn: srcBurn,
    samples: 0,
    maxSteps,
  };
  const res = await runChains(
    spec,
    Array.from({ length: seeds }, (_, s) => prior(rng('src-init', s))),
    Array.from({ length: seeds }, (_, s) => rng('src', s)),
    hooks,
  );
  Ws = res.map((r) => r.W);
  console.log(`source chains: CPU ${cpuSince(cpu0).toFixed(1)} s for ${seeds} × ${res[0].steps} steps`);
  res.forEach((r, s) =>
    console.log(
      `source ${s}: training misfit by quarters ${quarters(r.fitTrace)}; split-R̂ ${r.rhat.toFixed(3)}, ESS ` +
        `${r.ess.toFixed(0)}, acceptance ${r.accept.toFixed(2)}, h ${r.h.toPrecision(3)}, steps ${r.steps}`,
    ),
  );
}
const spec: ChainSpec = {
  ...common,
  X: Float32Array.from(ds.Xt),
  y: Float32Array.from(ds.yt),
  P: sz.Pt,
  gamma,
  Ws,
  burn: p.burn,
  samples: p.samples,
  Xte: Float32Array.from(ds.Xte),
  yte: Float32Array.from(ds.yte),
  Pte: ds.Pte,
  maxSteps,
};
const pair = num('pair', 0) === 1;
const cpu1 = process.cpuUsage();
const W0 = Ws ?? Array.from({ length: seeds }, (_, s) => prior(rng('tgt-init', s)));
const res = await runChains(
  { ...spec, Ws: Ws && pair ? [...Ws, ...Ws] : Ws },
  pair ? [...W0, ...W0.map((_, s) => prior(rng('tgt-init-2', s)))] : W0,
  Array.from({ length: pair ? 2 * seeds : seeds }, (_, s) => (s < seeds ? rng('tgt', s) : rng('tgt-2', s - seeds))),
  hooks,
);
const tgtCpu = cpuSince(cpu1);
const tgtSteps = res.reduce((a, r) => a + r.steps, 0);
const tauSteps = res.map((r) => autocorrTime(r.trace) * every);
const essAll = res.reduce((a, r) => a + effectiveSize(r.trace), 0);
console.log(
  `target chains (${sampler}): CPU ${tgtCpu.toFixed(1)} s for ${tgtSteps} chain-steps ` +
    `(${((1000 * tgtCpu) / tgtSteps).toFixed(2)} ms per chain-step); tau in steps ` +
    `${tauSteps.map((x) => x.toFixed(0)).join(' ')}; ESS ${essAll.toFixed(0)} in all, ` +
    `${(essAll / tgtCpu).toFixed(2)} per CPU s`,
);
const egs = pair ? res.slice(0, seeds).map((r, s) => (r.eg + res[s + seeds].eg) / 2) : res.map((r) => r.eg);
if (pair)
  res.slice(0, seeds).forEach((r, s) => {
    const q = res[s + seeds];
    console.log(
      `pair ${s}: from W_s ${r.eg.toFixed(4)}, from a prior draw ${q.eg.toFixed(4)}, between-chain split-R̂ ` +
        `${splitRhat([r.trace, q.trace]).toFixed(3)}`,
    );
  });
res.forEach((r, s) =>
  console.log(
    `target ${s}: eps_g ${r.eg.toFixed(4)}, steps ${r.steps} (burn-in ${r.burnUsed}), acceptance ` +
      `${r.accept.toFixed(2)}, h ${r.h.toPrecision(3)}, tau ${autocorrTime(r.trace).toFixed(1)} samples, ESS ` +
      `${effectiveSize(r.trace).toFixed(0)} of ${r.trace.length}, split-R̂ ${splitRhat([r.trace]).toFixed(3)}; ` +
      `by quarters ${quarters(r.trace)}; train misfit by quarters ${quarters(r.fitTrace)}`,
  ),
);
const s = summarize(egs);
console.log(
  `rho=${p.rho} gamma=${gamma} eta=${p.eta} T=${p.T} burn=${p.burn} srcBurn=${srcBurn} srcEta=${srcEta} ` +
    `samples=${p.samples} every=${every} seeds=${seeds}: sim ${s.mean.toFixed(4)} ± ${s.err.toFixed(4)}, theory ` +
    `${theory.toFixed(4)}, z ${((s.mean - theory) / s.err).toFixed(2)}, split-R̂ (all chains) ` +
    `${splitRhat(res.map((r) => r.trace)).toFixed(3)}; ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ` +
    `CPU ${cpuSince(cpu0).toFixed(1)} s`,
);
