/**
 * A WebSocket that speaks the Hocuspocus protocol by hand, frame by frame, so that a test can send
 * what no well-behaved provider would: garbage, malformed updates, oversized frames.
 *
 * Every frame is `varString(documentName) varUint(messageType) …`, as in Hocuspocus's
 * OutgoingMessage and the provider's AuthenticationMessage.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { onTestFinished } from 'vitest';
import { messageYjsSyncStep2, writeUpdate } from 'y-protocols/sync';
import type { Identity, ServerProcess } from './harness.ts';

/** Message types of the Hocuspocus protocol (`MessageType` in @hocuspocus/server). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, Close: 7, SyncStatus: 8 } as const;
const AuthToken = 0;
const AuthPermissionDenied = 1;
const AuthAuthenticated = 2;

/** A frame from the server, decoded as far as the tests need. */
export type ServerMessage =
  | { documentName: string; type: 'authenticated'; scope: string }
  | { documentName: string; type: 'permissionDenied'; reason: string }
  | { documentName: string; type: 'close'; reason: string }
  | { documentName: string; type: 'syncStatus'; saved: boolean }
  | { documentName: string; type: 'other'; messageType: number };

function decode(data: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(data);
  const documentName = decoding.readVarString(decoder);
  const messageType = decoding.readVarUint(decoder);
  if (messageType === MessageType.Auth) {
    const authType = decoding.readVarUint(decoder);
    if (authType === AuthPermissionDenied) {
      return { documentName, type: 'permissionDenied', reason: decoding.readVarString(decoder) };
    }
    if (authType === AuthAuthenticated) {
      return { documentName, type: 'authenticated', scope: decoding.readVarString(decoder) };
    }
  }
  if (messageType === MessageType.Close) {
    return { documentName, type: 'close', reason: decoding.readVarString(decoder) };
  }
  if (messageType === MessageType.SyncStatus) {
    return { documentName, type: 'syncStatus', saved: decoding.readVarInt(decoder) === 1 };
  }
  return { documentName, type: 'other', messageType };
}

function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The authentication frame a provider sends first for each document. */
export function authFrame(documentName: string, token = ''): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Auth);
    encoding.writeVarUint(encoder, AuthToken);
    encoding.writeVarString(encoder, token);
  });
}

/** A sync Update frame carrying `update` as its payload, whatever it holds. */
export function updateFrame(documentName: string, update: Uint8Array): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    writeUpdate(encoder, update);
  });
}

/**
 * A sync SyncStep2 frame carrying `update`: what a client sends to answer the server's SyncStep1,
 * and which Hocuspocus handles apart from an Update (a read-only connection's is checked against
 * the document instead of refused outright).
 */
export function syncStep2Frame(documentName: string, update: Uint8Array): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/** One client's entry in an awareness update: its id, its clock, its state (null: gone). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * An Awareness frame carrying `entries`, encoded as y-protocols does (count, then id, clock and
 * JSON state for each), whatever they claim.
 */
export function awarenessFrame(documentName: string, entries: AwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  });
}

/** A SyncStep1 frame with an empty state vector: "send me the whole document". */
export function syncStep1Frame(documentName: string): Uint8Array {
  return frame(documentName, (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, 0); // messageYjsSyncStep1
    encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  });
}

/**
 * A WebSocket spoken over a bare TCP socket that never reads what the server sends once the
 * upgrade is answered: what a client does that asks for much and reads nothing.
 */
