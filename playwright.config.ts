import { defineConfig } from '@playwright/test';
import { launchOptions, WEBGPU_FLAGS } from './e2e/browser';

// e2e runs against the built app served by `vite preview` (what users get).
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: 'http://localhost:4173/',
    launchOptions: launchOptions(WEBGPU_FLAGS),
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: 'npx vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173/',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
