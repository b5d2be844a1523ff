/**
 * Embeds as a slide deck shows them: every chapter's default figure in an
 * iframe on a host page, at three frame sizes, plain, `big=1` and `controls=0`.
 * Checked by bounding boxes and hit tests (design.md, embed mode): nothing
 * overlays the plot or its legend (notices collapse to a badge), every chart
 * label lies inside the frame and no two overlap, and the type is large enough
 * to read (ticks ≥ 12 px at 960×540; ticks ≥ 20 px and annotations ≥ 18 px with
 * `big=1` or in a frame ≥ 1280 px wide). `autorun=0`: the layout is what is
 * tested, not the simulations (the map and curve marks are drawn by the same code).
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { embedLayout } from '../src/components/useEmbedLayout';
import { trackErrors } from './helpers';

/** The ready chapters (the first test checks this list against the landing page, so a new chapter is not missed). */
const ready = ['linear', 'chmm', 'proportional', 'depth'].map((id) => ({ id }));
const SIZES = [
  [480, 270],
  [960, 540],
  [1920, 1080],
] as const;
const VARIANTS = ['', 'big=1', 'controls=0'] as const;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Report {
  vw: number;
  vh: number;
  svg: Box;
  legend: Box | null;
  /** Hit tests on a grid over the plot and the legend that landed on something else. */
  covered: string[];
  texts: { text: string; kind: string; size: number; box: Box }[];
  visibleControls: number;
  runBarVisible: boolean;
  badge: boolean;
  noticeText: string;
}

async function measure(frame: Frame): Promise<Report> {
  return frame.evaluate(() => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const svg = document.querySelector('figure[data-chart] .chart-box > svg') as SVGSVGElement;
    // The plot area: between the axis lines.
    const xr = svg.querySelector('g.x-axis path.domain')!.getBoundingClientRect();
    const yr = svg.querySelector('g.y-axis path.domain')!.getBoundingClientRect();
    const area = new DOMRect(yr.right, yr.top, xr.right - yr.right, xr.top - yr.top);
    const legendEl = document.querySelector('figure[data-chart] ul.legend');
    const covered: string[] = [];
    const probe = (r: DOMRect, inside: (e: Element) => boolean, name: string) => {
      for (let i = 1; i < 10; i++)
        for (let j = 1; j < 6; j++) {
          const x = r.left + (i / 10) * r.width;
          const y = r.top + (j / 6) * r.height;
          const hit = document.elementFromPoint(x, y);
          if (hit && !inside(hit))
            covered.push(`${name} at ${Math.round(x)},${Math.round(y)}: ${hit.tagName}.${hit.className}`);
        }
    };
    probe(
      area,
      (e) => svg.contains(e),
      `plot [${Math.round(area.top)}–${Math.round(area.bottom)} in svg ` +
        `${Math.round(svg.getBoundingClientRect().top)}–${Math.round(svg.getBoundingClientRect().bottom)}]`,
    );
    if (legendEl) probe(legendEl.getBoundingClientRect(), (e) => legendEl.contains(e), 'legend');
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() && getComputedStyle(t).display !== 'none')
      .map((t) => ({
        text: t.textContent,
        kind:
          t.getAttribute('data-chart-text') ??
          t.closest('[data-chart-text]')?.getAttribute('data-chart-text') ??
          'other',
        size: parseFloat(getComputedStyle(t).fontSize),
        box: box(t.getBoundingClientRect()),
      }));
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 2 && r.height > 2 && getComputedStyle(e).visibility !== 'hidden';
    };
    const badge = document.querySelector('.notice-badge');
    return {
      vw: window.innerWidth,
      vh: window.innerHeight,
      svg: box(svg.getBoundingClientRect()),
      legend: legendEl ? box(legendEl.getBoundingClientRect()) : null,
      covered,
      texts,
      visibleControls: [...document.querySelectorAll('input, select, .controls, .run-bar button, progress')].filter(
        visible,
      ).length,
      runBarVisible: [...document.querySelectorAll('.run-bar')].some(visible),
      badge: !!badge && visible(badge),
      noticeText: document.querySelector('[data-testid=notice]')?.textContent ?? '',
    };
  });
}

const inside = (b: Box, o: Box, tol = 0.5) =>
  b.left >= o.left - tol && b.top >= o.top - tol && b.right <= o.right + tol && b.bottom <= o.bottom + tol;
const overlap = (a: Box, b: Box, tol = 0.5) =>
  a.left < b.right - tol && b.left < a.right - tol && a.top < b.bottom - tol && b.top < a.bottom - tol;

