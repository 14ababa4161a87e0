import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export async function insertImport(db: Db, row: NewRow<'imports'>): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

export async function updateImport(db: Db, id: string, patch: RowUpdate<'imports'>): Promise<void> {
  await db.updateTable('imports').set(patch).where('id', '=', id).execute();
}

export function findImport(db: Db, id: string): Promise<Row<'imports'> | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks every import still "running" as failed (after a restart); returns how many. */
export async function failRunningImports(db: Db, summaryJson: string, at: string): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set({ status: 'failed', summary_json: summaryJson, finished_at: at })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
