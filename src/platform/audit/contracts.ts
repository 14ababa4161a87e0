import { z } from 'zod';
import { Id, IsoTimestamp, Paging } from '../contracts/common.ts';

export const AuditEntry = z.object({
  seq: z.number().int(),
  id: Id,
  at: IsoTimestamp,
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  organisationId: z.string().nullable(),
  address: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = Paging.extend({
  organisationId: Id.optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  recordType: z.string().optional(),
  recordId: z.string().optional(),
  from: z.string().optional().describe('ISO date or timestamp, inclusive'),
  to: z.string().optional().describe('ISO date or timestamp, inclusive'),
});

export const AuditPage = z.object({ total: z.number().int(), entries: z.array(AuditEntry) });

export const AuditVerdict = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadEntry: z.number().int().nullable(),
  reason: z.string().nullable(),
});
