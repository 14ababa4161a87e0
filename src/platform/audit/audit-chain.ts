import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The audit log is a hash chain: each entry's hash covers its own content and the previous
 * entry's hash, so editing, removing or reordering any entry breaks every hash after it.
 * Content is serialised with RFC 8785 canonical JSON so that the hash does not depend on
 * key order or on which database engine stored the row.
 */
export interface AuditContent {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  recordType: string;
  recordId: string | null;
  organisationId: string | null;
  address: string | null;
  before: string | null;
  after: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(prevHash: string, c: AuditContent): string {
  // Fields are picked by name so that extra properties (a stored row's own hash) never leak in.
  const canonical = canonicalize({
    seq: c.seq,
    id: c.id,
    at: c.at,
    actorId: c.actorId,
    actorLabel: c.actorLabel,
    action: c.action,
    recordType: c.recordType,
    recordId: c.recordId,
    organisationId: c.organisationId,
    address: c.address,
    before: c.before,
    after: c.after,
    prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

export interface StoredAuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** Sequence number of the first entry that does not fit the chain, or null. */
  firstBadEntry: number | null;
  reason: string | null;
}

/**
 * Checks entries one at a time in sequence order (so a long log is verified in bounded memory),
 * then that the chain head, kept in its own table, points at the last entry: that catches the
 * removal of the newest entries, which leaves the remaining chain intact.
 */
export function createChainVerifier() {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let failure: ChainVerdict | null = null;
  return {
    /** Returns false once the chain is broken; later entries need not be read. */
    add(entry: StoredAuditEntry): boolean {
      if (failure) return false;
      count++;
      if (entry.seq !== expectedSeq) {
        failure = bad(
          count,
          entry.seq,
          `entry ${expectedSeq} is missing or out of order (found ${entry.seq})`,
        );
      } else if (entry.prevHash !== prevHash) {
        failure = bad(count, entry.seq, 'its link to the previous entry is broken');
      } else if (auditHash(prevHash, entry) !== entry.hash) {
        failure = bad(count, entry.seq, 'its content was changed');
      }
      if (failure) return false;
      prevHash = entry.hash;
      expectedSeq++;
      return true;
    },
    finish(head: { lastSeq: number; lastHash: string }): ChainVerdict {
      if (failure) return failure;
      if (head.lastSeq !== count || head.lastHash !== prevHash) {
        return bad(
          count,
          count + 1,
          `the chain head records ${head.lastSeq} entries but ${count} are present`,
        );
      }
      return { ok: true, entries: count, firstBadEntry: null, reason: null };
    },
  };
}

export function verifyChain(
  entries: Iterable<StoredAuditEntry>,
  head: { lastSeq: number; lastHash: string },
): ChainVerdict {
  const verifier = createChainVerifier();
  for (const entry of entries) if (!verifier.add(entry)) break;
  return verifier.finish(head);
}

function bad(entries: number, seq: number, reason: string): ChainVerdict {
  return { ok: false, entries, firstBadEntry: seq, reason: `Audit entry ${seq}: ${reason}.` };
}
