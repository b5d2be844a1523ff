import { expect, test } from '@playwright/test';
import { expectFiniteCurves, expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// Small, fast simulation settings: N = 30, few Adam steps, 2 seeds.
const FAST = 'N=30&steps=60&ftSteps=20&nTest=500&seeds=2';

test('chmm loads: typeset text, finite theory curves, sliders, and a run streams all four protocols', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=chmm&${FAST}`);
  // the article's prose is typeset (the symbol list above it may be collapsed)
  await expect(page.locator('article .katex >> visible=true').first()).toBeVisible();
  await expectFiniteCurves(page, 'chmm:curves');
  for (const name of ['alpha', 'dF', 'dth', 'fsub', 'dD', 'lam', 'N', 'seeds']) {
    await expect(page.locator(`input[type=range][name=${name}]`)).toHaveCount(1);
  }
  await waitDone(page);
  const pts = await simPoints(page, 'chmm:curves');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(
    new Set(['sim:transfer', 'sim:random', 'sim:scratch', 'sim:finetune']),
  );
  expect(errors).toEqual([]);
});

test('chmm: moving the teacher-perturbation slider moves the transfer theory curve', async ({ page }) => {
  await page.goto(`./?chapter=chmm&${FAST}&cov=analytic`);
  await expectFiniteCurves(page, 'chmm:curves');
  const before = await page.locator('path[data-series="theory:transfer"]').getAttribute('d');
  const slider = page.locator('input[name=dth]');
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/dth=/);
  await expect.poll(async () => page.locator('path[data-series="theory:transfer"]').getAttribute('d')).not.toBe(before);
});

test('chmm: fig= and preset links open the gain and map figures', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=chmm&fig=gain&knob=dF&alpha=2&${FAST}`);
  await expectFiniteCurves(page, 'chmm:gain');
  await page.goto(`./?chapter=chmm&fig=map&knob=dth&${FAST}`);
  await expect(page.locator(`figure[data-chart="chmm:map"]`)).toBeVisible();
  // A preset link opens its figure with its parameters.
  await page.goto(`./?chapter=chmm&preset=map-teacher&${FAST}`);
  await expect(page.locator(`figure[data-chart="chmm:map"]`)).toBeVisible();
  await expect(page.locator('select[name=knob]')).toHaveValue('dth');
  expect(errors).toEqual([]);
});

test('chmm: the finite-size figure streams both surrogates’ gaps against N and fits the sign-teacher one', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto('./?chapter=chmm&fig=finite-size&steps=60&seeds=2');
  await expect(page.locator('figure[data-chart="chmm:finite-size"]')).toBeVisible();
  await waitDone(page, 180_000);
  const pts = await simPoints(page, 'chmm:finite-size');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(new Set(['sim:gap_label', 'sim:gap_sign']));
  expect(new Set(pts.map((p) => p.x)).size).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.readouts')).toContainText('fitted a');
  expect(errors).toEqual([]);
});
