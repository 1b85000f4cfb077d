import * as v from 'valibot';
import { clientAddress } from './client-address.ts';
import { MINUTES_15, RateLimiter } from '../auth/rate-limiter.ts';
import { SignedOut } from '../sync/close-reasons.ts';
import {
  type ApiDependencies,
  currentSession,
  readBody,
  requireSession,
  servedOverTls,
} from './api-context.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import { PasswordGuesses } from './password-guesses.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const SignUp = v.object(
  {
    email: v.string('email must be text'),
    password: v.string('password must be text'),
    name: v.string('name must be text'),
  },
  'Send {"email", "password", "name"} as JSON',
);
const SignIn = v.object(
  { email: v.string('email must be text'), password: v.string('password must be text') },
  'Send {"email", "password"} as JSON',
);
const ChangePassword = v.object(
  { current: v.string('current must be text'), next: v.string('next must be text') },
  'Send {"current", "next"} as JSON',
);

/** Sign-up, sign-in, sign-out (here or everywhere), password change, and who am I. */
export function addAuthRoutes(router: Router, deps: ApiDependencies): void {
  const { auth, memberships, access, log } = deps;
  // Sign-ins are slowed per address, wrong passwords per account and address (see
  // PasswordGuesses); sign-ups per address.
  const signInByAddress = new RateLimiter(20, MINUTES_15);
  const guesses = new PasswordGuesses();
  const signUpByAddress = new RateLimiter(10, MINUTES_15);

  router.add('GET', '/api/auth/me', async ({ req, res }) => {
    const valid = await currentSession(deps, req, res);
    sendJson(res, 200, {
      user: valid?.user ?? null,
      boardId: valid?.session.boardId ?? null,
    });
  });

  router.add('POST', '/api/auth/signup', async ({ req, res }) => {
    refuseWhenLimited(signUpByAddress.hit(clientAddress(req, deps.trustedProxies)));
    const body = await readBody(req, SignUp);
    const user = await auth.signUp(body);
    const adopted = await memberships.adoptOwnerlessBoards(user.id);
    if (adopted > 0)
      log.info(
        { userId: user.id, boards: adopted },
        'the first account adopted the boards made before accounts',
      );
    const { token, session } = await auth.createSession(user.id);
    res.setHeader('set-cookie', sessionCookie(token, session.expiresAt, servedOverTls(req, deps.publicUrl)));
    sendJson(res, 201, { user });
  });

  router.add('POST', '/api/auth/signin', async ({ req, res }) => {
    const body = await readBody(req, SignIn);
    const address = clientAddress(req, deps.trustedProxies);
    refuseWhenLimited(signInByAddress.hit(address));
    const user = await guesses.guard(body.email.trim().toLowerCase(), address, () =>
      auth.verifyCredentials(body.email, body.password),
    );
    const { token, session } = await auth.createSession(user.id);
    res.setHeader('set-cookie', sessionCookie(token, session.expiresAt, servedOverTls(req, deps.publicUrl)));
    sendJson(res, 200, { user });
  });

  router.add('POST', '/api/auth/signout', async ({ req, res }) => {
    const valid = await currentSession(deps, req, res);
    if (valid) {
      await auth.invalidateSession(valid.session.id);
      access.closeSessions([valid.session.id], SignedOut);
    }
    res.setHeader('set-cookie', clearedSessionCookie(servedOverTls(req, deps.publicUrl)));
    sendJson(res, 200, { signedOut: true });
  });

  router.add('POST', '/api/auth/signout-everywhere', async ({ req, res }) => {
    const valid = await requireSession(deps, req, res);
    if (!valid.user)
      throw new HttpError(400, 'SIGN_IN_REQUIRED', 'Only a signed-in person can sign out everywhere');
    const ended = await auth.invalidateUserSessions(valid.user.id);
    access.closeSessions(ended, SignedOut);
    res.setHeader('set-cookie', clearedSessionCookie(servedOverTls(req, deps.publicUrl)));
    sendJson(res, 200, { signedOut: ended.length });
  });

  router.add('POST', '/api/auth/password', async ({ req, res }) => {
    const valid = await requireSession(deps, req, res);
    const { user } = valid;
    if (user?.kind !== 'account')
      throw new HttpError(400, 'ACCOUNT_REQUIRED', 'Only an account has a password');
    const body = await readBody(req, ChangePassword);
    // The same guesses as at sign-in: a stolen session must not try passwords faster.
    await guesses.guard(user.email ?? user.id, clientAddress(req, deps.trustedProxies), () =>
      auth.changePassword(user.id, body.current, body.next),
    );
    // Every other device must sign in again with the new password.
    const ended = await auth.invalidateUserSessions(user.id, valid.session.id);
    access.closeSessions(ended, SignedOut);
    sendJson(res, 200, { changed: true, signedOutElsewhere: ended.length });
  });
}
