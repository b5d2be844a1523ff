/**
 * Reader-facing features, for every chapter through the registry: presets and
 * the gallery, export (files parsed and checked against the CLI), embeds inside
 * a host page at several sizes, accessibility (axe), offline after one visit,
 * typeset text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { chapters } from '../src/engine/chapters';
import { defaults } from '../src/engine/core/schema';
import type { Provenance } from '../src/engine/core/export';
import type { FigureData } from '../src/engine/core/figureData';
import { expectFiniteCurves, simPoints, trackErrors, waitDone } from './helpers';

const ready = chapters.filter((c) => c.status === 'ready');
const FAST = 'd=50&steps=800&seeds=2';

function cli(args: string[]): string {
  return execFileSync('npx', ['tsx', 'src/cli/curve.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

async function chooseFromMenu(page: Page, menu: string, item: string | RegExp) {
  await page.getByTestId(menu).click();
  await page
    .getByRole('menu')
    .getByRole(/preset/.test(menu) ? 'menuitemradio' : 'menuitem', { name: item })
    .click();
}

async function download(page: Page, item: string | RegExp): Promise<{ name: string; text: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await chooseFromMenu(page, 'export-menu', item);
  const d: Download = await wait;
  const path = await d.path();
  const bytes = readFileSync(path);
  return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')} — ${v.help}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** Charts are drawn: theory paths, or map cells, or (simulation-only figures) at least the axes. */
async function chartDrawn(page: Page, chart: string) {
  const fig = page.locator(`figure[data-chart="${chart}"]`);
  await expect(fig).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  await expect(fig.locator('g.x-axis .tick').first()).toBeAttached();
}

