/**
 * The browser every browser-driven run uses, the browser tests and the benchmarks alike: the
 * machine's Chromium (Debian's, not a downloaded build), or the one CHROMIUM_PATH names, headless,
 * with the flags that keep it off the network it cannot reach.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
