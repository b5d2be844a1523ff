import { defineConfig } from 'vitest/config';

// Unit tests run the engine in Node on tfjs's plain-JS CPU backend (test/setupTf.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setupTf.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
