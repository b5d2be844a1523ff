/**
 * Slider → redrawn theory for figures whose theory runs in the worker
 * (proportional, chmm), in headless Chromium on `vite preview` (run
 * `npx vite build` first, or through `npm run bench`):
 *  - per move of a simulated drag: time until the theory path changed, and
 *    whether it was the blended preview or the exact result;
 *  - time from the end of the drag until the exact result is drawn;
 *  - the preview's error: largest |preview − exact| over the theory series,
 *    for single-slider moves inside the prefetched neighbourhood.
 * Usage: npx tsx scripts/bench-preview.ts [--port=4175]
 */
import { chromium, type Page } from '@playwright/test';
import { startPreview } from './previewServer';
import { launchOptions } from '../e2e/browser';

const PORT = Number(process.argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? 4175);
const URL = `http://localhost:${PORT}/`;

type Series = { id: string; y: number[] }[];

async function exactReady(page: Page, timeout = 120_000) {
  await page.waitForFunction(() => document.querySelector('figure[data-chart]')?.getAttribute('data-theory') === 'exact', null, { timeout });
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
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const fig = document.querySelector('figure[data-chart]')!;
      const drawing = () => fig.querySelector('svg')?.innerHTML;
      const out: { ms: number; state: string }[] = [];
      for (let i = 0; i < moves; i++) {
        const before = drawing();
        const t0 = performance.now();
        setter.call(input, String(Number(input.value) + frac * (Number(input.max) - Number(input.min))));
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
  const read = () => page.evaluate(() => {
    const t = (window as any).__explorable.store.getState().workerTheory;
    return t ? { preview: t.preview as boolean, series: t.result.series as Series } : null;
  });
  await page.evaluate(({ name, value }) => (window as any).__explorable.store.getState().setParam(name, value), { name, value });
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

const preview = await startPreview(PORT);
try {
  const browser = await chromium.launch(launchOptions());
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
      console.log(`${query.split('&').slice(0, 2).join('&').padEnd(40)} drag ${name.padEnd(6)} redraw median / p95 ${stats(moves.map((m) => m.ms))}; states ${JSON.stringify(counts)}; exact drawn ${settle} ms after the drag`);
      if (process.argv.includes('--each')) console.log('   per move (ms):', moves.map((m) => m.ms.toFixed(1)).join(' '));
    }
  }
  if (process.argv.includes('--no-error')) process.exit(0);
  // Preview error: single moves of 1/16 of the slider travel (between the prefetched ±1/8 nodes), after an idle period.
  await page.goto(`${URL}?chapter=proportional&autorun=0`);
  await exactReady(page);
  for (const [name, value] of [['rho', 0.8], ['T', 0.0075], ['alpha_t', 1.12], ['lam1', 1.33], ['noise', 0.06]] as const) {
    await idle(page, 40_000);
    const e = await previewError(page, name, value);
    console.log(`proportional:coupling preview error, ${name} → ${value}: max |preview − exact| = ${Number.isFinite(e) ? e.toFixed(4) : 'no preview'}`);
  }
  await browser.close();
} finally {
  preview.stop();
}
