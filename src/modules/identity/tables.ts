/**
 * The identity module's tables, added to the installation's schema by declaration merging
 * (see src/platform/db/schema.ts). Storage rules as there: text ids, ISO-8601 text times, 0/1 booleans.
 */

/**
 * Table types. Portable storage rules (shared/ARCHITECTURE.md): ids are text UUIDs made by the
 * application, timestamps ISO-8601 UTC text, booleans 0/1 integers, JSON as text through db/json.ts.
 */
export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  confidentiality: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_installation_admin: number;
  must_change_password: number;
  locale: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  active_organisation_id: string | null;
  csrf_token: string;
  address: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** First characters of the token, so a user can tell tokens apart without the secret. */
  prefix: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: string;
  email: string;
  address: string;
  at: string;
  succeeded: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    organisations: OrganisationsTable;
    users: UsersTable;
    memberships: MembershipsTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    login_attempts: LoginAttemptsTable;
  }
}
