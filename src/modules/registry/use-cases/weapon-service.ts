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
import { findOrganisation, requireInOrganisation } from '../../identity/index.ts';
import {
  MarkingInput,
  RecordEvent,
  RegisterWeapon,
  type WeaponDetail,
  WeaponQuery,
  type WeaponSummary,
} from '../contracts.ts';
import { weaponContentHash, weaponNaturalKey } from '../domain/identity.ts';
import { checkNewEvent } from '../domain/ledger.ts';
import { normaliseMarkingText, normaliseSerial, normaliseSerialText } from '../domain/serial.ts';
import { presentEvent, presentWeaponSummary, toDomainEvent } from '../presenters.ts';
import { WEAPON_KIND } from '../record-kinds.ts';
import { RECOVERY_EVENTS } from '../recovery-events.ts';
import { listAttachments } from '../repository/attachment-repository.ts';
import { insertEvent, listEvents, nextEventSeq } from '../repository/ledger-repository.ts';
import { findSite } from '../repository/site-repository.ts';
import * as repo from '../repository/weapon-repository.ts';
import {
  ITEM_CONDITIONS,
  LEDGER_EVENT_TYPES,
  MARKING_KINDS,
  MARKING_POSITIONS,
  MARKING_SCRIPTS,
  MATERIEL_CATEGORIES,
  normaliseCalibre,
} from '../vocab.ts';
import { ledgerEventRow } from './ledger-event-row.ts';
import { allocateMarkingCode, compiledMarkingCodePattern } from './marking-code-service.ts';
import { resolveVocab, throwIfIssues } from './vocab-resolution.ts';

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

async function requireSiteOf(db: Db, siteId: string | undefined, organisationId: string): Promise<void> {
  if (!siteId) return;
  const site = await findSite(db, siteId);
  if (!site || site.organisation_id !== organisationId) {
    throw validationError('The site does not exist in this organisation.', [
      { field: 'siteId', message: "Choose one of the organisation's sites." },
    ]);
  }
}

export interface ResolvedMarking {
  kind: string;
  text: string;
  normalised: string;
  script: string | null;
  transliteration: string | null;
  position: string | null;
  attachmentId: string | null;
}

export function resolveMarkings(
  markings: MarkingInput[],
  issues: FieldIssue[],
  fieldPrefix = 'markings',
): ResolvedMarking[] {
  return markings.map((m, i) => {
    const parsed = MarkingInput.parse(m);
    const kind =
      resolveVocab(MARKING_KINDS, parsed.kind, `${fieldPrefix}.${i}.kind`, issues, 'marking-kind') ?? 'other';
    const script = parsed.script
      ? (resolveVocab(MARKING_SCRIPTS, parsed.script, `${fieldPrefix}.${i}.script`, issues, 'script') ?? null)
      : null;
    const position = parsed.position
      ? (resolveVocab(
          MARKING_POSITIONS,
          parsed.position,
          `${fieldPrefix}.${i}.position`,
          issues,
          'marking-position',
        ) ?? null)
      : null;
    return {
      kind,
      text: parsed.text,
      normalised: normaliseMarkingText(parsed.text),
      script,
      transliteration: parsed.transliteration ?? null,
      position,
      attachmentId: parsed.attachmentId ?? null,
    };
  });
}

