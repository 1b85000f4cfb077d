import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { SESSION_COOKIE } from '../http/cookies.ts';
import { type CloseReason, NotReading, TooFast } from './close-reasons.ts';
import { SocketLimiter } from './socket-limits.ts';

/** What the server needs of crossws's peer for one socket. */
export interface SyncPeer {
  readonly id: string;
  terminate(): void;
}

/** What the server needs of the peer's WebSocket: Hocuspocus's interface, and what is queued. */
export type PeerWebSocket = WebSocketLike & { readonly bufferedAmount: number };

/**
 * The request Hocuspocus is given for a socket. It keeps it, with its headers, for every document
 * connection on the socket and hands `requestHeaders` to every hook; the only header any of ours
 * reads is the session cookie (access-extension.ts, on each document and again whenever access is
 * decided anew), so that is the only one it is given. The upgrade request itself, with every
 * header the browser sent (other sites' cookies, user agent, WebSocket keys), is not kept by
 * Hocuspocus: a socket costs the server less memory, and no hook sees what it has no use for.
 */
export function syncRequest(path: string, sessionToken: string): Request {
  const headers = new Headers([['cookie', `${SESSION_COOKIE}=${encodeURIComponent(sessionToken)}`]]);
  return { url: path, headers } as unknown as Request;
}

/**
 * One sync socket, from its open to its close. What Hocuspocus sends goes through it (it is the
 * `WebSocketLike` Hocuspocus is given): a socket that stops reading, whose queue grows past the
 * limit, is cut off instead of the server holding what it is sent. What the socket sends is
 * admitted against its rate first: past it the socket is closed before its messages are read, so
 * a flood costs the server almost nothing and other sockets and boards are not held up behind it.
 *
 * A class, not closures made in the open hook: its methods are shared by every socket, and a
 * server holds thousands of them.
 */
export class SyncSocket implements WebSocketLike {
  /** Hocuspocus's side of the socket, once it is handed over (`attach`). */
  private sync: ReturnType<Hocuspocus['handleConnection']> | null = null;
  /** Hocuspocus's id of the socket (the `socketId` of its hooks). */
  socketId: string | null = null;
  private cutOff = false;
  private readonly limiter = new SocketLimiter();
  private readonly peer: SyncPeer;
  private readonly socket: PeerWebSocket;
  private readonly log: Logger;

  constructor(peer: SyncPeer, socket: PeerWebSocket, log: Logger) {
    this.peer = peer;
    this.socket = socket;
    this.log = log;
  }

  /** Hands the socket to Hocuspocus, as coming from `request` (see `syncRequest`). */
  attach(hocuspocus: Hocuspocus, request: Request): void {
    this.sync = hocuspocus.handleConnection(this, request);
    this.socketId = (this.sync as unknown as { socketId: string }).socketId;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.cutOff) return;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : (data as ArrayBufferLike).byteLength;
    const queued = this.socket.bufferedAmount;
    if (!this.limiter.mayQueue(queued, size)) {
      this.cutOffFor(NotReading, { queued }, 'cut off a socket that does not read');
      return;
    }
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** A message the socket sent. */
  receive(data: Uint8Array): void {
    if (this.cutOff) return;
    if (!this.limiter.admit(data.byteLength)) {
      this.cutOffFor(TooFast, { bytes: data.byteLength }, 'cut off a socket that sends too fast');
      return;
    }
    this.sync?.handleMessage(data);
  }

  /** The socket closed (`code`, `reason` as the close frame said). */
  closed(code: number, reason: string): void {
    this.sync?.handleClose({ code, reason });
  }

  private cutOffFor(reason: CloseReason, detail: Record<string, unknown>, message: string): void {
    if (this.cutOff) return;
    this.cutOff = true;
    this.log.warn({ peer: this.peer.id, kind: reason.kind, ...detail }, message);
    this.socket.close(reason.code, reason.kind);
    // A socket that does not read never reads the close frame either: drop it, and with it
    // everything queued for it.
    if (reason === NotReading) this.peer.terminate();
  }
}