test.describe('presets and gallery', () => {
  test('preset menu applies a preset with mouse and keyboard, updates the URL and shows the typeset caption', async ({
    page,
  }) => {
    const errors = trackErrors(page);
    await page.goto('./?chapter=linear&autorun=0');
    await expectFiniteCurves(page, 'linear:curves');
    await chooseFromMenu(page, 'preset-menu', /Slice at θ = π\/4/);
    await expect(page).toHaveURL(/theta=45/);
    await expect(page.locator('input[name=theta]')).toHaveValue('45');
    const caption = page.getByTestId('preset-caption');
    await expect(caption).toHaveAttribute('data-preset', 'lt-slices');
    await expect(caption.locator('.katex').first()).toBeVisible();
    await expect(page.getByTestId('preset-menu')).toContainText('Slice at θ = π/4');
    // Keyboard: ArrowDown opens on the first item, End jumps to the last preset, Enter applies it.
    await page.getByTestId('preset-menu').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.getByTestId('preset-menu')).toBeFocused();
    await expect(page).toHaveURL(/fig=divergence/);
    await expect(page).toHaveURL(/theta=60/);
    await expect(caption).toHaveAttribute('data-preset', 'divergence-pair');
    // Moving away from the preset removes its caption.
    await page.locator('input[name=theta]').focus();
    await page.keyboard.press('ArrowRight');
    await expect(caption).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('preset= in the link opens the preset; explicit parameters in the link win', async ({ page }) => {
    await page.goto('./?chapter=linear&preset=lt-phase-noisy&autorun=0');
    await expect(page.locator('figure[data-chart="linear:phase"] rect.cell').first()).toBeAttached();
    await expect(page.locator('input[name=noise]')).toHaveValue('0.2');
    await expect(page.getByTestId('preset-caption')).toHaveAttribute('data-preset', 'lt-phase-noisy');
    await page.goto('./?chapter=linear&preset=lt-slices&theta=30&autorun=0');
    await expect(page.locator('input[name=theta]')).toHaveValue('30');
    await page.goto('./?chapter=linear&preset=nope&autorun=0');
    await expect(page.getByTestId('notice')).toContainText('no preset "nope"');
  });

  test('gallery: every preset of every chapter as a live theory thumbnail with caption and link, no sim', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('./?view=gallery');
    const total = ready.reduce((n, c) => n + c.presets.length, 0);
    const cards = page.locator('.thumb-card');
    await expect(cards).toHaveCount(total);
    // Thumbnails compute when they scroll into view: visit each one.
    for (const card of await cards.all()) {
      await card.scrollIntoViewIfNeeded();
      await expect(card.locator('[data-thumb]')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    }
    for (const c of ready) {
      for (const p of c.presets) {
        const card = page.locator('.thumb-card', { has: page.locator(`[data-thumb="${c.id}:${p.id}"]`) });
        await expect(card.locator('a')).toHaveAttribute('href', `?chapter=${c.id}&preset=${p.id}`);
        await expect(card.locator('.thumb-caption')).not.toBeEmpty();
        const fig = c.figures.find((f) => f.id === p.fig)!;
        // Line figures with theory lines: every slow (worker) theory, and the instant ones that draw a series
        // (simulation-only figures, e.g. depth's and chmm's finite-size gap, draw none).
        const params = { ...defaults(c.schema), ...p.params };
        const drawsTheory =
          fig.theoryCost === 'worker' || (fig.theory(params, fig.grid(params)).series?.length ?? 0) > 0;
        if (fig.kind === 'line' && drawsTheory) {
          const ds = await card
            .locator('path[data-series^="theory:"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
          expect(ds.length, `${c.id}:${p.id}`).toBeGreaterThan(0);
          for (const d of ds) expect(d).toMatch(/^M[-\d.]/);
          for (const d of ds) expect(d).not.toMatch(/NaN|Infinity/);
        }
        if (fig.kind === 'heatmap' && c.id !== 'depth') await expect(card.locator('rect.cell').first()).toBeAttached();
      }
    }
    await expect(page.locator('.thumb-caption .katex').first()).toBeAttached();
    // No simulation was started: the training worker was never spawned.
    const state = await page.evaluate(() => {
      const s = (
        window as unknown as {
          __explorable: { store: { getState(): { run: { status: string }; backendInfo: { name: string } } } };
        }
      ).__explorable.store.getState();
      return { run: s.run.status, backend: s.backendInfo.name };
    });
    expect(state).toEqual({ run: 'idle', backend: 'starting…' });
    // A thumbnail opens its preset.
    await page.locator('[data-thumb="linear:ft-phase"]').click();
    await expect(page.locator('figure[data-chart="linear:phase"]')).toBeVisible();
    await expect(page.getByTestId('preset-caption')).toHaveAttribute('data-preset', 'ft-phase');
    expect(errors).toEqual([]);
  });

  test('the landing page links to the gallery and shows its thumbnails', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('a[href="?view=gallery"]').first()).toBeVisible();
    await expect(page.locator('.landing-gallery .thumb-card').first()).toBeVisible();
  });
});

