import { findOrganisation } from '../../modules/identity/repository/organisation-repository.ts';
import type { LedgerEventType } from '../../modules/registry/vocab.ts';
import type { Db } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { canInOrganisation, isInstallationAdmin } from './access.ts';
import type { Actor } from './actor.ts';
import type { Permission } from './permissions.ts';

/**
 * Events that document recovered materiel: field officers and investigators (recovery.write) may
 * record them as well as registrars, on weapons and on ammunition lots.
 */
export const RECOVERY_EVENTS: readonly LedgerEventType[] = [
  'recovered',
  'seized',
  'surrendered',
  'collected',
  'found',
  'inspected',
];

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
