import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development (`pnpm --filter @journeyboard/web dev`) the API and sync server run separately
// (`PORT=3001 node server/src/main.ts`); Vite forwards them so the page sees one origin.
const server = process.env.JOURNEYBOARD_DEV_SERVER ?? 'http://localhost:3001';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter() })],
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: { include: ['src/**/*.test.ts'] },
});
