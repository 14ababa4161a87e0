import { z } from 'zod';
import { Id, IsoTimestamp } from '../../../platform/contracts/common.ts';
import { ROLES } from '../../../reference/vocab.ts';

export const Role = z.enum(ROLES, { error: `Use one of: ${ROLES.join(', ')}.` });

export const PASSWORD_MIN_LENGTH = 12;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, 'Use a password of at most 200 characters.');

export const Email = z.email('Give a valid e-mail address, e.g. name@example.org.').max(254);

export const Membership = z.object({ organisationId: Id, organisationName: z.string(), role: Role });
export type Membership = z.infer<typeof Membership>;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  isInstallationAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  locale: z.string(),
  disabled: z.boolean(),
  memberships: z.array(Membership),
  createdAt: IsoTimestamp,
});
export type User = z.infer<typeof User>;

export const CreateUser = z.object({
  email: Email,
  name: z.string().trim().min(1, 'Give the person a name.').max(200),
  organisationId: Id,
  role: Role,
  password: Password.optional().describe(
    'Leave out to generate a one-time password that must be changed at first sign-in.',
  ),
});
export type CreateUser = z.input<typeof CreateUser>;

export const CreatedUser = z.object({
  user: User,
  oneTimePassword: z.string().nullable().describe('Shown once when the password was generated.'),
});

export const SetRole = z.object({ organisationId: Id, role: Role });
export const UpdateUser = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(['en', 'fr']).optional(),
  disabled: z.boolean().optional(),
});
