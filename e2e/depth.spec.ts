import { expect, test } from '@playwright/test';
import { expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// Tiny networks and short training: a figure of the depth chapter trains in seconds on CI's 2 cores.
const FAST = 'N=16&H=16&D=6&L=2&Ps=500&srcSteps=60&steps=60&nTest=500&probe=100&seeds=1';

test('depth chapter: typeset text, sliders, and the layer figure streams finite points for k = 0..L', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=depth&${FAST}`);
  await expect(page.locator('article .katex').first()).toBeVisible();
  for (const name of ['Pt', 'dth', 'dF', 'L', 'seeds']) {
    const slider = page.locator(`input[type=range][name=${name}]`);
    await expect(slider).toHaveCount(1);
    await expect(slider).toHaveAttribute('aria-label', /.+/);
  }
  await waitDone(page);
  const pts = await simPoints(page, 'depth:layers');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(
    new Set(['sim:frozen_small', 'sim:frozen_mid', 'sim:frozen_large']),
  );
  expect(new Set(pts.map((p) => p.x))).toEqual(new Set([0, 1, 2]));
  for (const p of pts) expect(p.y).toBeGreaterThanOrEqual(0);
  expect(errors).toEqual([]);
});

test('depth: the same link draws the same points (seeded training)', async ({ page }) => {
  await page.goto(`./?chapter=depth&${FAST}&dth=0.6`);
  await waitDone(page);
  const first = await simPoints(page, 'depth:layers');
  await page.reload();
  await waitDone(page);
  const second = await simPoints(page, 'depth:layers');
  const key = (p: { series: string; x: number }) => `${p.series}@${p.x}`;
  expect(second.map(key).sort()).toEqual(first.map(key).sort());
  for (const p of second) expect(p.y).toBe(first.find((q) => key(q) === key(p))!.y);
});

test('depth: fine-tuning adds its own curves', async ({ page }) => {
  await page.goto(`./?chapter=depth&${FAST}&protocol=both`);
  await waitDone(page);
  const series = new Set((await simPoints(page, 'depth:layers')).map((p) => p.series));
  for (const s of ['sim:frozen_mid', 'sim:finetune_mid']) expect(series.has(s)).toBe(true);
});

test('depth: k* map fills its 16 cells and marks the reader point', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`./?chapter=depth&fig=kstar&${FAST}`);
  await expect(page.locator('g.reader')).toHaveCount(1);
  await waitDone(page, 200_000);
  const cells = await page
    .locator('figure[data-chart="depth:kstar"] circle.sim')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(cells.length).toBe(16);
  for (const v of cells) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(2);
  }
});

test('depth: source selection draws one point per candidate source', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(`./?chapter=depth&fig=sources&${FAST}`);
  await waitDone(page, 200_000);
  const pts = await simPoints(page, 'depth:sources');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(
    new Set(['sim:same', 'sim:dth30', 'sim:dth60', 'sim:dth90', 'sim:dF60']),
  );
  // x is a neighbourhood overlap: a fraction in (0, 1].
  for (const p of pts) expect(p.x > 0 && p.x <= 1).toBe(true);
  expect(errors).toEqual([]);
});

test('depth: at the default sizes on wasm the worker reads the shipped source networks (no source training)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  // Default network sizes and source training (what the shipped networks are); short target training.
  await page.goto('./?chapter=depth&backend=wasm&seeds=1&steps=40&nTest=500');
  await waitDone(page, 150_000);
  expect(fetched.some((p) => /\/nets-[^/]*\.js$/.test(p))).toBe(true);
  const pts = await simPoints(page, 'depth:layers');
  expectFinitePoints(pts);
  expect(pts.length).toBe(15);
  // Nothing was trained for the source, so nothing was stored for it.
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('transfer-explorable');
        req.onupgradeneeded = () => req.transaction!.abort();
        req.onerror = () => resolve(0);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('arrays')) return (db.close(), resolve(0));
          const q = db.transaction('arrays').objectStore('arrays').count();
          q.onsuccess = () => (db.close(), resolve(q.result));
        };
      }),
  );
  expect(stored).toBe(0);
  expect(errors).toEqual([]);
});
