import { organisationsWith, readableLevelsByOrganisation } from '../../../platform/access/access.ts';
import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import { type Need, requireRecord } from '../../../platform/access/require-record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { toJson } from '../../../platform/db/json.ts';
import type { Db, Row } from '../../../platform/db/schema.ts';
import { conflict, type FieldIssue, validationError } from '../../../platform/errors.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import type { Confidentiality } from '../../../reference/vocab.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import { RecordEvent, RegisterLot } from '../contracts.ts';
import { checkNewEvent } from '../domain/ledger.ts';
import { normaliseSerialText } from '../domain/serial.ts';
import { presentEvent, toDomainEvent } from '../presenters.ts';
import { LOT_KIND } from '../record-kinds.ts';
import { RECOVERY_EVENTS } from '../recovery-events.ts';
import { insertEvent, listEvents, nextEventSeq } from '../repository/ledger-repository.ts';
import * as repo from '../repository/lot-repository.ts';
import { findSite } from '../repository/site-repository.ts';
import { LEDGER_EVENT_TYPES, MATERIEL_CATEGORIES, normaliseCalibre } from '../vocab.ts';
import { ledgerEventRow } from './ledger-event-row.ts';
import { resolveVocab, throwIfIssues } from './vocab-resolution.ts';

/** Events that take ammunition out of a lot: their quantity is recorded as negative. */
const OUTFLOWS = new Set([
  'issued',
  'transferred',
  'reported_lost',
  'reported_stolen',
  'destroyed',
  'exported',
]);

function presentLot(r: Row<'ammunition_lots'>) {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    confidentiality: r.confidentiality as Confidentiality,
    category: r.category,
    calibre: r.calibre,
    manufacturer: r.manufacturer,
    lotNumber: r.lot_number,
    headstamp: r.headstamp,
    year: r.year === null ? null : Number(r.year),
    quantity: Number(r.quantity),
    status: r.status,
    siteId: r.site_id,
    createdAt: r.created_at,
  };
}

async function detail(db: Db, id: string) {
  const row = (await repo.findLot(db, id))!;
  return { ...presentLot(row), notes: row.notes, events: (await listEvents(db, id)).map(presentEvent) };
}

/** Registers an ammunition lot; the quantity received is its first (registered) event. */
export async function registerLot(ctx: AppContext, actor: Actor, input: unknown) {
  const data = parseInput(RegisterLot, input);
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.write',
    data.organisationId,
    "Only the organisation's registrars and administrators can register ammunition.",
  );
  const issues: FieldIssue[] = [];
  const category = resolveVocab(MATERIEL_CATEGORIES, data.category, 'category', issues, 'category');
  if (category && MATERIEL_CATEGORIES.get(category).trackedBy !== 'lot') {
    issues.push({
      field: 'category',
      message: 'Weapons are registered one by one; choose an ammunition category for a lot.',
    });
  }
  throwIfIssues(issues);
  const calibre = data.calibre ? normaliseCalibre(data.calibre) : null;
  const lotNormalised = normaliseSerialText(data.lotNumber);
  const naturalKey = [
    category,
    calibre ?? '',
    normaliseSerialText(data.manufacturer ?? ''),
    lotNormalised,
  ].join('|');
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    if (data.siteId) {
      const site = await findSite(trx, data.siteId);
      if (!site || site.organisation_id !== data.organisationId)
        throw validationError('The site does not exist in this organisation.', [
          { field: 'siteId', message: 'Unknown site.' },
        ]);
    }
    const existing = await repo.findLotByNaturalKey(trx, data.organisationId, naturalKey);
    if (existing)
      throw conflict(
        `This lot is already registered (id ${existing.id}). Record a receipt on it to add quantity.`,
      );
    const id = newId();
    const event = ledgerEventRow({
      organisation_id: data.organisationId,
      subject_type: 'lot',
      subject_id: id,
      seq: 1,
      type: 'registered',
      occurred_on: data.occurredOn ?? now.slice(0, 10),
      site_id: data.siteId ?? null,
      actor_organisation: data.organisationId,
      quantity_delta: data.quantity,
      recorded_by: actorLabel(actor),
      recorded_at: now,
    });
    const state = checkNewEvent([], toDomainEvent(event), 'lot');
    if (!state.ok) throw validationError(state.violation.message);
    await repo.insertLot(trx, {
      id,
      organisation_id: data.organisationId,
      confidentiality: data.confidentiality,
      category: category!,
      calibre,
      manufacturer: data.manufacturer ?? null,
      lot_number: data.lotNumber,
      lot_normalised: lotNormalised,
      headstamp: data.headstamp ?? null,
      year: data.year ?? null,
      quantity: state.state.quantity ?? data.quantity,
      status: state.state.status ?? 'in_stock',
      holder: state.state.holder?.name ?? null,
      site_id: state.state.siteId,
      notes: data.notes ?? null,
      natural_key: naturalKey,
      created_by: actorLabel(actor),
      created_at: now,
      updated_at: now,
    });
    await insertEvent(trx, event);
    const out = await detail(trx, id);
    await audit({
      action: 'lot.register',
      recordType: 'lot',
      recordId: id,
      organisationId: data.organisationId,
      after: presentLot((await repo.findLot(trx, id))!),
    });
    return out;
  });
}