export class PausedSocket {
  private readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  static async connect(server: ServerProcess, as: Identity): Promise<PausedSocket> {
    const url = new URL(server.syncUrl);
    const socket = connectTcp(Number(url.port), url.hostname);
    onTestFinished(() => {
      socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(
      [
        `GET ${url.pathname} HTTP/1.1`,
        `Host: ${url.host}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        `Cookie: ${as.cookie}`,
        '',
        '',
      ].join('\r\n'),
    );
    await new Promise<void>((resolve, reject) => {
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        socket.pause();
        if (head.startsWith('HTTP/1.1 101')) resolve();
        else reject(new Error(`the upgrade was refused: ${head.split('\r\n')[0]}`));
      };
      socket.on('data', onData);
    });
    return new PausedSocket(socket);
  }

  /** Sends one binary WebSocket frame, masked as a client's must be. */
  send(data: Uint8Array): void {
    const mask = randomBytes(4);
    const length = data.length;
    const header =
      length < 126
        ? Buffer.from([0x82, 0x80 | length])
        : length < 65536
          ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), bigLength(length)]);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i++) masked[i] = data[i]! ^ mask[i % 4]!;
    this.socket.write(Buffer.concat([header, mask, masked]));
  }
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** How the server answered a WebSocket upgrade request: 101, or a refusal and its text. */
export interface UpgradeAnswer {
  status: number;
  body: string;
}

/**
 * Asks the sync endpoint for a WebSocket upgrade with exactly `headers` (cookie, Origin…) and
 * reports the HTTP answer. Node's WebSocket hides the status of a refused upgrade; this does not.
 */
export function upgradeAnswer(
  server: ServerProcess,
  headers: Record<string, string>,
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(server.syncUrl.replace(/^ws/, 'http'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the server answered to a write: its sync status, or the closing of the document. */
export type WriteAnswer = { saved: boolean } | { closed: string };

export class RawSyncSocket {
  readonly messages: ServerMessage[] = [];
  /** Settles with the close code and reason once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly socket: WebSocket;
  private readonly listeners = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event: MessageEvent) => {
      this.messages.push(decode(new Uint8Array(event.data as ArrayBuffer)));
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) =>
      socket.addEventListener('close', (event: CloseEvent) =>
        resolve({ code: event.code, reason: event.reason }),
      ),
    );
  }

  /** Opens a raw socket to the server's sync endpoint; closed when the test finishes. */
  static async connect(server: ServerProcess, as: Identity | null = server.owner): Promise<RawSyncSocket> {
    const socket = new WebSocket(server.syncUrl, {
      headers: as ? { cookie: as.cookie } : {},
    } as unknown as string[]);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not connect to ${server.syncUrl}`)), {
        once: true,
      });
    });
    onTestFinished(() => socket.close());
    return new RawSyncSocket(socket);
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: Uint8Array): void {
    this.socket.send(new Uint8Array(data));
  }

  /** Resolves with the first message (already received or to come) that `matches`, from index `from` on. */
  nextMessage<T extends ServerMessage>(
    matches: (message: ServerMessage) => message is T,
    timeoutMs?: number,
    from?: number,
  ): Promise<T>;
  nextMessage(
    matches: (message: ServerMessage) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<ServerMessage>;
  nextMessage(
    matches: (message: ServerMessage) => boolean,
    timeoutMs = 10_000,
    from = 0,
  ): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.slice(from).find(matches);
        if (!found) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /**
   * Sends a frame that writes to `documentName` (an Update or a SyncStep2) and resolves with the
   * server's answer to it: the sync status it sends back, or the document being closed.
   */
  async write(documentName: string, frame: Uint8Array, timeoutMs = 10_000): Promise<WriteAnswer> {
    const from = this.messages.length;
    this.send(frame);
    const answer = await this.nextMessage(
      (m) => m.documentName === documentName && (m.type === 'syncStatus' || m.type === 'close'),
      timeoutMs,
      from,
    );
    if (answer.type === 'close') return { closed: answer.reason };
    return { saved: (answer as Extract<ServerMessage, { type: 'syncStatus' }>).saved };
  }

  /** Authenticates `documentName` and resolves with the server's answer. */
  async authenticate(documentName: string): Promise<ServerMessage> {
    const from = this.messages.length;
    this.send(authFrame(documentName));
    return this.nextMessage(
      (m) => m.documentName === documentName && (m.type === 'authenticated' || m.type === 'permissionDenied'),
      10_000,
      from,
    );
  }
}
