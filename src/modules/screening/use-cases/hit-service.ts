import { can, organisationsWith, readableLevelsByOrganisation } from '../../../platform/access/access.ts';
import { type Actor, actorLabel, SYSTEM_CLI } from '../../../platform/access/actor.ts';
import { requireRecord } from '../../../platform/access/require-record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { fromJson, toJson } from '../../../platform/db/json.ts';
import type { Row } from '../../../platform/db/schema.ts';
import { forbidden, validationError } from '../../../platform/errors.ts';
import { defineJob } from '../../../platform/jobs/queue.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../reference/vocab.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import { CreateParty, Decide, ScreenQuery } from '../contracts.ts';
import { DEFAULT_THRESHOLD } from '../domain/matching/index.ts';
import * as repo from '../repository/screening-repository.ts';
import { screeningIndex } from './index-cache.ts';
import { RESCREEN_JOB } from './list-service.ts';
import { DECIDE_ON_HITS, NOT_SCREENING, SCREENING_HIT } from './policy.ts';
import { type ScreenHitResult, screenWith } from './screen-with-index.ts';

/** Re-screening after a new list version is the system's own work, so recorded in the audit log. */
export const RESCREEN_ACTOR: Actor = { ...SYSTEM_CLI, label: 'job:rescreen' };

function presentParty(p: Row<'screening_parties'>) {
  return {
    id: p.id,
    organisationId: p.organisation_id,
    name: p.name,
    type: p.type,
    externalId: p.external_id,
    dob: p.birth_date,
    country: p.country,
    createdAt: p.created_at,
  };
}

function presentHit(h: Row<'screening_hits'>) {
  return {
    id: h.id,
    organisationId: h.organisation_id,
    partyId: h.party_id,
    query: fromJson<Record<string, unknown>>(h.query_json),
    source: h.source,
    ref: h.ref,
    matchedName: h.matched_name,
    score: Number(h.score),
    explanation: fromJson<string[]>(h.explanation_json) ?? [],
    listVersionId: h.list_version_id,
    status: h.status,
    reason: h.reason,
    decidedBy: h.decided_by,
    decidedAt: h.decided_at,
    createdAt: h.created_at,
  };
}

function hitRows(
  organisationId: string,
  confidentiality: string,
  partyId: string | null,
  query: unknown,
  results: ScreenHitResult[],
  versionIds: Map<string, string>,
  createdBy: string,
  at: string,
) {
  return results.map((r) => ({
    id: newId(),
    organisation_id: organisationId,
    confidentiality,
    party_id: partyId,
    query_json: toJson(query) ?? '{}',
    source: r.source,
    ref: r.ref,
    matched_name: r.matchedName,
    score: r.score,
    explanation_json: toJson(r.explanation) ?? '[]',
    list_version_id: versionIds.get(r.source) ?? '',
    status: 'open',
    reason: null,
    decided_by: null,
    decided_at: null,
    created_by: createdBy,
    created_at: at,
  }));
}

/**
 * Keeps a party (a counterparty, consignee, broker...) in an organisation's list, screens it now
 * and raises its hits; it is screened again whenever a new list version is loaded.
 */
export async function addParty(ctx: AppContext, actor: Actor, input: unknown) {
  const data = parseInput(CreateParty, input);
  await requireInOrganisation(ctx.db, actor, 'screening.run', data.organisationId, NOT_SCREENING);
  // A party above the creator's clearance would be one they could no longer see.
  if (
    !can(actor, 'screening.run', {
      organisationId: data.organisationId,
      confidentiality: data.confidentiality,
    })
  )
    throw forbidden(`Your role cannot keep ${data.confidentiality.replace('_', ' ')} parties.`);
  const loaded = await screeningIndex(ctx);
  const query = ScreenQuery.parse({ name: data.name, type: data.type, dob: data.dob, country: data.country });
  const results = loaded.entries ? screenWith(loaded, query, DEFAULT_THRESHOLD, 10) : [];
  const versionIds = new Map(loaded.versions.map((v) => [v.source, v.id]));
  return write(ctx, actor, async ({ trx, at, audit }) => {
    const party: Row<'screening_parties'> = {
      id: newId(),
      organisation_id: data.organisationId,
      confidentiality: data.confidentiality,
      external_id: data.externalId ?? null,
      name: data.name,
      type: data.type,
      birth_date: data.dob ?? null,
      country: data.country ?? null,
      created_by: actorLabel(actor),
      created_at: at,
    };
    await repo.insertParty(trx, party);
    const hits = hitRows(
      party.organisation_id,
      party.confidentiality,
      party.id,
      query,
      results,
      versionIds,
      actorLabel(actor),
      at,
    );
    await repo.insertHits(trx, hits);
    await audit({
      action: 'screening.party.add',
      recordType: 'screening_party',
      recordId: party.id,
      organisationId: party.organisation_id,
      after: { ...presentParty(party), hits: hits.length },
    });
    return { party: presentParty(party), hits: hits.map(presentHit) };
  });
}

