import { can, isInstallationAdmin, organisationsWith } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit-recorder.ts';
import { type AppContext, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import type { Confidentiality } from '../../../reference/vocab.ts';
import { CreateOrganisation, type Organisation, UpdateOrganisation } from '../contracts/organisations.ts';
import { presentOrganisation } from '../presenters.ts';
import * as repo from '../repository/organisation-repository.ts';

/** Only installation administrators create organisations: they decide who is on the installation. */
export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<Organisation> {
  if (!isInstallationAdmin(actor))
    throw forbidden('Only an installation administrator can add organisations.');
  const data = parseInput(CreateOrganisation, input);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findOrganisationByName(trx, data.name)) {
      throw conflict(`An organisation named "${data.name}" already exists. Choose another name.`);
    }
    const now = ctx.now().toISOString();
    const row = {
      id: newId(),
      name: data.name,
      kind: data.kind,
      country: data.country ?? null,
      confidentiality: data.confidentiality,
      created_at: now,
      updated_at: now,
    };
    await repo.insertOrganisation(trx, row);
    const org = presentOrganisation(row);
    await recordAudit(
      trx,
      actor,
      {
        action: 'organisation.create',
        recordType: 'organisation',
        recordId: row.id,
        organisationId: row.id,
        after: org,
      },
      ctx.now(),
    );
    return org;
  });
}

/** Organisations the actor belongs to (all of them for installation administrators). */
export async function listOrganisations(ctx: AppContext, actor: Actor): Promise<Organisation[]> {
  const rows = await repo.listOrganisations(ctx.db, organisationsWith(actor, 'organisation.read'));
  return rows.map(presentOrganisation);
}

export async function getOrganisation(ctx: AppContext, actor: Actor, id: string): Promise<Organisation> {
  const row = await repo.findOrganisation(ctx.db, id);
  // Same answer for "absent" and "not yours", so ids of other organisations cannot be probed.
  if (!row || !can(actor, 'organisation.read', { organisationId: id, confidentiality: 'public' })) {
    throw notFound('The organisation');
  }
  return presentOrganisation(row);
}

export async function updateOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<Organisation> {
  const patch = parseInput(UpdateOrganisation, input);
  const before = await getOrganisation(ctx, actor, id);
  if (!can(actor, 'organisation.manage', { organisationId: id, confidentiality: 'public' })) {
    throw forbidden('Only an administrator of this organisation can change its details.');
  }
  return inTransaction(ctx, async (trx) => {
    if (patch.name && patch.name !== before.name && (await repo.findOrganisationByName(trx, patch.name))) {
      throw conflict(`An organisation named "${patch.name}" already exists. Choose another name.`);
    }
    const now = ctx.now().toISOString();
    await repo.updateOrganisation(trx, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.country !== undefined && { country: patch.country ?? null }),
      ...(patch.confidentiality !== undefined && {
        confidentiality: patch.confidentiality as Confidentiality,
      }),
      updated_at: now,
    });
    const after = presentOrganisation((await repo.findOrganisation(trx, id))!);
    await recordAudit(
      trx,
      actor,
      {
        action: 'organisation.update',
        recordType: 'organisation',
        recordId: id,
        organisationId: id,
        before,
        after,
      },
      ctx.now(),
    );
    return after;
  });
}
