import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from '../../reference/vocab.ts';

export const Id = z.string().min(1).max(64).describe('Record identifier (UUID)');
export const IsoTimestamp = z.string().describe('ISO-8601 UTC timestamp');
export const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use an ISO 3166-1 alpha-3 code in capitals, e.g. COD or FRA.')
  .describe('ISO 3166-1 alpha-3 country code');
export const Confidentiality = z.enum(CONFIDENTIALITY_LEVELS, {
  error: `Use one of: ${CONFIDENTIALITY_LEVELS.join(', ')}.`,
});

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          row: z.number().optional(),
          value: z.unknown().optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
