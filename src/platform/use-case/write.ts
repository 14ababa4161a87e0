import type { Actor } from '../access/actor.ts';
import { type AuditEvent, recordAudit } from '../audit/audit-recorder.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/schema.ts';

/** What a writing use case works with: one transaction, one instant, and the audit log. */
export interface Write {
  /** Every read and write of the use case goes through this transaction. */
  trx: Db;
  /** One instant for the whole use case, so rows and the audit entry carry the same time. */
  now: Date;
  /** `now` as stored in the database (ISO 8601). */
  at: string;
  /** Appends an audit entry in the same transaction: it exists if and only if the change does. */
  audit(event: AuditEvent): Promise<void>;
}

export interface WriteOptions {
  /**
   * Most writes must leave an audit entry, and the helper fails the use case (rolling it back) when
   * none was written, so a forgotten `audit` call is a failing test rather than a silent gap. Writes
   * that are bookkeeping, not record changes (session expiry, job heartbeats), say so here.
   */
  audited?: boolean;
}

/**
 * The one write helper: runs `work` in a transaction, gives it the clock and the audit log, and
 * commits the change with its audit entries, or nothing at all.
 */
export async function write<T>(
  ctx: AppContext,
  actor: Actor,
  work: (w: Write) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    let entries = 0;
    const w: Write = {
      trx,
      now,
      at: now.toISOString(),
      audit: async (event) => {
        entries++;
        await recordAudit(trx, actor, event, now);
      },
    };
    const result = await work(w);
    if (options.audited !== false && entries === 0)
      throw new Error('A write use case finished without an audit entry; call w.audit() for each change.');
    return result;
  });
}
