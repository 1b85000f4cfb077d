import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('reads the defaults from an empty environment', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000,
      host: undefined,
      databaseUrl: null,
      redisUrl: null,
      logLevel: 'info',
      publicUrl: null,
      trustProxy: 0,
      smtpUrl: null,
      mailFrom: 'Journeyboard <no-reply@localhost>',
      syncDeflate: false,
    });
  });

  it('compresses the sync socket only when asked, and refuses a compression it does not know', () => {
    expect(readConfig({ SYNC_COMPRESSION: 'deflate' }).syncDeflate).toBe(true);
    expect(readConfig({ SYNC_COMPRESSION: 'Deflate' }).syncDeflate).toBe(true);
    expect(readConfig({ SYNC_COMPRESSION: 'off' }).syncDeflate).toBe(false);
    expect(() => readConfig({ SYNC_COMPRESSION: 'gzip' })).toThrow(
      new ConfigError('SYNC_COMPRESSION must be "off" or "deflate", not "gzip"'),
    );
  });

  it('reads the mail server for invitations and who the mail comes from', () => {
    const url = 'smtp://boards:s3cret@mail.example.com:587';
    expect(readConfig({ SMTP_URL: url })).toMatchObject({ smtpUrl: url });
    expect(readConfig({ SMTP_URL: 'smtps://mail.example.com' }).smtpUrl).toBe('smtps://mail.example.com');
    expect(readConfig({ SMTP_URL: '' }).smtpUrl).toBeNull();
    expect(readConfig({ PUBLIC_URL: 'https://journeys.example.com' }).mailFrom).toBe(
      'Journeyboard <no-reply@journeys.example.com>',
    );
    expect(readConfig({ MAIL_FROM: 'boards@example.com' }).mailFrom).toBe('boards@example.com');
    expect(readConfig({ MAIL_FROM: ' Journey Boards <boards@example.com> ' }).mailFrom).toBe(
      'Journey Boards <boards@example.com>',
    );
  });

  it('refuses a mail setting it cannot use, without repeating the password', () => {
    for (const value of ['mail.example.com', 'https://user:s3cret@mail.example.com', 'smtp://']) {
      const attempt = () => readConfig({ SMTP_URL: value });
      expect(attempt, value).toThrow(ConfigError);
      expect(attempt, value).toThrow(/^SMTP_URL /);
      expect(attempt, value).not.toThrow(/s3cret/);
    }
    for (const value of ['boards', 'Boards <boards>', 'a@b\r\nBcc: x@y']) {
      expect(() => readConfig({ MAIL_FROM: value }), value).toThrow(/^MAIL_FROM must be an address/);
    }
  });

  it('reads how many reverse proxies are trusted to name the client', () => {
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: '' }).trustProxy).toBe(0);
    for (const value of ['yes', '-1', '1.5', '11']) {
      expect(() => readConfig({ TRUST_PROXY: value }), value).toThrow(
        new ConfigError(
          `TRUST_PROXY must be the number of reverse proxies in front of the server, from 0 to 10, not "${value}"`,
        ),
      );
    }
  });

  it('refuses settings it cannot use, saying which and why', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/^PORT must be a whole number/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of/);
    expect(() => readConfig({ PUBLIC_URL: 'journeys.example.com' })).toThrow(
      /^PUBLIC_URL must be a full address/,
    );
    expect(() => readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/set DATABASE_URL/);
  });
});
