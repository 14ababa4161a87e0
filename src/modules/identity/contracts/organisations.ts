import { z } from 'zod';
import { Confidentiality, Id, Iso3, IsoTimestamp } from '../../../platform/contracts/common.ts';
import { ORGANISATION_KINDS } from '../../../reference/vocab.ts';

export const OrganisationKind = z.enum(ORGANISATION_KINDS, {
  error: `Use one of: ${ORGANISATION_KINDS.join(', ')}.`,
});

export const Organisation = z.object({
  id: Id,
  name: z.string(),
  kind: OrganisationKind,
  country: Iso3.nullable(),
  confidentiality: Confidentiality,
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisation = z.object({
  name: z.string().trim().min(2, 'Give the organisation a name of at least 2 characters.').max(200),
  kind: OrganisationKind,
  country: Iso3.nullish(),
  confidentiality: Confidentiality.default('restricted'),
});
export type CreateOrganisation = z.input<typeof CreateOrganisation>;

// Built field by field rather than with .partial(): zod 4 keeps .default() inside .partial(), which
// would reset an omitted confidentiality to 'restricted' on every update.
export const UpdateOrganisation = z.object({
  name: CreateOrganisation.shape.name.optional(),
  kind: OrganisationKind.optional(),
  country: Iso3.nullish(),
  confidentiality: Confidentiality.optional(),
});
export type UpdateOrganisation = z.input<typeof UpdateOrganisation>;
