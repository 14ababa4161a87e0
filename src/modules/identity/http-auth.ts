import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import '../../platform/http/request-actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type ResolvedSession, resolveApiToken, resolveSession } from './use-cases/auth-service.ts';

export const SESSION_COOKIE = 'materiel_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The only API routes open without credentials; every other /api route is refused before its handler runs. */
const PUBLIC_ROUTES = new Set(['POST /api/session', 'GET /api/vocab', 'GET /api/openapi.json']);

/** What a person signed in with a one-time password may do until they choose their own. */
const BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/session',
  'POST /api/session/password',
  'DELETE /api/session',
  'GET /api/vocab',
]);

function routeKey(method: string, url: string): string {
  return `${method} ${url.split('?')[0]}`;
}

function isPublic(method: string, url: string): boolean {
  return PUBLIC_ROUTES.has(routeKey(method, url)) || url.startsWith('/api/docs');
}

/**
 * Resolves who is calling, from a Bearer token (scripts) or the session cookie (browser), and
 * enforces CSRF protection on cookie-authenticated state changes: the session's synchroniser
 * token must come back in the X-CSRF-Token header, which another site cannot read or set.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(ctx, header.slice(7).trim(), request.ip);
      if (!actor)
        throw new AppError('unauthenticated', 'The API token is not valid, has expired or was revoked.');
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(ctx, token, request.ip) : null;
    if (!resolved) {
      // Authentication is checked here for every route, so a new route cannot be public by omission.
      if (!isPublic(request.method, request.url)) {
        throw new AppError(
          'unauthenticated',
          'Sign in, or send an API token as "Authorization: Bearer <token>".',
        );
      }
      return;
    }
    if (
      UNSAFE_METHODS.has(request.method) &&
      !sameSecret(request.headers[CSRF_HEADER], resolved.session.csrf_token)
    ) {
      throw new AppError(
        'forbidden',
        'The request is missing its CSRF token. Reload the page and try again.',
      );
    }
    if (
      resolved.user.must_change_password === 1 &&
      !BEFORE_PASSWORD_CHANGE.has(routeKey(request.method, request.url))
    ) {
      throw new AppError(
        'forbidden',
        'You signed in with a one-time password: choose your own password first.',
      );
    }
    request.actor = resolved.actor;
    request.session = resolved;
  });
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw new AppError('unauthenticated', 'Sign in first.');
  return request.session;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