test.describe('export', () => {
  test('SVG, PNG 2× / 4×, CSV and JSON: parsed, and the data equals the CLI output for the same parameters', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('./?chapter=linear&theta=30&autorun=0');
    await expectFiniteCurves(page, 'linear:curves');

    const svg = await download(page, /SVG/);
    expect(svg.name).toBe('linear-curves-theta_30.svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        theory: [...doc.querySelectorAll('path[data-series^="theory:"]')].map((p) => [
          p.getAttribute('data-series'),
          p.getAttribute('d'),
        ]),
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        external: /url\((?!#)|<image|@import|@font-face|xlink:href="http|href="http/.test(text),
      };
    }, svg.text);
    expect(parsed.error).toBeNull();
    expect(parsed.external).toBe(false);
    expect(parsed.width).toBeGreaterThan(400);
    expect(parsed.theory.map(([id]) => id).sort()).toEqual(['theory:finetune', 'theory:scratch', 'theory:transfer']);
    // polyline or smooth (monotone) curve
    for (const [, d] of parsed.theory) expect(d!).toMatch(/^M[\d.-]+,[\d.-]+[LC]/);
    for (const [, d] of parsed.theory) expect(d!).not.toMatch(/NaN|Infinity/);
    expect(parsed.texts).toContain('linear transfer'); // legend
    expect(parsed.texts.join(' ')).toContain('Features are fate'); // title
    expect(parsed.texts.join(' ')).toContain('theta = 30'); // parameters

    for (const [label, scale] of [
      [/PNG, 2×/, 2],
      [/PNG, 4×/, 4],
    ] as const) {
      const png = await download(page, label);
      expect(png.name).toBe(`linear-curves-theta_30@${scale}x.png`);
      expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.bytes.readUInt32BE(16)).toBe(parsed.width * scale);
      expect(png.bytes.readUInt32BE(20)).toBe(parsed.height * scale);
    }

    // No simulation ran (autorun=0): the JSON and CSV are byte-for-byte what the CLI prints.
    const json = await download(page, /JSON/);
    expect(json.name).toBe('linear-curves-theta_30.json');
    const cliJson = cli(['linear', '--fig=curves', '--theta=30', '--format=json']);
    // The files add their provenance (a `provenance` key; `#` header lines) to the CLI's numbers.
    const { provenance, ...data } = JSON.parse(json.text) as FigureData & { provenance: Provenance };
    expect(data).toEqual(JSON.parse(cliJson));
    expect(JSON.stringify(data)).toBe(cliJson.trim());
    expect(provenance.link).toContain('theta=30');
    const csv = await download(page, /CSV/);
    expect(csv.name).toBe('linear-curves-theta_30.csv');
    expect(csv.text).toMatch(/^# Transfer Explorable.*\n(# .*\n)*# parameters: .*theta = 30/);
    expect(csv.text.replace(/^#.*\n/gm, '')).toBe(cli(['linear', '--fig=curves', '--theta=30', '--format=csv']));
  });

  test('exported data with simulated points: theory as the CLI, points as drawn', async ({ page }) => {
    await page.goto(`./?chapter=linear&theta=30&points=exact&${FAST}`);
    await waitDone(page);
    const json = JSON.parse((await download(page, /JSON/)).text) as FigureData;
    const cliJson = JSON.parse(
      cli([
        'linear',
        '--fig=curves',
        '--theta=30',
        '--points=exact',
        ...FAST.split('&').map((kv) => `--${kv}`),
        '--format=json',
      ]),
    ) as FigureData;
    const theory = (d: FigureData): Record<string, Record<string, unknown>> =>
      Object.fromEntries(
        d.series
          .filter((s) => s.id.startsWith('theory:'))
          .map((s) => [s.id, Object.fromEntries(d.x.values.map((x, i) => [x, s.y[i]]).filter(([, y]) => y !== null))]),
      );
    const appTheory = theory(json);
    const cliTheory = theory(cliJson);
    for (const id of Object.keys(cliTheory))
      for (const [x, y] of Object.entries(cliTheory[id])) expect(appTheory[id][x], `${id} at ${x}`).toBe(y);
    expect(json.seed).toBe(1);
    const drawn = await simPoints(page, 'linear:curves');
    for (const p of drawn) {
      const s = json.series.find((q) => q.id === p.series);
      const i = json.x.values.indexOf(p.x);
      expect(s?.y[i]).toBeCloseTo(p.y, 12);
      expect(s?.err?.[i]).toBeCloseTo(p.err, 12);
    }
  });

  test('every figure of every chapter exports a parseable SVG', async ({ page }) => {
    test.setTimeout(120_000);
    for (const c of ready) {
      for (const f of c.figures) {
        await page.goto(`./?chapter=${c.id}&fig=${f.id}&autorun=0`);
        await chartDrawn(page, `${c.id}:${f.id}`);
        const svg = await download(page, /SVG/);
        expect(svg.name.startsWith(`${c.id}-${f.id}`)).toBe(true);
        const err = await page.evaluate(
          (t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null,
          svg.text,
        );
        expect(err, `${c.id}:${f.id}`).toBeNull();
        expect(svg.text).not.toMatch(/NaN/);
      }
    }
  });
});

