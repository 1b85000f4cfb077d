export { startServer, type RunningServer, SYNC_PATH, MAX_MESSAGE_BYTES } from './app.ts';
export { readConfig, type ServerConfig } from './config.ts';
export { createLogger } from './log.ts';
