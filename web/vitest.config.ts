import { defineConfig } from 'vitest/config';
import { testReporters } from '../scripts/vitest-reporters.ts';

// Unit tests of the page logic that needs no browser; the browser itself is tested in e2e/.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], reporters: testReporters('web') },
});
