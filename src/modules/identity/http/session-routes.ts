import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { Ok } from '../../../platform/contracts/common.ts';
import { ChangePassword, Login, SessionInfo, SessionSummary, SwitchOrganisation } from '../contracts/auth.ts';
import { clearSessionCookie, requireSession, setSessionCookie } from '../http-auth.ts';
import * as auth from '../use-cases/auth-service.ts';

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['session'];

  r.post(
    '/api/session',
    {
      schema: { tags, summary: 'Sign in', security: [], body: Login, response: { 200: SessionInfo } },
      // Per-address limit on top of the per-account lockout in the service.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const signedIn = await auth.login(ctx, request.body, {
        address: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(request, reply, signedIn.sessionToken, signedIn.info.expiresAt);
      return signedIn.info;
    },
  );

  r.get(
    '/api/session',
    { schema: { tags, summary: 'The signed-in user and session', response: { 200: SessionInfo } } },
    async (request) => auth.currentSession(ctx, requireSession(request)),
  );

  r.delete(
    '/api/session',
    { schema: { tags, summary: 'Sign out', response: { 200: Ok } } },
    async (request, reply) => {
      await auth.logout(ctx, requireSession(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/session/password',
    {
      schema: {
        tags,
        summary: 'Change your password (signs out your other sessions)',
        body: ChangePassword,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await auth.changePassword(ctx, requireSession(request), request.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/session/organisation',
    {
      schema: {
        tags,
        summary: 'Switch the organisation you are working for',
        body: SwitchOrganisation,
        response: { 200: SessionInfo },
      },
    },
    async (request) => auth.switchOrganisation(ctx, requireSession(request), request.body),
  );

  r.get(
    '/api/session/sessions',
    {
      schema: {
        tags,
        summary: 'Your active sessions',
        response: { 200: z.object({ sessions: z.array(SessionSummary) }) },
      },
    },
    async (request) => ({ sessions: await auth.listMySessions(ctx, requireSession(request)) }),
  );

  r.delete(
    '/api/session/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your sessions',
        params: z.object({ id: z.string() }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      const s = requireSession(request);
      await auth.revokeMySession(ctx, s.actor, s.user.id, request.params.id);
      return { ok: true as const };
    },
  );
}
