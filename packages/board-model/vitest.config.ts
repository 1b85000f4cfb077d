import { defineConfig } from 'vitest/config';
import { testReporters } from '../../scripts/vitest-reporters.ts';

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], reporters: testReporters('board-model') },
});
