/**
 * The registry module's tables, added to the installation's schema by declaration merging
 * (see src/platform/db/schema.ts). Storage rules as there: text ids, ISO-8601 text times, 0/1 booleans.
 */

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    sites: SitesTable;
    weapons: WeaponsTable;
    weapon_markings: WeaponMarkingsTable;
    ammunition_lots: AmmunitionLotsTable;
    ledger_events: LedgerEventsTable;
    attachments: AttachmentsTable;
    marking_code_counters: MarkingCodeCountersTable;
    imports: ImportsTable;
  }
}
