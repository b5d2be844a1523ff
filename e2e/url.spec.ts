import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers';

// One rule for every key of a link: the last of a repeated key wins, unknown keys and values are reported in
// the notice area, and the link is rewritten to what it now means.

test('a repeated key: the last one wins, a notice says so, the link keeps one value', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('?chapter=linear&theta=10&autorun=0&theta=40');
  await expect(page.locator('input[type=range][name=theta]')).toHaveValue(/.+/);
  await expect(page.getByTestId('notice')).toContainText('"theta" appears 2 times');
  await expect.poll(() => new URL(page.url()).searchParams.getAll('theta')).toEqual(['40']);
  expect(errors).toEqual([]);
});

test('unknown keys and values are reported, never a crash', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('?chapter=linear&autorun=0&view=galery&__proto__=1&backend=tpu');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('"view" can only be gallery');
  await expect(notice).toContainText('__proto__');
  await expect(notice).toContainText('backend must be one of');
  await expect(page.locator('figure[data-chart^="linear:"]').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('an old link with a renamed parameter still works: read as the new name, notice, link rewritten', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto('?chapter=linear&sigma=0.4&autorun=0');
  await expect(page.getByTestId('notice')).toContainText('"sigma" is now called "noise"');
  await expect(page.locator('input[name=noise]')).toBeAttached();
  await expect.poll(() => new URL(page.url()).search).toBe('?chapter=linear&noise=0.4&autorun=0');
  expect(errors).toEqual([]);
});
