import { expect, test, type Page } from '@playwright/test';
import { trackErrors } from './helpers';

// The theory worker's script is refused in these tests, so an exact curve on screen can only have come from
// the results shipped with the app or stored by an earlier visit (src/state/persist). Service workers are
// blocked so that every request reaches the route (a service worker would answer from its own cache).
test.use({ serviceWorkers: 'block' });

const THEORY_WORKER = /theory\.worker[^/]*\.js/;

async function refuseTheoryWorker(page: Page) {
  await page.route(THEORY_WORKER, (route) => route.abort());
}

const figure = (page: Page) => page.locator('figure[data-chart]');

async function theoryPaths(page: Page) {
  return figure(page)
    .locator('path[data-series^="theory:"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-series')} ${e.getAttribute('d')}`));
}

test('default and preset links of worker-theory chapters draw shipped exact theory without computing it', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await refuseTheoryWorker(page);
  for (const [query, drawn] of [
    ['chapter=proportional', 'path[data-series="theory:transfer"]'],
    ['chapter=chmm', 'path[data-series="theory:transfer"]'],
    ['chapter=chmm&preset=map-teacher', 'rect.cell'],
    ['chapter=proportional&preset=similarity', 'path[data-series^="theory:"]'],
  ]) {
    await page.goto(`./?${query}&autorun=0`);
    await expect(figure(page)).toHaveAttribute('data-theory', 'exact');
    await expect(figure(page).locator(drawn).first()).toBeAttached();
  }
  // Control: parameters that are not shipped stay pending while the worker is refused (the route does block it).
  await page.goto('./?chapter=proportional&rho=0.35&autorun=0');
  await page.waitForTimeout(3000);
  await expect(figure(page)).not.toHaveAttribute('data-theory', 'exact');
  expect(errors).toEqual([]);
});

test('gallery thumbnails of the worker-theory presets draw from the shipped results', async ({ page }) => {
  const errors = trackErrors(page);
  await refuseTheoryWorker(page);
  await page.goto('./?view=gallery');
  const thumbs = page.locator('[data-thumb^="chmm:"], [data-thumb^="proportional:"]');
  await expect(thumbs.first()).toBeAttached();
  const all = await thumbs.all();
  expect(all.length).toBeGreaterThan(5);
  for (const thumb of all) {
    await thumb.scrollIntoViewIfNeeded();
    // 'ready' = its theory arrived; with the worker refused, a worker-theory figure's can only come from the shipped
    // results.
    await expect(thumb).toHaveAttribute('data-state', 'ready');
  }
  expect(errors).toEqual([]);
});

test('theory computed on one visit is drawn from IndexedDB on the next, with the same numbers', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);
  // Not shipped: computed by the worker on this first visit.
  await page.goto('./?chapter=proportional&rho=0.3&autorun=0');
  await expect(figure(page)).toHaveAttribute('data-theory', 'exact', { timeout: 120_000 });
  const computed = await theoryPaths(page);
  expect(computed.length).toBeGreaterThan(0);
  // The write is asynchronous: wait until the result is in the database.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('transfer-explorable');
            // Not created by the app yet: do not create it here (the app's schema upgrade would then not run).
            open.onupgradeneeded = () => open.transaction?.abort();
            open.onerror = () => resolve(-1);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('theory')) return resolve(0);
              const count = db.transaction('theory').objectStore('theory').count();
              count.onsuccess = () => (db.close(), resolve(count.result));
            };
          }),
      ),
    )
    .toBeGreaterThan(0);
  await refuseTheoryWorker(page);
  await page.reload();
  await expect(figure(page)).toHaveAttribute('data-theory', 'exact');
  expect(await theoryPaths(page)).toEqual(computed);
  expect(errors).toEqual([]);
});