/** The embed in an iframe on a host page (first size), its figure drawn with its theory. */
async function load(page: Page, url: string, w: number, h: number): Promise<Frame> {
  await page.setViewportSize({ width: w + 40, height: h + 40 });
  await page.setContent(
    `<!doctype html><html><body style="margin:20px"><iframe src="${url}" width="${w}" height="${h}" ` +
      `style="border:0" title="embed"></iframe></body></html>`,
  );
  const frame = page.frameLocator('iframe');
  const fig = frame.locator('figure[data-chart]');
  await expect(fig.locator('.chart-box > svg g.x-axis')).toBeAttached();
  // Slow theory (a saddle point per curve point) is waited for once per load; sizes are then changed in place.
  await expect(fig).not.toHaveAttribute('data-theory', 'pending', { timeout: 120_000 });
  await expect(frame.locator('.notice-badge')).toBeVisible();
  return page.frames().find((f) => f.url().includes('embed=1'))!;
}

/** Resize the iframe (as a slide editor does) and wait until the chart has the new size and keeps it. */
async function resize(page: Page, frame: Frame, w: number, h: number, big: boolean) {
  await page.setViewportSize({ width: w + 40, height: h + 40 });
  await page.evaluate(
    ([fw, fh]) => {
      const f = document.querySelector('iframe')!;
      f.width = String(fw);
      f.height = String(fh);
    },
    [w, h],
  );
  await expect.poll(() => frame.evaluate(() => window.innerWidth)).toBe(w);
  // The embed has taken the type size of its new frame.
  const font = String(embedLayout(w, h, big).font);
  await expect
    .poll(() => frame.evaluate(() => document.querySelector('.figure-panel')!.getAttribute('data-type-size')))
    .toBe(font);
  // Settled: the chart is drawn at its box's width and in the panel's type size, twice in a row.
  let last = '';
  for (let i = 0; i < 60; i++) {
    const now = await frame.evaluate(() => {
      const box = document.querySelector('figure[data-chart] .chart-box')!.getBoundingClientRect();
      const svg = document.querySelector('figure[data-chart] .chart-box > svg') as SVGSVGElement;
      const font = document.querySelector('.figure-panel')!.getAttribute('data-type-size');
      const ok =
        Math.abs(Number(svg.getAttribute('width')) - Math.floor(box.width)) <= 1 && svg.style.fontSize === `${font}px`;
      return ok ? `${box.width}x${box.height}@${box.top}|${font}` : '';
    });
    if (now && now === last) break;
    last = now;
    await page.waitForTimeout(150);
  }
}

test.describe('embeds: nothing covers the figure, labels fit, type is readable', () => {
  test('every ready chapter is checked', async ({ page }) => {
    await page.goto('./');
    const listed = await page
      .locator('li.ready[data-chapter]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-chapter')));
    expect(listed.sort()).toEqual(ready.map((c) => c.id).sort());
  });

  for (const ch of ready) {
    test(`${ch.id}: default figure at ${SIZES.map(([w, h]) => `${w}×${h}`).join(', ')}; plain/big/no controls`, async ({
      page,
      baseURL,
    }) => {
      test.setTimeout(240_000);
      const errors = trackErrors(page);
      for (const variant of VARIANTS) {
        // `unknownkey=1` raises a notice, so the badge is there to be checked.
        const url = new URL(
          `./?chapter=${ch.id}&embed=1&autorun=0&unknownkey=1${variant ? `&${variant}` : ''}`,
          baseURL,
        ).href;
        const frame = await load(page, url, SIZES[0][0], SIZES[0][1]);
        for (const [w, h] of SIZES) {
          const where = `${ch.id} ${w}×${h} ${variant || 'plain'}`;
          await resize(page, frame, w, h, variant === 'big=1');
          const r = await measure(frame);
          expect(r.noticeText, where).toContain('unknownkey');
          expect(r.badge, `${where}: notices collapse to a badge`).toBe(true);
          expect(r.covered, `${where}: something covers the plot or legend`).toEqual([]);
          const frameBox = { left: 0, top: 0, right: r.vw, bottom: r.vh };
          if (r.legend)
            expect(inside(r.legend, frameBox), `${where}: legend inside the frame ${JSON.stringify(r.legend)}`).toBe(
              true,
            );
          expect(r.texts.length, where).toBeGreaterThan(3);
          for (const t of r.texts)
            expect(
              inside(t.box, r.svg) && inside(t.box, frameBox),
              `${where}: "${t.text}" inside the frame ${JSON.stringify(t.box)}`,
            ).toBe(true);
          for (let i = 0; i < r.texts.length; i++)
            for (let j = i + 1; j < r.texts.length; j++)
              expect(
                overlap(r.texts[i].box, r.texts[j].box),
                `${where}: "${r.texts[i].text}" overlaps "${r.texts[j].text}"`,
              ).toBe(false);
          const ticks = r.texts.filter((t) => t.kind === 'tick').map((t) => t.size);
          const notes = r.texts.filter((t) => t.kind === 'annotation').map((t) => t.size);
          expect(ticks.length, where).toBeGreaterThan(2);
          const large = variant === 'big=1' || w >= 1280;
          if (large) {
            expect(Math.min(...ticks), `${where}: tick size ${ticks.join(',')}`).toBeGreaterThanOrEqual(20);
            if (notes.length) expect(Math.min(...notes), `${where}: annotation size`).toBeGreaterThanOrEqual(18);
          } else expect(Math.min(...ticks), `${where}: tick size`).toBeGreaterThanOrEqual(12);
          if (variant === 'controls=0') {
            expect(r.visibleControls, `${where}: the figure alone`).toBe(0);
            expect(r.runBarVisible, `${where}: no run bar`).toBe(false);
            await expect(page.frameLocator('iframe').getByTestId('run-status')).toHaveText('idle');
          }
        }
      }
      expect(errors).toEqual([]);
    });
  }
});

