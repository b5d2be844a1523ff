import { expect, test } from '@playwright/test';
import { expectFiniteCurves, expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// Tiny networks and short chains (P_t = 20, P_s = 40, 200 Langevin steps): a figure samples in seconds.
const FAST = 'N0=50&N1=20&alphaT=1&alphaS=2&T=0.05&burn=100&samples=10&seeds=1';

test('proportional chapter: typeset text, finite theory, sliders, and a Langevin run streams finite points', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);
  await page.goto(`./?chapter=proportional&${FAST}`);
  await expect(page.locator('article .katex').first()).toBeVisible();
  await expectFiniteCurves(page, 'proportional:coupling');
  for (const name of ['gamma', 'rho', 'alphaT', 'alphaS', 'N1', 'N0', 'T', 'lam0', 'lam1', 'noise', 'seeds']) {
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
  // The chains' convergence diagnostics, read off the simulated points.
  // (R̂ is a glossary term there: its tip's text sits between the symbol and the rest of the label.)
  await expect(page.locator('.readouts')).toContainText('largest between-chain split-R̂');
  await expect(page.locator('.readouts')).toContainText(
    'of the test loss (2 chains per source sample, 3 per scratch seed',
  );
  await expect(page.locator('.readouts')).toContainText('Metropolis acceptance');
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

test('proportional: a slider move redraws at once from remembered exact results, then exact theory', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=proportional&${FAST}&autorun=0`);
  const fig = page.locator('figure[data-chart="proportional:coupling"]');
  await expect(fig).toHaveAttribute('data-theory', 'exact', { timeout: 60_000 });
  // Set the overlap slider like a drag does (native input events) and read the figure in the same task.
  const move = (value: number) =>
    page.evaluate((v) => {
      const input = document.querySelector('input[name=rho]') as HTMLInputElement;
      const path = () =>
        document
          .querySelector('figure[data-chart="proportional:coupling"] path[data-series="theory:transfer"]')
          ?.getAttribute('d');
      const before = path();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const fig = document.querySelector('figure[data-chart="proportional:coupling"]')!;
      return {
        before,
        after: path(),
        state: fig.getAttribute('data-theory'),
        badge: fig.querySelector('.theory-updating')?.textContent ?? '',
      };
    }, value);
  // Two exact results along ρ: 0.9 (the start) and 0.7.
  await move(0.7);
  await expect(fig).toHaveAttribute('data-theory', 'exact', { timeout: 60_000 });
  const exact07 = await fig.locator('path[data-series="theory:transfer"]').getAttribute('d');
  // Between them: drawn within the input event, as a blend flagged as a preview.
  const mid = await move(0.8);
  expect(mid.state).toBe('preview');
  expect(mid.after).not.toBe(mid.before);
  expect(mid.badge).toContain('preview');
  await expect(fig).toHaveAttribute('data-theory', 'exact', { timeout: 60_000 });
  await expect(fig.locator('.theory-updating')).toHaveCount(0);
  await expectFiniteCurves(page, 'proportional:coupling');
  // Back to a remembered value: its exact result at once.
  const back = await move(0.7);
  expect(back.state).toBe('exact');
  expect(back.after).toBe(exact07);
  expect(errors).toEqual([]);
});
