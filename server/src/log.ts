import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** The one logger: one JSON line per event on standard output. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'journeyboard' } });
}
