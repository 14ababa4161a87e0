import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { Ok } from '../../../platform/contracts/common.ts';
import { requireActor } from '../../../platform/http/request-actor.ts';
import { CreatedUser, CreateUser, SetRole, UpdateUser, User } from '../contracts/users.ts';
import * as users from '../use-cases/user-service.ts';

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const params = z.object({ id: z.string() });

  r.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Members of your organisations, or of one',
        querystring: z.object({ organisationId: z.string().optional() }),
        response: { 200: z.object({ users: z.array(User) }) },
      },
    },
    async (request) => ({
      users: await users.listUsers(ctx, requireActor(request), request.query.organisationId),
    }),
  );
  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Add a person to an organisation (its administrators)',
        body: CreateUser,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await users.createUser(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'One user', params, response: { 200: User } } },
    async (request) => users.getUser(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change name or language, disable or enable an account',
        params,
        body: UpdateUser,
        response: { 200: User },
      },
    },
    async (request) => users.updateUser(ctx, requireActor(request), request.params.id, request.body),
  );
  r.put(
    '/api/users/:id/role',
    {
      schema: {
        tags,
        summary: "Set a member's role in an organisation",
        params,
        body: SetRole,
        response: { 200: User },
      },
    },
    async (request) => users.setRole(ctx, requireActor(request), request.params.id, request.body),
  );
  r.delete(
    '/api/users/:id/memberships/:organisationId',
    {
      schema: {
        tags,
        summary: 'Remove a person from an organisation',
        params: z.object({ id: z.string(), organisationId: z.string() }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await users.removeMembership(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.organisationId,
      );
      return { ok: true as const };
    },
  );
  r.post(
    '/api/users/:id/password-reset',
    {
      schema: {
        tags,
        summary: 'Issue a new one-time password',
        params,
        response: { 200: z.object({ oneTimePassword: z.string() }) },
      },
    },
    async (request) => users.resetPassword(ctx, requireActor(request), request.params.id),
  );
}
