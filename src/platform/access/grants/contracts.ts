import { z } from 'zod';
import { Confidentiality, Id, IsoTimestamp } from '../../contracts/common.ts';

export const GrantCreate = z.object({
  recordType: z.string().min(1).max(40).describe('Kind of record, e.g. weapon or lot'),
  recordIds: z.array(Id).min(1).max(500).describe('The records to share; one grant each'),
  granteeOrganisationId: Id.describe('The organisation that may then read the records'),
  level: Confidentiality.optional().describe(
    "Highest confidentiality level the grant shows; defaults to the record's own",
  ),
  purpose: z.string().min(1).max(1000).describe('Why the record is shared; the grantee sees it'),
  expiresAt: z.string().max(40).nullish().describe('ISO 8601; the grant ends then. Omit for until revoked'),
});

export const GrantRevoke = z.object({ reason: z.string().min(1).max(1000) });

export const GrantQuery = z.object({
  organisationId: Id,
  direction: z.enum(['given', 'received']).default('received'),
  recordType: z.string().max(40).optional(),
  recordId: Id.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const Grant = z.object({
  id: Id,
  recordType: z.string(),
  recordId: Id,
  organisationId: Id,
  organisationName: z.string(),
  granteeOrganisationId: Id,
  granteeOrganisationName: z.string(),
  level: z.string(),
  purpose: z.string(),
  expiresAt: IsoTimestamp.nullable(),
  grantedBy: z.string(),
  grantedAt: IsoTimestamp,
  revokedAt: IsoTimestamp.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type Grant = z.infer<typeof Grant>;

export const GrantList = z.object({ grants: z.array(Grant) });
