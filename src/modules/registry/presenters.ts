import { fromJson } from '../../platform/db/json.ts';
import type { Row } from '../../platform/db/schema.ts';
import type { Confidentiality } from '../../reference/vocab.ts';
import type { LedgerEvent, WeaponSummary } from './contracts.ts';
import type { LedgerEvent as LedgerEventDomain } from './domain/ledger.ts';
import type { LedgerEventType } from './vocab.ts';

export function presentWeaponSummary(r: Row<'weapons'>): WeaponSummary {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    confidentiality: r.confidentiality as Confidentiality,
    category: r.category,
    make: r.make,
    model: r.model,
    calibre: r.calibre,
    serial: r.serial_raw,
    serialNormalised: r.serial_normalised,
    countryOfManufacture: r.country_of_manufacture,
    yearOfManufacture: r.year_of_manufacture === null ? null : Number(r.year_of_manufacture),
    nationalRegistrationNumber: r.national_registration_number,
    nationalMarkingCode: r.national_marking_code,
    condition: r.condition,
    status: r.status,
    holder: r.holder,
    siteId: r.site_id,
    createdAt: r.created_at,
  };
}

export function presentEvent(r: Row<'ledger_events'>): LedgerEvent {
  return {
    id: r.id,
    seq: Number(r.seq),
    type: r.type,
    occurredOn: r.occurred_on,
    place: r.place,
    siteId: r.site_id,
    actorOrganisation: r.actor_organisation,
    counterpart: r.counterpart,
    holder: r.holder,
    quantityDelta: r.quantity_delta === null ? null : Number(r.quantity_delta),
    documents: fromJson(r.documents_json) ?? [],
    correctsEventId: r.corrects_event_id,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

/** A stored event as the ledger rules (src/domain/registry/ledger.ts) read it. */
export function toDomainEvent(r: Row<'ledger_events'>): LedgerEventDomain {
  return {
    id: r.id,
    type: r.type as LedgerEventType,
    occurredOn: r.occurred_on,
    actorOrganisationId: r.actor_organisation,
    siteId: r.site_id,
    counterpartName: r.counterpart,
    holderName: r.holder,
    quantityDelta: r.quantity_delta === null ? null : Number(r.quantity_delta),
    correctsEventId: r.corrects_event_id,
    reason: r.reason,
  };
}
