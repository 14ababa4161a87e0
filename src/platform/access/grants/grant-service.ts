import { type Confidentiality, confidentialityRank } from '../../../reference/vocab.ts';
import type { AppContext } from '../../context.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, notFound, validationError } from '../../errors.ts';
import { write } from '../../use-case/write.ts';
import { can, canInOrganisation, isInstallationAdmin } from '../access.ts';
import type { Actor } from '../actor.ts';
import { requireRecord } from '../require-record.ts';
import * as repo from './grant-repository.ts';
import type { GrantableKind } from './grantable.ts';

/**
 * Sharing records across organisations (docs/roles.md, "Sharing records"). A grant makes one
 * record visible to another organisation, up to a confidentiality level, for a stated purpose,
 * until it expires or is revoked. Grants are given by members of the owning organisation who hold
 * `records.share` and may read the record; the grantee reads, never changes.
 */

const SHARE_DENIED =
  "Only the owning organisation's administrators, registrars and investigators can share its records.";

export interface GrantInput {
  recordType: string;
  /** One or more records of that kind: a set is shared in one step, one grant per record. */
  recordIds: string[];
  granteeOrganisationId: string;
  /** Defaults to the record's own level. */
  level?: Confidentiality;
  purpose: string;
  expiresAt?: string | null;
}

export interface GrantView {
  id: string;
  recordType: string;
  recordId: string;
  organisationId: string;
  organisationName: string;
  granteeOrganisationId: string;
  granteeOrganisationName: string;
  level: string;
  purpose: string;
  expiresAt: string | null;
  grantedBy: string;
  grantedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** active, expired or revoked, at the time of the request. */
  status: 'active' | 'expired' | 'revoked';
}

export class GrantableKinds {
  private readonly byType: Map<string, GrantableKind>;
  constructor(kinds: readonly GrantableKind[]) {
    this.byType = new Map(kinds.map((k) => [k.type, k]));
  }
  types(): string[] {
    return [...this.byType.keys()];
  }
  get(type: string): GrantableKind {
    const kind = this.byType.get(type);
    if (!kind)
      throw validationError(`Records of kind "${type}" cannot be shared.`, [
        { field: 'recordType', message: `Use one of: ${this.types().join(', ')}.` },
      ]);
    return kind;
  }
}

function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : `system:${actor.label}`;
}

export async function grantRecords(
  ctx: AppContext,
  actor: Actor,
  kinds: GrantableKinds,
  input: GrantInput,
): Promise<GrantView[]> {
  const kind = kinds.get(input.recordType);
  const purpose = input.purpose.trim();
  if (!purpose)
    throw validationError('Say why the record is shared.', [
      { field: 'purpose', message: 'The purpose is required: the other organisation sees it.' },
    ]);
  if (input.recordIds.length === 0)
    throw validationError('Name at least one record to share.', [{ field: 'recordIds', message: 'Empty.' }]);
  const now = ctx.now();
  if (input.expiresAt && Number.isNaN(new Date(input.expiresAt).getTime()))
    throw validationError('The expiry is not a date.', [
      { field: 'expiresAt', message: 'Use an ISO 8601 date or date and time, e.g. 2027-06-30.' },
    ]);
  if (input.expiresAt && !(new Date(input.expiresAt).getTime() > now.getTime()))
    throw validationError('The grant would expire before it starts.', [
      { field: 'expiresAt', message: 'Give a date and time in the future, or none.' },
    ]);
  const grantee = (await repo.organisationNames(ctx.db, [input.granteeOrganisationId])).get(
    input.granteeOrganisationId,
  );
  if (!grantee) throw notFound('The organisation to share with');

  return write(ctx, actor, async (w) => {
    const created: string[] = [];
    for (const recordId of [...new Set(input.recordIds)]) {
      const row = await requireRecord(
        { db: w.trx, now: () => w.now },
        actor,
        kind,
        await kind.load(w.trx, recordId),
      );
      if (!can(actor, 'records.share', { organisationId: row.organisation_id, confidentiality: 'public' }))
        throw forbidden(SHARE_DENIED);
      if (row.organisation_id === input.granteeOrganisationId)
        throw validationError('The record already belongs to that organisation.', [
          { field: 'granteeOrganisationId', message: 'Choose another organisation.' },
        ]);
      const level = input.level ?? (row.confidentiality as Confidentiality);
      if (confidentialityRank(level) < confidentialityRank(row.confidentiality as Confidentiality))
        throw validationError(
          `${kind.what} is ${row.confidentiality}; a grant at "${level}" would not show it.`,
          [{ field: 'level', message: `Use ${row.confidentiality} or higher.` }],
        );
      const id = newId();
      const grant = {
        id,
        organisation_id: row.organisation_id,
        record_type: kind.type,
        record_id: row.id,
        grantee_organisation_id: input.granteeOrganisationId,
        level,
        purpose,
        expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        granted_by: actorId(actor),
        granted_at: w.at,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      };
      await repo.insertGrant(w.trx, grant);
      await w.audit({
        action: 'grant.create',
        recordType: kind.type,
        recordId: row.id,
        organisationId: row.organisation_id,
        after: {
          grantId: id,
          granteeOrganisationId: grant.grantee_organisation_id,
          level,
          purpose,
          expiresAt: grant.expires_at,
        },
      });
      created.push(id);
    }
    return present(w.trx, await Promise.all(created.map((id) => repo.findGrant(w.trx, id))), w.now);
  });
}

