import { newId } from '../../../platform/db/ids.ts';
import type { Row } from '../../../platform/db/schema.ts';

/** What an event must say; everything else defaults to empty. */
export type LedgerEventFields = Pick<
  Row<'ledger_events'>,
  | 'organisation_id'
  | 'subject_type'
  | 'subject_id'
  | 'seq'
  | 'type'
  | 'occurred_on'
  | 'recorded_by'
  | 'recorded_at'
> &
  Partial<Row<'ledger_events'>>;

/** A ledger row with every optional column set to null, so each caller names only what it knows. */
export function ledgerEventRow(fields: LedgerEventFields): Row<'ledger_events'> {
  return {
    id: newId(),
    place: null,
    site_id: null,
    actor_organisation: fields.organisation_id,
    counterpart: null,
    holder: null,
    quantity_delta: null,
    documents_json: null,
    corrects_event_id: null,
    reason: null,
    details_json: null,
    ...fields,
  };
}
