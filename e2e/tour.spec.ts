import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chapters } from '../src/engine/chapters';
import { stepFigure } from '../src/engine/core/guide';
import { stepTarget, tourSteps } from '../src/state/tour';
import { trackErrors } from './helpers';

// The guided tour (issue 17): step links, prediction then reveal, embeds, the phone layout, glossary terms.
// autorun=0 throughout: the tour is about the page, not the simulations (chapter specs cover those).
const ready = chapters.filter((c) => c.status === 'ready');

async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`),
    `axe on ${what}`,
  ).toEqual([]);
}

test(
  'every chapter: the tour steps are links that apply their preset, show their text and highlight the ' +
    'slider to move',
  async ({ page }) => {
    test.setTimeout(300_000); // every step of every chapter, and an axe scan per chapter
    const errors = trackErrors(page);
    for (const ch of ready) {
      const steps = tourSteps(ch);
      await page.goto(`./?chapter=${ch.id}&autorun=0`);
      const links = page.locator('[data-testid=tour] .tour-steps a');
      await expect(links).toHaveCount(steps.length);
      for (let n = 1; n <= steps.length; n++) {
        await links.nth(n - 1).click();
        const step = page.getByTestId('tour-step');
        await expect(step).toHaveAttribute('data-step', String(n));
        await expect(page).toHaveURL(new RegExp(`[?&]step=${n}(&|$)`));
        await expect(page.locator(`figure[data-chart="${ch.id}:${stepFigure(ch, steps[n - 1])}"]`)).toBeVisible();
        await expect(links.nth(n - 1)).toHaveAttribute('aria-current', 'step');
        const target = page.locator(`.tour-target [name="${steps[n - 1].move}"]`);
        await expect(target).toBeVisible();
        // The slider shows the step's value.
        const want = stepTarget(ch, steps[n - 1]).params[steps[n - 1].move];
        expect(
          await target.evaluate(
            (el) => (el as HTMLInputElement).getAttribute('aria-valuetext') ?? (el as HTMLInputElement).value,
          ),
        ).toContain(String(want).slice(0, 3));
      }
      await expectNoAxeViolations(page, `${ch.id} at its last tour step`);
    }
    expect(errors).toEqual([]);
  },
);

test('a step link opens at that step; the prediction is answered once the reader moves the slider by keyboard', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto('./?chapter=linear&step=1&autorun=0');
  const step = page.getByTestId('tour-step');
  await expect(step).toContainText('Step 1 of 5');
  await expect(step).toContainText('Predict');
  await expect(page.getByTestId('tour-reveal')).toHaveCount(0);
  await expect(page.locator('input[name=noise]')).toHaveValue('0');
  await expect(page.getByTestId('preset-caption')).toHaveCount(0);
  const theta = page.locator('input[name=theta]');
  await theta.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tour-reveal')).toContainText('cos');
  await expect(page).toHaveURL(/step=1.*theta=27\.5/);
  // The same link, with the moved slider, reproduces it (link parameters win over the step's).
  await page.reload();
  await expect(page.locator('input[name=theta]')).toHaveValue('27.5');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '1');
  // Next by keyboard; leaving the tour drops step= from the link.
  await page.getByRole('button', { name: 'Next →' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '2');
  await expect(page.locator('input[name=noise]')).toHaveValue('0.2');
  // Step 4 asks first; "Show the answer" by keyboard puts focus on the answer.
  await page.locator('.tour-steps a').nth(3).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '4');
  await page.getByRole('button', { name: 'Show the answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tour-reveal')).toBeFocused();
  await expect(page.getByTestId('tour-reveal')).toContainText('60°');
  await page.getByRole('button', { name: 'Leave the tour' }).click();
  await expect(page.getByTestId('tour-step')).toHaveCount(0);
  await expect(page).not.toHaveURL(/step=/);
  expect(errors).toEqual([]);
});

test('a bad step is reported in the notice area', async ({ page }) => {
  await page.goto('./?chapter=linear&step=12&autorun=0');
  await expect(page.getByTestId('notice')).toContainText('"step" must be a tour step, 1 … 5');
  await expect(page.getByTestId('tour-step')).toHaveCount(0);
});

test('embed=1 with step=: the step text as a compact caption, no page chrome', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?chapter=linear&step=3&embed=1&autorun=0');
  const cap = page.getByTestId('tour-step');
  await expect(cap).toBeVisible();
  await expect(cap).toContainText('3/5');
  await expect(page.locator('figure[data-chart="linear:phase"]')).toBeVisible();
  await expect(page.locator('header, nav, article, footer')).toHaveCount(0);
  const box = (await cap.boundingBox())!;
  expect(box.height).toBeLessThan(720 / 6);
  await expectNoAxeViolations(page, 'embed with a tour step');
});

test('glossary: a slider symbol is focusable and describes meaning, unit and range', async ({ page }) => {
  await page.goto('./?chapter=linear&autorun=0');
  const term = page.locator('.control[data-param=theta] .gloss-term');
  await term.focus();
  const tip = page.locator(`#${await term.getAttribute('aria-describedby')}`.replace(/:/g, '\\:'));
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Source–target angle');
  await expect(tip).toContainText('Unit: °');
  await expect(tip).toContainText('Range: 0 … 90');
  // Readout labels carry terms too, and the article lists every symbol.
  await expect(page.locator('.readouts .gloss-term').first()).toBeVisible();
  await page.getByTestId('glossary').locator('summary').click();
  await expect(page.getByTestId('glossary').locator('dd').first()).toBeVisible();
  await expectNoAxeViolations(page, 'chapter page with glossary open');
});

