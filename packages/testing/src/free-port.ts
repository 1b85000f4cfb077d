import { createServer } from 'node:net';

/**
 * A loopback port free right now. Asking the system for port 0 is simpler, but a server that is
 * restarted has to come back on the port its pages and clients already use, so it is chosen first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
