// Screenshot helper: npx tsx scripts/shot.ts "<query>" out.png [width height]
import { chromium } from '@playwright/test';
import { launchOptions, WEBGPU_FLAGS } from '../e2e/browser';
const [query = '', out = '/tmp/shot.png', w = '1280', h = '900', waitDone = '1'] = process.argv.slice(2);
const browser = await chromium.launch(launchOptions(WEBGPU_FLAGS));
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto(`http://localhost:${process.env.SHOT_PORT ?? 4173}/${query}`);
if (waitDone === '1') await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: 120000 }).catch(() => console.log('not done'));
else await page.waitForTimeout(Number(waitDone));
console.log('status', await page.textContent('[data-testid=run-status]').catch(() => null), 'backend', await page.textContent('[data-testid=backend]').catch(() => null));
console.log('notices', await page.textContent('[data-testid=notice]').catch(() => null));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
