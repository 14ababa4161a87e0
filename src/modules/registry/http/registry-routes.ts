import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { validationError } from '../../../platform/errors.ts';
import { requireActor } from '../../../platform/http/request-actor.ts';
import {
  CreateSite,
  FileDownload,
  LotDetail,
  LotSummary,
  MarkingInput,
  RecordEvent,
  RegisterLot,
  RegisterWeapon,
  RegistryVocabularies,
  Site,
  StoredAttachment,
  WeaponDetail,
  WeaponPage,
  WeaponQuery,
} from '../contracts.ts';
import { attachToWeapon, readAttachment } from '../use-cases/attachment-service.ts';
import { EXPORT_FORMATS, exportItems } from '../use-cases/export-service.ts';
import { getLot, listLots, recordLotEvent, registerLot } from '../use-cases/lot-service.ts';
import { issueMarkingCodes } from '../use-cases/marking-code-service.ts';
import { createSite, listSites } from '../use-cases/site-service.ts';
import {
  addMarking,
  getWeapon,
  listWeapons,
  recordWeaponEvent,
  registerWeapon,
} from '../use-cases/weapon-service.ts';
import { REGISTRY_VOCABULARIES } from '../vocab.ts';

const idParams = z.object({ id: z.string() });

/**
 * The bytes of an uploaded file, or null when the file is over the route's size limit: the multipart
 * plugin then stops reading and throws, which would otherwise reach the client as a bare "too large".
 */
export async function uploadedBytes(part: MultipartFile): Promise<Buffer | null> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
    throw error;
  }
}

/** 413 with a message that says what the limit is and what to do. */
export function tooLarge(reply: FastifyReply, message: string) {
  return reply.status(413).send({ error: { code: 'validation', message } });
}

