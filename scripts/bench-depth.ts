/**
 * Timing of the depth chapter's simulations.
 *
 * Node (default): wall and CPU time of each depth figure's default simulation, run through the shared
 * runner exactly as the CLI and the worker do, and the simulated points (mean ± s.e.).
 *   npx tsx scripts/bench-depth.ts [cpu|wasm] [fig ...] [--seeds=n] [--param=value ...]
 *
 * Browser (--browser): cold visits of a depth link in headless Chromium on `vite preview` (build first:
 * `npx vite build --outDir <dir>`). Each visit is a fresh browser context (no HTTP cache, no IndexedDB, no
 * service worker). Prints, per visit, the milliseconds from navigation start until the figure's first
 * simulated point is drawn and until the run says "done", and the CPU seconds the browser's processes spent
 * between navigation and "done"; then the median per build. Then a second visit (reload in the same
 * context) unless --cold-only.
 *   npx tsx scripts/bench-depth.ts --browser [--dist=<dir>] [--port=4303] [--compare=<dir> [--compare-port=N]]
 *     [--link='chapter=depth'] [--repeat=3] [--cold-only] [--first-only]
 * --compare serves a second build and alternates the two visit by visit, so the machine's load hits both
 * alike. --first-only stops each visit at the first point (no done time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setupTfNode } from '../src/cli/tfNode';
import { chapter } from '../src/engine/chapters/depth';
import { defaults } from '../src/engine/core/schema';
import { makeSimCache, runFigure, seedCount, type SimPoint } from '../src/engine/core/simRunner';

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function node() {
  const backend = args.find((a) => a === 'cpu' || a === 'wasm') ?? 'cpu';
  const overrides = Object.fromEntries(
    args
      .filter((a) => a.startsWith('--'))
      .map((a) => a.slice(2).split('='))
      .map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)]),
  );
  const figs = args.filter((a) => !a.startsWith('--') && a !== backend);
  await setupTfNode(backend, { quiet: true });
  const sim = await chapter.loadSim();
  const params = { ...defaults(chapter.schema), ...overrides };
  // One cache per figure: each timing includes its own source networks (or the shipped ones, where they apply).
  for (const fig of chapter.figures) {
    if (figs.length && !figs.includes(fig.id)) continue;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let first = NaN;
    const points: SimPoint[] = await runFigure(chapter, fig, sim, params, {
      seed: Number(process.env.SEED ?? 1),
      seeds: seedCount(params),
      cache: makeSimCache(64),
      onPoint: () => {
        if (Number.isNaN(first)) first = performance.now() - t0;
      },
      yieldNow: () => Promise.resolve(),
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    console.log(
      `\n${fig.id} [${backend}]: first point ${(first / 1000).toFixed(2)} s, all ${wall.toFixed(1)} s wall, ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${points.length} points`,
    );
    for (const p of points)
      console.log(
        `  ${p.series.padEnd(20)} ${p.task.padEnd(24)} x=${p.x.toFixed(3)} y=${p.y.toFixed(3)} ± ` +
          `${p.err.toFixed(3)} (${p.seeds})`,
      );
    for (const r of fig.simOverlay?.({}, points, params).readouts ?? [])
      console.log(`  readout ${r.label}: ${r.value.toFixed(3)}`);
  }
}

/** Processes descending from this one (the browser and its helpers), for their CPU time. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent)
      if (pp === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(root);
  return out;
}

/** CPU seconds (user + system, including reaped children) of the processes below this one. */
function browserCpu(): number {
  const tick = 100; // USER_HZ on Linux
  let s = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the name: state=0, …, utime=11, stime=12, cutime=13, cstime=14.
      s += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
    } catch {
      // gone meanwhile
    }
  }
  return s;
}

/**
 * Records, in the page, when the first simulated point and the "done" status appear (a MutationObserver: no polling).
 */
