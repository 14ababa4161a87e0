import type { Kysely } from 'kysely';

// Frozen once landed: later changes go in new migration files.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('grantee_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  // The access check asks "is this record granted to one of these organisations?" on every read.
  await db.schema
    .createIndex('grants_record')
    .on('grants')
    .columns(['record_type', 'record_id', 'grantee_organisation_id'])
    .execute();
  await db.schema.createIndex('grants_grantee').on('grants').columns(['grantee_organisation_id']).execute();
  await db.schema.createIndex('grants_owner').on('grants').columns(['organisation_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('grants').execute();
}
