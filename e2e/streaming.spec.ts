import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectFinitePoints, simPoints, trackErrors, waitDone } from './helpers';

/**
 * Points appear before their seed batch is done (a preview unit: a task's first seed alone), settle to the same
 * numbers whatever the pool size (and so whatever the number of previews: one per worker), and the run bar shows a
 * live trace while a run goes on and not otherwise. Linear trains a point's seeds as one batch (seedBatch 5).
 */
const SMALL = 'chapter=linear&d=50&steps=800&seeds=3';

type Pt = { y: number; err: number; seeds: number; target: number };
interface Handle {
  store: {
    getState(): { run: { status: string; points: Record<string, Pt> } };
    subscribe(l: (s: { run: { status: string; points: Record<string, Pt> } }) => void): () => void;
  };
}

/** From now on, record every point state the store goes through while the run is running. */
async function recordPoints(page: Page) {
  await page.waitForFunction(() => !!(window as unknown as { __explorable?: Handle }).__explorable);
  await page.evaluate(() => {
    const w = window as unknown as {
      __explorable: Handle;
      __seen: { seeds: number; target: number; running: boolean }[];
    };
    w.__seen = [];
    const note = (s: ReturnType<Handle['store']['getState']>) => {
      for (const p of Object.values(s.run.points))
        w.__seen.push({ seeds: p.seeds, target: p.target, running: s.run.status === 'running' });
    };
    note(w.__explorable.store.getState());
    w.__explorable.store.subscribe(note);
  });
}

const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: { seeds: number; target: number; running: boolean }[] }).__seen);

const finalPoints = (page: Page) =>
  page.evaluate(() =>
    Object.entries((window as unknown as { __explorable: Handle }).__explorable.store.getState().run.points)
      .map(([k, p]) => [k, p.y, p.err, p.seeds] as const)
      .sort((a, b) => a[0].localeCompare(b[0])),
  );

test(
  'a batched chapter draws a point with fewer seeds than requested while running, then settles to the same points ' +
    'with one worker or two',
  async ({ page }) => {
    const errors = trackErrors(page);
    const runs: (readonly (readonly [string, number, number, number])[])[] = [];
    for (const workers of [1, 2]) {
      await page.goto(`./?${SMALL}&workers=${workers}`);
      await recordPoints(page);
      // The live trace is shown while the run goes on, and shows the seeds of the point last updated.
      await expect(page.getByTestId('run-status')).toHaveText('running');
      await expect(page.getByTestId('run-live')).toBeVisible();
      await expect(page.getByTestId('run-live')).toHaveAttribute('data-seeds', /^[1-9]/);
      await waitDone(page);
      const history = await seen(page);
      // A point was drawn from one seed (its preview) before the run was done; every point ends with all 3.
      expect(history.some((p) => p.running && p.seeds === 1 && p.target === 3)).toBe(true);
      const final = await finalPoints(page);
      expect(final.length).toBeGreaterThan(3);
      expect(final.every(([, , , seeds]) => seeds === 3)).toBe(true);
      expectFinitePoints(await simPoints(page, 'linear:curves'));
      await expect(page.getByTestId('run-live')).toBeHidden();
      await expect(page.getByTestId('run-announce')).toHaveText('Simulation done.');
      runs.push(final);
    }
    // One worker plans one preview, two plan two: the final points do not depend on it.
    expect(runs[1]).toEqual(runs[0]);
    expect(errors).toEqual([]);
  },
);

test('the live trace keeps its slot but is hidden when no run is going on', async ({ page }) => {
  await page.goto(`./?${SMALL}&autorun=0`);
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  const live = page.getByTestId('run-live');
  await expect(live).toBeHidden();
  // The slot's size, and where it sits after the progress bar (the status word before it changes width).
  const rect = () =>
    live.evaluate((e): { width: number; height: number; gap: number; dy: number } => {
      const r = e.getBoundingClientRect();
      const bar = e.parentElement!.querySelector('progress')!.getBoundingClientRect();
      return { width: r.width, height: r.height, gap: r.left - bar.right, dy: r.top - bar.top };
    });
  const idle = await rect();
  expect(idle.width).toBeGreaterThan(20);
  await expect(page.getByTestId('run-announce')).toHaveText('');
  // Starting a run shows the trace in the slot it already had: same size, same place beside the progress bar.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(live).toBeVisible();
  expect(await rect()).toEqual(idle);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  await expect(live).toBeHidden();
});

test('a figure alone (controls=0) keeps the live trace out of the picture', async ({ page }) => {
  await page.goto(`./?${SMALL}&embed=1&controls=0`);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(page.getByTestId('run-live')).toHaveCount(0);
});

test('axe: zero violations while the live trace is showing', async ({ page }) => {
  // The default figure: long enough to be looked at mid-run.
  await page.goto('./?chapter=linear&workers=1');
  await expect(page.getByTestId('run-live')).toHaveAttribute('data-seeds', /^[1-9]/, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('running');
  const result = await new AxeBuilder({ page }).include('.run-bar').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
