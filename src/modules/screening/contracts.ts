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

// ---- Responses: every field the web app and scripts read. Objects strip what they do not name,
// so a presenter's new field must be added here too (the screening tests would miss it otherwise).
// Deep, evolving shapes (a designation's data, a field change's values) are declared as unknown.

export const ListVersionView = z.object({
  id: z.string(),
  source: z.string(),
  version: z.string(),
  generatedAt: z.string(),
  fileName: z.string().nullable(),
  loadedAt: z.string(),
  loadedBy: z.string(),
  counts: z.unknown().describe('{persons, entities, total}'),
});
export const ListVersions = z.object({ versions: z.array(ListVersionView) });

export const LoadListResult = z.object({
  source: z.string(),
  version: z.string(),
  persons: z.number(),
  entities: z.number(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ ref: z.string(), name: z.string(), fields: z.array(z.string()) })),
  previousVersion: z.string().nullable(),
  unchanged: z.boolean(),
  versionId: z.string(),
});

const FieldChanges = z.array(z.unknown()).describe('[{field, before, after, added?, removed?}]');

export const ListDiffView = z.object({
  source: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ ref: z.string(), name: z.string(), fields: FieldChanges })),
  unchanged: z.number(),
});

export const ListedDesignations = z.object({
  asOf: z.string().nullable(),
  items: z.array(
    z.object({
      source: z.string(),
      ref: z.string(),
      name: z.string(),
      type: z.string(),
      version: z.string(),
    }),
  ),
});

export const DesignationDetailView = z.object({
  designation: z
    .unknown()
    .describe(
      'The designation as normalised from the list (src/modules/screening/domain/designations/model.ts)',
    ),
  listedInCurrentVersion: z.boolean(),
  history: z.array(z.object({ version: z.string(), generatedAt: z.string(), changes: FieldChanges })),
});

export const NameComparison = z.object({ score: z.number(), explanation: z.array(z.string()) });

export const PartyView = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  type: z.string(),
  externalId: z.string().nullable(),
  dob: z.string().nullable(),
  country: z.string().nullable(),
  createdAt: z.string(),
});
export const Parties = z.object({ parties: z.array(PartyView) });

export const HitView = z.object({
  id: z.string(),
  organisationId: z.string(),
  partyId: z.string().nullable(),
  query: z.record(z.string(), z.unknown()).nullable(),
  source: z.string(),
  ref: z.string(),
  matchedName: z.string(),
  score: z.number(),
  explanation: z.array(z.string()),
  listVersionId: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const Hits = z.object({ hits: z.array(HitView) });

export const NotificationView = z.object({
  id: z.string(),
  organisationId: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.unknown().describe('{partyId, versionId, hits: [{ref, source, name}]}'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const Notifications = z.object({ notifications: z.array(NotificationView) });
export const PartyAdded = z.object({ party: PartyView, hits: z.array(HitView) });
