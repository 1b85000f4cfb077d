import type { IncomingMessage, ServerResponse } from 'node:http';
import { BoardModelError } from '@journeyboard/board-model';
import { AuthError } from '../auth/auth-service.ts';
import type { ApiDependencies } from './api-context.ts';
import { addAttachmentRoutes } from './attachment-routes.ts';
import { addAuthRoutes } from './auth-routes.ts';
import { addBoardRoutes } from './board-routes.ts';
import { addLaneRoutes } from './lane-routes.ts';
import { addPollRoutes } from './poll-routes.ts';
import { addTimerRoutes } from './timer-routes.ts';
import { addPrivateRoutes } from './private-routes.ts';
import { isCrossSite } from './origin-check.ts';
import { errorBody, HttpError, sendJson } from './responses.ts';
import { Router } from './router.ts';
import { addInvitationRoutes } from './invitation-routes.ts';
import { addSharingRoutes } from './sharing-routes.ts';
import { addVoteRoutes } from './vote-routes.ts';

export type { ApiDependencies } from './api-context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The JSON API and the health check. Returns false for any path it does not serve, so the
 * caller can hand the request to the web app.
 */
export function createApiHandler(deps: ApiDependencies) {
  const { log } = deps;
  const router = new Router();
  router.add('GET', '/healthz', async ({ res }) => {
    try {
      await Promise.race([
        deps.pingStorage(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('storage did not answer in 2 s')), 2_000),
        ),
      ]);
      sendJson(res, 200, { status: 'ok', storage: deps.storageKind });
    } catch (error) {
      log.error({ err: error }, 'health check: storage unreachable');
      sendJson(res, 503, {
        status: 'unavailable',
        storage: deps.storageKind,
        error: String(error),
        code: 'STORAGE_UNAVAILABLE',
      });
    }
  });
  addAuthRoutes(router, deps);
  addBoardRoutes(router, deps);
  addSharingRoutes(router, deps);
  addInvitationRoutes(router, deps);
  addLaneRoutes(router, deps);
  addAttachmentRoutes(router, deps);
  addVoteRoutes(router, deps);
  addTimerRoutes(router, deps);
  addPollRoutes(router, deps);
  addPrivateRoutes(router, deps);

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/healthz' && !path.startsWith('/api/')) return false;
    const method = req.method ?? 'GET';
    try {
      // Every state change must come from our own pages (cross-site request forgery).
      if (!SAFE_METHODS.has(method) && isCrossSite(req, deps.publicUrl)) {
        log.warn({ path, origin: req.headers.origin }, 'refused a cross-site request');
        throw new HttpError(403, 'CROSS_SITE', 'Cross-site requests are refused');
      }
      const route = router.match(method, path);
      if ('allowed' in route) {
        if (route.allowed.length > 0) {
          throw new HttpError(
            405,
            'METHOD_NOT_ALLOWED',
            `${method} is not allowed here; use ${route.allowed.join(' or ')}`,
            { headers: { allow: route.allowed.join(', ') } },
          );
        }
        throw new HttpError(404, 'NO_SUCH_API', `No API at ${method} ${path}`);
      }
      await route.handler({ req, res, url, params: route.params });
    } catch (error) {
      if (res.headersSent) {
        log.error({ err: error, path }, 'API request failed after its response started');
        res.end();
      } else if (error instanceof HttpError) {
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
        sendJson(res, error.status, error.body);
      } else if (error instanceof AuthError) {
        sendJson(res, error.status, errorBody(error.message, error.code, error.limit));
      } else if (error instanceof BoardModelError) {
        sendJson(res, 400, errorBody(error.message, error.code, error.limit));
      } else {
        log.error({ err: error, path }, 'API request failed');
        sendJson(
          res,
          500,
          errorBody(
            'Something went wrong on the server. Try again; if it keeps failing, tell your administrator.',
            'SERVER_ERROR',
          ),
        );
      }
    }
    return true;
  };
}
