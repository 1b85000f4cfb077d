import { ConfigError, readConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './app.ts';

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`journeyboard: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const log = createLogger(config.logLevel);
const server = await startServer(config, log).catch((error: unknown) => {
  log.fatal({ err: error }, 'Journeyboard could not start');
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
