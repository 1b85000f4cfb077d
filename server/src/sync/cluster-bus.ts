import { Redis as RedisClient } from 'ioredis';
import type { Logger } from 'pino';
import type { CloseReason } from './close-reasons.ts';

/** Something that happened on one instance that every instance must act on. */
export type ClusterEvent =
  | { type: 'board-access'; boardId: string; reason: CloseReason }
  | { type: 'sessions-ended'; sessionIds: string[]; reason: CloseReason };

/**
 * Tells the other server instances about access changes (a role changed, a link was revoked, a
 * session ended), so that connections they hold are decided again too. One instance alone needs
 * no bus; several share one through Redis pub/sub.
 */
export interface ClusterBus {
  publish(event: ClusterEvent): Promise<void>;
  subscribe(handler: (event: ClusterEvent) => void): void;
  close(): Promise<void>;
}

const CHANNEL = 'journeyboard:cluster';

export class RedisClusterBus implements ClusterBus {
  private readonly pub: RedisClient;
  private readonly sub: RedisClient;
  private readonly identifier = crypto.randomUUID();
  private readonly log: Logger;
  private handler: ((event: ClusterEvent) => void) | null = null;

  constructor(redisUrl: string, log: Logger) {
    this.log = log;
    this.pub = new RedisClient(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new RedisClient(redisUrl, { lazyConnect: false });
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
    }
    this.sub
      .subscribe(CHANNEL)
      .catch((error: unknown) => log.error({ err: error }, 'Redis subscribe failed'));
    this.sub.on('message', (_channel: string, message: string) => {
      try {
        const { from, event } = JSON.parse(message) as { from: string; event: ClusterEvent };
        if (from !== this.identifier) this.handler?.(event);
      } catch (error) {
        this.log.warn({ err: error }, 'ignored an unreadable cluster message');
      }
    });
  }

  async publish(event: ClusterEvent): Promise<void> {
    await this.pub.publish(CHANNEL, JSON.stringify({ from: this.identifier, event }));
  }

  subscribe(handler: (event: ClusterEvent) => void): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
