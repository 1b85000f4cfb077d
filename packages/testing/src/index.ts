/**
 * What the server tests, the browser tests and the benchmarks all need to drive a real
 * Journeyboard: its process, a port, accounts and boards over the API, and a sync client. Plain
 * functions only, with no test runner in them, so that each consumer adds its own cleanup
 * (vitest's onTestFinished, Playwright's fixtures, a benchmark's finally).
 */
export * from './server-process.ts';
export * from './free-port.ts';
export * from './api.ts';
export * from './sync-client.ts';
export * from './wait.ts';
export * from './attachments.ts';
