/**
 * A light protocol client for presence: one WebSocket on one document, speaking the wire protocol
 * itself (lib0 encoding) instead of through a provider and a y-protocols Awareness, so that 140
 * clients on a shared two-core machine cost little next to the server they measure.
 *
 * It does what a provider does on the wire: Hocuspocus's (Journeyboard: every message starts with
 * the document's name; a token message first; the server's Ping answered with Pong) or
 * y-websocket's (the reference: the document is the URL's path); the sync handshake (an empty
 * document's state vector, an empty update in answer to the server's); its own awareness state
 * published on connect and renewed every 15 s as y-protocols' Awareness renews it; and, when asked
 * to, every awareness state the server relays handed over undecoded beyond its JSON. The document's
 * content is not kept: presence is all this client is for.
 *
 * The socket is `ws`'s, set up as Chromium's: it offers permessage-deflate as Chromium does
 * (`permessage-deflate; client_max_window_bits`, so the server picks the client's window) and, once
 * it is agreed, compresses every message it sends, however small. Its TCP socket's counters give the
 * bytes on the wire, compressed or not.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { withTimeout } from './concurrency.ts';

/** Hocuspocus's message types (@hocuspocus/provider's MessageType). */
const HOCUSPOCUS = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, ping: 9, pong: 10 } as const;
/** y-websocket's message types. */
const Y_WEBSOCKET = { sync: 0, awareness: 1, queryAwareness: 3 } as const;
/** y-protocols' sync steps. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
/** Hocuspocus's auth messages (@hocuspocus/common's AuthMessageType). */
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;
/** y-protocols' Awareness renews a state older than half its 30 s timeout. */
const RENEW_MS = 15_000;
const CONNECT_TIMEOUT_MS = 60_000;
/** The provider version the token message names: the one the page's provider sends. */
const PROVIDER_VERSION = '4.7.0';

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export interface PresenceWireOptions {
  protocol: 'hocuspocus' | 'y-websocket';
  /** Hocuspocus: `ws://…/sync`; y-websocket: `ws://host:port` (the document is appended). */
  url: string;
  docName: string;
  /** Journeyboard: the session cookie, sent as a browser sends it. */
  cookie?: string;
  /** Called with every message as it arrives (its payload). */
  onMessage?: (data: Uint8Array) => void;
  /** Called with every message's size as it is sent (payload bytes). */
  onSend?: (bytes: number) => void;
  /** Called for every relayed awareness entry: its client, and its state as JSON ("null" when removed). */
  onState?: (clientId: number, json: string) => void;
}

export class PresenceWire {
  /** This client's awareness id, as y-protocols makes one: a random 32-bit unsigned integer. */
  readonly clientId = Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
  private readonly options: PresenceWireOptions;
  private readonly socket: WebSocket;
  private clock = 0;
  private state: unknown = null;
  private renewal: NodeJS.Timeout | null = null;
  private lastPublished = 0;
  private closed = false;
  private lost: (() => void) | null = null;
  private tcp: Socket | null = null;

  private constructor(options: PresenceWireOptions) {
    this.options = options;
    const url = options.protocol === 'y-websocket' ? `${options.url}/${options.docName}` : options.url;
    this.socket = new WebSocket(url, {
      // A browser sends the cookie by itself.
      headers: options.cookie ? { cookie: options.cookie } : {},
      // ws's default offer is Chromium's; Chromium compresses every message it sends. A browser
      // inflates on its own thread; ws queues zlib calls past 10 at once for the whole process,
      // which with 35 sockets in one worker would hold messages back on the client.
      perMessageDeflate: { threshold: 0, concurrencyLimit: 256 },
    });
    this.socket.binaryType = 'arraybuffer';
    this.socket.on('upgrade', (response) => (this.tcp = response.socket as Socket));
  }

  /** Whether the server agreed to permessage-deflate (its Sec-WebSocket-Extensions answer). */
  get deflating(): boolean {
    return this.socket.extensions.includes('permessage-deflate');
  }

  /** Bytes this client's TCP socket has received and sent so far: what went over the wire. */
  get wireBytes(): { read: number; written: number } {
    return { read: this.tcp?.bytesRead ?? 0, written: this.tcp?.bytesWritten ?? 0 };
  }

