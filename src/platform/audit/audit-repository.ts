import { sql } from 'kysely';
import type { Db, NewRow, Row } from '../db/schema.ts';

/** Reserves the next sequence number and returns the previous hash; locks the head row until commit. */
export async function reserveAuditSeq(db: Db): Promise<{ seq: number; prevHash: string }> {
  // An UPDATE first: on PostgreSQL it row-locks the head, on SQLite it takes the write lock, so
  // concurrent writers are serialised on both engines without a dialect branch.
  const row = await db
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.last_seq), prevHash: row.last_hash };
}

export async function insertAuditEntry(db: Db, entry: NewRow<'audit_log'>): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
  await db.updateTable('audit_chain_head').set({ last_hash: entry.hash }).where('id', '=', 1).execute();
}

export async function readChainHead(db: Db): Promise<{ lastSeq: number; lastHash: string }> {
  const row = await db
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { lastSeq: Number(row.last_seq), lastHash: row.last_hash };
}

/** Streams the whole log in order, in pages, so verification of a long log stays in bounded memory. */
export async function* iterateAuditLog(db: Db, pageSize = 2000): AsyncGenerator<Row<'audit_log'>> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.seq);
  }
}

export interface AuditFilter {
  organisationIds: 'all' | string[];
  actor?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchAuditLog(
  db: Db,
  f: AuditFilter,
): Promise<{ total: number; rows: Row<'audit_log'>[] }> {
  let q = db.selectFrom('audit_log');
  if (f.organisationIds !== 'all') {
    if (f.organisationIds.length === 0) return { total: 0, rows: [] };
    q = q.where('organisation_id', 'in', f.organisationIds);
  }
  if (f.actor) {
    // Case-insensitive on both engines, with the user's % and _ taken literally.
    const pattern = `%${f.actor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(actor_label) like ${pattern} escape '\\'`);
  }
  if (f.action) q = q.where('action', '=', f.action);
  if (f.recordType) q = q.where('record_type', '=', f.recordType);
  if (f.recordId) q = q.where('record_id', '=', f.recordId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  const total = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total.n), rows };
}
