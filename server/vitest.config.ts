import { configDefaults, defineConfig } from 'vitest/config';
import { testReporters } from '../scripts/vitest-reporters.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: testReporters('server'),
    // These tests start real server processes and drive them over real sockets.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Every suite runs on both stores (src/testing/test-store.ts); `*.postgres.test.ts` files try
    // what only PostgreSQL has. `--project sqlite` or `--project postgres` runs one store.
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          env: { JOURNEYBOARD_TEST_STORE: 'sqlite' },
          exclude: [...configDefaults.exclude, 'src/**/*.postgres.test.ts'],
        },
      },
      { extends: true, test: { name: 'postgres', env: { JOURNEYBOARD_TEST_STORE: 'postgres' } } },
    ],
  },
});
