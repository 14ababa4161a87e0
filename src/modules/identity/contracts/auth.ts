import { z } from 'zod';
import { Id, IsoTimestamp } from '../../../platform/contracts/common.ts';
import { Password, User } from './users.ts';

export const Login = z.object({
  email: z.string().trim().min(1, 'Enter your e-mail address.'),
  password: z.string().min(1, 'Enter your password.'),
});

export const SessionInfo = z.object({
  user: User,
  activeOrganisationId: Id.nullable(),
  csrfToken: z.string().describe('Send back in the X-CSRF-Token header on every state-changing request.'),
  expiresAt: IsoTimestamp,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePassword = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.'),
  newPassword: Password,
});

export const SwitchOrganisation = z.object({ organisationId: Id });

export const SessionSummary = z.object({
  id: Id,
  current: z.boolean(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: IsoTimestamp,
  lastSeenAt: IsoTimestamp,
  expiresAt: IsoTimestamp,
});
