import { canInOrganisation, isInstallationAdmin } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Permission } from '../../../platform/access/permissions.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { findOrganisation } from '../repository/organisation-repository.ts';

/**
 * Checks that the actor holds `permission` in an organisation before acting in it (registering,
 * importing, listing its registry). Whoever cannot see the organisation at all gets "not found", so
 * its existence is not revealed (docs/roles.md); a member whose role lacks the right gets "forbidden"
 * with `message`. For system actors and installation administrators, who may act anywhere, an
 * organisation that does not exist is "not found" too, instead of a foreign-key failure later.
 */
export async function requireInOrganisation(
  db: Db,
  actor: Actor,
  permission: Permission,
  organisationId: string,
  message: string,
): Promise<void> {
  if (!canInOrganisation(actor, permission, organisationId)) {
    if (!canInOrganisation(actor, 'organisation.read', organisationId)) throw notFound('The organisation');
    throw forbidden(message);
  }
  if (isInstallationAdmin(actor) && !(await findOrganisation(db, organisationId)))
    throw notFound('The organisation');
}
