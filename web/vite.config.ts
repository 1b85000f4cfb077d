import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development (`pnpm --filter @journeyboard/web dev`) the API and sync server run separately
// (`PORT=3001 node server/src/main.ts`); Vite forwards them so the page sees one origin.
const server = process.env.JOURNEYBOARD_DEV_SERVER ?? 'http://localhost:3001';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      // The pages' Content-Security-Policy, sent as a header (frame-ancestors works only there).
      // SvelteKit adds a fresh nonce for the scripts it writes into each page; nothing else inline
      // runs. Styles may be inline: Svelte sets style attributes, and a style cannot run code.
      // 'self' in connect-src covers the sync WebSocket on the same host (ws: or wss:). The server
      // sends the other security headers (server/src/http/security-headers.ts).
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          // The service worker that keeps the app shell for offline use (src/service-worker).
          'worker-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: { include: ['src/**/*.test.ts'] },
});