  /** Opens the document, publishes `state` as this client's presence, and resolves once synced. */
  static async connect(options: PresenceWireOptions, state: unknown): Promise<PresenceWire> {
    const client = new PresenceWire(options);
    try {
      await withTimeout(client.handshake(state), CONNECT_TIMEOUT_MS, `opening ${options.docName}`);
    } catch (error) {
      client.close();
      throw error;
    }
    client.renewal = setInterval(() => {
      if (Date.now() - client.lastPublished >= RENEW_MS) client.publish(client.state);
    }, RENEW_MS / 5);
    return client;
  }

  private handshake(state: unknown): Promise<void> {
    const hocuspocus = this.options.protocol === 'hocuspocus';
    return new Promise<void>((resolve, reject) => {
      let synced = false;
      this.socket.addEventListener('open', () => {
        if (hocuspocus) {
          this.sendMessage(HOCUSPOCUS.auth, (encoder) => {
            encoding.writeVarUint(encoder, AUTH.token);
            encoding.writeVarString(encoder, '');
            encoding.writeVarString(encoder, PROVIDER_VERSION);
          });
        }
        this.sendMessage(HOCUSPOCUS.sync, (encoder) => {
          encoding.writeVarUint(encoder, SYNC_STEP_1);
          encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR);
        });
        this.publish(state);
      });
      this.socket.addEventListener('error', () =>
        reject(new Error(`the WebSocket to ${this.options.url} failed`)),
      );
      this.socket.addEventListener('close', (event) => {
        if (!synced) reject(new Error(`the server closed the connection (${event.code} ${event.reason})`));
        if (!this.closed) this.lost?.();
      });
      this.socket.addEventListener('message', (event) => {
        const data = new Uint8Array(event.data as ArrayBuffer);
        this.options.onMessage?.(data);
        if (hocuspocus && data.length === 1 && data[0] === HOCUSPOCUS.ping) {
          this.sendRaw(Uint8Array.of(HOCUSPOCUS.pong));
          return;
        }
        const decoder = decoding.createDecoder(data);
        if (hocuspocus) decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type === HOCUSPOCUS.awareness) {
          if (this.options.onState) this.readAwareness(decoding.readVarUint8Array(decoder));
        } else if (type === HOCUSPOCUS.sync) {
          const step = decoding.readVarUint(decoder);
          if (step === SYNC_STEP_1) {
            this.sendMessage(HOCUSPOCUS.sync, (encoder) => {
              encoding.writeVarUint(encoder, SYNC_STEP_2);
              encoding.writeVarUint8Array(encoder, EMPTY_UPDATE);
            });
          } else if (step === SYNC_STEP_2 && !synced) {
            synced = true;
            resolve();
          }
        } else if (hocuspocus && type === HOCUSPOCUS.auth) {
          if (decoding.readVarUint(decoder) === AUTH.permissionDenied) {
            reject(
              new Error(`opening ${this.options.docName} was refused: ${decoding.readVarString(decoder)}`),
            );
          }
        } else if (type === Y_WEBSOCKET.queryAwareness || type === HOCUSPOCUS.queryAwareness) {
          this.publish(this.state);
        }
      });
    });
  }

  private readAwareness(update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (clientId !== this.clientId) this.options.onState!(clientId, json);
    }
  }

  /** Publishes `state` as this client's presence (the whole state, as y-protocols sends it). */
  publish(state: unknown): void {
    this.state = state;
    this.clock++;
    this.lastPublished = Date.now();
    const update = encoding.encode((encoder) => {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, this.clientId);
      encoding.writeVarUint(encoder, this.clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    });
    this.sendMessage(HOCUSPOCUS.awareness, (encoder) => encoding.writeVarUint8Array(encoder, update));
  }

  /** Calls `onLost` when the server closes the connection. */
  onLost(onLost: () => void): void {
    this.lost = onLost;
  }

  private sendMessage(type: number, write: (encoder: encoding.Encoder) => void): void {
    this.sendRaw(
      encoding.encode((encoder) => {
        if (this.options.protocol === 'hocuspocus') encoding.writeVarString(encoder, this.options.docName);
        encoding.writeVarUint(encoder, type);
        write(encoder);
      }),
    );
  }

  private sendRaw(data: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.options.onSend?.(data.byteLength);
    this.socket.send(data as Uint8Array<ArrayBuffer>);
  }

  close(): void {
    this.closed = true;
    if (this.renewal) clearInterval(this.renewal);
    this.socket.close();
  }
}