test('glossary in typeset prose: symbols in article, captions and tour steps are terms, reached by keyboard', async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto('./?chapter=proportional&autorun=0');
  // "… an elastic spring of stiffness $\gamma$." — the formula is a term and still KaTeX inside.
  const first = page.locator('article p .gloss-term').first();
  await expect(first.locator('.katex')).toBeVisible();
  await expect(first).toHaveAttribute('aria-label', 'γ');
  expect(await page.locator('article .katex-error').count()).toBe(0);
  // A symbol followed by a relation: the symbol is the term, "= 0" typeset after it.
  const rel = page.locator('article p .nowrap', { hasText: '= 0' }).first();
  await expect(rel.locator('.gloss-term')).toHaveAttribute('aria-label', 'γ');
  // Keyboard: Tab from the focused term reaches the next symbol's term; each shows its entry.
  const tabbable = page.locator('article .gloss-term[tabindex="0"]');
  expect(await tabbable.count()).toBeGreaterThan(10);
  await tabbable.nth(0).focus();
  const tipOf = async (term: ReturnType<Page['locator']>) =>
    page.locator(`[id="${await term.getAttribute('aria-describedby')}"]`);
  const tip = await tipOf(tabbable.nth(0));
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Coupling to the source');
  await expect(tip).toContainText('Range: 0.001 … 1000');
  // Escape hides the tip; focus stays on the term.
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(tabbable.nth(0)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(tabbable.nth(1)).toBeFocused();
  await expect(await tipOf(tabbable.nth(1))).toBeVisible();
  // The tip stays inside the viewport.
  const box = (await (await tipOf(tabbable.nth(1))).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  // The figure's caption and a tour step's text carry terms too.
  await expect(page.locator('figcaption .gloss-term').first()).toBeAttached();
  await page.goto('./?chapter=linear&step=1&autorun=0');
  const stepTerm = page.getByTestId('tour-step').locator('.gloss-term').first();
  await stepTerm.focus();
  await expect(await tipOf(stepTerm)).toBeVisible();
  await expectNoAxeViolations(page, 'tour step with a term focused');
  await page.goto('./?chapter=proportional&autorun=0');
  await page.locator('article .gloss-term[tabindex="0"]').nth(3).focus();
  await expectNoAxeViolations(page, 'article with a term focused');
  expect(errors).toEqual([]);
});

test('phone 390×844: the chart and the slider the step asks to move are on screen together', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const ch of ready) {
    const steps = tourSteps(ch);
    await page.goto(`./?chapter=${ch.id}&step=1&autorun=0`);
    const fig = `${ch.id}:${stepFigure(ch, steps[0])}`;
    await expect(page.locator(`figure[data-chart="${fig}"] svg`).first()).toBeAttached();
    // First screen: the step's text and the whole chart, without scrolling.
    // (Polled: the chart takes its width, and so its height, from a ResizeObserver after the first paint.)
    const bottom = async () => {
      const b = (await page.locator(`figure[data-chart="${fig}"] .chart-box`).boundingBox())!;
      return b.y + b.height;
    };
    await expect.poll(bottom, { message: `${ch.id} chart on the first screen` }).toBeLessThanOrEqual(844);
    // Scroll the slider to the bottom of the screen: the chart stays at the top.
    const slider = page.locator(`.tour-target [name="${steps[0].move}"]`);
    await slider.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const s = (await slider.boundingBox())!;
    const c = (await page.locator(`figure[data-chart="${fig}"] .chart-box`).boundingBox())!;
    expect(s.y + s.height, `${ch.id} slider`).toBeLessThanOrEqual(845);
    expect(c.y, `${ch.id} chart`).toBeGreaterThanOrEqual(-1);
    expect(c.y + c.height, `${ch.id} chart above slider`).toBeLessThanOrEqual(s.y);
  }
  await expectNoAxeViolations(page, 'phone chapter page');
});

