import {
  CONFIDENTIALITY_LEVELS,
  type Confidentiality,
  confidentialityRank,
  type Role,
} from '../../reference/vocab.ts';
import type { Actor } from './actor.ts';
import { type InstallationPermission, type Permission, ROLE_CLEARANCE, roleAllows } from './permissions.ts';

/** A record as policies see it: who owns it and how sensitive it is. */
export interface OwnedRecord {
  organisationId: string;
  confidentiality: Confidentiality;
  /**
   * Grants in force that show this record to other organisations (loaded by requireRecord). A grant
   * gives the members of the grantee organisation one permission, the record kind's read
   * permission, up to the grant's level and their own role's clearance; never a change.
   */
  grants?: readonly GrantedRead[];
}

export interface GrantedRead {
  grantId: string;
  granteeOrganisationId: string;
  /** The permission the grant gives: the record kind's read permission. */
  permission: Permission;
  level: Confidentiality;
}

/**
 * The one access check. System actors and installation administrators may do anything; everyone
 * else needs a role in the owning organisation that grants the permission and, to read, clearance
 * for the record's confidentiality level.
 */
export function can(actor: Actor, permission: Permission, record: OwnedRecord): boolean {
  if (actor.kind === 'system' || actor.isInstallationAdmin) return true;
  const role = actor.memberships.get(record.organisationId);
  if (role && roleAllows(role, permission) && cleared(role, record.confidentiality)) return true;
  return grantThatAllows(actor, permission, record) !== undefined;
}

function cleared(role: Role, level: Confidentiality): boolean {
  return confidentialityRank(level) <= confidentialityRank(ROLE_CLEARANCE[role]);
}

/** The grant through which the actor holds `permission` on the record, if any. */
export function grantThatAllows(
  actor: Actor,
  permission: Permission,
  record: OwnedRecord,
): GrantedRead | undefined {
  if (actor.kind !== 'user') return undefined;
  return record.grants?.find((g) => {
    const role = actor.memberships.get(g.granteeOrganisationId);
    return (
      role !== undefined &&
      g.permission === permission &&
      roleAllows(role, permission) &&
      cleared(role, record.confidentiality) &&
      confidentialityRank(record.confidentiality) <= confidentialityRank(g.level)
    );
  });
}

/** May the actor act in the organisation at all (e.g. create a record owned by it)? */
export function canInOrganisation(actor: Actor, permission: Permission, organisationId: string): boolean {
  return can(actor, permission, { organisationId, confidentiality: 'public' });
}

/** Organisations in which the actor holds the permission; `all` for system and installation admins. */
export function organisationsWith(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.kind === 'system' || actor.isInstallationAdmin) return 'all';
  return [...actor.memberships].filter(([, role]) => roleAllows(role, permission)).map(([id]) => id);
}

/** Installation-wide actions (INSTALLATION_PERMISSIONS): installation administrators and the system only. */
export function canOnInstallation(actor: Actor, _permission: InstallationPermission): boolean {
  return isInstallationAdmin(actor);
}

export function isInstallationAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || actor.isInstallationAdmin;
}

/**
 * For list queries: per organisation where the actor holds the permission, the confidentiality
 * levels their role may read. `all` for system and installation administrators.
 */
export function readableLevelsByOrganisation(
  actor: Actor,
  permission: Permission,
): 'all' | Map<string, Confidentiality[]> {
  if (actor.kind === 'system' || actor.isInstallationAdmin) return 'all';
  const map = new Map<string, Confidentiality[]>();
  for (const [organisationId, role] of actor.memberships) {
    if (!roleAllows(role, permission)) continue;
    const clearance = confidentialityRank(ROLE_CLEARANCE[role]);
    map.set(
      organisationId,
      CONFIDENTIALITY_LEVELS.filter((l) => confidentialityRank(l) <= clearance),
    );
  }
  return map;
}
