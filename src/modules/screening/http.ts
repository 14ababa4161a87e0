import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { validationError } from '../../platform/errors.ts';
import { requireActor } from '../../platform/http/request-actor.ts';
import {
  CreateParty,
  Decide,
  DesignationDetailView,
  Hits,
  HitView,
  ListDiffView,
  ListedDesignations,
  ListVersions,
  LoadListResult,
  NameComparison,
  Notifications,
  Parties,
  PartyAdded,
  ScreenHit,
  ScreenRequest,
  ScreenResponse,
} from './contracts.ts';
import { getDesignation, searchDesignations } from './use-cases/designation-service.ts';
import {
  addParty,
  decideHit,
  listHitsOf,
  listNotificationsOf,
  listPartiesOf,
  recordHits,
} from './use-cases/hit-service.ts';
import { diffVersions, listListVersions, loadList } from './use-cases/list-service.ts';
import { compareTwoNames, screenParties } from './use-cases/screening-service.ts';

export function screeningRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['screening'];

  r.post(
    '/api/screen',
    {
      schema: {
        tags,
        summary:
          "Screen up to 1,000 parties against the designations lists in force (for companies' systems, with an API token)",
        body: ScreenRequest,
        response: { 200: ScreenResponse },
      },
      config: {
        // Per account (all its tokens and sessions), not per address: a company's systems share
        // addresses behind their proxies, and one account must not use up another's allowance.
        rateLimit: {
          max: 120,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) =>
            request.actor?.kind === 'user'
              ? `screen:user:${request.actor.userId}`
              : `screen:ip:${request.ip}`,
        },
      },
    },
    async (request) => screenParties(ctx, requireActor(request), request.body),
  );
  r.post(
    '/api/screen/compare',
    {
      schema: {
        tags,
        summary: 'Why two names do or do not match',
        body: z.object({
          a: z.string(),
          b: z.string(),
          type: z.enum(['person', 'organization', 'vessel', 'any']).default('any'),
        }),
        response: { 200: NameComparison },
      },
    },
    async (request) =>
      compareTwoNames(ctx, requireActor(request), request.body.a, request.body.b, request.body.type),
  );

  r.get(
    '/api/lists',
    {
      schema: { tags, summary: 'Loaded versions of the designations lists', response: { 200: ListVersions } },
    },
    async (request) => ({ versions: await listListVersions(ctx, requireActor(request)) }),
  );
  r.post(
    '/api/lists',
    {
      schema: {
        tags,
        summary: 'Load a list version (multipart: file; installation administrators)',
        consumes: ['multipart/form-data'],
        response: { 201: LoadListResult },
      },
    },
    async (request, reply) => {
      const list = await loadList(ctx, requireActor(request), {
        // Read only once the service has found the actor allowed to load lists.
        read: async () => {
          const part = await request.file({ limits: { fileSize: 100 * 1024 * 1024, files: 1 } });
          if (!part)
            throw validationError('Send the list as multipart/form-data field "file".', [
              { field: 'file', message: 'Missing.' },
            ]);
          // The text fields sent before the file.
          const field = (name: string) => (part.fields[name] as { value?: string } | undefined)?.value;
          return {
            fileName: path.basename(part.filename || '') || 'list',
            bytes: await part.toBuffer(),
            source: field('source'),
            version: field('version'),
          };
        },
      });
      return reply.status(201).send(list);
    },
  );
  r.get(
    '/api/lists/diff',
    {
      schema: {
        tags,
        summary: 'Differences between two versions of a list, field by field',
        querystring: z.object({ from: z.string(), to: z.string() }),
        response: { 200: ListDiffView },
      },
    },
    async (request) => diffVersions(ctx, requireActor(request), request.query.from, request.query.to),
  );
  r.get(
    '/api/designations',
    {
      schema: {
        tags,
        summary: 'Designated parties as listed on a date',
        querystring: z.object({
          q: z.string().optional(),
          asOf: z.string().optional(),
          source: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: ListedDesignations },
      },
    },
    async (request) =>
      searchDesignations(ctx, requireActor(request), {
        text: request.query.q,
        asOf: request.query.asOf,
        source: request.query.source,
        limit: request.query.limit,
      }),
  );
  r.get(
    '/api/designations/:source/:ref',
    {
      schema: {
        tags,
        summary: 'A designated party with all its data and its history across versions',
        params: z.object({ source: z.string(), ref: z.string() }),
        response: { 200: DesignationDetailView },
      },
    },
    async (request) => getDesignation(ctx, requireActor(request), request.params.source, request.params.ref),
  );

  r.get(
    '/api/parties',
    {
      schema: {
        tags,
        summary: "The organisation's screened parties",
        querystring: z.object({ organisationId: z.string().optional() }),
        response: { 200: Parties },
      },
    },
    async (request) => ({
      parties: await listPartiesOf(ctx, requireActor(request), request.query.organisationId),
    }),
  );
  r.post(
    '/api/parties',
    {
      schema: {
        tags,
        summary: 'Keep a party, screen it now and on every new list version',
        body: CreateParty,
        response: { 201: PartyAdded },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addParty(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/hits',
    {
      schema: {
        tags,
        summary: 'Screening hits and their decisions',
        querystring: z.object({
          organisationId: z.string().optional(),
          status: z.string().optional(),
          partyId: z.string().optional(),
        }),
        response: { 200: Hits },
      },
    },
    async (request) => ({ hits: await listHitsOf(ctx, requireActor(request), request.query) }),
  );
  r.post(
    '/api/hits',
    {
      schema: {
        tags,
        summary:
          'Record candidates of a screening to decide on them (screened again by the server against the lists in force)',
        body: z.object({
          organisationId: z.string(),
          query: z.record(z.string(), z.unknown()),
          // The candidates to keep, as /api/screen returned them; only source and ref are taken
          // (and the score, to screen again as low): the server screens the query itself.
          results: z
            .array(ScreenHit.pick({ source: true, ref: true, score: true }))
            .min(1)
            .max(50),
        }),
        response: { 201: Hits },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        hits: await recordHits(
          ctx,
          requireActor(request),
          request.body.organisationId,
          request.body.query,
          request.body.results,
        ),
      }),
  );
  r.post(
    '/api/hits/:id/decision',
    {
      schema: {
        tags,
        summary: 'Decide on a hit: cleared, escalated or confirmed, with a reason',
        params: z.object({ id: z.string() }),
        body: Decide,
        response: { 200: HitView },
      },
    },
    async (request) => decideHit(ctx, requireActor(request), request.params.id, request.body),
  );
  r.get(
    '/api/notifications',
    { schema: { tags, summary: 'New hits raised by re-screening', response: { 200: Notifications } } },
    async (request) => ({
      notifications: await listNotificationsOf(ctx, requireActor(request)),
    }),
  );
}