export function registryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];

  r.get(
    '/api/vocab/registry',
    {
      schema: {
        tags: ['vocabularies'],
        summary:
          'Registry vocabularies (categories, event types, statuses, marking kinds and positions, scripts, conditions, document kinds, calibres) with English and French labels',
        response: { 200: RegistryVocabularies },
      },
    },
    async () =>
      Object.fromEntries(
        Object.entries(REGISTRY_VOCABULARIES).map(([name, v]) => [
          name,
          v.entries.map((e) => ({
            code: e.code,
            label: e.label,
            labelFr: e.labelFr,
            ...('group' in e ? { group: e.group, trackedBy: e.trackedBy } : {}),
          })),
        ]),
      ),
  );

  r.get(
    '/api/sites',
    {
      schema: {
        tags,
        summary: 'Storage sites',
        querystring: z.object({ organisationId: z.string().optional() }),
        response: { 200: z.object({ sites: z.array(Site) }) },
      },
    },
    async (request) => ({
      sites: await listSites(ctx, requireActor(request), request.query.organisationId),
    }),
  );
  r.post(
    '/api/sites',
    { schema: { tags, summary: 'Add a storage site', body: CreateSite, response: { 201: Site } } },
    async (request, reply) =>
      reply.status(201).send(await createSite(ctx, requireActor(request), request.body)),
  );

  r.get(
    '/api/weapons',
    {
      schema: {
        tags,
        summary: 'Search the registry',
        querystring: WeaponQuery,
        response: { 200: WeaponPage },
      },
    },
    async (request) => listWeapons(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/weapons',
    {
      schema: {
        tags,
        summary: 'Register a weapon with its markings',
        body: RegisterWeapon,
        response: { 201: WeaponDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerWeapon(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/weapons/:id',
    {
      schema: {
        tags,
        summary: 'A weapon with its markings, photographs and ledger',
        params: idParams,
        response: { 200: WeaponDetail },
      },
    },
    async (request) => getWeapon(ctx, requireActor(request), request.params.id),
  );
  r.post(
    '/api/weapons/:id/events',
    {
      schema: {
        tags,
        summary: "Record an event in a weapon's ledger",
        params: idParams,
        body: RecordEvent,
        response: { 201: WeaponDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordWeaponEvent(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.post(
    '/api/weapons/:id/markings',
    {
      schema: {
        tags,
        summary: 'Add a marking read on the weapon',
        params: idParams,
        body: MarkingInput,
        response: { 201: WeaponDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMarking(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.post(
    '/api/weapons/marking-codes',
    {
      schema: {
        tags,
        summary: 'Issue national marking codes to weapons without a usable marking',
        body: z.object({
          weaponIds: z.array(z.string()).min(1),
          country: z.string().optional(),
          year: z.coerce.number().int().optional(),
        }),
        response: {
          201: z.object({ issued: z.array(z.object({ weaponId: z.string(), code: z.string() })) }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ issued: await issueMarkingCodes(ctx, requireActor(request), request.body) }),
  );
  r.post(
    '/api/weapons/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a photograph or scanned document (multipart: file, role)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: StoredAttachment },
      },
    },
    async (request, reply) => {
      const part = await request.file({ limits: { fileSize: 25 * 1024 * 1024, files: 1 } });
      if (!part)
        throw validationError('Send the file as multipart/form-data field "file".', [
          { field: 'file', message: 'Missing.' },
        ]);
      const bytes = await uploadedBytes(part);
      if (!bytes)
        return tooLarge(
          reply,
          `${part.filename} is larger than 25 MB, the limit for attachments. Attach a smaller photograph or scan.`,
        );
      const role = (part.fields.role as { value?: string } | undefined)?.value ?? 'other';
      return reply
        .status(201)
        .send(
          await attachToWeapon(
            ctx,
            requireActor(request),
            request.params.id,
            { bytes, name: part.filename },
            role,
          ),
        );
    },
  );
  r.get(
    '/api/attachments/:id',
    {
      schema: {
        tags,
        summary: 'The attachment file (?thumbnail=1 for the small image)',
        params: idParams,
        querystring: z.object({ thumbnail: z.string().optional() }),
        produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/octet-stream'],
        response: { 200: FileDownload },
      },
    },
    async (request, reply) => {
      const file = await readAttachment(
        ctx,
        requireActor(request),
        request.params.id,
        request.query.thumbnail === '1',
      );
      return reply
        .header('content-type', file.mediaType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.bytes);
    },
  );

  r.get(
    '/api/weapons/export',
    {
      schema: {
        tags,
        summary: "Download an organisation's registry",
        querystring: z.object({ organisationId: z.string(), format: z.enum(EXPORT_FORMATS).default('csv') }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: FileDownload },
      },
    },
    async (request, reply) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-export-'));
      const file = path.join(dir, `registry.${request.query.format}`);
      await exportItems(ctx, requireActor(request), request.query.organisationId, request.query.format, file);
      const types = {
        csv: 'text/csv; charset=utf-8',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        json: 'application/json',
      };
      const stream = fs.createReadStream(file);
      stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
      return reply
        .header('content-type', types[request.query.format])
        .header(
          'content-disposition',
          `attachment; filename="registry-${new Date().toISOString().slice(0, 10)}.${request.query.format}"`,
        )
        .send(stream);
    },
  );

  r.get(
    '/api/lots',
    {
      schema: {
        tags,
        summary: 'Ammunition lots',
        querystring: z.object({
          organisationId: z.string().optional(),
          q: z.string().optional(),
          calibre: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(LotSummary) }) },
      },
    },
    async (request) => listLots(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/lots',
    {
      schema: {
        tags,
        summary: 'Register an ammunition lot',
        body: RegisterLot,
        response: { 201: LotDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerLot(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/lots/:id',
    { schema: { tags, summary: 'A lot with its ledger', params: idParams, response: { 200: LotDetail } } },
    async (request) => getLot(ctx, requireActor(request), request.params.id),
  );
  r.post(
    '/api/lots/:id/events',
    {
      schema: {
        tags,
        summary: 'Record a movement of ammunition',
        params: idParams,
        body: RecordEvent,
        response: { 201: LotDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordLotEvent(ctx, requireActor(request), request.params.id, request.body)),
  );
}
