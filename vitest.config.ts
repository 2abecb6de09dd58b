import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // PDF rendering and CLI spawns are slow on 2 cores; no test asserts timing.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
