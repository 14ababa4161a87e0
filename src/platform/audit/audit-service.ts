import {
  canInOrganisation,
  canOnInstallation,
  isInstallationAdmin,
  organisationsWith,
} from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { parseInput } from '../validation/parse-input.ts';
import { type ChainVerdict, createChainVerifier, type StoredAuditEntry } from './audit-chain.ts';
import { iterateAuditLog, readChainHead, searchAuditLog } from './audit-repository.ts';
import { AuditQuery } from './contracts.ts';
import { presentAuditEntry } from './present.ts';

/** Audit entries of the organisations whose log the actor may read (administrators). */
export async function searchAudit(ctx: AppContext, actor: Actor, input: unknown) {
  const q = parseInput(AuditQuery, input);
  let scope = organisationsWith(actor, 'audit.read');
  if (q.organisationId) {
    if (scope !== 'all' && !scope.includes(q.organisationId)) {
      // Members know their organisation exists: tell them why, and hide it from everyone else.
      if (canInOrganisation(actor, 'organisation.read', q.organisationId))
        throw forbidden("Only an organisation's administrators can read its audit log.");
      throw notFound('The organisation');
    }
    scope = [q.organisationId];
  } else if (scope !== 'all' && scope.length === 0) {
    throw forbidden("Only an organisation's administrators can read its audit log.");
  }
  const toBound = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
  const { total, rows } = await searchAuditLog(ctx.db, {
    organisationIds: scope,
    actor: q.actor,
    action: q.action,
    recordType: q.recordType,
    recordId: q.recordId,
    from: q.from,
    to: toBound,
    limit: q.limit,
    offset: q.offset,
  });
  return { total, entries: rows.map(presentAuditEntry) };
}

async function* storedEntries(ctx: AppContext): AsyncGenerator<StoredAuditEntry> {
  for await (const r of iterateAuditLog(ctx.db)) {
    yield {
      seq: Number(r.seq),
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      organisationId: r.organisation_id,
      address: r.address,
      before: r.before_json,
      after: r.after_json,
      prevHash: r.prev_hash,
      hash: r.hash,
    };
  }
}

/** Walks the whole chain. Installation-wide, so installation administrators (and the CLI) only. */
export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<ChainVerdict> {
  if (!canOnInstallation(actor, 'audit.verify'))
    throw forbidden('Only an installation administrator can verify the whole audit log.');
  // Read the head first: entries appended while we walk are then simply beyond it.
  const head = await readChainHead(ctx.db);
  const verifier = createChainVerifier();
  for await (const e of storedEntries(ctx)) {
    if (e.seq > head.lastSeq) break;
    if (!verifier.add(e)) break;
  }
  return verifier.finish(head);
}
