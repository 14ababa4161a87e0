import type { Db, NewRow, Row } from '../../../platform/db/schema.ts';

export async function insertAttachment(db: Db, row: NewRow<'attachments'>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export function findAttachment(db: Db, id: string): Promise<Row<'attachments'> | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAttachments(db: Db, subjectId: string): Promise<Row<'attachments'>[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .execute();
}
