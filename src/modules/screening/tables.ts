/**
 * The screening module's tables, added to the installation's schema by declaration merging
 * (see src/platform/db/schema.ts). Storage rules as there: text ids, ISO-8601 text times, 0/1 booleans.
 */

export interface ListVersionsTable {
  id: string;
  source: string;
  version: string;
  generated_at: string;
  file_name: string;
  file_sha256: string;
  counts_json: string;
  loaded_by: string;
  loaded_at: string;
}

export interface DesignationRecordsTable {
  id: string;
  source: string;
  ref: string;
  content_hash: string;
  type: string;
  name: string;
  /** The normalised Designation (src/domain/designations/model.ts) as JSON. */
  data_json: string;
}

export interface ListVersionMembersTable {
  version_id: string;
  record_id: string;
}

export interface ScreeningPartiesTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  external_id: string | null;
  name: string;
  type: string;
  birth_date: string | null;
  country: string | null;
  created_by: string;
  created_at: string;
}

export interface ScreeningHitsTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  party_id: string | null;
  query_json: string;
  source: string;
  ref: string;
  matched_name: string;
  score: number;
  explanation_json: string;
  list_version_id: string;
  /** open, cleared, escalated, confirmed */
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  kind: string;
  title: string;
  body_json: string | null;
  created_at: string;
  read_at: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    list_versions: ListVersionsTable;
    designation_records: DesignationRecordsTable;
    list_version_members: ListVersionMembersTable;
    screening_parties: ScreeningPartiesTable;
    screening_hits: ScreeningHitsTable;
    notifications: NotificationsTable;
  }
}