/** Registers one weapon with its markings; its ledger starts with a `registered` event. */
export async function registerWeapon(ctx: AppContext, actor: Actor, input: unknown): Promise<WeaponDetail> {
  const data = parseInput(RegisterWeapon, input);
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.write',
    data.organisationId,
    "Only the organisation's registrars and administrators can register weapons.",
  );
  const issues: FieldIssue[] = [];
  const category = resolveVocab(MATERIEL_CATEGORIES, data.category, 'category', issues, 'category');
  if (category && MATERIEL_CATEGORIES.get(category).trackedBy === 'lot') {
    issues.push({
      field: 'category',
      message: 'Ammunition is registered by lot: register an ammunition lot instead.',
    });
  }
  const condition = resolveVocab(ITEM_CONDITIONS, data.condition, 'condition', issues, 'condition');
  const markings = resolveMarkings(data.markings, issues);
  const read = data.serial ? normaliseSerial(data.serial) : null;
  // A serial with no readable character ("*****") cannot identify a weapon (see row-validation.ts).
  const serial = read && /[^?]/u.test(read.normalised) ? read : null;
  if (data.serial && !read?.normalised)
    issues.push({
      field: 'serial',
      message: 'The serial has no letter or digit; leave it empty if none was read.',
    });
  if (data.importYear && data.yearOfManufacture && data.importYear < data.yearOfManufacture) {
    issues.push({ field: 'importYear', message: 'The import year is before the year of manufacture.' });
  }
  const identity = {
    category: category ?? '',
    make: data.make,
    model: data.model,
    calibre: data.calibre ? normaliseCalibre(data.calibre) : null,
    serialNormalised: serial?.normalised || null,
    countryOfManufacture: data.countryOfManufacture,
    yearOfManufacture: data.yearOfManufacture,
    importCountry: data.importCountry,
    importYear: data.importYear,
    nationalRegistrationNumber: data.nationalRegistrationNumber,
    condition,
    markings: markings.map((m) => m.normalised),
  };
  let naturalKey = weaponNaturalKey(identity);
  if (!naturalKey && !data.issueNationalMarkingCode) {
    issues.push({
      field: 'serial',
      message:
        'Give the serial number as read, or the national registration number. For a weapon with neither (ground-off marks, DDR collection), ask for a national marking code to be issued with the registration.',
    });
  }
  throwIfIssues(issues);

  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    await requireSiteOf(trx, data.siteId, data.organisationId);
    // ITI para 8: a weapon without a usable marking is identified by the national marking code
    // issued with its registration, in the same transaction.
    let markingCode: string | null = null;
    if (data.issueNationalMarkingCode) {
      const country = (
        data.markingCodeCountry ??
        (await findOrganisation(trx, data.organisationId))?.country ??
        ''
      ).toUpperCase();
      if (!country) {
        throw validationError(
          "Give the country of the national marking code (ISO3), or set the organisation's country.",
          [{ field: 'markingCodeCountry', message: 'Missing.' }],
        );
      }
      markingCode = await allocateMarkingCode(
        trx,
        compiledMarkingCodePattern(),
        country,
        ctx.now().getUTCFullYear(),
      );
      naturalKey ??= `m:${normaliseSerialText(markingCode)}`;
    }
    const existing = await repo.weaponsByNaturalKeys(trx, data.organisationId, [naturalKey!]);
    const clash = existing.get(naturalKey!);
    if (clash)
      throw conflict(`This weapon is already registered (id ${clash.id}). Record an event on it instead.`);
    const id = newId();
    const event = ledgerEventRow({
      organisation_id: data.organisationId,
      subject_type: 'weapon',
      subject_id: id,
      seq: 1,
      type: 'registered',
      occurred_on: data.occurredOn ?? today(ctx),
      site_id: data.siteId ?? null,
      actor_organisation: data.organisationId,
      holder: data.holder ?? null,
      recorded_by: actorLabel(actor),
      recorded_at: now,
    });
    const state = checkNewEvent([], toDomainEvent(event), 'piece');
    if (!state.ok) throw validationError(state.violation.message);
    await repo.insertWeapon(trx, {
      id,
      organisation_id: data.organisationId,
      confidentiality: data.confidentiality,
      category: category!,
      make: data.make ?? null,
      model: data.model ?? null,
      calibre: identity.calibre,
      serial_raw: data.serial ?? null,
      serial_normalised: identity.serialNormalised,
      serial_key: serial?.matchKey || null,
      country_of_manufacture: data.countryOfManufacture ?? null,
      year_of_manufacture: data.yearOfManufacture ?? null,
      import_country: data.importCountry ?? null,
      import_year: data.importYear ?? null,
      national_registration_number: data.nationalRegistrationNumber ?? null,
      registration_normalised: data.nationalRegistrationNumber
        ? normaliseSerialText(data.nationalRegistrationNumber)
        : null,
      national_marking_code: markingCode,
      condition: condition!,
      notes: data.notes ?? null,
      natural_key: naturalKey!,
      content_hash: weaponContentHash(identity),
      status: state.state.status ?? 'in_stock',
      holder: state.state.holder?.name ?? null,
      site_id: state.state.siteId,
      import_id: null,
      created_by: actorLabel(actor),
      created_at: now,
      updated_at: now,
    });
    await repo.insertMarkings(
      trx,
      markings.map((m) => ({
        id: newId(),
        weapon_id: id,
        kind: m.kind,
        text_raw: m.text,
        text_normalised: m.normalised,
        script: m.script,
        transliteration: m.transliteration,
        position: m.position,
        attachment_id: m.attachmentId,
        created_at: now,
      })),
    );
    await insertEvent(trx, event);
    if (markingCode) {
      await repo.insertMarkings(trx, [
        {
          id: newId(),
          weapon_id: id,
          kind: 'national_marking_code',
          text_raw: markingCode,
          text_normalised: normaliseMarkingText(markingCode),
          script: 'latin',
          transliteration: null,
          position: null,
          attachment_id: null,
          created_at: now,
        },
      ]);
      await insertEvent(
        trx,
        ledgerEventRow({
          organisation_id: data.organisationId,
          subject_type: 'weapon',
          subject_id: id,
          seq: 2,
          type: 'marked',
          occurred_on: event.occurred_on,
          site_id: event.site_id,
          details_json: toJson({ nationalMarkingCode: markingCode }),
          recorded_by: actorLabel(actor),
          recorded_at: now,
        }),
      );
    }
    const detail = await loadDetail(trx, id);
    await audit({
      action: 'weapon.register',
      recordType: 'weapon',
      recordId: id,
      organisationId: data.organisationId,
      after: presentWeaponSummary((await repo.findWeapon(trx, id))!),
    });
    return detail;
  });
}

