import type { Kysely } from 'kysely';

// Frozen once landed: later changes go in new migration files.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Storage sites (depots, armouries, unit stores). Physical-security attributes come with M7.
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('admin_area', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sites_org_name')
    .on('sites')
    .columns(['organisation_id', 'name'])
    .unique()
    .execute();

  // Weapons. status/holder/site are a cache of what the ledger derives, kept in the same transaction
  // as each event so that lists can filter a million rows by index; the ledger stays the truth.
  await db.schema
    .createTable('weapons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('make', 'text')
    .addColumn('model', 'text')
    .addColumn('calibre', 'text')
    .addColumn('serial_raw', 'text')
    .addColumn('serial_normalised', 'text')
    .addColumn('serial_key', 'text')
    .addColumn('country_of_manufacture', 'text')
    .addColumn('year_of_manufacture', 'integer')
    .addColumn('import_country', 'text')
    .addColumn('import_year', 'integer')
    .addColumn('national_registration_number', 'text')
    .addColumn('registration_normalised', 'text')
    .addColumn('national_marking_code', 'text', (c) => c.unique())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('import_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('weapons_org_natural_key')
    .on('weapons')
    .columns(['organisation_id', 'natural_key'])
    .unique()
    .execute();
  // List indexes end with id: UUID v7 ids sort by creation, so "newest first" and paging use them.
  await db.schema.createIndex('weapons_org_id').on('weapons').columns(['organisation_id', 'id']).execute();
  await db.schema
    .createIndex('weapons_org_serial')
    .on('weapons')
    .columns(['organisation_id', 'serial_normalised', 'id'])
    .execute();
  await db.schema
    .createIndex('weapons_org_registration')
    .on('weapons')
    .columns(['organisation_id', 'registration_normalised'])
    .execute();
  await db.schema
    .createIndex('weapons_org_serial_key')
    .on('weapons')
    .columns(['organisation_id', 'serial_key'])
    .execute();
  await db.schema
    .createIndex('weapons_org_category')
    .on('weapons')
    .columns(['organisation_id', 'category', 'id'])
    .execute();
  await db.schema
    .createIndex('weapons_org_make')
    .on('weapons')
    .columns(['organisation_id', 'make', 'id'])
    .execute();
  await db.schema
    .createIndex('weapons_org_status')
    .on('weapons')
    .columns(['organisation_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('weapons_org_site')
    .on('weapons')
    .columns(['organisation_id', 'site_id'])
    .execute();

  await db.schema
    .createTable('weapon_markings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('weapon_id', 'text', (c) => c.notNull().references('weapons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text_raw', 'text', (c) => c.notNull())
    .addColumn('text_normalised', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('transliteration', 'text')
    .addColumn('position', 'text')
    .addColumn('attachment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weapon_markings_weapon').on('weapon_markings').column('weapon_id').execute();
  await db.schema
    .createIndex('weapon_markings_text')
    .on('weapon_markings')
    .column('text_normalised')
    .execute();

  await db.schema
    .createTable('ammunition_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('calibre', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('lot_number', 'text', (c) => c.notNull())
    .addColumn('lot_normalised', 'text', (c) => c.notNull())
    .addColumn('headstamp', 'text')
    .addColumn('year', 'integer')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('notes', 'text')
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ammunition_lots_org_key')
    .on('ammunition_lots')
    .columns(['organisation_id', 'natural_key'])
    .unique()
    .execute();
  await db.schema.createIndex('ammunition_lots_lot').on('ammunition_lots').column('lot_normalised').execute();

  // The ledger: every change of state of a weapon or lot, appended, never edited.
  await db.schema
    .createTable('ledger_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('actor_organisation', 'text')
    .addColumn('counterpart', 'text')
    .addColumn('holder', 'text')
    .addColumn('quantity_delta', 'integer')
    .addColumn('documents_json', 'text')
    .addColumn('corrects_event_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('details_json', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_events_subject')
    .on('ledger_events')
    .columns(['subject_id', 'seq'])
    .unique()
    .execute();

  // Photographs and scanned documents, stored content-addressed under the data directory.
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('taken_at', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('thumbnail_sha256', 'text')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('role', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_subject').on('attachments').columns(['subject_id']).execute();

  // National marking codes: one counter per (pattern prefix), so sequences never repeat.
  await db.schema
    .createTable('marking_code_counters')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text')
    .addColumn('summary_json', 'text')
    .addColumn('progress_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_rows', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'imports',
    'marking_code_counters',
    'attachments',
    'ledger_events',
    'ammunition_lots',
    'weapon_markings',
    'weapons',
    'sites',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
