import { z } from 'zod';
import { Id, IsoTimestamp } from '../../../platform/contracts/common.ts';

export const ApiToken = z.object({
  id: Id,
  userId: Id,
  userEmail: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoTimestamp,
  lastUsedAt: IsoTimestamp.nullable(),
  expiresAt: IsoTimestamp.nullable(),
  revokedAt: IsoTimestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiToken = z.object({
  userId: Id.optional().describe('Defaults to yourself; administrators may create tokens for their members.'),
  name: z.string().trim().min(1, 'Give the token a label, e.g. "ERP screening".').max(100),
  expiresAt: IsoTimestamp.optional(),
});

export const CreatedApiToken = z.object({
  token: z.string().describe('The secret, shown only this once. Send it as "Authorization: Bearer <token>".'),
  apiToken: ApiToken,
});