async function loadDetail(db: Db, id: string): Promise<WeaponDetail> {
  const row = (await repo.findWeapon(db, id))!;
  const [markings, events, attachments, site] = await Promise.all([
    repo.listMarkings(db, id),
    listEvents(db, id),
    listAttachments(db, id),
    row.site_id ? findSite(db, row.site_id) : Promise.resolve(undefined),
  ]);
  return {
    ...presentWeaponSummary(row),
    serialKey: row.serial_key,
    importCountry: row.import_country,
    importYear: row.import_year === null ? null : Number(row.import_year),
    notes: row.notes,
    siteName: site?.name ?? null,
    markings: markings.map((m) => ({
      id: m.id,
      kind: m.kind,
      text: m.text_raw,
      normalised: m.text_normalised,
      script: m.script,
      transliteration: m.transliteration,
      position: m.position,
      attachmentId: m.attachment_id,
    })),
    events: events.map(presentEvent),
    attachments: attachments.map((a) => ({
      id: a.id,
      mediaType: a.media_type,
      sizeBytes: Number(a.size_bytes),
      originalName: a.original_name,
      width: a.width === null ? null : Number(a.width),
      height: a.height === null ? null : Number(a.height),
      takenAt: a.taken_at,
      latitude: a.latitude,
      longitude: a.longitude,
      role: a.role,
      hasThumbnail: a.thumbnail_sha256 !== null,
      createdAt: a.created_at,
    })),
  };
}

/** The weapon row, if the actor may read it; "not found" otherwise, so ids of others cannot be probed. */

export async function readableWeapon(
  ctx: AppContext,
  actor: Actor,
  id: string,
  db: Db = ctx.db,
  need?: Need,
): Promise<Row<'weapons'>> {
  return requireRecord({ db, now: ctx.now }, actor, WEAPON_KIND, await repo.findWeapon(db, id), need);
}

export async function getWeapon(ctx: AppContext, actor: Actor, id: string): Promise<WeaponDetail> {
  await readableWeapon(ctx, actor, id);
  return loadDetail(ctx.db, id);
}

