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
    });
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
