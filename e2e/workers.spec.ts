import { expect, test, type Page } from '@playwright/test';
import { expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

// A linear GD figure small enough to finish in seconds, long enough to be hit mid-run.
const SMALL = 'd=50&steps=800&seeds=2';

type Handle = {
  store: {
    getState(): {
      run: { status: string; points: Record<string, { y: number; seeds: number }> };
      backendInfo: { name: string };
    };
  };
  sims: {
    debugFault(kind: string, worker?: number): number;
    poolInfo(): { size: number; ready: number; backend: string | null };
    killWorker(): void;
  };
};
const handle = (page: Page) =>
  page.evaluate(() =>
    Object.keys((window as unknown as { __explorable: Handle }).__explorable.store.getState().run.points),
  );
const pointsOf = (page: Page) =>
  page.evaluate(() => {
    const pts = (window as unknown as { __explorable: Handle }).__explorable.store.getState().run.points;
    return Object.entries(pts)
      .map(([k, p]) => [k, p.y, p.seeds] as const)
      .sort((a, b) => a[0].localeCompare(b[0]));
  });

/** Wait until the run has at least one point on the chart and is still running, then inject a fault. */
async function faultMidRun(page: Page, kind: string): Promise<string[]> {
  await page.waitForFunction(() => {
    const s = (window as unknown as { __explorable: Handle }).__explorable.store.getState();
    return s.run.status === 'running' && Object.keys(s.run.points).length > 0;
  });
  const before = await handle(page);
  await page.evaluate((k) => (window as unknown as { __explorable: Handle }).__explorable.sims.debugFault(k), kind);
  return before;
}

test('a pool of two workers gives the same points as one worker', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(`./?chapter=linear&${SMALL}&workers=1`);
  await waitDone(page);
  const one = await pointsOf(page);
  await page.goto(`./?chapter=linear&${SMALL}&workers=2`);
  await waitDone(page);
  expect(
    await page.evaluate(() => (window as unknown as { __explorable: Handle }).__explorable.sims.poolInfo().size),
  ).toBe(2);
  // `workers` is the app's key, not a chapter parameter: no "unknown parameter" notice.
  await expect(page.getByTestId('notice')).not.toContainText('unknown parameter');
  const two = await pointsOf(page);
  expect(one.length).toBeGreaterThan(3);
  expect(two).toEqual(one);
  expectFinitePoints(await simPoints(page, 'linear:curves'));
  expect(errors).toEqual([]);
});

test('a bad ?workers= value is reported and the default pool is used', async ({ page }) => {
  await page.goto(`./?chapter=linear&${SMALL}&workers=zero&autorun=0`);
  await expect(page.getByTestId('notice')).toContainText('workers must be a whole number');
});

for (const kind of ['close', 'throw', 'terminate', 'hang'] as const) {
  test(`a worker that dies mid-run (${kind}) is replaced on the same backend, its work re-run, the run ends`, async ({
    page,
  }) => {
    const errors = trackErrors(page);
    await page.goto(`./?chapter=linear&${SMALL}&workers=2`);
    await expect(page.getByTestId('backend')).not.toHaveText(/starting/, { timeout: 60_000 });
    const backend = await page.getByTestId('backend').textContent();
    const before = await faultMidRun(page, kind);
    await expect(page.getByTestId('notice')).toContainText('restarting it', { timeout: 30_000 });
    // Points already on the chart stay there while the unit is re-run.
    const during = await handle(page);
    for (const k of before) expect(during).toContain(k);
    await waitDone(page);
    expectFinitePoints(await simPoints(page, 'linear:curves'));
    await expect(page.getByTestId('backend')).toHaveText(backend!);
    await expect(page.getByTestId('notice')).not.toContainText('No accelerated backend');
    // The replacement works: the next run completes too, with both workers alive.
    await page.evaluate(() =>
      (
        window as unknown as { __explorable: { store: { getState(): { setParam(k: string, v: number): void } } } }
      ).__explorable.store
        .getState()
        .setParam('theta', 33),
    );
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await waitDone(page);
    expect(
      await page.evaluate(() => (window as unknown as { __explorable: Handle }).__explorable.sims.poolInfo()),
    ).toMatchObject({ size: 2, ready: 2, backend });
    // An uncaught error inside a worker is not a page error.
    expect(errors).toEqual([]);
  });
}

test('the numbers after a worker fault equal those of an undisturbed run', async ({ page }) => {
  await page.goto(`./?chapter=linear&${SMALL}&workers=2`);
  await waitDone(page);
  const clean = await pointsOf(page);
  await page.goto(`./?chapter=linear&${SMALL}&workers=2`);
  await faultMidRun(page, 'close');
  await waitDone(page);
  expect(await pointsOf(page)).toEqual(clean);
});

test("the app's own restart path keeps the working backend", async ({ page }) => {
  await page.goto(`./?chapter=linear&${SMALL}&workers=1`);
  await expect(page.getByTestId('backend')).toHaveText('wasm', { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as { __explorable: Handle }).__explorable.sims.killWorker());
  await expect(page.getByTestId('notice')).toContainText('restarting it on wasm');
  await waitDone(page);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  // The small run can end before the kill lands (it takes well under a second now): then the replacement worker
  // is still starting when the run reads done, so wait for it rather than reading the pool once.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __explorable: Handle }).__explorable.sims.poolInfo()), {
      timeout: 60_000,
    })
    .toMatchObject({ ready: 1, backend: 'wasm' });
});
