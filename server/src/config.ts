import { resolve } from 'node:path';

/** Everything the server reads from its environment. */
export interface ServerConfig {
  port: number;
  /** Interface to listen on; undefined means every interface. */
  host: string | undefined;
  /** Folder of the SQLite database, the default store; unused when `databaseUrl` is set. */
  dataDir: string;
  /** PostgreSQL address (DATABASE_URL); when set, every table lives there instead of SQLite. */
  databaseUrl: string | null;
  /** Redis address (REDIS_URL); when set, instances share live documents, presence and access changes. */
  redisUrl: string | null;
  logLevel: LogLevel;
  /** The address people open (PUBLIC_URL); pages and sockets from any other origin are refused. */
  publicUrl: URL | null;
  /** How many reverse proxies in front are trusted to name the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy: number;
  /** How long a session lasts after its last use (SESSION_DAYS), in milliseconds. */
  sessionLifetimeMs: number;
  /** Folder of the built web app (adapter-node output); the app is not served when it is missing. */
  webBuildDir: string;
  /** The mail server invitations are sent through (SMTP_URL); without it the inviter copies the link. */
  smtpUrl: string | null;
  /** The sender of invitation emails (MAIL_FROM). */
  mailFrom: string;
  /**
   * Whether the sync socket compresses its messages (SYNC_COMPRESSION=deflate): a sixth of the bytes
   * of a board's live cursors, for CPU on the server and in every browser (see bench/README.md).
   */
  syncDeflate: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`);
  }
  let publicUrl: URL | null = null;
  if (env.PUBLIC_URL) {
    try {
      publicUrl = new URL(env.PUBLIC_URL);
    } catch {
      throw new ConfigError(
        `PUBLIC_URL must be a full address like https://journeys.example.com, not "${env.PUBLIC_URL}"`,
      );
    }
    if (publicUrl.protocol !== 'http:' && publicUrl.protocol !== 'https:') {
      throw new ConfigError(`PUBLIC_URL must start with http:// or https://, not "${env.PUBLIC_URL}"`);
    }
  }
  const trustProxy = Number(env.TRUST_PROXY || 0);
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) {
    throw new ConfigError(
      `TRUST_PROXY must be the number of reverse proxies in front of the server, from 0 to 10, not "${env.TRUST_PROXY}"`,
    );
  }
  const sessionDays = Number(env.SESSION_DAYS || 30);
  if (!Number.isFinite(sessionDays) || sessionDays <= 0 || sessionDays > 365) {
    throw new ConfigError(
      `SESSION_DAYS must be how many days a session lasts after its last use, more than 0 and at most 365, not "${env.SESSION_DAYS}"`,
    );
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null) checkDatabaseUrl(databaseUrl);
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl !== null) {
    if (!/^rediss?:\/\//.test(redisUrl))
      throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
    if (databaseUrl === null) {
      throw new ConfigError(
        'REDIS_URL runs several instances, which must share one store: set DATABASE_URL (PostgreSQL) too',
      );
    }
  }
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null) checkSmtpUrl(smtpUrl);
  const mailFrom = (env.MAIL_FROM ?? '').trim() || defaultMailFrom(publicUrl);
  if (!MAIL_FROM_PATTERN.test(mailFrom)) {
    throw new ConfigError(
      `MAIL_FROM must be an address like boards@example.com or "Journeyboard <boards@example.com>", not "${env.MAIL_FROM}"`,
    );
  }
  const compression = (env.SYNC_COMPRESSION || 'off').toLowerCase();
  if (compression !== 'off' && compression !== 'deflate') {
    throw new ConfigError(`SYNC_COMPRESSION must be "off" or "deflate", not "${env.SYNC_COMPRESSION}"`);
  }
  return {
    port,
    publicUrl,
    syncDeflate: compression === 'deflate',
    smtpUrl,
    mailFrom,
    trustProxy,
    sessionLifetimeMs: Math.round(sessionDays * 24 * 60 * 60 * 1000),
    databaseUrl,
    redisUrl,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR || './data'),
    logLevel: logLevel as LogLevel,
    webBuildDir: resolve(env.WEB_BUILD_DIR || new URL('../../web/build', import.meta.url).pathname),
  };
}

/** Only PostgreSQL addresses; the message never repeats the address, which may hold a password. */
function checkDatabaseUrl(value: string): void {
  const example = 'postgres://user:password@host:5432/journeyboard';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`DATABASE_URL must be a PostgreSQL address like ${example}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (like ${example}), not ${url.protocol}//; ` +
        'leave it unset to keep the data in SQLite in DATA_DIR',
    );
  }
}

/** `name@domain`, bare or as `Display Name <name@domain>`. */
const MAIL_FROM_PATTERN = /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** Mail comes from the site's own domain when PUBLIC_URL names one. */
function defaultMailFrom(publicUrl: URL | null): string {
  const host = publicUrl && publicUrl.hostname.includes('.') ? publicUrl.hostname : 'localhost';
  return `Journeyboard <no-reply@${host}>`;
}

/** Only SMTP addresses; like DATABASE_URL, the message never repeats the address and its password. */
function checkSmtpUrl(value: string): void {
  const example = 'smtp://user:password@mail.example.com:587';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`SMTP_URL must be a mail server address like ${example}`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(
      `SMTP_URL must start with smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), like ${example}, not ${url.protocol}//`,
    );
  }
  if (url.hostname === '') throw new ConfigError(`SMTP_URL names no mail server: write it like ${example}`);
}
