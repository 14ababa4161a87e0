import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../policies/actor.ts';
import { type ResolvedSession, resolveApiToken, resolveSession } from '../services/auth-service.ts';
import type { AppContext } from '../services/context.ts';
import { AppError } from '../shared/errors.ts';

export const SESSION_COOKIE = 'materiel_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    if (!token) return;
    const resolved = await resolveSession(ctx, token, request.ip);
    if (!resolved) return;
    if (UNSAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== resolved.session.csrf_token) {
      throw new AppError(
        'forbidden',
        'The request is missing its CSRF token. Reload the page and try again.',
      );
    }
    request.actor = resolved.actor;
    request.session = resolved;
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new AppError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    );
  return request.actor;
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
