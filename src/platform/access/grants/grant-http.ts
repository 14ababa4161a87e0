import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { Id } from '../../contracts/common.ts';
import { requireActor } from '../../http/request-actor.ts';
import { Grant, GrantCreate, GrantList, GrantQuery, GrantRevoke } from './contracts.ts';
import { type GrantableKinds, grantRecords, listGrants, revokeGrant } from './grant-service.ts';

const GrantRevokeParams = z.object({ id: Id });

export function grantRoutes(app: FastifyInstance, ctx: AppContext, kinds: GrantableKinds): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sharing'];
  r.post(
    '/api/grants',
    {
      schema: {
        tags,
        summary: 'Share records with another organisation (one grant per record)',
        body: GrantCreate,
        response: { 201: GrantList },
      },
    },
    async (request, reply) => {
      const grants = await grantRecords(ctx, requireActor(request), kinds, request.body);
      return reply.code(201).send({ grants });
    },
  );
  r.get(
    '/api/grants',
    {
      schema: {
        tags,
        summary: 'Grants an organisation gave or received',
        querystring: GrantQuery,
        response: { 200: GrantList },
      },
    },
    async (request) => ({ grants: await listGrants(ctx, requireActor(request), request.query) }),
  );
  r.post(
    '/api/grants/:id/revoke',
    {
      schema: {
        tags,
        summary: 'End a share; the grantee no longer sees the record',
        params: GrantRevokeParams,
        body: GrantRevoke,
        response: { 200: Grant },
      },
    },
    async (request) => revokeGrant(ctx, requireActor(request), request.params.id, request.body.reason),
  );
}
