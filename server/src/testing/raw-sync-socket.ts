/**
 * A WebSocket that speaks the Hocuspocus protocol by hand, frame by frame, so that a test can send
 * what no well-behaved provider would: garbage, malformed updates, oversized frames.
 *
 * Every frame is `varString(documentName) varUint(messageType) …`, as in Hocuspocus's
 * OutgoingMessage and the provider's AuthenticationMessage.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { onTestFinished } from 'vitest';
import { writeUpdate } from 'y-protocols/sync';
import type { ServerProcess } from './harness.ts';

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
  static async connect(server: ServerProcess): Promise<RawSyncSocket> {
    const socket = new WebSocket(server.syncUrl);
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

  /** Resolves with the first message (already received or to come) that `matches`. */
  nextMessage<T extends ServerMessage>(
    matches: (message: ServerMessage) => message is T,
    timeoutMs?: number,
  ): Promise<T>;
  nextMessage(matches: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  nextMessage(matches: (message: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(matches);
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

  /** Authenticates `documentName` and resolves with the server's answer. */
  async authenticate(documentName: string): Promise<ServerMessage> {
    this.send(authFrame(documentName));
    return this.nextMessage(
      (m) => m.documentName === documentName && (m.type === 'authenticated' || m.type === 'permissionDenied'),
    );
  }
}