test('phone 390×844 with no step open: tour first, then the chart near the top and the first slider with it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const ch of ready) {
    await page.goto(`./?chapter=${ch.id}&autorun=0`);
    const chart = page.locator('figure[data-chart] .chart-box').first();
    await expect(chart.locator('svg')).toBeAttached();
    const tour = (await page.getByTestId('tour').boundingBox())!;
    // Nav and tabs do not push the chart down: the chapter links are at the end of the page on a phone.
    await expect
      .poll(async () => (await chart.boundingBox())!.y, { message: `${ch.id} chart top` })
      .toBeLessThan(844 / 3);
    const c = (await chart.boundingBox())!;
    expect(tour.y + tour.height, `${ch.id}: the tour comes before the chart`).toBeLessThanOrEqual(c.y);
    const slider = (await page.locator('.primary-controls input, .primary-controls select').first().boundingBox())!;
    expect(slider.y + slider.height, `${ch.id}: first slider on the first screen`).toBeLessThanOrEqual(844);
    const nav = (await page.getByRole('navigation', { name: 'Chapters' }).boundingBox())!;
    expect(nav.y, `${ch.id}: chapter links after the figure`).toBeGreaterThan(c.y + c.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${ch.id}: no sideways scroll`).toBe(390);
  }
  await expectNoAxeViolations(page, 'phone chapter page, no step');
});

test('the tour is the one guided path: "What to try" closes its last step instead of the article', async ({ page }) => {
  for (const ch of ready) {
    const steps = tourSteps(ch);
    await page.goto(`./?chapter=${ch.id}&autorun=0`);
    // The tour is the first thing in the main content.
    await expect(page.locator('main > :first-child')).toHaveAttribute('data-testid', 'tour');
    await expect(page.locator('article h2').first()).toBeVisible();
    await expect(page.locator('article h2', { hasText: 'What to try' })).toHaveCount(0);
    await expect(page.getByTestId('tour-more')).toHaveCount(0);
    await page.goto(`./?chapter=${ch.id}&step=${steps.length}&autorun=0`);
    const more = page.getByTestId('tour-more');
    await expect(more).toBeVisible();
    await more.locator('summary').click();
    // The section's own text, typeset (every chapter's "What to try" has a formula).
    await expect(more.locator('p .katex').first()).toBeVisible();
    expect((await more.locator('p').textContent())!.length).toBeGreaterThan(200);
  }
  await expectNoAxeViolations(page, 'last tour step with "More to try" open');
});

test('an empty plot says why: networks-only figures before their first point, slow theory before its curves', async ({
  page,
}) => {
  await page.goto('./?chapter=depth&autorun=0');
  const box = page.locator('figure[data-chart="depth:layers"] .chart-box');
  await expect(box.getByTestId('sim-waiting')).toContainText('Press Run');
  // Inside the plot's box, not under it.
  const b = (await box.boundingBox())!;
  const m = (await box.getByTestId('sim-waiting').boundingBox())!;
  expect(m.y).toBeGreaterThan(b.y);
  expect(m.y + m.height).toBeLessThan(b.y + b.height);
  // A figure with theory curves has none.
  await page.goto('./?chapter=linear&autorun=0');
  await expect(page.locator('figure[data-chart="linear:curves"] path[data-series^="theory:"]').first()).toBeAttached();
  await expect(page.getByTestId('sim-waiting')).toHaveCount(0);
});

test('landing: a clear start, and each chapter with its question and a live thumbnail of its key figure', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('start-here')).toHaveAttribute('href', '?chapter=linear&step=1');
  for (const ch of ready) {
    const card = page.locator(`.chapter-cards li[data-chapter=${ch.id}]`);
    await expect(card).toContainText(ch.question);
    await expect(card.locator('[data-thumb]')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }
  await expect(
    page.locator('.chapter-cards li[data-chapter=linear] path[data-series^="theory:"]').first(),
  ).toBeAttached();
  await page.getByTestId('start-here').click();
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '1');
});
