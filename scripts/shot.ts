// Screenshots for looking at figures and embeds.
//   npx tsx scripts/shot.ts "<query>" out.png [width height [wait]]
//     the page at that size; wait = 1 (default): until the run is done, else milliseconds.
//   npx tsx scripts/shot.ts --frame "<query>" out.png width height [wait]
//     the query inside an iframe of width × height on a host page (what a slide deck shows).
// The server is SHOT_PORT (default 4173), e.g. a `vite preview --outDir <dir> --port <n>`;
// SHOT_SELECTOR="<css>" shoots one element of the page instead of the whole page.
import { chromium } from '@playwright/test';
import { launchOptions, WEBGPU_FLAGS } from '../e2e/browser';

const args = process.argv.slice(2);
const framed = args[0] === '--frame';
if (framed) args.shift();
const [query = '', out = '/tmp/shot.png', w = '1280', h = '900', wait = '1'] = args;
const base = `http://localhost:${process.env.SHOT_PORT ?? 4173}/`;
const width = Number(w);
const height = Number(h);
const browser = await chromium.launch(launchOptions(WEBGPU_FLAGS));
const page = await browser.newPage({
  viewport: framed ? { width: width + 40, height: height + 40 } : { width, height },
});
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
if (framed) {
  const src = new URL(query, base).href;
  await page.setContent(
    `<!doctype html><html><body style="margin:20px;background:#ddd"><iframe src="${src}" width="${width}" ` +
      `height="${height}" style="border:0;background:#fff" title="embed"></iframe></body></html>`,
  );
} else await page.goto(`${base}${query}`);
const frame = () =>
  framed ? (page.frames().find((f) => f !== page.mainFrame()) ?? page.mainFrame()) : page.mainFrame();
await page.waitForTimeout(300);
const target = frame();
if (wait === '1')
  await target
    .waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, {
      timeout: 120000,
    })
    .catch(() => console.log('not done'));
else await page.waitForTimeout(Number(wait));
console.log(
  'status',
  await target.textContent('[data-testid=run-status]').catch(() => null),
  'backend',
  await target.textContent('[data-testid=backend]').catch(() => null),
);
console.log('notices', await target.textContent('[data-testid=notice]').catch(() => null));
// SHOT_SELECTOR: only that element of the page (e.g. "section.figure-panel").
const only = process.env.SHOT_SELECTOR;
if (only && !framed) await page.locator(only).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: !framed });
await browser.close();
