import { organisationsWith } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import type { Row } from '../../../platform/db/schema.ts';
import { conflict } from '../../../platform/errors.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import { CreateSite } from '../contracts.ts';
import * as repo from '../repository/site-repository.ts';

export function presentSite(r: Row<'sites'>) {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    name: r.name,
    kind: r.kind,
    country: r.country,
    adminArea: r.admin_area,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
  };
}

export async function createSite(ctx: AppContext, actor: Actor, input: unknown) {
  const data = parseInput(CreateSite, input);
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.write',
    data.organisationId,
    "Only the organisation's registrars and administrators can add sites.",
  );
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    if (await repo.findSiteByName(trx, data.organisationId, data.name))
      throw conflict(`A site named "${data.name}" exists already.`);
    const row: Row<'sites'> = {
      id: newId(),
      organisation_id: data.organisationId,
      confidentiality: data.confidentiality,
      name: data.name,
      kind: data.kind,
      country: data.country ?? null,
      admin_area: data.adminArea ?? null,
      latitude: data.latitude ?? null,
      longitude: data.longitude ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertSite(trx, row);
    await audit({
      action: 'site.create',
      recordType: 'site',
      recordId: row.id,
      organisationId: row.organisation_id,
      after: presentSite(row),
    });
    return presentSite(row);
  });
}

export async function listSites(ctx: AppContext, actor: Actor, organisationId?: string) {
  let scope = organisationsWith(actor, 'registry.read');
  if (organisationId) {
    await requireInOrganisation(
      ctx.db,
      actor,
      'registry.read',
      organisationId,
      'Your role in this organisation does not give access to its registry.',
    );
    scope = [organisationId];
  }
  return (await repo.listSites(ctx.db, scope)).map(presentSite);
}