test.describe('maps in embeds: colour bar and labels fit', () => {
  for (const [ch, fig] of [
    ['linear', 'phase'],
    ['chmm', 'map'],
    ['depth', 'kstar'],
  ] as const) {
    test(`${ch}:${fig} at 960×540 and 1920×1080 with big=1`, async ({ page, baseURL }) => {
      test.setTimeout(180_000);
      const frame = await load(
        page,
        new URL(`./?chapter=${ch}&fig=${fig}&embed=1&autorun=0&unknownkey=1&big=1`, baseURL).href,
        960,
        540,
      );
      for (const [w, h] of [SIZES[1], SIZES[2]]) {
        const where = `${ch}:${fig} ${w}×${h} big=1`;
        await resize(page, frame, w, h, true);
        const r = await measure(frame);
        expect(r.covered, where).toEqual([]);
        const frameBox = { left: 0, top: 0, right: r.vw, bottom: r.vh };
        for (const t of r.texts)
          expect(inside(t.box, r.svg) && inside(t.box, frameBox), `${where}: "${t.text}" inside the frame`).toBe(true);
        for (let i = 0; i < r.texts.length; i++)
          for (let j = i + 1; j < r.texts.length; j++)
            expect(
              overlap(r.texts[i].box, r.texts[j].box),
              `${where}: "${r.texts[i].text}" overlaps "${r.texts[j].text}"`,
            ).toBe(false);
        for (const t of r.texts.filter((q) => q.kind === 'tick'))
          expect(t.size, `${where}: tick "${t.text}"`).toBeGreaterThanOrEqual(20);
        expect(
          r.texts.some(
            (t) =>
              t.kind === 'axis-title' &&
              t.text.length > 3 &&
              t.box.left > r.svg.left + (r.svg.right - r.svg.left) * 0.6,
          ),
          `${where}: the colour bar has a title`,
        ).toBe(true);
      }
    });
  }
});

test.describe('charts while reading', () => {
  test('the y-axis holds still while a slider is dragged and re-fits when it is released', async ({ page }) => {
    await page.goto('./?chapter=linear&autorun=0');
    const chart = page.locator('figure[data-chart="linear:curves"]');
    await expect(chart.locator('path[data-series="theory:transfer"]')).toBeAttached();
    const ticks = () => chart.locator('g.y-axis .tick text').allTextContents();
    const curve = () => chart.locator('path[data-series="theory:transfer"]').getAttribute('d');
    const before = await ticks();
    const d0 = await curve();
    const slider = page.locator('input[name=theta]');
    const b = (await slider.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.25, b.y + b.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(b.x + b.width * (0.25 + 0.09 * i), b.y + b.height / 2, { steps: 2 });
    await expect.poll(curve).not.toBe(d0); // the curves follow the thumb…
    expect(await ticks()).toEqual(before); // …against steady axes
    await page.mouse.up();
    // Released: the axis fits the new curves (at θ ≈ 90° transfer's error is far above the old range).
    await expect.poll(ticks).not.toEqual(before);
  });

  test('a figure drawn after another keeps nothing of it (no points or marks of the previous chart)', async ({
    page,
  }) => {
    await page.goto('./?chapter=linear&points=exact&d=50&steps=800&seeds=2');
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
    const svg = page.locator('figure[data-chart] .chart-box > svg');
    await expect(svg.locator('g.sim').first()).toBeAttached();
    await page.getByRole('tab', { name: /phase/i }).click();
    await expect(page.locator('figure[data-chart="linear:phase"] rect.cell').first()).toBeAttached();
    await expect(svg.locator('g.sim, g.mark, path.sim-line, path[data-series="theory:scratch"]')).toHaveCount(0);
  });
});
