import type { Role } from '../../reference/vocab.ts';
import type { SessionInfo } from '../api/client.ts';

/** The signed-in user's role in the organisation they are working for, if they are a member of it. */
export function activeRole(info: SessionInfo): Role | null {
  return info.user.memberships.find((m) => m.organisationId === info.activeOrganisationId)?.role ?? null;
}

/** Administrators of the active organisation and installation administrators see the admin pages. */
export function isAdminHere(info: SessionInfo): boolean {
  return info.user.isInstallationAdmin || activeRole(info) === 'admin';
}

export function isAdminOf(info: SessionInfo, organisationId: string): boolean {
  return (
    info.user.isInstallationAdmin ||
    info.user.memberships.some((m) => m.organisationId === organisationId && m.role === 'admin')
  );
}
