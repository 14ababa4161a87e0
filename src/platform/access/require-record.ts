import type { Confidentiality } from '../../reference/vocab.ts';
import type { AppContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { can } from './access.ts';
import type { Actor } from './actor.ts';
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

export function owned(row: GuardedRow) {
  return { organisationId: row.organisation_id, confidentiality: row.confidentiality as Confidentiality };
}

/**
 * The one record access check. A record that does not exist, or that the actor may not read, is
 * "not found" (404) so that its existence is not revealed; a record the actor sees but may not
 * change is "forbidden" (403) with `need.denied`. Returns the row, narrowed to present.
 */
export async function requireRecord<R extends GuardedRow>(
  _ctx: Pick<AppContext, 'db' | 'now'>,
  actor: Actor,
  kind: RecordKind,
  row: R | undefined | null,
  need?: Need,
): Promise<R> {
  if (!row || !can(actor, kind.read, owned(row))) throw notFound(kind.what);
  if (need && !need.anyOf.some((p) => can(actor, p, owned(row)))) throw forbidden(need.denied);
  return row;
}
