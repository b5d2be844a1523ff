/**
 * Slider → redrawn theory for figures whose theory runs in the worker
 * (proportional, chmm), in headless Chromium on `vite preview` (run
 * `npx vite build` first, or through `npm run bench`):
 *  - per move of a simulated drag: time until the theory path changed, and
 *    whether it was the blended preview or the exact result;
 *  - time from the end of the drag until the exact result is drawn;
 *  - the preview's error: largest |preview − exact| over the theory series,
 *    for single-slider moves inside the prefetched neighbourhood.
 *  - first paint (--first-paint, or only that with --first-paint-only): per chapter's default link and a
 *    few preset links, time from navigation start until the exact theory is drawn, on a cold visit (fresh
 *    browser profile: no HTTP cache, no IndexedDB) and on a second visit (reload in the same profile).
 *    `--compare=<dir>` also serves another build (e.g. the previous commit's) on --compare-port (default:
 *    the next port) and measures both back to back, link by link, so that the machine's load hits both alike.
 * Usage: npx tsx scripts/bench-preview.ts [--port=4175] [--dist=<dir>] [--compare=<dir> [--compare-port=N]]
 *        [--first-paint[-only]] [--links=<substring>,…] [--repeat=N]
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { startPreview } from './previewServer';
import { launchOptions } from '../e2e/browser';
import type { ExplorableHandle } from '../src/main';

/** The app's test handle and the first-theory timestamp the page records, as `page.evaluate` sees them. */
type AppWindow = { __explorable: ExplorableHandle; __firstTheory?: number };

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const PORT = Number(arg('port') ?? 4175);
const DIST = arg('dist');
const COMPARE = arg('compare');
const COMPARE_PORT = Number(arg('compare-port') ?? PORT + 1);
/** `--links=a,b`: only the first-paint links containing one of these strings. */
const LINKS = arg('links')?.split(',');
const REPEAT = Number(arg('repeat') ?? 3);
const URL = `http://localhost:${PORT}/`;

type Series = { id: string; y: number[] }[];

async function exactReady(page: Page, timeout = 120_000) {
  await page.waitForFunction(
    () => document.querySelector('figure[data-chart]')?.getAttribute('data-theory') === 'exact',
    null,
    { timeout },
  );
}

/** Let the page compute ahead for a while (the reader reading the figure). */
async function idle(page: Page, ms: number) {
  await page.waitForTimeout(ms);
}

/** A drag: `moves` input events `dt` ms apart, each moving the thumb by `frac` of the slider's travel. */
async function drag(page: Page, name: string, moves: number, frac: number, dt: number) {
  return page.evaluate(
    async ({ name, moves, frac, dt }) => {
      const input = document.querySelector(`input[name=${name}]`) as HTMLInputElement;
      const valueProp = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
      const fig = document.querySelector('figure[data-chart]')!;
      const drawing = () => fig.querySelector('svg')?.innerHTML;
      const out: { ms: number; state: string }[] = [];
      for (let i = 0; i < moves; i++) {
        const before = drawing();
        const t0 = performance.now();
        valueProp.set!.call(input, String(Number(input.value) + frac * (Number(input.max) - Number(input.min))));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const changed = () => drawing() !== before;
        let ms = NaN;
        for (let f = 0; f < 120 && Number.isNaN(ms); f++) {
          if (changed()) ms = performance.now() - t0;
          else await new Promise((r) => requestAnimationFrame(() => r(null)));
        }
        out.push({ ms, state: fig.getAttribute('data-theory') ?? '' });
        await new Promise((r) => setTimeout(r, dt));
      }
      return out;
    },
    { name, moves, frac, dt },
  );
}

function stats(xs: number[]) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return s.length ? `${q(0.5).toFixed(1)} / ${q(0.95).toFixed(1)} ms` : 'none';
}

async function previewError(page: Page, name: string, value: number) {
  const read = () =>
    page.evaluate(() => {
      const t = (window as unknown as AppWindow).__explorable.store.getState().workerTheory;
      return t ? { preview: t.preview, series: t.result.series as Series } : null;
    });
  await page.evaluate(
    ({ name, value }) => (window as unknown as AppWindow).__explorable.store.getState().setParam(name, value),
    {
      name,
      value,
    },
  );
  const pre = await read();
  await exactReady(page);
  const exact = await read();
  if (!pre?.preview || !exact) return NaN;
  let err = 0;
  for (const s of pre.series) {
    const e = exact.series.find((x) => x.id === s.id)!;
    s.y.forEach((y, i) => Number.isFinite(y) && Number.isFinite(e.y[i]) && (err = Math.max(err, Math.abs(y - e.y[i]))));
  }
  return err;
}

/**
 * Links whose first paint is measured: every chapter's default, and presets of the worker-theory chapters.
 * depth has no theory: its first paint is the empty chart (axes) ready for the simulated points.
 */
const FIRST_PAINT_LINKS = [
  'chapter=linear',
  'chapter=depth',
  'chapter=chmm',
  'chapter=proportional',
  'chapter=chmm&preset=feature-gain',
  'chapter=chmm&preset=map-teacher',
  'chapter=proportional&preset=similarity',
  'chapter=proportional&preset=width-vanishing',
  // Not shipped: computed on the cold visit, read back from IndexedDB on the second.
  'chapter=chmm&lam=0.3',
  'chapter=proportional&rho=0.3',
];

/**
 * Milliseconds from navigation start until the figure's theory is drawn and exact
 * (data-theory="exact" with a theory path or heatmap cell inside), recorded in the
 * page by a MutationObserver so that polling does not add to it.
 */
