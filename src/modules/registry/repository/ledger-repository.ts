import type { Db, NewRow, Row } from '../../../platform/db/schema.ts';

export function listEvents(db: Db, subjectId: string): Promise<Row<'ledger_events'>[]> {
  return db
    .selectFrom('ledger_events')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

export async function nextEventSeq(db: Db, subjectId: string): Promise<number> {
  const r = await db
    .selectFrom('ledger_events')
    .select((eb) => eb.fn.max<number | null>('seq').as('m'))
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertEvent(db: Db, row: NewRow<'ledger_events'>): Promise<void> {
  await db.insertInto('ledger_events').values(row).execute();
}
