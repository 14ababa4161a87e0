import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';

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

export interface LoginAttemptsTable {
  id: string;
  email: string;
  address: string;
  at: string;
  succeeded: number;
}

export interface SitesTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  name: string;
  kind: string;
  country: string | null;
  admin_area: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
  updated_at: string;
}

export interface WeaponsTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  category: string;
  make: string | null;
  model: string | null;
  calibre: string | null;
  serial_raw: string | null;
  /** Identity form of the serial (case, spacing, scripts folded); '?' marks an unreadable character. */
  serial_normalised: string | null;
  /** Look-alike-folded key for finding candidates (O/0, I/1...), never for identity. */
  serial_key: string | null;
  country_of_manufacture: string | null;
  year_of_manufacture: number | null;
  import_country: string | null;
  import_year: number | null;
  national_registration_number: string | null;
  /** The registration number in the serial's normalised form, for search. */
  registration_normalised: string | null;
  national_marking_code: string | null;
  condition: string;
  notes: string | null;
  /** Per-organisation identity: make + model + normalised serial, or the national registration number. */
  natural_key: string;
  /** Hash of the registered attributes, so re-importing an unchanged row is recognised as such. */
  content_hash: string;
  status: string;
  holder: string | null;
  site_id: string | null;
  import_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface WeaponMarkingsTable {
  id: string;
  weapon_id: string;
  kind: string;
  text_raw: string;
  text_normalised: string;
  script: string | null;
  transliteration: string | null;
  position: string | null;
  attachment_id: string | null;
  created_at: string;
}

export interface AmmunitionLotsTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  category: string;
  calibre: string | null;
  manufacturer: string | null;
  lot_number: string;
  lot_normalised: string;
  headstamp: string | null;
  year: number | null;
  quantity: number;
  status: string;
  holder: string | null;
  site_id: string | null;
  notes: string | null;
  natural_key: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface LedgerEventsTable {
  id: string;
  organisation_id: string;
  subject_type: string;
  subject_id: string;
  seq: number;
  type: string;
  occurred_on: string;
  place: string | null;
  site_id: string | null;
  actor_organisation: string | null;
  counterpart: string | null;
  holder: string | null;
  quantity_delta: number | null;
  documents_json: string | null;
  corrects_event_id: string | null;
  reason: string | null;
  details_json: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface AttachmentsTable {
  id: string;
  organisation_id: string;
  confidentiality: string;
  sha256: string;
  media_type: string;
  size_bytes: number;
  original_name: string | null;
  width: number | null;
  height: number | null;
  taken_at: string | null;
  latitude: number | null;
  longitude: number | null;
  thumbnail_sha256: string | null;
  subject_type: string | null;
  subject_id: string | null;
  role: string | null;
  created_by: string;
  created_at: string;
}

export interface MarkingCodeCountersTable {
  scope: string;
  last_seq: number;
}

export interface ImportsTable {
  id: string;
  organisation_id: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  status: string;
  mapping_json: string | null;
  summary_json: string | null;
  progress_rows: number;
  total_rows: number | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
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

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  login_attempts: LoginAttemptsTable;
  sites: SitesTable;
  weapons: WeaponsTable;
  weapon_markings: WeaponMarkingsTable;
  ammunition_lots: AmmunitionLotsTable;
  ledger_events: LedgerEventsTable;
  attachments: AttachmentsTable;
  marking_code_counters: MarkingCodeCountersTable;
  imports: ImportsTable;
  jobs: JobsTable;
  list_versions: ListVersionsTable;
  designation_records: DesignationRecordsTable;
  list_version_members: ListVersionMembersTable;
  screening_parties: ScreeningPartiesTable;
  screening_hits: ScreeningHitsTable;
  notifications: NotificationsTable;
}

export type Db = Kysely<Database>;
export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
