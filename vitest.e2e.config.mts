import {defineConfig} from 'vitest/config';

// Browser tests share one machine with two cores: files run one after another.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    environment: 'node',
  },
});
