import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  organisation_id: string | null;
  address: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1): the tip of the audit chain, so that removing the newest entries is detected too. */
export interface AuditChainHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload_json: string;
  /** queued -> running -> done | failed (or back to queued for a retry). */
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  result_json: string | null;
  organisation_id: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

/**
 * Grants: a record made visible to another organisation (docs/roles.md, "Sharing records").
 * Platform-owned because the one access check (requireRecord) consults them. Storage rules as in
 * src/platform/db/schema.ts: text ids, ISO-8601 text times.
 */
export interface GrantsTable {
  id: string;
  /** The organisation that owns the record and gave the grant. */
  organisation_id: string;
  /** The record kind as in audit entries, e.g. `weapon`, `lot`. */
  record_type: string;
  record_id: string;
  /** The organisation that may now see the record. */
  grantee_organisation_id: string;
  /** The highest confidentiality level the grant lets the grantee read. */
  level: string;
  /** Why the record is shared (a tracing request, a joint investigation...): shown to both sides. */
  purpose: string;
  /** After this instant the grant no longer applies; null: until revoked. */
  expires_at: string | null;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/**
 * Every table of the installation. The platform declares its own tables here; each module adds its
 * tables to this interface from its `tables.ts` (TypeScript declaration merging), so a new module
 * never edits this file and Kysely still checks every query against the whole schema.
 */
export interface Database {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  jobs: JobsTable;
  grants: GrantsTable;
}

export type Db = Kysely<Database>;
export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
