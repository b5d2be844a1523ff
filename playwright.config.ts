import { defineConfig } from '@playwright/test';
import { launchOptions, WEBGPU_FLAGS } from './e2e/browser';

// e2e runs against the built app served by `vite preview` (what users get). E2E_PORT picks another port,
// E2E_DIST another build folder (`vite build --outDir <dir>`), so that two builds can be tested side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: launchOptions(WEBGPU_FLAGS),
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort${outDir}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
