import { defineConfig } from 'vitest/config';

/** The end-to-end files that run on the county's stack as well (tests/support/stack.ts `testTarget`). */
const onBothTargets = ['tests/e2e/stack.test.ts', 'tests/e2e/faults.test.ts'];

export default defineConfig({
  test: {
    // Files that start a Temporal server or workerd run one after another: the machine has two cores.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'development', include: ['tests/**/*.test.ts'], exclude: ['tests/county/**'] },
      },
      {
        extends: true,
        // PostgreSQL, the production Temporal server with four history shards, two workers, the edge in Node.
        test: { name: 'county', include: [...onBothTargets, 'tests/county/**/*.test.ts'], env: { FENGQIAO_TARGET: 'county' } },
      },
    ],
  },
});
