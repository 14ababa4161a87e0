import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { Ok } from '../../../platform/contracts/common.ts';
import { requireActor } from '../../../platform/http/request-actor.ts';
import { ApiToken, CreateApiToken, CreatedApiToken } from '../contracts/tokens.ts';
import * as tokens from '../use-cases/token-service.ts';

export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['api tokens'];
  r.get(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens and those of members you administer',
        response: { 200: z.object({ tokens: z.array(ApiToken) }) },
      },
    },
    async (request) => ({ tokens: await tokens.listApiTokens(ctx, requireActor(request)) }),
  );
  r.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown once)',
        body: CreateApiToken,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tokens.createApiToken(ctx, requireActor(request), request.body)),
  );
  r.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.object({ id: z.string() }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await tokens.revokeApiToken(ctx, requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );
}
