import { expect, type Page } from '@playwright/test';

/** Collect uncaught page errors so every test can assert there were none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function waitDone(page: Page, timeout = 90_000) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout });
}

/** Every theory path has a non-empty, finite `d`. */
export async function expectFiniteCurves(page: Page, chart: string) {
  const paths = page.locator(`figure[data-chart="${chart}"] path[data-series^="theory:"]`);
  await expect(paths.first()).toBeAttached();
  const ds = await paths.evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
  expect(ds.length).toBeGreaterThan(0);
  for (const d of ds) {
    expect(d.length).toBeGreaterThan(3);
    expect(d).not.toMatch(/NaN|Infinity/);
  }
}

export interface PointAttrs {
  series: string;
  x: number;
  y: number;
  err: number;
}

export async function simPoints(page: Page, chart: string): Promise<PointAttrs[]> {
  return page.locator(`figure[data-chart="${chart}"] [data-series^="sim:"]`).evaluateAll((els) =>
    els.map((e) => ({
      series: e.getAttribute('data-series')!,
      x: Number(e.getAttribute('data-x')),
      y: Number(e.getAttribute('data-y')),
      err: Number(e.getAttribute('data-err')),
    })),
  );
}

export function expectFinitePoints(points: PointAttrs[]) {
  expect(points.length).toBeGreaterThan(0);
  for (const p of points) {
    expect(Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.err), JSON.stringify(p)).toBe(true);
  }
}