test.describe('embeds', () => {
  const sizes = [
    [480, 270],
    [640, 360],
    [960, 540],
    [1280, 720],
    [1920, 1080],
  ] as const;

  for (const [w, h] of sizes) {
    test(`embed in a host page at ${w}×${h}: fits without scrollbars, nothing cut off, links open new tabs`, async ({
      page,
      baseURL,
    }) => {
      await page.setViewportSize({ width: w + 40, height: h + 40 });
      const src = new URL(`./?chapter=linear&embed=1&points=exact&${FAST}`, baseURL).href;
      await page.setContent(
        `<!doctype html><html><body style="margin:20px"><iframe src="${src}" width="${w}" height="${h}" ` +
          `style="border:0" title="embed"></iframe></body></html>`,
      );
      const frame = page.frameLocator('iframe');
      await expect(
        frame.locator('figure[data-chart="linear:curves"] path[data-series="theory:transfer"]'),
      ).toBeAttached();
      await expect(frame.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
      const f = page.frames().find((fr) => fr.url().includes('embed=1'))!;
      const layout = await f.evaluate(() => {
        const d = document.documentElement;
        const box = (sel: string) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          return r
            ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }
            : null;
        };
        return {
          vw: window.innerWidth,
          vh: window.innerHeight,
          scrollW: d.scrollWidth,
          scrollH: d.scrollHeight,
          bodyScrollH: document.body.scrollHeight,
          svg: box('figure .chart-box > svg'),
          legend: box('.legend'),
          run: box('.run-bar'),
          title: box('.embed-title'),
          font: Number(document.querySelector('.figure-panel')?.getAttribute('data-type-size')),
          compact: document.querySelector('.figure-panel')!.classList.contains('compact'),
        };
      });
      expect(layout.scrollW).toBeLessThanOrEqual(layout.vw);
      expect(layout.scrollH).toBeLessThanOrEqual(layout.vh);
      expect(layout.bodyScrollH).toBeLessThanOrEqual(layout.vh);
      for (const key of ['svg', 'legend', 'run', 'title'] as const) {
        const b = layout[key]!;
        expect(b, key).not.toBeNull();
        expect(b.left, key).toBeGreaterThanOrEqual(0);
        expect(b.top, key).toBeGreaterThanOrEqual(0);
        expect(b.right, key).toBeLessThanOrEqual(w + 0.5);
        expect(b.bottom, key).toBeLessThanOrEqual(h + 0.5);
      }
      expect(layout.svg!.height).toBeGreaterThan(h * 0.4);
      expect(layout.compact).toBe(w < 720 || h < 440);
      if (w >= 1920) expect(layout.font).toBeGreaterThanOrEqual(18); // automatic large type
      if (layout.compact) {
        // Sliders live in a drawer: hidden until the toggle, then inside the frame.
        await expect(frame.locator('input[name=theta]')).toBeHidden();
        await frame.getByRole('button', { name: 'Sliders' }).click();
        const slider = frame.locator('input[name=theta]');
        await expect(slider).toBeVisible();
        const sb = await slider.boundingBox();
        expect(sb!.x + sb!.width).toBeLessThanOrEqual(20 + w + 0.5);
        await expect(frame.locator('.controls-drawer input').first()).toBeFocused(); // focus moved into the drawer
        await slider.focus();
        await page.keyboard.press('Escape');
        await expect(slider).toBeHidden();
        await expect(frame.getByRole('button', { name: 'Sliders' })).toBeFocused();
      } else await expect(frame.locator('input[name=theta]')).toBeVisible();
      // Every link inside opens a new tab; the host page stays where it is.
      const hostUrl = page.url();
      const popup = page.waitForEvent('popup');
      await frame.locator('a.open-full').click();
      const tab = await popup;
      await tab.waitForLoadState();
      expect(tab.url()).toContain('chapter=linear');
      expect(tab.url()).not.toContain('embed=1');
      await tab.close();
      expect(page.url()).toBe(hostUrl);
      expect(f.url()).toContain('embed=1');
      const targets = await f.evaluate(() =>
        [...document.querySelectorAll('a[href]')].map(
          (a) => (a as HTMLAnchorElement).target || document.querySelector('base')?.target,
        ),
      );
      for (const t of targets) expect(t).toBe('_blank');
    });
  }

  test('embed options: controls=0 hides the sliders, autorun=0 waits for Run, big=1 enlarges the type', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 960, height: 540 });
    await page.goto('./?chapter=linear&embed=1&controls=0&autorun=0&points=exact');
    await expectFiniteCurves(page, 'linear:curves');
    await expect(page.locator('input[type=range]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sliders' })).toHaveCount(0);
    await expect(page.getByTestId('run-status')).toHaveText('idle');
    await page.waitForTimeout(1000);
    await expect(page.getByTestId('run-status')).toHaveText('idle');
    expect(await simPoints(page, 'linear:curves')).toHaveLength(0);
    const normal = Number(await page.locator('.figure-panel').getAttribute('data-type-size'));
    await page.goto('./?chapter=linear&embed=1&controls=0&autorun=0&big=1&points=exact');
    const big = Number(await page.locator('.figure-panel').getAttribute('data-type-size'));
    expect(big).toBeGreaterThanOrEqual(normal * 1.4 - 0.1);
    await page.getByRole('button', { name: 'Run' }).click();
    await waitDone(page);
  });

  test('embed dialog: options change the snippet and the live preview; focus is trapped; Escape closes', async ({
    page,
  }) => {
    await page.goto('./?chapter=linear&autorun=0&theta=30');
    const opener = page.getByTestId('embed-open');
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Embed this figure' });
    await expect(dialog).toBeVisible();
    const code = page.getByTestId('embed-code');
    await expect(code).toHaveValue(/embed=1/);
    await expect(code).toHaveValue(/theta=30/);
    await expect(code).toHaveValue(/width="960" height="540"/);
    await dialog.getByLabel('1280 × 720 (HD)').check();
    await dialog.getByLabel('Large type (projector)').check();
    await dialog.getByLabel('Show sliders').uncheck();
    await expect(code).toHaveValue(/width="1280" height="720"/);
    await expect(code).toHaveValue(/big=1/);
    await expect(code).toHaveValue(/controls=0/);
    const preview = page.getByTestId('embed-preview');
    await expect(preview).toHaveAttribute('src', /big=1/);
    await expect(preview).toHaveAttribute('src', /controls=0/);
    const pf = page.frameLocator('[data-testid=embed-preview]');
    await expect(pf.locator('figure[data-chart="linear:curves"] path[data-series="theory:transfer"]')).toBeAttached();
    await expect(pf.locator('input[type=range]')).toHaveCount(0);
    // Focus stays in the dialog.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  });
});

