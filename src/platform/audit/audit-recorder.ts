import { type Actor, actorLabel } from '../access/actor.ts';
import { newId } from '../db/ids.ts';
import { toJson } from '../db/json.ts';
import type { Db } from '../db/schema.ts';
import { auditHash } from './audit-chain.ts';
import { insertAuditEntry, reserveAuditSeq } from './audit-repository.ts';

export interface AuditEvent {
  action: string;
  recordType: string;
  recordId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Keys never written to the audit log, whatever the record: secrets stay out of it. */
const SECRET_KEYS = new Set([
  'password',
  'password_hash',
  'passwordHash',
  'token',
  'token_hash',
  'tokenHash',
  'csrf_token',
]);

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/**
 * Appends one entry to the hash-chained audit log. Must be called with the transaction that makes
 * the change, so the entry exists if and only if the change does.
 */
export async function recordAudit(trx: Db, actor: Actor, event: AuditEvent, at: Date): Promise<void> {
  const { seq, prevHash } = await reserveAuditSeq(trx);
  const content = {
    seq,
    id: newId(),
    at: at.toISOString(),
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actorLabel(actor),
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId ?? null,
    organisationId: event.organisationId ?? null,
    address: actor.kind === 'user' ? (actor.address ?? null) : null,
    before: toJson(scrub(event.before)),
    after: toJson(scrub(event.after)),
  };
  const hash = auditHash(prevHash, content);
  await insertAuditEntry(trx, {
    seq: content.seq,
    id: content.id,
    at: content.at,
    actor_id: content.actorId,
    actor_label: content.actorLabel,
    action: content.action,
    record_type: content.recordType,
    record_id: content.recordId,
    organisation_id: content.organisationId,
    address: content.address,
    before_json: content.before,
    after_json: content.after,
    prev_hash: prevHash,
    hash,
  });
}
