import { defineConfig } from 'vitest/config';
import { testReporters } from '../scripts/vitest-reporters.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: testReporters('server'),
    // These tests start real server processes and drive them over real sockets.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
