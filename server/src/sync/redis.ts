import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis as RedisClient } from 'ioredis';
import type { Logger } from 'pino';
import { RedisClusterBus } from './cluster-bus.ts';

/**
 * What several instances share through Redis: live document updates and presence (Hocuspocus's
 * Redis extension), and access changes (our cluster bus). Every instance appends to the shared
 * PostgreSQL log the updates its own clients send (acknowledging them once committed) and those it
 * takes in from the other instances, so Redis holds nothing that a crash could lose.
 */
export function connectRedis(redisUrl: string, log: Logger) {
  const clients: RedisClient[] = [];
  const extension = new RedisExtension({
    prefix: 'journeyboard',
    createClient: () => {
      const client = new RedisClient(redisUrl, { maxRetriesPerRequest: 3 });
      client.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
      clients.push(client);
      return client;
    },
  });
  const bus = new RedisClusterBus(redisUrl, log);
  log.info({ redis: new URL(redisUrl).host }, 'sharing documents with other instances through Redis');
  return {
    extension,
    bus,
    async close() {
      await bus.close();
      await Promise.allSettled(clients.map((client) => client.quit()));
    },
  };
}
