import { existsSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import { AuthService } from './auth/auth-service.ts';
import { MembershipStore } from './auth/membership-store.ts';
import { createApiHandler } from './http/api.ts';
import { InvitationMailer } from './mail/invitation-mail.ts';
import { readCookie, SESSION_COOKIE } from './http/cookies.ts';
import { expectedOrigin } from './http/origin-check.ts';
import { errorBody, sendJson } from './http/responses.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { AttachmentStore } from './storage/attachment-store.ts';
import { BoardStore } from './storage/board-store.ts';
import { CardRecordStore } from './storage/card-record-store.ts';
import { openDatabase } from './storage/database.ts';
import { DocumentStore } from './storage/document-store.ts';
import { AccessExtension } from './sync/access-extension.ts';
import { BoardReferenceFacts } from './sync/board-references.ts';
import { BoardStructureReader } from './sync/board-structure.ts';
import { BoardMirrorExtension } from './sync/board-mirror-extension.ts';
import { CardRecords } from './sync/card-records.ts';
import { ContentCheckExtension } from './sync/content-check-extension.ts';
import { DoorExtension } from './sync/door-extension.ts';
import { DurabilityExtension } from './sync/durability-extension.ts';
import { MigrationExtension } from './sync/migration-extension.ts';
import { PollAnswerStore } from './session/poll-answers-store.ts';
import { PresenceRelayExtension } from './sync/presence-relay-extension.ts';
import { connectRedis } from './sync/redis.ts';
import { ServerWriter } from './sync/server-writer.ts';
import { type PeerWebSocket, SyncSocket, syncRequest } from './sync/sync-socket.ts';
import { VotesStore } from './session/votes-store.ts';

/** The largest WebSocket message accepted; a larger one closes that connection (code 1009). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/**
 * permessage-deflate on the sync socket (RFC 7692, as `ws` does it). Presence repeats who each
 * person is in every state, so a relay window of 40 cursors shrinks about tenfold. A context kept
 * for the socket's life costs memory per connection: zlib's deflate takes 2^(windowBits+2) +
 * 2^(memLevel+9) bytes plus its state (~6 kB), inflate 2^windowBits plus ~7 kB; small windows keep
 * both near 20 kB (ws's defaults, 15 and 8, would be about 300 kB). Each context is made on the
 * socket's first compressed message. The decompressed size is held to MAX_MESSAGE_BYTES while it
 * is inflated (ws stops and closes with 1009 as soon as it passes), so a small frame that inflates
 * to gigabytes costs no memory.
 */
export const SYNC_DEFLATE = {
  /** The server's own window (what it compresses with), announced as server_max_window_bits. */
  serverMaxWindowBits: 10,
  /** What browsers compress with towards the server: they offer client_max_window_bits, we set it. */
  clientMaxWindowBits: 10,
  zlibDeflateOptions: { level: 1, memLevel: 3 },
  /**
   * zlib calls in flight at once, for every socket of the process (ws queues the rest; its default
   * is 10). Each call needs a turn of the event loop to finish, so 10 cap the process at a few
   * thousand messages a second: 140 people on a board of 40 moving need about 3,000.
   */
  concurrencyLimit: 64,
  zlibInflateOptions: { chunkSize: 16 * 1024 },
  // No threshold: ws applies one only without context takeover; with a context kept, every
  // message is compressed (a small one costs a few bytes and a little CPU).
} as const;
export const SYNC_PATH = '/sync';
/** How long a shutdown waits for WebSocket clients to answer the close handshake. */
export const CLOSE_GRACE_MS = 2_000;
/** How long a shutdown waits for the documents in memory to be unloaded. */
const UNLOAD_TIMEOUT_MS = 2_000;

/**
 * What the server keeps of one sync socket, as crossws's peer context: given with the upgrade
 * (`handleUpgrade`'s request, whose `context` crossws makes the peer's), filled in on open.
 */
interface SyncContext {
  /** What Hocuspocus is given as the socket's request (see `syncRequest`). */
  request: Request;
  socket?: SyncSocket;
}

type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface RunningServer {
  httpServer: HttpServer;
  hocuspocus: Hocuspocus;
  port: number;
  url: string;
  /** Stops accepting connections, closes every socket, waits for the log to be written. */
  close(): Promise<void>;
}

async function loadWebHandler(webBuildDir: string, log: Logger): Promise<WebHandler | null> {
  const file = join(webBuildDir, 'handler.js');
  if (!existsSync(file)) {
    log.warn({ webBuildDir }, 'the web app is not built; serving the API and sync only');
    return null;
  }
  const module = (await import(pathToFileURL(file).href)) as { handler: WebHandler };
  return module.handler;
}

/** Resolves once `condition` holds, or after `timeoutMs` whatever it says. */
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Opens storage, wires the API, the web app and the sync server onto one port, and listens. */
export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, log);
  const boards = new BoardStore(database.db);
  const documents = new DocumentStore(database.db, log, database.updateLog);
  const auth = new AuthService(database.db, log, config.sessionLifetimeMs);
  const memberships = new MembershipStore(database.db);
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : null;

  const live: { hocuspocus?: Hocuspocus } = {};
  const structure = new BoardStructureReader(() => live.hocuspocus?.documents ?? new Map(), documents);
  const door = new DoorExtension({ boards, log });
  const access = new AccessExtension({ auth, memberships, structure, log, bus: redis?.bus });
  const durability = new DurabilityExtension({ documents, log });
  const cardRecords = new CardRecordStore(database.db);
  const cards = new CardRecords({ store: cardRecords, structure, log });
  const attachments = new AttachmentStore(database.db, database.kind);
  const references = new BoardReferenceFacts({
    structure,
    attachments: (boardId, ids) => attachments.existing(boardId, ids),
  });
  // One concern each, and the order their hooks run in, first to last (Hocuspocus runs the hooks
  // of higher priorities first; the Redis extension sets its own, 1000, and runs before all):
  // - door (onConnect): the name is a document of an existing board, and the socket holds few
  //   enough documents; nothing below sees a document that does not pass;
  // - access (onAuthenticate, awareness): who is asking, the lane exists, read-only where they may
  //   not write, and presence stamped from the connection;
  // - content check (beforeSync): the document kind's rules, before anything is stored (and, once
  //   a lane doc is loaded, the card records its cards are judged on);
  // - durability (onLoadDocument, beforeSync, onChange): load; relay an update as its append is
  //   queued, and acknowledge it once committed; store what comes from other instances too;
  // - migration (onLoadDocument): after the stored document is loaded, before anyone sees it;
  // - board mirror (onChange): the board row's title and last edit;
  // - presence relay (afterLoadDocument): presence relayed in windows, on the structure document.
  const pipeline: Extension[] = [
    door,
    access,
    new ContentCheckExtension({ log, cards, references }),
    durability,
    new MigrationExtension({ documents, log }),
    new BoardMirrorExtension({ documents, log }),
    new PresenceRelayExtension(),
  ];
  pipeline.forEach((extension, index) => {
    extension.priority = 900 - index * 10;
  });
  const hocuspocus = new Hocuspocus({
    name: 'journeyboard',
    quiet: true,
    extensions: [...(redis ? [redis.extension] : []), ...pipeline],
  });
  live.hocuspocus = hocuspocus;
  const writer = new ServerWriter(hocuspocus, documents);

  const handleApi = createApiHandler({
    boards,
    attachments,
    documents,
    cardRecords,
    auth,
    memberships,
    access,
    writer,
    structure,
    votes: new VotesStore(database.db, database.kind),
    pollAnswers: new PollAnswerStore(database.db),
    log,
    publicUrl: config.publicUrl,
    trustedProxies: config.trustProxy,
    mailer: config.smtpUrl ? new InvitationMailer(config.smtpUrl, config.mailFrom) : null,
    pingStorage: database.ping,
    storageKind: database.kind,
  });
  const webHandler = await loadWebHandler(config.webBuildDir, log);

  const httpServer = createServer((req, res) => {
    setSecurityHeaders(res, req.url);
    handleApi(req, res)
      .then((handled) => {
        if (handled) return;
        if (webHandler) {
          webHandler(req, res, () => sendJson(res, 404, errorBody('Not found', 'NO_SUCH_API')));
        } else {
          sendJson(res, 404, errorBody('Not found: the web app is not built (run npm start)', 'NO_SUCH_API'));
        }
      })
      .catch((error: unknown) => {
        log.error({ err: error, url: req.url }, 'request failed');
        if (!res.headersSent)
          sendJson(res, 500, errorBody('Something went wrong on the server', 'SERVER_ERROR'));
      });
  });

  const websockets = crossws({
    serverOptions: {
      maxPayload: MAX_MESSAGE_BYTES,
      perMessageDeflate: config.syncDeflate ? SYNC_DEFLATE : false,
    },
    hooks: {
      open(peer) {
        const context = peer.context as unknown as SyncContext;
        const socket = new SyncSocket(peer, peer.websocket as unknown as PeerWebSocket, log);
        context.socket = socket;
        socket.attach(hocuspocus, context.request);
      },
      message(peer, message) {
        (peer.context as unknown as SyncContext).socket?.receive(message.uint8Array());
      },
      close(peer, event) {
        if (event.code !== 1000 && event.code !== 1001 && event.code !== 1005) {
          log.info({ peer: peer.id, code: event.code, reason: event.reason }, 'sync connection closed');
        }
        const socket = (peer.context as unknown as SyncContext).socket;
        socket?.closed(event.code ?? 1005, event.reason ?? '');
        if (socket?.socketId) door.forgetSocket(socket.socketId);
      },
      error(peer, error) {
        log.warn({ peer: peer.id, err: error }, 'sync connection error; the connection was closed');
      },
    },
  });

  const refuseUpgrade = (socket: Duplex, status: string, reason: string) => {
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    );
  };
  httpServer.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SYNC_PATH) {
      refuseUpgrade(socket, '404 Not Found', 'Not found: the sync endpoint is /sync');
      return;
    }
    // Browsers always name the page's origin: a socket opened by another site's page is refused.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== expectedOrigin(req, config.publicUrl)) {
      log.warn({ origin }, 'refused a sync connection from a foreign origin');
      refuseUpgrade(
        socket,
        '403 Forbidden',
        'Refused: this page is not served by Journeyboard (Origin does not match PUBLIC_URL)',
      );
      return;
    }
    const token = readCookie(req.headers, SESSION_COOKIE);
    auth
      .validateSessionToken(token)
      .then((valid) => {
        if (!valid || token === undefined) {
          refuseUpgrade(
            socket,
            '401 Unauthorized',
            'Refused: sign in or open a share link first (no valid session)',
          );
          return;
        }
        // crossws hands its upgrade hook this request instead of one it makes from `req`, and
        // makes its `context` the peer's: the request Hocuspocus is given for the socket travels
        // in it, made here while the session cookie is at hand (Hocuspocus keeps no more of it).
        const context: SyncContext = { request: syncRequest(req.url ?? SYNC_PATH, token) };
        const upgrade = { url: `http://localhost${path}`, context } as unknown as Request;
        return websockets.handleUpgrade(req, socket, head, upgrade);
      })
      .catch((error: unknown) => {
        log.warn({ err: error }, 'WebSocket upgrade failed');
        socket.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost'}:${port}`;
  log.info(
    {
      url,
      storage: database.kind,
      store: database.location,
      web: webHandler !== null,
      mail: config.smtpUrl !== null,
    },
    'Journeyboard is listening',
  );

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    hocuspocus,
    port,
    url,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        hocuspocus.closeConnections();
        websockets.closeAll(1001, 'Server shutting down');
        httpServer.closeAllConnections();
        // A client that never answers the close handshake (asleep, network gone) would hold the
        // shutdown for the WebSocket library's 30 s close timeout; after a grace period, cut it off.
        const cutOff = setTimeout(() => websockets.closeAll(undefined, undefined, true), CLOSE_GRACE_MS);
        await stopped;
        clearTimeout(cutOff);
        // With every connection gone Hocuspocus unloads each document, and unloading schedules the
        // compaction of its log: wait for that, so that flush() sees it and none meets a closed store.
        hocuspocus.flushPendingStores();
        await waitUntil(() => hocuspocus.getDocumentsCount() === 0, UNLOAD_TIMEOUT_MS);
        await durability.flush();
        await redis?.close();
        await database.close();
        log.info('Journeyboard stopped');
      })();
      return closing;
    },
  };
}