export async function revokeGrant(
  ctx: AppContext,
  actor: Actor,
  grantId: string,
  reason: string,
): Promise<GrantView> {
  const why = reason.trim();
  if (!why)
    throw validationError('Say why the share ends.', [
      { field: 'reason', message: 'The reason is required.' },
    ]);
  return write(ctx, actor, async (w) => {
    const grant = await repo.findGrant(w.trx, grantId);
    // The grantee may see its grants but not end them; anyone else is told it does not exist.
    const seesIt =
      grant &&
      (isInstallationAdmin(actor) ||
        canInOrganisation(actor, 'organisation.read', grant.organisation_id) ||
        canInOrganisation(actor, 'organisation.read', grant.grantee_organisation_id));
    if (!grant || !seesIt) throw notFound('The grant');
    if (!canInOrganisation(actor, 'records.share', grant.organisation_id)) throw forbidden(SHARE_DENIED);
    if (grant.revoked_at) throw new AppError('conflict', 'The grant was already revoked.');
    await repo.revokeGrantRow(w.trx, grant.id, actorId(actor), why, w.at);
    await w.audit({
      action: 'grant.revoke',
      recordType: grant.record_type,
      recordId: grant.record_id,
      organisationId: grant.organisation_id,
      before: { grantId: grant.id, granteeOrganisationId: grant.grantee_organisation_id },
      after: { reason: why },
    });
    const [view] = await present(w.trx, [await repo.findGrant(w.trx, grant.id)], w.now);
    return view!;
  });
}

export interface GrantQuery {
  organisationId: string;
  direction: 'given' | 'received';
  recordType?: string;
  recordId?: string;
  includeInactive?: boolean;
}

/**
 * Grants an organisation gave or received. Any member sees what was shared with the organisation;
 * what it gave is seen by those who may share its records.
 */
export async function listGrants(ctx: AppContext, actor: Actor, q: GrantQuery): Promise<GrantView[]> {
  if (!canInOrganisation(actor, 'organisation.read', q.organisationId)) throw notFound('The organisation');
  if (q.direction === 'given' && !canInOrganisation(actor, 'records.share', q.organisationId))
    throw forbidden(
      "Only the organisation's administrators, registrars and investigators can see what it shares.",
    );
  const now = ctx.now();
  const rows = await repo.listGrantRows(ctx.db, {
    organisationId: q.organisationId,
    direction: q.direction,
    recordType: q.recordType,
    recordId: q.recordId,
    includeInactive: q.includeInactive ?? false,
    at: now.toISOString(),
  });
  return present(ctx.db, rows, now);
}

async function present(
  db: AppContext['db'],
  rows: (repo.Grant | undefined)[],
  now: Date,
): Promise<GrantView[]> {
  const grants = rows.filter((g): g is repo.Grant => g !== undefined);
  const names = await repo.organisationNames(db, [
    ...new Set(grants.flatMap((g) => [g.organisation_id, g.grantee_organisation_id])),
  ]);
  return grants.map((g) => ({
    id: g.id,
    recordType: g.record_type,
    recordId: g.record_id,
    organisationId: g.organisation_id,
    organisationName: names.get(g.organisation_id) ?? g.organisation_id,
    granteeOrganisationId: g.grantee_organisation_id,
    granteeOrganisationName: names.get(g.grantee_organisation_id) ?? g.grantee_organisation_id,
    level: g.level,
    purpose: g.purpose,
    expiresAt: g.expires_at,
    grantedBy: g.granted_by,
    grantedAt: g.granted_at,
    revokedAt: g.revoked_at,
    revokedBy: g.revoked_by,
    revokeReason: g.revoke_reason,
    status: g.revoked_at
      ? 'revoked'
      : g.expires_at && g.expires_at <= now.toISOString()
        ? 'expired'
        : 'active',
  }));
}
