import type { Db, NewRow, Row, RowUpdate } from '../db/schema.ts';

export async function insertJob(db: Db, row: NewRow<'jobs'>): Promise<void> {
  await db.insertInto('jobs').values(row).execute();
}

export function findJob(db: Db, id: string): Promise<Row<'jobs'> | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateJob(db: Db, id: string, patch: RowUpdate<'jobs'>): Promise<void> {
  await db.updateTable('jobs').set(patch).where('id', '=', id).execute();
}

/**
 * Claims the oldest due job, or a running one whose lock expired (its worker died). Portable: the
 * UPDATE re-checks the status, so of two workers racing for a row only one gets it back; the other
 * sees no row and simply polls again. No SKIP LOCKED, which SQLite lacks.
 */
export async function claimNextJob(
  db: Db,
  worker: string,
  now: string,
  lockUntil: string,
): Promise<Row<'jobs'> | undefined> {
  const candidate = await db
    .selectFrom('jobs')
    .select(['id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return undefined;
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: worker,
      locked_until: lockUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', candidate.id)
    .where('status', '=', candidate.status)
    .where((eb) =>
      candidate.status === 'running' ? eb('locked_until', '<', now) : eb('status', '=', 'queued'),
    )
    .returningAll()
    .executeTakeFirst();
}
