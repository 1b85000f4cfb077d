/**
 * The reference Yjs WebSocket server (`@y/websocket-server`) lives in bench/reference/ with its own
 * package.json and lock file, installed there with npm on first use: it needs `@y/protocols`
 * pinned through an npm override and a yjs 14 pre-release, neither of which belongs in the
 * product's pnpm dependency tree.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const REFERENCE_DIR = new URL('../reference/', import.meta.url).pathname;
const SERVER_SCRIPT = `${REFERENCE_DIR}node_modules/@y/websocket-server/src/server.js`;

/** Installs the reference server if it is not yet there; returns the path of its start script. */
export function referenceServerScript(): string {
  if (!existsSync(SERVER_SCRIPT)) {
    console.log('Installing the reference server (@y/websocket-server) into bench/reference/ with npm…');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: REFERENCE_DIR,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.status !== 0 || !existsSync(SERVER_SCRIPT)) {
      throw new Error(
        `could not install the reference server in ${REFERENCE_DIR} (npm ci ${result.error?.message ?? `exited ${result.status}`}); ` +
          'run `npm ci` there yourself and try again',
      );
    }
  }
  return SERVER_SCRIPT;
}
