import type { Db, Row } from '../../platform/db/schema.ts';
import type { Confidentiality, OrganisationKind, Role } from '../../reference/vocab.ts';
import type { Organisation } from './contracts/organisations.ts';
import type { ApiToken } from './contracts/tokens.ts';
import type { User } from './contracts/users.ts';

/** Row -> API shape. Kept apart from the services so every caller presents a record the same way. */
export function presentOrganisation(row: Row<'organisations'>): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrganisationKind,
    country: row.country,
    confidentiality: row.confidentiality as Confidentiality,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function presentUser(db: Db, row: Row<'users'>): Promise<User> {
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.organisation_id', 'memberships.role', 'organisations.name'])
    .where('memberships.user_id', '=', row.id)
    .orderBy('organisations.name')
    .execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isInstallationAdmin: row.is_installation_admin === 1,
    mustChangePassword: row.must_change_password === 1,
    locale: row.locale,
    disabled: row.disabled_at !== null,
    memberships: memberships.map((m) => ({
      organisationId: m.organisation_id,
      organisationName: m.name,
      role: m.role as Role,
    })),
    createdAt: row.created_at,
  };
}

export function presentApiToken(row: Row<'api_tokens'> & { email: string }): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.email,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
