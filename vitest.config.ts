import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Under CI, a missing TEST_DATABASE_URL fails the run before any test (test/support/databases.ts).
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file makes its own databases, so files can run in parallel safely.
    fileParallelism: true,
  },
});
