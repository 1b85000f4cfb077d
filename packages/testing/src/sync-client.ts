/**
 * A raw client of the sync server, doing what the board page does without a browser: one
 * WebSocket (HocuspocusProviderWebsocket) that sends the session cookie, any number of documents
 * over it.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { waitUntil } from './wait.ts';

/** Node's WebSocket, sending a session cookie as a browser would (and no Origin header). */
export function webSocketWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, { protocols, headers: { cookie } } as unknown as string[]);
    }
  };
}

export interface SyncClientOptions {
  /**
   * Whether documents carry presence (an awareness). A page's lane documents do not; a client
   * that only loads or writes cards is cheaper without.
   */
  presence?: boolean;
}

export class SyncClient {
  readonly socket: HocuspocusProviderWebsocket;
  private readonly providers: HocuspocusProvider[] = [];
  private readonly presence: boolean;

  /** Connects to `syncUrl` (`ws://…/sync`) sending `cookie` (`journeyboard_session=…`). */
  constructor(syncUrl: string, cookie: string, options: SyncClientOptions = {}) {
    this.presence = options.presence ?? true;
    this.socket = new HocuspocusProviderWebsocket({
      url: syncUrl,
      WebSocketPolyfill: webSocketWithCookie(cookie),
    });
  }

  /** Opens a document (into a fresh `Y.Doc`) and resolves once the first sync is done. */
  async open(name: string): Promise<HocuspocusProvider> {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: new Y.Doc(),
      token: '',
      ...(this.presence ? {} : { awareness: null }),
    });
    this.providers.push(provider);
    const synced = new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        reject(new Error(`opening ${name} was refused: ${reason}`)),
      );
    });
    provider.attach();
    await synced;
    return provider;
  }

  /** Drops the WebSocket and opens a new one, as after a network hiccup; documents resync. */
  async reconnect(): Promise<void> {
    this.socket.disconnect();
    await waitUntil(() => this.socket.status === WebSocketStatus.Disconnected, 'the socket closed');
    await this.socket.connect();
  }

  destroy(): void {
    for (const provider of this.providers.splice(0)) provider.destroy();
    this.socket.destroy();
  }
}

/** Resolves once the server has acknowledged every update `provider` has sent: "saved". */
export function waitForSaved(provider: HocuspocusProvider, timeoutMs = 20_000): Promise<void> {
  if (provider.unsyncedChanges === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('unsyncedChanges', onChange);
      reject(
        new Error(`${provider.configuration.name} still had ${provider.unsyncedChanges} unsaved changes`),
      );
    }, timeoutMs);
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      clearTimeout(timer);
      provider.off('unsyncedChanges', onChange);
      resolve();
    };
    provider.on('unsyncedChanges', onChange);
  });
}

/** Hocuspocus's SyncStatus message: the server's answer to a change, applied (1) or not (0). */
const SYNC_STATUS_MESSAGE = 8;

/**
 * Resolves once the server answers a change `provider` sent with "not applied": what it answers a
 * connection it opened read-only. Rejects when no such answer comes within `timeoutMs`.
 */
export function waitForRefusal(provider: HocuspocusProvider, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('message', onMessage);
      reject(new Error(`the server did not refuse a change to ${provider.configuration.name}`));
    }, timeoutMs);
    const onMessage = ({ message }: { message: { readVarString(): string; readVarUint(): number } }) => {
      message.readVarString();
      // The status is a varInt; 0 and 1 read the same as a varUint.
      if (message.readVarUint() !== SYNC_STATUS_MESSAGE || message.readVarUint() !== 0) return;
      clearTimeout(timer);
      provider.off('message', onMessage);
      resolve();
    };
    provider.on('message', onMessage);
  });
}
