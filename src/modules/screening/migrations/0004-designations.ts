import type { Kysely } from 'kysely';

// Frozen once landed: later changes go in new migration files.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per loaded version of a designations list (UN Consolidated List, OFAC SDN).
  await db.schema
    .createTable('list_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('list_versions_source_version')
    .on('list_versions')
    .columns(['source', 'version'])
    .unique()
    .execute();

  // Each distinct content of a designation is stored once; versions point at the contents they hold,
  // so keeping every version costs only what changed.
  await db.schema
    .createTable('designation_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('designation_records_key')
    .on('designation_records')
    .columns(['source', 'ref', 'content_hash'])
    .unique()
    .execute();
  await db.schema.createIndex('designation_records_ref').on('designation_records').columns(['ref']).execute();

  await db.schema
    .createTable('list_version_members')
    .addColumn('version_id', 'text', (c) => c.notNull().references('list_versions.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('designation_records.id'))
    .addPrimaryKeyConstraint('list_version_members_pk', ['version_id', 'record_id'])
    .execute();
  await db.schema
    .createIndex('list_version_members_record')
    .on('list_version_members')
    .column('record_id')
    .execute();

  // Parties an organisation screens and keeps (counterparties, consignees...), re-screened on each new list version.
  await db.schema
    .createTable('screening_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('country', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('screening_parties_org')
    .on('screening_parties')
    .columns(['organisation_id', 'name'])
    .execute();

  // A possible match and the decision on it, against the list version it was found in.
  await db.schema
    .createTable('screening_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text')
    .addColumn('query_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('matched_name', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .addColumn('list_version_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('screening_hits_org_status')
    .on('screening_hits')
    .columns(['organisation_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('screening_hits_party')
    .on('screening_hits')
    .columns(['party_id', 'ref'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_org')
    .on('notifications')
    .columns(['organisation_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notifications',
    'screening_hits',
    'screening_parties',
    'list_version_members',
    'designation_records',
    'list_versions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
