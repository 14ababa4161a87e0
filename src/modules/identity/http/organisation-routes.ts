import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/request-actor.ts';
import { CreateOrganisation, Organisation, UpdateOrganisation } from '../contracts/organisations.ts';
import * as orgs from '../use-cases/organisation-service.ts';

export function organisationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisations'];
  const params = z.object({ id: z.string() });

  r.get(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations you belong to (all, for installation administrators)',
        response: { 200: z.object({ organisations: z.array(Organisation) }) },
      },
    },
    async (request) => ({ organisations: await orgs.listOrganisations(ctx, requireActor(request)) }),
  );
  r.post(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Add an organisation (installation administrators)',
        body: CreateOrganisation,
        response: { 201: Organisation },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orgs.createOrganisation(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/organisations/:id',
    { schema: { tags, summary: 'One organisation', params, response: { 200: Organisation } } },
    async (request) => orgs.getOrganisation(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: "Change an organisation's details (its administrators)",
        params,
        body: UpdateOrganisation,
        response: { 200: Organisation },
      },
    },
    async (request) => orgs.updateOrganisation(ctx, requireActor(request), request.params.id, request.body),
  );
}