const PROBE =
  `(() => {` +
  '\n' +
  `  const g = globalThis;` +
  '\n' +
  `  const check = () => {` +
  '\n' +
  `    const fig = document.querySelector('figure[data-chart]');` +
  '\n' +
  `    if (g.__firstPoint === undefined && fig && fig.querySelector('[data-series^="sim:"]')) g.__firstPoint = ` +
  `performance.now();` +
  '\n' +
  `    const st = document.querySelector('[data-testid="run-status"]');` +
  '\n' +
  `    if (g.__done === undefined && g.__firstPoint !== undefined && st && st.textContent === 'done') g.__done = ` +
  `performance.now();` +
  '\n' +
  `  };` +
  '\n' +
  `  document.addEventListener('DOMContentLoaded', () =>` +
  '\n' +
  `    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, ` +
  `characterData: true }));` +
  '\n' +
  `})();`;

async function browser() {
  const { chromium } = await import('@playwright/test');
  const { startPreview } = await import('./previewServer');
  const { launchOptions } = await import('../e2e/browser');
  const PORT = Number(arg('port') ?? 4303);
  const COMPARE = arg('compare');
  const LINK = arg('link') ?? 'chapter=depth';
  const REPEAT = Number(arg('repeat') ?? 3);
  const firstOnly = args.includes('--first-only');
  const servers = [await startPreview(PORT, arg('dist'))];
  if (COMPARE) servers.push(await startPreview(Number(arg('compare-port') ?? PORT + 1), COMPARE));
  const names = [arg('dist') ?? 'dist', ...(COMPARE ? [COMPARE] : [])];
  type Visit = { first: number; done: number; cpu: number };
  const runs = names.map(() => ({ cold: [] as Visit[], warm: [] as Visit[] }));
  const b = await chromium.launch(launchOptions());
  const visit = async (page: import('@playwright/test').Page, go: () => Promise<unknown>): Promise<Visit> => {
    const cpu0 = browserCpu();
    await go();
    const wait = firstOnly ? '__firstPoint' : '__done';
    await page.waitForFunction((k) => (globalThis as Record<string, unknown>)[k] !== undefined, wait, {
      timeout: 300_000,
      polling: 250,
    });
    const cpu = browserCpu() - cpu0;
    const t = await page.evaluate(() => {
      const g = globalThis as unknown as { __firstPoint: number; __done?: number };
      return { first: g.__firstPoint, done: g.__done ?? NaN };
    });
    return { ...t, cpu };
  };
  try {
    for (let r = 0; r < REPEAT; r++) {
      for (const [i, server] of servers.entries()) {
        const context = await b.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
        await context.addInitScript('globalThis.__name = (f) => f;');
        await context.addInitScript(PROBE);
        const page = await context.newPage();
        const cold = await visit(page, () => page.goto(`${server.url}?${LINK}`));
        runs[i].cold.push(cold);
        console.log(`[${names[i]}] cold   ${fmt(cold)}   load ${loadavg()}`);
        if (!args.includes('--cold-only')) {
          await page.waitForTimeout(1000); // the page's asynchronous IndexedDB puts
          const warm = await visit(page, () => page.reload());
          runs[i].warm.push(warm);
          console.log(`[${names[i]}] second ${fmt(warm)}   load ${loadavg()}`);
        }
        await context.close();
      }
    }
  } finally {
    await b.close();
    for (const s of servers) s.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
  for (const [i, name] of names.entries())
    for (const kind of ['cold', 'warm'] as const) {
      const v = runs[i][kind];
      if (!v.length) continue;
      console.log(
        `median [${name}] ${kind === 'cold' ? 'cold  ' : 'second'} ?${LINK}: first point ` +
          `${s(median(v.map((x) => x.first)))}, ` +
          `done ${s(median(v.map((x) => x.done)))}, browser CPU ${median(v.map((x) => x.cpu)).toFixed(1)} s ` +
          `(${v.length} visits)`,
      );
    }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmt = (v: { first: number; done: number; cpu: number }) =>
  `first point ${s(v.first)}, done ${s(v.done)}, browser CPU ${v.cpu.toFixed(1)} s`;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (args.includes('--browser')) await browser();
else await node();