export async function listWeapons(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<{ total: number; items: WeaponSummary[] }> {
  const q = parseInput(WeaponQuery, input);
  let organisationIds = organisationsWith(actor, 'registry.read');
  if (q.organisationId) {
    await requireInOrganisation(
      ctx.db,
      actor,
      'registry.read',
      q.organisationId,
      'Your role in this organisation does not give access to its registry.',
    );
    organisationIds = [q.organisationId];
  }
  const issues: FieldIssue[] = [];
  const category = q.category
    ? resolveVocab(MATERIEL_CATEGORIES, q.category, 'category', issues, 'category')
    : undefined;
  throwIfIssues(issues);
  const text = q.q?.trim();
  const serial = text ? normaliseSerial(text) : null;
  const partial = serial?.normalised.includes('?');
  const { total, rows } = await repo.searchWeapons(ctx.db, {
    organisationIds,
    readableLevels: readableLevelsByOrganisation(actor, 'registry.read'),
    category,
    make: q.make,
    calibre: q.calibre ? normaliseCalibre(q.calibre) : undefined,
    status: q.status,
    siteId: q.siteId,
    serialPrefix: serial && !partial ? serial.normalised || undefined : undefined,
    serialKeyPrefix: serial && !partial ? serial.matchKey || undefined : undefined,
    serialLike: partial ? serial!.normalised.replaceAll('?', '_') : undefined,
    markingPrefix: text && !partial ? normaliseMarkingText(text) || undefined : undefined,
    registrationPrefix: text && !partial ? normaliseSerialText(text) || undefined : undefined,
    sort: q.sort,
    direction: q.direction,
    limit: q.limit,
    offset: q.offset,
  });
  return { total, items: rows.map(presentWeaponSummary) };
}

/** Appends an event to a weapon's ledger after checking it against the whole history. */
export async function recordWeaponEvent(
  ctx: AppContext,
  actor: Actor,
  weaponId: string,
  input: unknown,
): Promise<WeaponDetail> {
  const data = parseInput(RecordEvent, input);
  const issues: FieldIssue[] = [];
  const type = resolveVocab(LEDGER_EVENT_TYPES, data.type, 'type', issues, 'event-type');
  throwIfIssues(issues);
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const weapon = await readableWeapon(ctx, actor, weaponId, trx, {
      // Recovery teams may record the events of a recovery on the organisation's weapons.
      anyOf: RECOVERY_EVENTS.includes(type!) ? ['registry.write', 'recovery.write'] : ['registry.write'],
      denied: "Your role in this weapon's organisation does not allow recording this event.",
    });
    await requireSiteOf(trx, data.siteId, weapon.organisation_id);
    const history = await listEvents(trx, weaponId);
    const event = ledgerEventRow({
      organisation_id: weapon.organisation_id,
      subject_type: 'weapon',
      subject_id: weaponId,
      seq: await nextEventSeq(trx, weaponId),
      type: type!,
      occurred_on: data.occurredOn,
      place: data.place ?? null,
      site_id: data.siteId ?? null,
      actor_organisation: weapon.organisation_id,
      counterpart: data.counterpart ?? null,
      holder: data.holder ?? null,
      documents_json: data.documents.length ? toJson(data.documents) : null,
      corrects_event_id: data.correctsEventId ?? null,
      reason: data.reason ?? null,
      recorded_by: actorLabel(actor),
      recorded_at: now,
    });
    const result = checkNewEvent(history.map(toDomainEvent), toDomainEvent(event), 'piece');
    if (!result.ok)
      throw validationError(result.violation.message, [{ field: 'type', message: result.violation.message }]);
    await insertEvent(trx, event);
    await repo.updateWeapon(trx, weaponId, {
      status: result.state.status ?? weapon.status,
      holder: result.state.holder?.name ?? null,
      site_id: result.state.siteId,
      updated_at: now,
    });
    await audit({
      action: `weapon.event.${type}`,
      recordType: 'weapon',
      recordId: weaponId,
      organisationId: weapon.organisation_id,
      before: { status: weapon.status },
      after: presentEvent(event),
    });
    return loadDetail(trx, weaponId);
  });
}

/** Adds a marking read on the weapon (an additional mark found at inspection, a transliteration). */
export async function addMarking(
  ctx: AppContext,
  actor: Actor,
  weaponId: string,
  input: unknown,
): Promise<WeaponDetail> {
  const issues: FieldIssue[] = [];
  const [marking] = resolveMarkings([parseInput(MarkingInput, input)], issues, 'marking');
  throwIfIssues(issues);
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const weapon = await readableWeapon(ctx, actor, weaponId, trx, {
      anyOf: ['registry.write'],
      denied: "Only the organisation's registrars and administrators can add markings.",
    });
    const row = {
      id: newId(),
      weapon_id: weaponId,
      kind: marking!.kind,
      text_raw: marking!.text,
      text_normalised: marking!.normalised,
      script: marking!.script,
      transliteration: marking!.transliteration,
      position: marking!.position,
      attachment_id: marking!.attachmentId,
      created_at: now,
    };
    await repo.insertMarkings(trx, [row]);
    await audit({
      action: 'weapon.marking.add',
      recordType: 'weapon',
      recordId: weaponId,
      organisationId: weapon.organisation_id,
      after: row,
    });
    return loadDetail(trx, weaponId);
  });
}
