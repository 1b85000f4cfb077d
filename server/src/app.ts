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
import { Hocuspocus, type WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import { AuthService } from './auth/auth-service.ts';
import { MembershipStore } from './auth/membership-store.ts';
import { createApiHandler } from './http/api.ts';
import { InvitationMailer } from './mail/invitation-mail.ts';
import { readCookie, SESSION_COOKIE } from './http/cookies.ts';
import { expectedOrigin } from './http/origin-check.ts';
import { sendJson } from './http/responses.ts';
import { BoardStore } from './storage/board-store.ts';
import { openDatabase } from './storage/database.ts';
import { DocumentStore } from './storage/document-store.ts';
import { AccessExtension } from './sync/access-extension.ts';
import { BoardStructureReader } from './sync/board-structure.ts';
import { DurabilityExtension } from './sync/durability-extension.ts';
import { TalkGuardExtension } from './sync/talk-guard-extension.ts';
import { connectRedis } from './sync/redis.ts';
import { ServerWriter } from './sync/server-writer.ts';

/** The largest WebSocket message accepted; a larger one closes that connection (code 1009). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const SYNC_PATH = '/sync';
/** How long a shutdown waits for WebSocket clients to answer the close handshake. */
export const CLOSE_GRACE_MS = 2_000;
/** How long a shutdown waits for the documents in memory to be unloaded. */
const UNLOAD_TIMEOUT_MS = 2_000;

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
  const auth = new AuthService(database.db, log);
  const memberships = new MembershipStore(database.db);
  const durability = new DurabilityExtension({ documents, boards, log });
  const talkGuard = new TalkGuardExtension({ log });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : null;

  const live: { hocuspocus?: Hocuspocus } = {};
  const structure = new BoardStructureReader(() => live.hocuspocus?.documents ?? new Map(), documents);
  const access = new AccessExtension({ auth, memberships, structure, log, bus: redis?.bus });
  const hocuspocus = new Hocuspocus({
    name: 'journeyboard',
    quiet: true,
    extensions: [...(redis ? [redis.extension] : []), talkGuard, durability, access],
  });
  live.hocuspocus = hocuspocus;
  const writer = new ServerWriter(hocuspocus, documents);

  const handleApi = createApiHandler({
    boards,
    documents,
    auth,
    memberships,
    access,
    writer,
    structure,
    log,
    publicUrl: config.publicUrl,
    trustedProxies: config.trustProxy,
    mailer: config.smtpUrl ? new InvitationMailer(config.smtpUrl, config.mailFrom) : null,
    pingStorage: database.ping,
    storageKind: database.kind,
  });
  const webHandler = await loadWebHandler(config.webBuildDir, log);

  const httpServer = createServer((req, res) => {
    handleApi(req, res)
      .then((handled) => {
        if (handled) return;
        if (webHandler) {
          webHandler(req, res, () => sendJson(res, 404, { error: 'Not found' }));
        } else {
          sendJson(res, 404, { error: 'Not found: the web app is not built (run npm start)' });
        }
      })
      .catch((error: unknown) => {
        log.error({ err: error, url: req.url }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'Something went wrong on the server' });
      });
  });

  const websockets = crossws({
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES },
    hooks: {
      open(peer) {
        const connection = hocuspocus.handleConnection(
          peer.websocket as unknown as WebSocketLike,
          peer.request,
        );
        (peer as unknown as { sync: typeof connection }).sync = connection;
      },
      message(peer, message) {
        (peer as unknown as { sync?: { handleMessage(data: Uint8Array): void } }).sync?.handleMessage(
          message.uint8Array(),
        );
      },
      close(peer, event) {
        if (event.code !== 1000 && event.code !== 1001 && event.code !== 1005) {
          log.info({ peer: peer.id, code: event.code, reason: event.reason }, 'sync connection closed');
        }
        (peer as unknown as { sync?: { handleClose(e: unknown): void } }).sync?.handleClose({
          code: event.code,
          reason: event.reason,
        });
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
    auth
      .validateSessionToken(readCookie(req.headers, SESSION_COOKIE))
      .then((valid) => {
        if (!valid) {
          refuseUpgrade(
            socket,
            '401 Unauthorized',
            'Refused: sign in or open a share link first (no valid session)',
          );
          return;
        }
        return websockets.handleUpgrade(req, socket, head);
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
