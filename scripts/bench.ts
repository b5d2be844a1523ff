/**
 * `npm run bench`: prints the foundation's figures (it is not a test; nothing asserts on time).
 *  - main bundle size (gzip), tfjs kept out of it
 *  - time to first theory curve on `vite preview` in headless Chromium
 *  - slider → redraw latency (median / p95 over 60 moves)
 *  - training throughput per tfjs backend (GFLOP/s, reference MLP step)
 *  - wall time of the default linear figure's simulations on the chosen backend
 *  - pool scaling: each chapter's default figure with 1 and 2 training workers (first point, done, same numbers)
 *    in the browser, and on idle cores emulated in Node (`--pool` runs only that)
 *  - tf.memory().numTensors before / after 200 parameter changes
 * Then each chapter's own bench script (scripts/bench-<chapter>.ts) when present, and
 * scripts/bench-preview.ts (slider → redraw for theory computed in the worker; preview error).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { startPreview } from './previewServer';
import { launchOptions, WEBGPU_FLAGS } from '../e2e/browser';
import { setupTfNode } from '../src/cli/tfNode';
import { chapters } from '../src/engine/chapters';
import { defaults } from '../src/engine/core/schema';
import {
  makeSimCache,
  mergeUnits,
  planFigure,
  runUnit,
  seedCount,
  type UnitResult,
} from '../src/engine/core/simRunner';
import { pickUnit } from '../src/workers/pool';
import type { ExplorableHandle } from '../src/main';

/** The app's test handle, as `page.evaluate` sees it. */
type AppWindow = { __explorable: ExplorableHandle };

const PORT = 4174;
const URL = `http://localhost:${PORT}/`;
const rows: [string, string][] = [];
const say = (k: string, v: string) => {
  rows.push([k, v]);
  console.log(`${k.padEnd(58)} ${v}`);
};

// `--pool`: only the emulated pool scaling (Node, wasm), no browser.
if (process.argv.includes('--pool')) {
  await poolEmulation();
  process.exit(0);
}

if (!process.argv.includes('--no-build')) execSync('npx vite build', { stdio: 'ignore' });
const assets = readdirSync('dist/assets');
const mainJs = assets.find((f) => /^index-.*\.js$/.test(f))!;
const mainGz = gzipSync(readFileSync(`dist/assets/${mainJs}`)).length;
say('main bundle (gzip)', `${(mainGz / 1024).toFixed(1)} KB (goal ≤ 250 KB)`);
say(
  'tfjs in main bundle?',
  /registerKernel|registerBackend/.test(readFileSync(`dist/assets/${mainJs}`, 'utf8')) ? 'YES' : 'no (worker only)',
);
const worker = assets.find((f) => /^training\.worker-.*\.js$/.test(f));
if (worker)
  say('training worker (gzip)', `${(gzipSync(readFileSync(`dist/assets/${worker}`)).length / 1024).toFixed(1)} KB`);