const FIRST_PAINT_PROBE =
  `(() => {` +
  '\n' +
  `  const done = () => {` +
  '\n' +
  `    const fig = document.querySelector('figure[data-chart]');` +
  '\n' +
  `    const drawn = /[?&]chapter=depth/.test(location.search) ? 'svg .tick' : 'path[data-series^="theory:"], ` +
  `rect.cell';` +
  '\n' +
  `    return !!fig && fig.getAttribute('data-theory') === 'exact' && !!fig.querySelector(drawn);` +
  '\n' +
  `  };` +
  '\n' +
  `  const obs = new MutationObserver(() => {` +
  '\n' +
  `    if (globalThis.__firstTheory === undefined && done()) {` +
  '\n' +
  `      globalThis.__firstTheory = performance.now();` +
  '\n' +
  `      obs.disconnect();` +
  '\n' +
  `    }` +
  '\n' +
  `  });` +
  '\n' +
  `  document.addEventListener('DOMContentLoaded', () => obs.observe(document.body, { subtree: true, childList: ` +
  `true, attributes: true }));` +
  '\n' +
  `})();`;

async function firstPaint(page: Page, base: string, query: string, reload: boolean): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(`${base}?${query}&autorun=0`);
  await page.waitForFunction(() => (globalThis as unknown as AppWindow).__firstTheory !== undefined, null, {
    timeout: 180_000,
  });
  return page.evaluate(() => (globalThis as unknown as AppWindow).__firstTheory as number);
}

/**
 * Cold (fresh profile) and second visit (reload in that profile) per link and build; median of REPEAT fresh profiles.
 */
async function firstPaints(browser: Browser, builds: { name: string; base: string }[]) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  for (const query of FIRST_PAINT_LINKS.filter((q) => !LINKS || LINKS.some((l) => q.includes(l)))) {
    const times = builds.map(() => ({ cold: [] as number[], warm: [] as number[] }));
    for (let r = 0; r < REPEAT; r++) {
      for (const [i, build] of builds.entries()) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript('globalThis.__name = (f) => f;');
        await context.addInitScript(FIRST_PAINT_PROBE);
        const page = await context.newPage();
        times[i].cold.push(await firstPaint(page, build.base, query, false));
        // A reader comes back later: by then the service worker has installed (its precache download would
        // otherwise compete with the second visit) and the page has written its caches (asynchronous puts).
        await page.evaluate(() =>
          Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 60_000))]),
        );
        await page.waitForTimeout(1000);
        times[i].warm.push(await firstPaint(page, build.base, query, true));
        await context.close();
      }
    }
    for (const [i, build] of builds.entries()) {
      const label = builds.length > 1 ? `[${build.name}] ` : '';
      console.log(
        `first exact theory ${label}?${query.padEnd(42)} cold ${fmt(times[i].cold)}; second visit ` +
          `${fmt(times[i].warm)}`,
      );
    }
  }
}

/** Slider drags on the worker-theory figures, then the preview error. */
async function dragsAndPreviewError(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript('globalThis.__name = (f) => f;');
  for (const [query, sliders] of [
    ['chapter=proportional&autorun=0', ['rho', 'T', 'gamma']],
    ['chapter=proportional&fig=similarity&autorun=0', ['gamma']],
    ['chapter=chmm&fig=gain&autorun=0', ['lam', 'alpha']],
  ] as const) {
    await page.goto(`${URL}?${query}`);
    await exactReady(page);
    for (const name of sliders) {
      await idle(page, 20_000);
      const moves = await drag(page, name, 12, -0.005, 30);
      const t0 = Date.now();
      await exactReady(page);
      const settle = Date.now() - t0;
      const counts = moves.reduce((m, x) => ({ ...m, [x.state]: (m[x.state] ?? 0) + 1 }), {} as Record<string, number>);
      console.log(
        `${query.split('&').slice(0, 2).join('&').padEnd(40)} drag ${name.padEnd(6)} redraw median / p95 ` +
          `${stats(moves.map((m) => m.ms))}; states ${JSON.stringify(counts)}; exact drawn ${settle} ms ` +
          `after the drag`,
      );
      if (process.argv.includes('--each'))
        console.log('   per move (ms):', moves.map((m) => m.ms.toFixed(1)).join(' '));
    }
  }
  if (process.argv.includes('--no-error')) return;
  // Preview error: single moves of 1/16 of the slider travel (between the prefetched ±1/8 nodes), after an idle period.
  await page.goto(`${URL}?chapter=proportional&autorun=0`);
  await exactReady(page);
  for (const [name, value] of [
    ['rho', 0.8],
    ['T', 0.0075],
    ['alphaT', 1.12],
    ['lam1', 1.33],
    ['noise', 0.06],
  ] as const) {
    await idle(page, 40_000);
    const e = await previewError(page, name, value);
    console.log(
      `proportional:coupling preview error, ${name} → ${value}: max |preview − exact| = ` +
        `${Number.isFinite(e) ? e.toFixed(4) : 'no preview'}`,
    );
  }
}

const preview = await startPreview(PORT, DIST);
const other = COMPARE ? await startPreview(COMPARE_PORT, COMPARE) : null;
try {
  const browser = await chromium.launch(launchOptions());
  const builds = [{ name: DIST ?? 'dist', base: URL }, ...(other ? [{ name: COMPARE!, base: other.url }] : [])];
  if (process.argv.includes('--first-paint') || process.argv.includes('--first-paint-only'))
    await firstPaints(browser, builds);
  if (!process.argv.includes('--first-paint-only')) await dragsAndPreviewError(browser);
  await browser.close();
} finally {
  preview.stop();
  other?.stop();
}
