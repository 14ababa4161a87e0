import { canOnInstallation, organisationsWith } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordKind, requireRecord } from '../../../platform/access/require-record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { conflict, forbidden } from '../../../platform/errors.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import type { Confidentiality } from '../../../reference/vocab.ts';
import { CreateOrganisation, type Organisation, UpdateOrganisation } from '../contracts/organisations.ts';
import { presentOrganisation } from '../presenters.ts';
import * as repo from '../repository/organisation-repository.ts';

const ORGANISATION = recordKind({
  type: 'organisation',
  what: 'The organisation',
  read: 'organisation.read',
});

/** Only installation administrators create organisations: they decide who is on the installation. */
export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<Organisation> {
  if (!canOnInstallation(actor, 'organisation.create'))
    throw forbidden('Only an installation administrator can add organisations.');
  const data = parseInput(CreateOrganisation, input);
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    if (await repo.findOrganisationByName(trx, data.name)) {
      throw conflict(`An organisation named "${data.name}" already exists. Choose another name.`);
    }
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
    await audit({
      action: 'organisation.create',
      recordType: 'organisation',
      recordId: row.id,
      organisationId: row.id,
      after: org,
    });
    return org;
  });
}

/** Organisations the actor belongs to (all of them for installation administrators). */
export async function listOrganisations(ctx: AppContext, actor: Actor): Promise<Organisation[]> {
  const rows = await repo.listOrganisations(ctx.db, organisationsWith(actor, 'organisation.read'));
  return rows.map(presentOrganisation);
}

export async function getOrganisation(ctx: AppContext, actor: Actor, id: string): Promise<Organisation> {
  // Same answer for "absent" and "not yours", so ids of other organisations cannot be probed.
  return presentOrganisation(
    await requireRecord(ctx, actor, ORGANISATION, guarded(await repo.findOrganisation(ctx.db, id))),
  );
}

/**
 * An organisation is owned by itself; membership, not its confidentiality level, decides who sees
 * it, so the check treats it as public within the organisation.
 */
function guarded<R extends { id: string }>(row: R | undefined) {
  return row && { ...row, organisation_id: row.id, confidentiality: 'public' };
}

export async function updateOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<Organisation> {
  const patch = parseInput(UpdateOrganisation, input);
  const before = presentOrganisation(
    await requireRecord(ctx, actor, ORGANISATION, guarded(await repo.findOrganisation(ctx.db, id)), {
      anyOf: ['organisation.manage'],
      denied: 'Only an administrator of this organisation can change its details.',
    }),
  );
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    if (patch.name && patch.name !== before.name && (await repo.findOrganisationByName(trx, patch.name))) {
      throw conflict(`An organisation named "${patch.name}" already exists. Choose another name.`);
    }
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
    await audit({
      action: 'organisation.update',
      recordType: 'organisation',
      recordId: id,
      organisationId: id,
      before,
      after,
    });
    return after;
  });
}
