import { z } from 'zod';
import { Confidentiality, Id } from '../../platform/contracts/common.ts';

export const PARTY_TYPES = ['person', 'organization', 'vessel', 'any'] as const;
export const HIT_DECISIONS = ['cleared', 'escalated', 'confirmed'] as const;

export const ScreenQuery = z.object({
  id: z.string().max(200).optional().describe('Your reference for the party, echoed back'),
  name: z.string().trim().min(1, 'Give the name to screen.').max(300),
  type: z.enum(PARTY_TYPES).default('any'),
  dob: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Give the date of birth as YYYY, YYYY-MM or YYYY-MM-DD.')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'Give the nationality or country as an ISO 3166-1 alpha-3 code.')
    .transform((s) => s.toUpperCase())
    .optional(),
  gender: z.enum(['male', 'female']).optional(),
  documents: z.array(z.string().max(100)).max(20).optional(),
});
export type ScreenQuery = z.input<typeof ScreenQuery>;

export const ScreenRequest = z.object({
  queries: z.array(ScreenQuery).min(1).max(1000, 'Send at most 1,000 queries per request.'),
  threshold: z.number().min(0).max(1).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});

export const ScreenHit = z.object({
  ref: z.string(),
  source: z.string(),
  type: z.string(),
  name: z.string(),
  matchedName: z.string(),
  score: z.number(),
  explanation: z.array(z.string()),
});

export const ScreenResponse = z.object({
  listVersion: z.string(),
  threshold: z.number(),
  results: z.array(z.object({ query: z.record(z.string(), z.unknown()), results: z.array(ScreenHit) })),
});

export const CreateParty = z.object({
  organisationId: Id,
  name: z.string().trim().min(1).max(300),
  type: z.enum(PARTY_TYPES).default('any'),
  externalId: z.string().max(200).optional(),
  dob: ScreenQuery.shape.dob,
  country: ScreenQuery.shape.country,
  confidentiality: Confidentiality.default('restricted'),
});

export const Decide = z.object({
  decision: z.enum(HIT_DECISIONS, { error: `Use one of: ${HIT_DECISIONS.join(', ')}.` }),
  reason: z.string().trim().min(3, 'Say why, so that the decision can be reviewed.').max(4000),
});