/** Per organisation, the confidentiality levels of parties and hits the actor may read, narrowed to one organisation if given. */
function readableScope(actor: Actor, organisationId?: string): repo.ReadableLevels {
  const levels = readableLevelsByOrganisation(actor, 'screening.run');
  if (!organisationId) return levels;
  if (levels === 'all') return new Map([[organisationId, [...CONFIDENTIALITY_LEVELS]]]);
  return new Map([[organisationId, levels.get(organisationId) ?? []]]);
}

export async function listPartiesOf(ctx: AppContext, actor: Actor, organisationId?: string) {
  if (organisationId)
    await requireInOrganisation(ctx.db, actor, 'screening.run', organisationId, NOT_SCREENING);
  return (await repo.listParties(ctx.db, readableScope(actor, organisationId))).map(presentParty);
}

/**
 * Records the hits of an ad-hoc screening so that decisions can be taken on them. The caller names
 * the candidates it wants to keep; what is stored (score, matched name, explanation, list version)
 * is the server's own screening of the query against the lists in force, so that a hit can be
 * neither invented nor embellished, and says which list version it was made against.
 */
export async function recordHits(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
  queryInput: unknown,
  chosen: Pick<ScreenHitResult, 'source' | 'ref' | 'score'>[],
) {
  await requireInOrganisation(ctx.db, actor, 'screening.run', organisationId, NOT_SCREENING);
  const query = parseInput(ScreenQuery, queryInput);
  const loaded = await screeningIndex(ctx);
  if (!loaded.entries) throw validationError('No designations list is loaded: there is nothing to record.');
  // At or a little below the lowest score the caller saw, so that a candidate found with a lower
  // threshold than the default is found again.
  const lowest = Math.min(...chosen.map((c) => c.score));
  const found = screenWith(loaded, query, Math.max(0, Math.min(DEFAULT_THRESHOLD, lowest - 0.05)), 200);
  const missing = chosen.filter((c) => !found.some((f) => f.source === c.source && f.ref === c.ref));
  if (missing.length) {
    throw validationError(
      `${missing.map((m) => `${m.source} ${m.ref}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a candidate for "${query.name}" on the lists in force. Screen the party again.`,
      missing.map((m) => ({ field: 'results', message: `${m.source} ${m.ref}: not a candidate.` })),
    );
  }
  const results = found.filter((f) => chosen.some((c) => c.source === f.source && c.ref === f.ref));
  const versionIds = new Map(loaded.versions.map((v) => [v.source, v.id]));
  return write(ctx, actor, async ({ trx, at, audit }) => {
    const rows = hitRows(
      organisationId,
      'restricted',
      null,
      query,
      results,
      versionIds,
      actorLabel(actor),
      at,
    );
    await repo.insertHits(trx, rows);
    await audit({
      action: 'screening.hits.record',
      recordType: 'screening_hit',
      organisationId,
      after: { query, hits: rows.length },
    });
    return rows.map(presentHit);
  });
}

export async function listHitsOf(
  ctx: AppContext,
  actor: Actor,
  filter: { organisationId?: string; status?: string; partyId?: string },
) {
  if (filter.organisationId)
    await requireInOrganisation(ctx.db, actor, 'screening.run', filter.organisationId, NOT_SCREENING);
  return (
    await repo.listHits(ctx.db, readableScope(actor, filter.organisationId), filter.status, filter.partyId)
  ).map(presentHit);
}

/** A decision on a hit (cleared, escalated, confirmed match) with its reason, against the list version it was found in. */
export async function decideHit(ctx: AppContext, actor: Actor, hitId: string, input: unknown) {
  const data = parseInput(Decide, input);
  return write(ctx, actor, async ({ trx, at, audit }) => {
    const hit = await requireRecord(
      { db: trx, now: ctx.now },
      actor,
      SCREENING_HIT,
      await repo.findHit(trx, hitId),
      DECIDE_ON_HITS,
    );
    if (hit.status === 'confirmed')
      throw validationError('This hit was confirmed as a match; a confirmed match is not reopened.');
    await repo.updateHit(trx, hitId, {
      status: data.decision,
      reason: data.reason,
      decided_by: actorLabel(actor),
      decided_at: at,
    });
    await audit({
      action: `screening.hit.${data.decision}`,
      recordType: 'screening_hit',
      recordId: hitId,
      organisationId: hit.organisation_id,
      before: { status: hit.status },
      after: { status: data.decision, reason: data.reason, listVersionId: hit.list_version_id },
    });
    return presentHit((await repo.findHit(trx, hitId))!);
  });
}

export async function listNotificationsOf(ctx: AppContext, actor: Actor) {
  const rows = await repo.listNotifications(ctx.db, organisationsWith(actor, 'screening.run'));
  // A notification names its party: only those who may read the party see it.
  const partyIds = rows
    .map((n) => fromJson<{ partyId?: string }>(n.body_json)?.partyId)
    .filter((id): id is string => Boolean(id));
  const parties = new Map((await repo.findParties(ctx.db, [...new Set(partyIds)])).map((p) => [p.id, p]));
  const readable = rows.filter((n) => {
    const partyId = fromJson<{ partyId?: string }>(n.body_json)?.partyId;
    const party = partyId ? parties.get(partyId) : undefined;
    return (
      !party ||
      can(actor, 'screening.run', {
        organisationId: party.organisation_id,
        confidentiality: party.confidentiality as Confidentiality,
      })
    );
  });
  return readable.map((n) => ({
    id: n.id,
    organisationId: n.organisation_id,
    kind: n.kind,
    title: n.title,
    body: fromJson(n.body_json),
    createdAt: n.created_at,
    readAt: n.read_at,
  }));
}

/**
 * After a new list version: screens every stored party again and raises only hits that were not
 * raised before, with a notification to the party's organisation.
 */
export async function rescreenAllParties(
  ctx: AppContext,
  actor: Actor,
  versionId: string,
): Promise<{ parties: number; newHits: number; superseded?: true }> {
  const loaded = await screeningIndex(ctx);
  // A version no longer in force (a newer one was loaded since, with its own job; or an older one
  // loaded late) changes nothing in the index: leave the work to the job of the version in force,
  // so that hits and notifications name the version they were really found in.
  if (!loaded.versions.some((v) => v.id === versionId)) return { parties: 0, newHits: 0, superseded: true };
  const versionIds = new Map(loaded.versions.map((v) => [v.source, v.id]));
  const parties = await repo.listParties(ctx.db, 'all');
  let newHits = 0;
  for (const party of parties) {
    const query = ScreenQuery.parse({
      name: party.name,
      type: party.type,
      dob: party.birth_date ?? undefined,
      country: party.country ?? undefined,
    });
    const known = await repo.refsHitForParty(ctx.db, party.id);
    const fresh = screenWith(loaded, query, DEFAULT_THRESHOLD, 10).filter(
      (r) => !known.has(`${r.source}|${r.ref}`),
    );
    if (!fresh.length) continue;
    newHits += fresh.length;
    await write(ctx, actor, async ({ trx, at, audit }) => {
      await repo.insertHits(
        trx,
        hitRows(
          party.organisation_id,
          party.confidentiality,
          party.id,
          query,
          fresh,
          versionIds,
          actorLabel(actor),
          at,
        ),
      );
      await repo.insertNotification(trx, {
        id: newId(),
        organisation_id: party.organisation_id,
        kind: 'screening.new_hit',
        title: `New possible match for ${party.name}`,
        body_json: toJson({
          partyId: party.id,
          versionId,
          hits: fresh.map((f) => ({ ref: f.ref, source: f.source, name: f.name, score: f.score })),
        }),
        created_at: at,
        read_at: null,
      });
      await audit({
        action: 'screening.rescreen.hit',
        recordType: 'screening_party',
        recordId: party.id,
        organisationId: party.organisation_id,
        after: { versionId, newHits: fresh.length },
      });
    });
  }
  return { parties: parties.length, newHits };
}

export const rescreenJob = defineJob<{ versionId: string }>({
  kind: RESCREEN_JOB,
  handle: (ctx, payload) => rescreenAllParties(ctx, RESCREEN_ACTOR, payload.versionId),
});
