import {
  ITEM_STATUSES,
  type ItemStatus,
  LEDGER_EVENT_TYPES,
  type LedgerEventType,
  type TrackingMode,
} from '../vocab.ts';

/**
 * The ledger of a weapon or an ammunition lot: events are only ever appended, and the current
 * status, holder, site and (for lots) quantity are derived by replaying them. Nothing here is
 * stored as the truth; the repository may cache the derived state, but this is what defines it.
 *
 * Order. Events are replayed by the day they happened (`occurredOn`), and by recording order within a
 * day. A late-recorded event therefore lands where it belongs, and checking it replays everything
 * after it: a destruction backdated before an issue is refused, naming the issue it would contradict.
 * Times of day are not used for ordering because many events carry a date only.
 *
 * Corrections. A `corrected` event names an earlier event and gives a reason; the corrected event stays
 * in the ledger (and on the timeline) but no longer counts. The events that remain must still make a
 * valid history, so correcting the registration of an item that was issued since is refused.
 *
 * Lots. Ammunition is tracked by lot with a quantity that only events move. Inflows (registered,
 * received, returned, recovered, seized, surrendered, collected, found) add a positive quantity, or
 * zero when only the custody changes (a seized lot received into stock); outflows (issued, transferred,
 * reported lost or stolen, destroyed, exported) take a negative quantity out. An outflow of part of a
 * lot leaves its status as it was; the status follows the event only when the lot is emptied. An
 * inflow to a lot still in store adds to it. The quantity never goes below zero.
 */

export interface LedgerEvent {
  readonly id: string;
  readonly type: LedgerEventType;
  /** ISO date (YYYY-MM-DD) or date-time of when it happened, not when it was recorded. */
  readonly occurredOn: string;
  /** The organisation that carried out or reported the event. */
  readonly actorOrganisationId: string | null;
  /** Where the item is once the event is done: the receiving store, the unit's site, the destination of a transfer. */
  readonly siteId?: string | null;
  /** The other party: the unit or person an item is issued to, the recipient of a transfer or export. */
  readonly counterpartOrganisationId?: string | null;
  /** The other party by name, when it is not an organisation of the installation (a unit, an armed group). */
  readonly counterpartName?: string | null;
  /** Who holds the item after the event, when the event names them (a unit, an officer); overrides the derived holder. */
  readonly holderName?: string | null;
  /** Lots only: the change in quantity (positive in, negative out). */
  readonly quantityDelta?: number | null;
  /** `corrected` only: the event that no longer counts. */
  readonly correctsEventId?: string | null;
  /** Required for `corrected`; optional context for the others. */
  readonly reason?: string | null;
}

export interface Party {
  organisationId: string | null;
  name: string | null;
}

export interface LedgerState {
  /** Null while the ledger has no event that counts. */
  status: ItemStatus | null;
  /** Who holds or answers for the item: the store's organisation, the unit it was issued to, the sender of a transfer until receipt. */
  holder: Party | null;
  /** The site the item is at; null when it is not at a known site (issued to a unit elsewhere, lost, in transit, gone). */
  siteId: string | null;
  /** The last site it was known to be at, kept when it leaves (the store a lost weapon was lost from). */
  lastKnownSiteId: string | null;
  /** While in transit: where it was sent. */
  destination: { siteId: string | null; party: Party | null } | null;
  /** Lots only: the quantity held; null for items tracked piece by piece. */
  quantity: number | null;
  /** The last event that counts (corrections and corrected events excluded), i.e. the source of the status. */
  lastEventId: string | null;
  lastEventOn: string | null;
  correctedEventIds: string[];
}

export type LedgerRule =
  | 'unknown_event_type'
  | 'duplicate_event_id'
  | 'invalid_date'
  | 'first_event_not_allowed'
  | 'transition_not_allowed'
  | 'quantity_not_allowed'
  | 'quantity_invalid'
  | 'quantity_required'
  | 'quantity_sign'
  | 'quantity_below_zero'
  | 'correction_reason_required'
  | 'correction_target_missing'
  | 'correction_target_not_earlier'
  | 'correction_of_correction'
  | 'already_corrected';