test.describe('accessibility', () => {
  test('axe: zero violations on every figure of every ready chapter', async ({ page }) => {
    test.setTimeout(900_000); // 17 scans; one takes 30-80 s on a loaded 2-core machine
    for (const c of ready) {
      for (const f of c.figures) {
        await page.goto(`./?chapter=${c.id}&fig=${f.id}&autorun=0`);
        await chartDrawn(page, `${c.id}:${f.id}`);
        await expect(page.locator('article .katex').first()).toBeAttached();
        await expectNoAxeViolations(page, `${c.id}:${f.id}`);
      }
    }
    // With the data table open, the preset menu open and the embed dialog open.
    await page.goto('./?chapter=linear&points=exact&seeds=2');
    await waitDone(page);
    await page.getByRole('button', { name: 'Show data table' }).click();
    await expect(page.locator('.table-scroll table').first()).toBeVisible();
    await expectNoAxeViolations(page, 'data table');
    await page.getByTestId('preset-menu').click();
    await expectNoAxeViolations(page, 'preset menu');
    await page.keyboard.press('Escape');
    await page.getByTestId('embed-open').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAxeViolations(page, 'embed dialog');
  });

  test('axe: zero violations on the landing page, the gallery and embeds', async ({ page }) => {
    test.setTimeout(400_000); // four scans (see above)
    await page.goto('./');
    await expect(page.locator('.thumb-card').first()).toBeVisible();
    await expectNoAxeViolations(page, 'landing');
    await page.goto('./?view=gallery');
    const thumb = page.locator('[data-thumb="linear:scratch-noiseless"]');
    await thumb.scrollIntoViewIfNeeded();
    await expect(thumb).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expectNoAxeViolations(page, 'gallery');
    for (const [w, h] of [
      [960, 540],
      [480, 270],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('./?chapter=linear&embed=1&points=exact&seeds=2');
      await waitDone(page);
      if (w < 720) await page.getByRole('button', { name: 'Sliders' }).click();
      await expectNoAxeViolations(page, `embed ${w}×${h}`);
    }
  });

  test(
    'keyboard: figure tabs are a tablist with arrow keys; focus is visible; the chart has a summary and a ' +
      'data table',
    async ({ page }) => {
      await page.goto('./?chapter=linear&autorun=0');
      const tabs = page.getByRole('tab');
      await expect(tabs).toHaveCount(3);
      await expect(tabs.nth(0)).toHaveAttribute('tabindex', '0');
      await expect(tabs.nth(1)).toHaveAttribute('tabindex', '-1');
      await tabs.nth(0).focus();
      await page.keyboard.press('ArrowRight');
      await expect(page).toHaveURL(/fig=phase/);
      await expect(tabs.nth(1)).toBeFocused();
      await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel')).toHaveAttribute(
        'aria-labelledby',
        (await tabs.nth(1).getAttribute('id'))!,
      );
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('End');
      await expect(page).toHaveURL(/fig=divergence/);
      await page.keyboard.press('Home');
      await expect(page).not.toHaveURL(/fig=/);
      // Text alternative: the summary names the lowest protocol at the reader's γ, and the svg points at it.
      const summary = page.getByTestId('chart-summary');
      await expect(summary).toContainText(
        'At γ = 0.5 (your value) the theory puts fine-tuning lowest in excess test error R',
      );
      const describedBy = await page
        .locator('figure[data-chart="linear:curves"] svg[role=img]')
        .getAttribute('aria-describedby');
      expect(await summary.getAttribute('id')).toBe(describedBy);
      const toggle = page.locator('.data-table > button');
      await expect(toggle).toHaveText('Show data table');
      await toggle.press('Enter');
      await expect(toggle).toHaveText('Hide data table');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      const rows = page.locator('.table-scroll tbody tr');
      const json = JSON.parse(cli(['linear', '--fig=curves', '--format=json'])) as FigureData;
      await expect(rows).toHaveCount(json.x.values.length);
      // Sliders announce value and unit.
      await expect(page.locator('input[name=theta]')).toHaveAttribute('aria-valuetext', /22\.5 °/);
    },
  );

  test('prefers-reduced-motion turns transitions off', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./?chapter=linear&autorun=0');
    const d = await page
      .locator('button')
      .first()
      .evaluate((b) => getComputedStyle(b).transitionDuration);
    expect(d.split(',').every((x) => parseFloat(x) === 0)).toBe(true);
  });
});

