import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { validationError } from '../../../platform/errors.ts';
import { requireActor } from '../../../platform/http/request-actor.ts';
import { ImportMapping } from '../contracts.ts';
import { ImportPreview, ImportRejectsCsv, ImportStarted, ImportStatus } from '../contracts-import.ts';
import {
  importRejects,
  importStatus,
  MAX_IMPORT_BYTES,
  previewImport,
  startImport,
  uploadImportFile,
} from '../use-cases/import-runner.ts';
import { tooLarge, uploadedBytes } from './registry-routes.ts';

const params = z.object({ id: z.string() });

export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  r.post(
    '/api/imports',
    {
      schema: {
        tags,
        summary:
          'Upload an inventory (multipart: organisationId, file); returns the detected mapping and first rows',
        consumes: ['multipart/form-data'],
        response: { 201: ImportPreview },
      },
    },
    async (request, reply) => {
      const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!part)
        throw validationError('Send the file as multipart/form-data field "file".', [
          { field: 'file', message: 'Missing.' },
        ]);
      const bytes = await uploadedBytes(part);
      if (!bytes)
        return tooLarge(
          reply,
          `${part.filename} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the limit for inventories. Split it into several files, or import it with "materiel import items", which has no limit.`,
        );
      const organisationId = (part.fields.organisationId as { value?: string } | undefined)?.value;
      if (!organisationId)
        throw validationError(
          'Say which organisation the inventory belongs to (field organisationId, before the file).',
          [{ field: 'organisationId', message: 'Missing.' }],
        );
      return reply.status(201).send(
        await uploadImportFile(ctx, requireActor(request), {
          organisationId,
          fileName: part.filename,
          bytes,
        }),
      );
    },
  );
  r.post(
    '/api/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'The mapping and first rows with an adjusted mapping',
        params,
        body: ImportMapping,
        response: { 200: ImportPreview },
      },
    },
    async (request) => previewImport(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    '/api/imports/:id/run',
    {
      schema: {
        tags,
        summary:
          'Run the import in the background (dryRun checks without writing; partial commits valid rows)',
        params,
        body: z.object({
          mapping: ImportMapping.optional(),
          partial: z.boolean().default(false),
          dryRun: z.boolean().default(false),
          registeredOn: z
            .string()
            .optional()
            .describe('Date of the "registered" events, YYYY-MM-DD (today by default).'),
        }),
        response: { 202: ImportStarted },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await startImport(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    '/api/imports/:id',
    {
      schema: { tags, summary: 'Progress and result of an import', params, response: { 200: ImportStatus } },
    },
    async (request) => importStatus(ctx, requireActor(request), request.params.id),
  );
  r.get(
    '/api/imports/:id/rejects',
    {
      schema: {
        tags,
        summary: 'The rejected rows with their reasons (CSV)',
        params,
        produces: ['text/csv'],
        response: { 200: ImportRejectsCsv },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rejects.csv"')
        .send(
          // Text, as the schema says; a CSV string is sent as it is, not serialised as JSON.
          (await importRejects(ctx, requireActor(request), request.params.id)).toString('utf8'),
        ),
  );
}
