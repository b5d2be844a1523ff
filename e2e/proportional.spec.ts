import { expect, test } from '@playwright/test';
import { expectFiniteCurves, expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// Tiny networks and short chains (P_t = 20, P_s = 40, 200 Langevin steps): a figure samples in seconds.
const FAST = 'N0=50&N1=20&alpha_t=1&alpha_s=2&T=0.05&burn=100&samples=10&seeds=1';

test('proportional chapter: typeset text, finite theory, sliders, and a Langevin run streams finite points', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);
  await page.goto(`./?chapter=proportional&${FAST}`);
  await expect(page.locator('article .katex').first()).toBeVisible();
  await expectFiniteCurves(page, 'proportional:coupling');
  for (const name of ['gamma', 'rho', 'alpha_t', 'alpha_s', 'N1', 'N0', 'T', 'lam0', 'lam1', 'noise', 'seeds']) {
    const slider = page.locator(`input[type=range][name=${name}]`);
    await expect(slider).toHaveCount(1);
    await expect(slider).toHaveAttribute('aria-label', /.+/);
  }
  await waitDone(page, 150_000);
  const pts = await simPoints(page, 'proportional:coupling');
  expectFinitePoints(pts);
  expect(new Set(pts.map((p) => p.series))).toEqual(new Set(['sim:transfer', 'sim:scratch']));
  for (const p of pts) expect(p.y).toBeGreaterThan(0);
  await expect(page.locator('.readouts')).toContainText('burn-in');
  expect(errors).toEqual([]);
});

test('proportional: moving the overlap slider redraws the theory curves', async ({ page }) => {
  await page.goto(`./?chapter=proportional&${FAST}`);
  await expectFiniteCurves(page, 'proportional:coupling');
  const curve = page.locator('figure[data-chart="proportional:coupling"] path[data-series="theory:transfer"]');
  const before = await curve.getAttribute('d');
  const rho = page.locator('input[name=rho]');
  await rho.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/rho=0\.7/);
  await expect.poll(async () => curve.getAttribute('d'), { timeout: 60_000 }).not.toBe(before);
  await expectFiniteCurves(page, 'proportional:coupling');
});

test('proportional: the similarity and width figures draw finite curves', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=proportional&fig=similarity&${FAST}`);
  await expectFiniteCurves(page, 'proportional:similarity');
  await page.getByRole('tab', { name: /infinite width/i }).click();
  await expect(page).toHaveURL(/fig=width/);
  await expectFiniteCurves(page, 'proportional:width');
  expect(errors).toEqual([]);
});
