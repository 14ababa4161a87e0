import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../http/request-actor.ts';
import * as audit from './audit-service.ts';
import { AuditPage, AuditQuery, AuditVerdict } from './contracts.ts';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'Search the audit log of organisations you administer',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => audit.searchAudit(ctx, requireActor(request), request.query),
  );
  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain of the whole log (installation administrators)',
        response: { 200: AuditVerdict },
      },
    },
    async (request) => audit.verifyAudit(ctx, requireActor(request)),
  );
}
