/**
 * What one socket may send and have queued. A person typing fast, dragging cards and moving the
 * pointer sends a few dozen small messages a second, and a page opening a board a burst of two per
 * document; these limits are many times that, and stop a client that floods the server.
 */
export interface SocketLimitOptions {
  /** Messages a second, on average, and how many may come at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Bytes a second, on average, and how many may come at once (a whole lane sent after a reconnect). */
  bytesPerSecond: number;
  byteBurst: number;
  /**
   * Bytes the server holds for a socket that does not read what it is sent. A page reads its board
   * as it comes; one that does not is cut off rather than make the server hold copies of documents.
   */
  maxQueuedBytes: number;
}

export const SOCKET_LIMITS: SocketLimitOptions = {
  messagesPerSecond: 200,
  messageBurst: 1000,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 16 * 1024 * 1024,
  maxQueuedBytes: 32 * 1024 * 1024,
};

/** A bucket that fills at `rate` a second up to `burst`; each message takes from it. */
class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;

  constructor(rate: number, burst: number, now: number) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  take(amount: number, now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/** The limits of one socket: call `admit` for each message it sends, `mayQueue` before sending to it. */
export class SocketLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly maxQueuedBytes: number;

  constructor(options: SocketLimitOptions = SOCKET_LIMITS, now = performance.now()) {
    this.messages = new TokenBucket(options.messagesPerSecond, options.messageBurst, now);
    this.bytes = new TokenBucket(options.bytesPerSecond, options.byteBurst, now);
    this.maxQueuedBytes = options.maxQueuedBytes;
  }

  /** Whether a message of `size` bytes is within the socket's rate. */
  admit(size: number, now = performance.now()): boolean {
    return this.messages.take(1, now) && this.bytes.take(size, now);
  }

  /** Whether `size` more bytes may be queued for a socket that already has `queued` waiting. */
  mayQueue(queued: number, size: number): boolean {
    return queued + size <= this.maxQueuedBytes;
  }
}