export interface LedgerViolation {
  /** The event that breaks the rule. */
  eventId: string;
  eventType: LedgerEventType;
  rule: LedgerRule;
  message: string;
  /** Set by `checkNewEvent` when the new event makes another (later) event invalid. */
  causedByEventId?: string;
}

export type LedgerFailure = { ok: false; violation: LedgerViolation };
export type LedgerResult = { ok: true; state: LedgerState } | LedgerFailure;

type Movement = 'in' | 'out' | 'none';

interface Transition {
  /** Statuses the event may follow; null is an empty ledger. */
  from: readonly (ItemStatus | null)[];
  /** The status after the event; null keeps the current one. */
  to: ItemStatus | null;
  movement: Movement;
}

/** Held by its organisation: in a store, with a unit, or in custody after recovery or seizure. */
const IN_CUSTODY: readonly ItemStatus[] = ['in_stock', 'issued', 'recovered', 'seized'];
/** Held at a site of its organisation, where it can be counted, destroyed or sent on. */
const IN_STORE: readonly ItemStatus[] = ['in_stock', 'recovered', 'seized'];
/** Recovery events: an item unknown to the registry, or one that was lost or stolen, comes into custody. */
const RECOVERY_FROM: readonly (ItemStatus | null)[] = [null, 'lost', 'stolen'];

const TRANSITIONS: Record<Exclude<LedgerEventType, 'corrected'>, Transition> = {
  registered: { from: [null], to: 'in_stock', movement: 'in' },
  // Import, receipt of a transfer, intake of recovered or seized materiel into stock, re-import.
  received: { from: [null, 'in_transit', 'recovered', 'seized', 'exported'], to: 'in_stock', movement: 'in' },
  returned: { from: ['issued'], to: 'in_stock', movement: 'in' },
  recovered: { from: ['lost', 'stolen'], to: 'recovered', movement: 'in' },
  seized: { from: RECOVERY_FROM, to: 'seized', movement: 'in' },
  surrendered: { from: RECOVERY_FROM, to: 'recovered', movement: 'in' },
  collected: { from: RECOVERY_FROM, to: 'recovered', movement: 'in' },
  found: { from: RECOVERY_FROM, to: 'recovered', movement: 'in' },
  // Marking and inspection need the item in hand.
  marked: { from: IN_CUSTODY, to: null, movement: 'none' },
  inspected: { from: IN_CUSTODY, to: null, movement: 'none' },
  issued: { from: ['in_stock'], to: 'issued', movement: 'out' },
  // Responsibility passes on receipt (MOSAIC 05.20), so a transfer ends in transit until `received`.
  transferred: { from: IN_STORE, to: 'in_transit', movement: 'out' },
  reported_lost: { from: [...IN_CUSTODY, 'in_transit'], to: 'lost', movement: 'out' },
  reported_stolen: { from: [...IN_CUSTODY, 'in_transit'], to: 'stolen', movement: 'out' },
  destroyed: { from: IN_STORE, to: 'destroyed', movement: 'out' },
  exported: { from: IN_STORE, to: 'exported', movement: 'out' },
};

const EMPTY_STATE: LedgerState = {
  status: null,
  holder: null,
  siteId: null,
  lastKnownSiteId: null,
  destination: null,
  quantity: null,
  lastEventId: null,
  lastEventOn: null,
  correctedEventIds: [],
};

function eventLabel(event: LedgerEvent): string {
  const label = LEDGER_EVENT_TYPES.isCode(event.type) ? LEDGER_EVENT_TYPES.label(event.type) : event.type;
  return `Event ${event.id} (${label.toLowerCase()}, ${event.occurredOn})`;
}