test.describe('typeset exposition', () => {
  for (const c of ready) {
    test(`${c.id}: article headings and KaTeX equations render without errors`, async ({ page }) => {
      await page.goto(`./?chapter=${c.id}&autorun=0`);
      await expect(page.locator('article h2').first()).toBeVisible();
      await expect(page.locator('article .katex').first()).toBeVisible();
      expect(await page.locator('article .katex-error').count()).toBe(0);
      expect(await page.locator('figcaption .katex-error').count()).toBe(0);
    });
  }
});

test.describe('offline', () => {
  test('after one visit the app reloads with no network: theory drawn and a small simulation completes', async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await page.goto('./?chapter=linear&points=exact&seeds=2');
    await waitDone(page);
    // The service worker has precached everything once it is active and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await context.setOffline(true);
    // Belt and braces: any request that still reaches the network layer (page, workers or the service worker) fails.
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    expect(
      await page.evaluate(() =>
        fetch(`./not-cached-${Date.now()}.txt`).then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expectFiniteCurves(page, 'linear:curves');
    await expect(page.locator('article .katex').first()).toBeVisible();
    await waitDone(page);
    expect((await simPoints(page, 'linear:curves')).length).toBeGreaterThan(0);
    // A fresh simulation (new parameters: the worker, its chunks and the wasm binary all come from the cache).
    await page.goto('./?chapter=linear&points=gd&d=30&steps=200&seeds=1&theta=40');
    await waitDone(page);
    expect((await simPoints(page, 'linear:curves')).length).toBeGreaterThan(0);
    // An embed and a chapter with worker theory work offline too.
    await page.goto('./?chapter=chmm&embed=1&autorun=0');
    await expectFiniteCurves(page, 'chmm:curves');
    expect(errors).toEqual([]);
    await context.close();
  });
});
