import { describe, expect, it } from 'vitest';
import { makeDataDir, startServerProcess, waitUntil } from './testing/harness.ts';
import { setConnectionsAllowed } from './testing/test-store.ts';

async function health(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json(), ms: Date.now() - started };
}

describe('health on PostgreSQL', () => {
  it('answers 503 within seconds while PostgreSQL refuses connections, and 200 once it is back', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    expect(await health(server.url)).toMatchObject({
      status: 200,
      body: { status: 'ok', storage: 'postgres' },
    });

    await setConnectionsAllowed(dataDir, false);
    const down = await health(server.url);
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', storage: 'postgres' } });
    expect(down.ms).toBeLessThan(3_000);
    // The log line travels through a pipe: it may arrive just after the response.
    await waitUntil(
      () => server.logs.some((line) => line.msg === 'health check: storage unreachable'),
      'the server logs that storage is unreachable',
    );

    await setConnectionsAllowed(dataDir, true);
    expect(await health(server.url)).toMatchObject({
      status: 200,
      body: { status: 'ok', storage: 'postgres' },
    });
    // The server lived through it: the API works on fresh connections.
    expect(
      (await fetch(`${server.url}/api/boards`, { headers: { cookie: server.owner.cookie } })).status,
    ).toBe(200);
  });
});