const preview = await startPreview(PORT);
try {
  const browser = await chromium.launch(launchOptions(WEBGPU_FLAGS));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // tsx keeps function names with a `__name` helper that does not exist inside the page.
  await page.addInitScript('globalThis.__name = (f) => f;');

  // First theory curve: from navigation start to the first drawn theory path.
  await page.goto(`${URL}?chapter=linear&autorun=0`);
  await page.waitForSelector('path[data-series^="theory:"]');
  const firstCurve = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return performance.now() - nav.startTime;
  });
  say('time to first theory curve (linear, cold page load)', `${firstCurve.toFixed(0)} ms`);

  say('slider → redrawn theory, linear:curves (median / p95)', await sliderLatency(page, 'theta'));
  await page.goto(`${URL}?chapter=linear&fig=phase&autorun=0`);
  await page.waitForSelector('rect.cell');
  say('slider → redrawn theory, linear:phase (median / p95)', await sliderLatency(page, 'noise'));

  // Throughput per backend (same worker, same reference step).
  await page.goto(`${URL}?chapter=linear&autorun=0`);
  await page.waitForFunction(
    () => !/starting/.test(document.querySelector('[data-testid=backend]')?.textContent ?? 'starting'),
  );
  say(
    'backend chosen by adapter + warm-up',
    `${await page.textContent('[data-testid=backend]')} (${await page.getAttribute('.backend', 'title')})`,
  );
  for (const b of ['wasm', 'webgl', 'cpu', 'webgpu'] as const) {
    const r = (await page.evaluate(
      (name) => (window as unknown as AppWindow).__explorable.sims.throughput(name),
      b,
    )) as {
      msPerStep?: number;
      gflops?: number;
      error?: string;
    };
    say(
      `throughput ${b} (2-layer MLP step P=1000 N=250 H=100)`,
      r.error ? `unavailable: ${r.error}` : `${r.gflops!.toFixed(2)} GFLOP/s (${r.msPerStep!.toFixed(0)} ms/step)`,
    );
  }

  // Default figure: simulations of the default linear link on the chosen backend.
  for (const q of ['chapter=linear', 'chapter=linear&points=exact', 'chapter=chmm']) {
    const t0 = Date.now();
    await page.goto(`${URL}?${q}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, {
      timeout: 600_000,
    });
    const wall = await page.evaluate(
      () => (window as unknown as AppWindow).__explorable.store.getState().run.wallMs as number,
    );
    say(
      `default figure simulations (?${q})`,
      `${(wall / 1000).toFixed(1)} s in the worker, ${((Date.now() - t0) / 1000).toFixed(1)} s from page load, on ` +
        `${await page.textContent('[data-testid=backend]')}`,
    );
  }

  // Pool scaling: each chapter's default figure with 1 and 2 training workers (?workers=N): time from the run's
  // start (backend ready) to its first simulated point and to done, and whether the numbers are the same.
  for (const ch of ['linear', 'chmm', 'proportional', 'depth']) {
    const runs: { first: number; done: number; points: string }[] = [];
    for (const n of [1, 2]) {
      await page.goto(`${URL}?chapter=${ch}&workers=${n}`);
      runs.push(
        await page.evaluate(async () => {
          const ex = (window as unknown as AppWindow).__explorable;
          let start = 0;
          let first = 0;
          for (;;) {
            const s = ex.store.getState();
            const now = performance.now();
            if (!start && s.run.status === 'running' && !/starting/.test(s.backendInfo.name)) start = now;
            if (start && !first && Object.keys(s.run.points).length) first = now;
            if (start && s.run.status === 'done') {
              const pts = Object.entries(s.run.points)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, p]) => `${k}:${p.y}:${p.err}:${p.seeds}`);
              return { first: first - start, done: now - start, points: pts.join(';') };
            }
            await new Promise((r) => setTimeout(r, 50));
          }
        }),
      );
    }
    const f = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    say(
      `pool scaling ${ch} (first point / done): 1 worker | 2 workers`,
      `${f(runs[0].first)} / ${f(runs[0].done)} | ${f(runs[1].first)} / ${f(runs[1].done)}; same numbers: ` +
        `${runs[0].points === runs[1].points ? 'yes' : 'NO'}`,
    );
  }

  // Memory: 200 parameter changes (each starts and supersedes a run), then let the last one finish.
  await page.goto(`${URL}?chapter=linear&d=50&steps=500&seeds=2`);
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, {
    timeout: 300_000,
  });
  const before = await page.evaluate(() => (window as unknown as AppWindow).__explorable.sims.memory());
  for (let i = 0; i < 200; i++) {
    await page.evaluate(
      (k) => (window as unknown as AppWindow).__explorable.store.getState().setParam('theta', 10 + (k % 60)),
      i,
    );
    if (i % 10 === 0) await page.waitForTimeout(300); // let some runs start (and be cancelled mid-training)
  }
  await page.evaluate(() => (window as unknown as AppWindow).__explorable.store.getState().setParam('theta', 22.5));
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, {
    timeout: 300_000,
  });
  const after = await page.evaluate(() => (window as unknown as AppWindow).__explorable.sims.memory());
  say('tf.memory().numTensors before / after 200 parameter changes', `${before.numTensors} / ${after.numTensors}`);
  await browser.close();
} finally {
  preview.stop();
}

for (const ch of ['chmm', 'proportional', 'depth', 'preview']) {
  const script = `scripts/bench-${ch}.ts`;
  if (!existsSync(script)) continue;
  console.log(`\n— ${ch} —`);
  try {
    execSync(`npx tsx ${script}`, { stdio: 'inherit', timeout: 900_000 });
  } catch (e) {
    console.log(`${script} failed: ${String(e).slice(0, 200)}`);
  }
}

await poolEmulation();

/**
 * Pool scaling on idle cores, emulated in Node (the 2-core benchmark machine has no idle cores to show it): each
 * chapter's default figure, units dispatched by the pool's own rule (workers/pool.ts `pickUnit`) to P workers with a
 * cache each, run one at a time and timed; a worker's clock advances by its units' times, the next unit goes to the
 * worker whose clock is earliest. Prints the time to the first point and to the last, for P = 1, 2, 4, the work done
 * (source networks recomputed by several workers cost extra) and whether the points equal P = 1's.
 */
async function poolEmulation() {
  await setupTfNode('wasm', { quiet: true });
  for (const ch of chapters.filter((c) => c.status === 'ready' && c.loadSim)) {
    const fig = ch.figures[0];
    const sim = await ch.loadSim!();
    const params = defaults(ch.schema);
    const plan = planFigure(fig, params, seedCount(params), sim.seedBatch ?? 1);
    const keyOf = (u: number) => plan.units[u].seeds.join(',');
    // Warm-up (wasm kernels, JIT), not timed: the first unit once, with a cache of its own.
    await runUnit(ch, fig, sim, plan, plan.units[0], {
      seed: 1,
      cache: makeSimCache(64),
      yieldNow: () => Promise.resolve(),
    });
    let reference = '';
    const cols: string[] = [];
    for (const P of [1, 2, 4]) {
      const caches = Array.from({ length: P }, () => makeSimCache(64));
      const clock = new Array<number>(P).fill(0);
      const claimed = new Map<string, number>();
      const owner = new Map<string, number>();
      const pending = plan.units.map((u) => u.index);
      const results: UnitResult[] = [];
      let first = Infinity;
      while (pending.length) {
        const w = clock.indexOf(Math.min(...clock));
        const u = pickUnit(pending, keyOf, w, claimed, owner);
        pending.splice(pending.indexOf(u), 1);
        if (!claimed.has(keyOf(u))) claimed.set(keyOf(u), w);
        const t0 = performance.now();
        const samples = await runUnit(ch, fig, sim, plan, plan.units[u], {
          seed: 1,
          cache: caches[w],
          yieldNow: () => Promise.resolve(),
        });
        clock[w] += performance.now() - t0;
        owner.set(keyOf(u), w);
        first = Math.min(first, clock[w]);
        results.push({ unit: u, samples });
      }
      const points = JSON.stringify(mergeUnits(fig, plan, results));
      if (P === 1) reference = points;
      const work = clock.reduce((a, b) => a + b, 0);
      cols.push(
        `P=${P}: ${(first / 1000).toFixed(1)} / ${(Math.max(...clock) / 1000).toFixed(1)} s (work ` +
          `${(work / 1000).toFixed(1)} s${P > 1 ? `, same points: ${points === reference ? 'yes' : 'NO'}` : ''})`,
      );
    }
    say(
      `pool on idle cores (emulated, Node wasm) ${ch.id}:${fig.id}, ${plan.units.length} units, first point / done`,
      cols.join(' | '),
    );
  }
}

/**
 * Move a slider 60 times through its native input path and time until the theory path has changed (synchronous React
 * render).
 */
async function sliderLatency(page: Page, name: string): Promise<string> {
  const times = await page.evaluate(async (param) => {
    const input = document.querySelector(`input[name=${param}]`) as HTMLInputElement;
    const valueProp = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    const out: number[] = [];
    const min = Number(input.min);
    const max = Number(input.max);
    for (let i = 0; i < 60; i++) {
      const target = document.querySelector('path[data-series^="theory:"], rect.cell') as Element;
      const before = target.getAttribute('d') ?? target.getAttribute('fill');
      const v = min + ((i * 37) % 60) * ((max - min) / 60);
      const t0 = performance.now();
      valueProp.set!.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // React renders discrete input events synchronously (store → theory → D3 redraw inside the event);
      // if not, the redraw lands by the next frame.
      const read = () => (target.getAttribute('d') ?? target.getAttribute('fill')) !== before;
      if (read()) out.push(performance.now() - t0);
      else {
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        out.push(read() ? performance.now() - t0 : NaN);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  }, name);
  const ok = times.filter(Number.isFinite).sort((a, b) => a - b);
  const q = (f: number) => ok[Math.min(ok.length - 1, Math.floor(f * ok.length))];
  return ok.length
    ? `${q(0.5).toFixed(1)} / ${q(0.95).toFixed(1)} ms (${ok.length}/60 moves changed the drawing)`
    : 'no redraw observed';
}
