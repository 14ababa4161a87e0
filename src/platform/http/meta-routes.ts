import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS, ORGANISATION_KINDS, ROLES } from '../../reference/vocab.ts';
import { PERMISSIONS, ROLE_CLEARANCE, ROLE_PERMISSIONS } from '../access/permissions.ts';
import type { AppContext } from '../context.ts';

export function metaRoutes(app: FastifyInstance, ctx: AppContext, version: string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { schema: { hide: true } }, async () => {
    await ctx.db.selectFrom('audit_chain_head').select('id').executeTakeFirst();
    return { status: 'ok', database: ctx.dialect, version };
  });
  r.get(
    '/api/vocab',
    {
      schema: {
        tags: ['vocabularies'],
        summary:
          'Closed vocabularies: organisation kinds, roles and what they may do, confidentiality levels',
        response: {
          200: z.object({
            organisationKinds: z.array(z.string()),
            roles: z.array(
              z.object({ code: z.string(), permissions: z.array(z.string()), clearance: z.string() }),
            ),
            permissions: z.record(z.string(), z.string()),
            confidentialityLevels: z.array(z.string()),
          }),
        },
      },
    },
    async () => ({
      organisationKinds: [...ORGANISATION_KINDS],
      roles: ROLES.map((code) => ({
        code,
        permissions: [...ROLE_PERMISSIONS[code]],
        clearance: ROLE_CLEARANCE[code],
      })),
      permissions: { ...PERMISSIONS },
      confidentialityLevels: [...CONFIDENTIALITY_LEVELS],
    }),
  );
}
