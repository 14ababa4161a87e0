import type { Confidentiality } from '../../reference/vocab.ts';
import { recordAudit } from '../audit/audit-recorder.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { can, type GrantedRead, grantThatAllows, type OwnedRecord } from './access.ts';
import type { Actor } from './actor.ts';
import { activeGrantsFor } from './grants/grant-repository.ts';
import type { Permission } from './permissions.ts';

/** A row as the access check sees it: every owned table has these columns. */
export interface GuardedRow {
  id: string;
  organisation_id: string;
  confidentiality: string;
}

/** One kind of record: its name in the audit log and messages, and the permission that shows it. */
export interface RecordKind {
  /** As in audit entries and grants, e.g. `weapon`. */
  type: string;
  /** Subject of the "not found" message, e.g. "The weapon". */
  what: string;
  /** Whoever lacks this permission on the record is told it does not exist. */
  read: Permission;
  /** Records of this kind can be shared through grants; only then does the check look for one. */
  shareable?: boolean;
}

export function recordKind(kind: RecordKind): RecordKind {
  return kind;
}

/** What the actor must hold beyond seeing the record, and what to say when they do not. */
export interface Need {
  /** Any one of these suffices (e.g. `registry.write` or, for recovery events, `recovery.write`). */
  anyOf: readonly Permission[];
  /** The 403 message, naming who may do it. */
  denied: string;
}

export function owned(row: GuardedRow, grants?: readonly GrantedRead[]): OwnedRecord {
  return {
    organisationId: row.organisation_id,
    confidentiality: row.confidentiality as Confidentiality,
    grants,
  };
}

/**
 * The one record access check. A record that does not exist, or that the actor may not read, is
 * "not found" (404) so that its existence is not revealed; a record the actor sees but may not
 * change is "forbidden" (403) with `need.denied`. Returns the row, narrowed to present.
 *
 * A member of another organisation may read the record through a grant in force (docs/roles.md,
 * "Sharing records"); each such read is written to the audit log, naming the grant. A grant never
 * lets anyone change the record. Pass the transaction as `ctx.db` when called inside one.
 */
export async function requireRecord<R extends GuardedRow>(
  ctx: Pick<AppContext, 'db' | 'now'>,
  actor: Actor,
  kind: RecordKind,
  row: R | undefined | null,
  need?: Need,
): Promise<R> {
  if (!row) throw notFound(kind.what);
  let record = owned(row);
  if (!can(actor, kind.read, record)) {
    if (!kind.shareable) throw notFound(kind.what);
    record = owned(row, await grantsInForce(ctx, actor, kind, row));
    const grant = grantThatAllows(actor, kind.read, record);
    if (!grant) throw notFound(kind.what);
    if (need)
      throw forbidden(`${need.denied} A record shared with your organisation can be read, not changed.`);
    await auditGrantedRead(ctx, actor, kind, row, grant);
    return row;
  }
  if (need && !need.anyOf.some((p) => can(actor, p, record))) throw forbidden(need.denied);
  return row;
}

async function grantsInForce(
  ctx: Pick<AppContext, 'db' | 'now'>,
  actor: Actor,
  kind: RecordKind,
  row: GuardedRow,
): Promise<GrantedRead[]> {
  if (actor.kind !== 'user' || actor.memberships.size === 0) return [];
  const rows = await activeGrantsFor(
    ctx.db,
    kind.type,
    row.id,
    [...actor.memberships.keys()],
    ctx.now().toISOString(),
  );
  return rows.map((g) => ({
    grantId: g.id,
    granteeOrganisationId: g.grantee_organisation_id,
    permission: kind.read,
    level: g.level as Confidentiality,
  }));
}

/** Every read through a grant is audited in the owner's log: the owner sees who read what, and when. */
async function auditGrantedRead(
  ctx: Pick<AppContext, 'db' | 'now'>,
  actor: Actor,
  kind: RecordKind,
  row: GuardedRow,
  grant: GrantedRead,
): Promise<void> {
  const entry = (db: Db) =>
    recordAudit(
      db,
      actor,
      {
        action: 'grant.read',
        recordType: kind.type,
        recordId: row.id,
        organisationId: row.organisation_id,
        after: { grantId: grant.grantId, granteeOrganisationId: grant.granteeOrganisationId },
      },
      ctx.now(),
    );
  if (ctx.db.isTransaction) await entry(ctx.db);
  else await ctx.db.transaction().execute(entry);
}