async function readableLot(ctx: AppContext, actor: Actor, id: string, db: Db = ctx.db, need?: Need) {
  return requireRecord({ db, now: ctx.now }, actor, LOT_KIND, await repo.findLot(db, id), need);
}

export async function getLot(ctx: AppContext, actor: Actor, id: string) {
  await readableLot(ctx, actor, id);
  return detail(ctx.db, id);
}

export async function listLots(
  ctx: AppContext,
  actor: Actor,
  q: { organisationId?: string; q?: string; calibre?: string; limit?: number; offset?: number },
) {
  let scope = organisationsWith(actor, 'registry.read');
  if (q.organisationId) {
    await requireInOrganisation(
      ctx.db,
      actor,
      'registry.read',
      q.organisationId,
      'Your role in this organisation does not give access to its registry.',
    );
    scope = [q.organisationId];
  }
  const { total, rows } = await repo.searchLots(ctx.db, {
    organisationIds: scope,
    readableLevels: readableLevelsByOrganisation(actor, 'registry.read'),
    lotPrefix: q.q ? normaliseSerialText(q.q) : undefined,
    calibre: q.calibre ? normaliseCalibre(q.calibre) : undefined,
    limit: Math.min(q.limit ?? 50, 500),
    offset: q.offset ?? 0,
  });
  return { total, items: rows.map(presentLot) };
}

/** Records a movement of ammunition; quantities move only by events and never below zero. */
export async function recordLotEvent(ctx: AppContext, actor: Actor, lotId: string, input: unknown) {
  const data = parseInput(RecordEvent, input);
  const issues: FieldIssue[] = [];
  const type = resolveVocab(LEDGER_EVENT_TYPES, data.type, 'type', issues, 'event-type');
  if (
    type &&
    type !== 'corrected' &&
    type !== 'inspected' &&
    type !== 'marked' &&
    data.quantity === undefined
  ) {
    issues.push({ field: 'quantity', message: 'Give the number of rounds (or pieces) the event concerns.' });
  }
  throwIfIssues(issues);
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const lot = await readableLot(ctx, actor, lotId, trx, {
      // Recovery teams may record the events of a recovery on the organisation's lots.
      anyOf: RECOVERY_EVENTS.includes(type!) ? ['registry.write', 'recovery.write'] : ['registry.write'],
      denied: "Only the organisation's registrars and administrators can record ammunition movements.",
    });
    const delta = data.quantity === undefined ? null : OUTFLOWS.has(type!) ? -data.quantity : data.quantity;
    const event = ledgerEventRow({
      organisation_id: lot.organisation_id,
      subject_type: 'lot',
      subject_id: lotId,
      seq: await nextEventSeq(trx, lotId),
      type: type!,
      occurred_on: data.occurredOn,
      place: data.place ?? null,
      site_id: data.siteId ?? null,
      actor_organisation: lot.organisation_id,
      counterpart: data.counterpart ?? null,
      holder: data.holder ?? null,
      quantity_delta: delta,
      documents_json: data.documents.length ? toJson(data.documents) : null,
      corrects_event_id: data.correctsEventId ?? null,
      reason: data.reason ?? null,
      recorded_by: actorLabel(actor),
      recorded_at: now,
    });
    const history = await listEvents(trx, lotId);
    const result = checkNewEvent(history.map(toDomainEvent), toDomainEvent(event), 'lot');
    if (!result.ok)
      throw validationError(result.violation.message, [
        { field: 'quantity', message: result.violation.message },
      ]);
    await insertEvent(trx, event);
    await repo.updateLot(trx, lotId, {
      quantity: result.state.quantity ?? 0,
      status: result.state.status ?? lot.status,
      holder: result.state.holder?.name ?? null,
      site_id: result.state.siteId,
      updated_at: now,
    });
    await audit({
      action: `lot.event.${type}`,
      recordType: 'lot',
      recordId: lotId,
      organisationId: lot.organisation_id,
      before: { quantity: Number(lot.quantity), status: lot.status },
      after: presentEvent(event),
    });
    return detail(trx, lotId);
  });
}
