import { expect, test } from '@playwright/test';
import { expectFiniteCurves, expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// Small, fast simulation settings (a figure trains in a few seconds on CI's 2 cores).
const FAST = 'd=50&steps=800&seeds=2';

test('landing page lists the chapters with their questions; unbuilt ones say "coming"', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('./');
  const items = page.locator('.chapter-list li');
  await expect(items).toHaveCount(4);
  await expect(page.locator('li[data-chapter=linear] a')).toHaveAttribute('href', '?chapter=linear');
  for (const li of await items.all()) await expect(li.locator('p').first()).toContainText('?');
  const coming = await page.locator('.chapter-list li.coming').count();
  expect(coming).toBe(await page.locator('.chapter-list .badge', { hasText: 'coming' }).count());
  expect(errors).toEqual([]);
});

test('chapter loads: typeset text, finite theory curves, schema sliders, and a GD run streams finite points', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=linear&${FAST}`);
  await expect(page.locator('article .katex').first()).toBeVisible();
  await expectFiniteCurves(page, 'linear:curves');
  for (const name of ['theta', 'noise', 'lam', 'd', 'seeds']) {
    const slider = page.locator(`input[type=range][name=${name}]`);
    await expect(slider).toHaveCount(1);
    await expect(slider).toHaveAttribute('aria-label', /.+/);
  }
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await waitDone(page);
  const pts = await simPoints(page, 'linear:curves');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(new Set(['sim:scratch', 'sim:transfer', 'sim:finetune']));
  await expect(page.locator('figure [data-series="sim:scratch"] title').first()).toContainText('2 of 2 seeds');
  await expect(page.getByTestId('backend')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  expect(errors).toEqual([]);
});

test('slider → URL → reload restores the value, and the same link draws the same points', async ({ page }) => {
  await page.goto(`./?chapter=linear&points=exact&${FAST}`);
  await waitDone(page);
  const theta = page.locator('input[name=theta]');
  const before = await page.locator('path[data-series="theory:transfer"]').getAttribute('d');
  await theta.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(theta).toHaveValue('27.5');
  await expect(page).toHaveURL(/theta=27\.5/);
  expect(await page.locator('path[data-series="theory:transfer"]').getAttribute('d')).not.toBe(before);
  await waitDone(page);
  const first = await simPoints(page, 'linear:curves');
  await page.reload();
  await expect(page.locator('input[name=theta]')).toHaveValue('27.5');
  await waitDone(page);
  const second = await simPoints(page, 'linear:curves');
  const key = (p: { series: string; x: number }) => `${p.series}@${p.x}`;
  expect(second.map(key).sort()).toEqual(first.map(key).sort());
  for (const p of second) expect(p.y).toBe(first.find((q) => key(q) === key(p))!.y);
});

test('a newer request supersedes the running one: only points of the current parameters are drawn', async ({
  page,
}) => {
  await page.goto(`./?chapter=linear&d=60&steps=3000&seeds=3`);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.locator('select[name=points]').selectOption('exact');
  await waitDone(page);
  const pts = await simPoints(page, 'linear:curves');
  // Exact estimators at the new parameters: a fresh page with the same link must give identical points.
  await page.goto(`./?chapter=linear&d=60&steps=3000&seeds=3&points=exact`);
  await waitDone(page);
  const fresh = await simPoints(page, 'linear:curves');
  expect(pts.map((p) => p.y).sort()).toEqual(fresh.map((p) => p.y).sort());
});

test('bad URL values give notices, clamped values, finite curves and no page error', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(
    './?chapter=linear&theta=999&gamma=abc&noise=%3Cscript%3Ealert(1)%3C%2Fscript%3E' +
      '&bogus=1&seed=-4&fig=nope&points=exact',
  );
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('theta');
  await expect(notice).toContainText('gamma');
  await expect(notice).toContainText('not a number');
  await expect(notice).toContainText('bogus');
  await expect(notice).toContainText('seed');
  await expect(page.locator('input[name=theta]')).toHaveValue('90');
  await expectFiniteCurves(page, 'linear:curves');
  await expect(page.locator('body')).not.toContainText('NaN');
  expect(await page.evaluate(() => document.querySelectorAll('script:not([type=module])').length)).toBe(0);
  expect(errors).toEqual([]);
});

test('every figure draws: phase map with contour and reader point, divergence with readouts', async ({ page }) => {
  await page.goto('./?chapter=linear&fig=phase&points=exact&seeds=2');
  await expect(page.locator('figure[data-chart="linear:phase"] rect.cell').first()).toBeAttached();
  const contour = await page.locator('path.contour').getAttribute('d');
  expect(contour && contour.length > 10 && !/NaN/.test(contour)).toBe(true);
  await expect(page.locator('g.reader')).toHaveCount(1);
  await waitDone(page);
  const cells = await page
    .locator('circle.sim')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  // Linear transfer at d = 100, σ = 0.2: only the 14 cells where the finite-n_t readout term is at most 0.01 are
  // simulated.
  expect(cells.length).toBe(14);
  expect(cells.every(Number.isFinite)).toBe(true);
  await page.getByRole('tab', { name: /divergence/i }).click();
  await expect(page).toHaveURL(/fig=divergence/);
  await expectFiniteCurves(page, 'linear:divergence');
  await expect(page.locator('.readouts')).toContainText('KL');
});

test('embed mode shows only the figure and its sliders, filling the iframe', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('./?chapter=linear&embed=1&points=exact');
  for (const tag of ['header', 'nav', 'footer', 'article']) await expect(page.locator(tag)).toHaveCount(0);
  await expect(page.locator('figure[data-chart="linear:curves"] .chart-box > svg')).toBeVisible();
  await expect(page.locator('input[name=theta]')).toBeVisible();
  const box = await page.locator('figure[data-chart="linear:curves"] .chart-box > svg').boundingBox();
  expect(box!.width).toBeGreaterThan(400);
  const scroll = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(scroll).toBeLessThanOrEqual(450);
});

for (const backend of ['wasm', 'webgpu'] as const) {
  test(`forced ${backend} backend completes a small GD run`, async ({ page }) => {
    // Software WebGPU (SwiftShader) costs ~1 ms per dispatch: the smallest run still takes about a minute here.
    test.setTimeout(240_000);
    const errors = trackErrors(page);
    await page.goto(`./?chapter=linear&backend=${backend}&d=50&steps=100&seeds=1`);
    await expect(page.getByTestId('backend')).toHaveText(backend, { timeout: 60_000 });
    await waitDone(page, 200_000);
    expectFinitePoints(await simPoints(page, 'linear:curves'));
    expect(errors).toEqual([]);
  });
}

test('the page survives its training worker being killed mid-run and finishes the run', async ({ page }) => {
  await page.goto(`./?chapter=linear&${FAST}`);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.evaluate(() =>
    (window as unknown as { __explorable: { sims: { killWorker(): void } } }).__explorable.sims.killWorker(),
  );
  await expect(page.getByTestId('notice')).toContainText('restarting');
  await waitDone(page);
  expectFinitePoints(await simPoints(page, 'linear:curves'));
});

test(
  'the double-descent preset simulates the peak inside a marked finite-size band; λ = 0 on trained networks ' +
    'needs no notice',
  async ({ page }) => {
    await page.goto('./?chapter=linear&preset=scratch-double-descent');
    const band = page.locator('figure[data-chart="linear:curves"] [data-mark="xband"]');
    await expect(band).toHaveCount(1);
    await expect(band.locator('title')).toContainText('finite size');
    await waitDone(page);
    const pts = await simPoints(page, 'linear:curves');
    expectFinitePoints(pts);
    // Exact estimators reach into the band around γ = 1 (0.95 and 1.05 at d = 200).
    expect(pts.some((p) => p.series === 'sim:scratch' && Math.abs(p.x - 1) < 0.06)).toBe(true);
    // Trained networks at the slider's λ = 0: no "refit with λ = 0.1" notice any more, and no band without noise.
    await page.goto(`./?chapter=linear&noise=0&${FAST}`);
    await expect(page.locator('input[name=lam]')).toHaveValue('0');
    await expect(page.locator('figure[data-chart="linear:curves"] [data-mark="xband"]')).toHaveCount(0);
    await waitDone(page);
    await expect(page.locator('body')).not.toContainText('λ = 0.1');
  },
);
