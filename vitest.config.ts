import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'test/unit/**/*.test.ts',
      'test/worker/**/*.test.ts',
      'test/oracle/**/*.test.ts',
      'test/cli/**/*.test.ts',
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
