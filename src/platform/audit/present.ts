import { fromJson } from '../db/json.ts';
import type { Row } from '../db/schema.ts';
import type { AuditEntry } from './contracts.ts';

export function presentAuditEntry(row: Row<'audit_log'>): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    organisationId: row.organisation_id,
    address: row.address,
    before: fromJson(row.before_json),
    after: fromJson(row.after_json),
  };
}