function statusLabel(status: ItemStatus | null): string {
  return status === null ? 'not yet in the ledger' : ITEM_STATUSES.label(status).toLowerCase();
}

function violation(event: LedgerEvent, rule: LedgerRule, message: string): LedgerFailure {
  return { ok: false, violation: { eventId: event.id, eventType: event.type, rule, message } };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(T.+)?$/;

function isValidDate(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [, year, month, day, time] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const sameDay =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  return sameDay && (time === undefined || !Number.isNaN(Date.parse(text)));
}

/** The order events are replayed and shown in: by day, then by recording order (the input order). */
export function orderLedgerEvents<E extends LedgerEvent>(events: readonly E[]): E[] {
  // Array.prototype.sort is stable, so events of the same day keep their recording order.
  return [...events].sort((a, b) => {
    const dayA = a.occurredOn.slice(0, 10);
    const dayB = b.occurredOn.slice(0, 10);
    return dayA < dayB ? -1 : dayA > dayB ? 1 : 0;
  });
}

/** The ids of events that corrections take out, or the first correction that is not acceptable. */
function collectCorrections(
  ordered: readonly LedgerEvent[],
): { ok: true; corrected: Set<string> } | LedgerFailure {
  const position = new Map(ordered.map((event, index) => [event.id, index]));
  const corrected = new Set<string>();
  for (const [index, event] of ordered.entries()) {
    if (event.type !== 'corrected') continue;
    const fail = (rule: LedgerRule, message: string) =>
      violation(event, rule, `${eventLabel(event)} ${message}`);
    if (!event.reason?.trim())
      return fail('correction_reason_required', 'needs a reason: say what was wrong.');
    const targetId = event.correctsEventId;
    const targetIndex = targetId ? position.get(targetId) : undefined;
    if (!targetId || targetIndex === undefined) {
      return fail(
        'correction_target_missing',
        `refers to ${targetId ? `event ${targetId}, which is not in this ledger` : 'no event'}; name the event being corrected.`,
      );
    }
    const target = ordered[targetIndex]!;
    if (targetIndex > index) {
      return fail(
        'correction_target_not_earlier',
        `is dated before ${eventLabel(target)}, which it corrects; date the correction on or after it.`,
      );
    }
    if (target.type === 'corrected') {
      return fail('correction_of_correction', 'corrects a correction; record the right event again instead.');
    }
    if (corrected.has(targetId)) {
      return fail(
        'already_corrected',
        `corrects ${eventLabel(target)}, which an earlier correction already took out.`,
      );
    }
    corrected.add(targetId);
  }
  return { ok: true, corrected };
}

/** The quantity problem of an event, or null. Pieces carry no quantity; lots follow the event's movement. */
function checkQuantity(event: LedgerEvent, tracking: TrackingMode, movement: Movement): LedgerFailure | null {
  const delta = event.quantityDelta ?? null;
  if (delta !== null && !Number.isSafeInteger(delta)) {
    return violation(
      event,
      'quantity_invalid',
      `${eventLabel(event)} has a quantity change of ${delta}; quantities are whole numbers.`,
    );
  }
  if (tracking === 'piece' || movement === 'none') {
    if (delta === null || delta === 0) return null;
    const why =
      tracking === 'piece'
        ? 'this item is tracked piece by piece; only ammunition lots carry quantities'
        : 'this kind of event does not move quantities';
    return violation(
      event,
      'quantity_not_allowed',
      `${eventLabel(event)} has a quantity change of ${delta}, but ${why}. Leave it empty.`,
    );
  }
  if (movement === 'in' && delta !== null && delta < 0) {
    return violation(
      event,
      'quantity_sign',
      `${eventLabel(event)} brings ammunition in, so its quantity change must be positive, not ${delta}.`,
    );
  }
  if (movement === 'out' && (delta === null || delta === 0)) {
    return violation(
      event,
      'quantity_required',
      `${eventLabel(event)} takes ammunition out of the lot; give the quantity as a negative number.`,
    );
  }
  if (movement === 'out' && delta !== null && delta > 0) {
    return violation(
      event,
      'quantity_sign',
      `${eventLabel(event)} takes ammunition out, so its quantity change must be negative, not ${delta}.`,
    );
  }
  return null;
}

function party(organisationId: string | null | undefined, name: string | null | undefined): Party | null {
  return organisationId || name ? { organisationId: organisationId ?? null, name: name ?? null } : null;
}

/** Status, holder and site once an event has moved the item to `status`. */
function moveTo(state: LedgerState, event: LedgerEvent, status: ItemStatus): LedgerState {
  const actor = party(event.actorOrganisationId, null);
  const counterpart = party(event.counterpartOrganisationId, event.counterpartName);
  let holder: Party | null = actor ?? state.holder;
  let siteId: string | null = null;
  let destination: LedgerState['destination'] = null;
  switch (status) {
    case 'in_stock':
      // A weapon returned goes back to the store it was issued from, a transfer to where it was sent,
      // unless the event says otherwise.
      siteId =
        event.siteId ??
        (event.type === 'returned' ? state.lastKnownSiteId : null) ??
        (state.status === 'in_transit' ? (state.destination?.siteId ?? null) : null);
      break;
    case 'recovered':
    case 'seized':
      siteId = event.siteId ?? null;
      break;
    case 'issued':
      holder = counterpart ?? holder;
      siteId = event.siteId ?? null;
      break;
    case 'in_transit':
      // The sender answers for it until the receiver confirms receipt.
      destination = { siteId: event.siteId ?? null, party: counterpart };
      break;
    case 'exported':
      holder = counterpart;
      break;
    case 'lost':
    case 'stolen':
    case 'destroyed':
      break;
  }
  if (event.holderName) holder = { organisationId: null, name: event.holderName };
  return {
    ...state,
    status,
    holder,
    siteId,
    lastKnownSiteId: siteId ?? state.lastKnownSiteId,
    destination,
  };
}

function apply(state: LedgerState, event: LedgerEvent, tracking: TrackingMode): LedgerResult {
  if (event.type === 'corrected') {
    // Its effect (taking an event out) is applied before the replay; it must not carry a quantity.
    return checkQuantity(event, tracking, 'none') ?? { ok: true, state };
  }
  const transition: Transition | undefined = TRANSITIONS[event.type];
  if (!transition) {
    return violation(event, 'unknown_event_type', `${eventLabel(event)} is of no known event type.`);
  }
  const quantityProblem = checkQuantity(event, tracking, transition.movement);
  if (quantityProblem) return quantityProblem;

  const isLot = tracking === 'lot';
  const quantityBefore = state.quantity ?? 0;
  const quantityAfter = quantityBefore + (event.quantityDelta ?? 0);
  const allowedFrom = transition.from.includes(state.status);
  // More of a lot arriving while the lot is still in store tops it up without changing its status.
  const topsUpLot =
    isLot &&
    transition.movement === 'in' &&
    event.type !== 'registered' &&
    quantityBefore > 0 &&
    state.status !== null &&
    IN_STORE.includes(state.status);

  if (!allowedFrom && !topsUpLot) {
    if (state.status === null) {
      const starters = LEDGER_EVENT_TYPES.codes.filter(
        (type) => type !== 'corrected' && TRANSITIONS[type].from.includes(null),
      );
      return violation(
        event,
        'first_event_not_allowed',
        `${eventLabel(event)} cannot open a ledger; the first event must be one of: ${starters.join(', ')}.`,
      );
    }
    const possible = allowedNextEvents(state, tracking).join(', ');
    return violation(
      event,
      'transition_not_allowed',
      `${eventLabel(event)} is not possible: the item is ${statusLabel(state.status)} since event ${state.lastEventId} (${state.lastEventOn}). ` +
        `Possible events now: ${possible}.`,
    );
  }
  if (isLot && quantityAfter < 0) {
    return violation(
      event,
      'quantity_below_zero',
      `${eventLabel(event)} takes out ${-(event.quantityDelta ?? 0)} but the lot holds ${quantityBefore}; the quantity cannot fall below zero. ` +
        'Record the quantity actually moved, or correct the event that set the quantity.',
    );
  }
  if (isLot && transition.movement === 'in' && quantityAfter === 0) {
    return violation(
      event,
      'quantity_required',
      `${eventLabel(event)} would leave the lot empty in store; give the quantity received as a positive number.`,
    );
  }

  const keepsStatus =
    transition.to === null ||
    (topsUpLot && !allowedFrom) ||
    (isLot && transition.movement === 'out' && quantityAfter > 0);
  const moved = keepsStatus ? state : moveTo(state, event, transition.to!);
  return {
    ok: true,
    state: {
      ...moved,
      quantity: isLot ? quantityAfter : null,
      lastEventId: event.id,
      lastEventOn: event.occurredOn,
    },
  };
}

/**
 * Replays a ledger. `events` may be in recording order; they are ordered as `orderLedgerEvents` does.
 * The first event that breaks a rule is reported with a message naming it and saying what to do.
 */
export function deriveLedgerState(events: readonly LedgerEvent[], tracking: TrackingMode): LedgerResult {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id))
      return violation(event, 'duplicate_event_id', `${eventLabel(event)} appears twice in the ledger.`);
    seen.add(event.id);
    if (!isValidDate(event.occurredOn)) {
      return violation(event, 'invalid_date', `${eventLabel(event)} has no valid date; use YYYY-MM-DD.`);
    }
  }
  const ordered = orderLedgerEvents(events);
  const corrections = collectCorrections(ordered);
  if (!corrections.ok) return corrections;
  let state: LedgerState = { ...EMPTY_STATE, quantity: tracking === 'lot' ? 0 : null };
  for (const event of ordered) {
    if (corrections.corrected.has(event.id)) continue;
    const result = apply(state, event, tracking);
    if (!result.ok) return result;
    state = result.state;
  }
  return { ok: true, state: { ...state, correctedEventIds: [...corrections.corrected] } };
}

/**
 * Whether `candidate` may be appended to a ledger, and the state it would lead to. A backdated event
 * or a correction can make a later event impossible; the violation then names that later event and
 * `causedByEventId` the candidate. If the stored history itself is invalid, that violation is returned.
 */
export function checkNewEvent(
  history: readonly LedgerEvent[],
  candidate: LedgerEvent,
  tracking: TrackingMode,
): LedgerResult {
  const before = deriveLedgerState(history, tracking);
  if (!before.ok) return before;
  const after = deriveLedgerState([...history, candidate], tracking);
  if (after.ok || after.violation.eventId === candidate.id) return after;
  return {
    ok: false,
    violation: {
      ...after.violation,
      causedByEventId: candidate.id,
      message: `Recording the new ${eventLabel(candidate).replace(/^Event /, 'event ')} would break the ledger: ${after.violation.message}`,
    },
  };
}

/**
 * The event types that may be recorded next (for the web's buttons and the CLI's help). Quantities are
 * not known here, so for a lot an outflow is offered whenever the lot holds something.
 */
export function allowedNextEvents(state: LedgerState, tracking: TrackingMode): LedgerEventType[] {
  const quantity = state.quantity ?? 0;
  return LEDGER_EVENT_TYPES.codes.filter((type) => {
    if (type === 'corrected') return state.lastEventId !== null;
    const transition = TRANSITIONS[type];
    if (tracking === 'lot') {
      if (transition.movement === 'out' && quantity <= 0) return false;
      const topsUp =
        transition.movement === 'in' &&
        type !== 'registered' &&
        quantity > 0 &&
        state.status !== null &&
        IN_STORE.includes(state.status);
      if (topsUp) return true;
    }
    return transition.from.includes(state.status);
  });
}
