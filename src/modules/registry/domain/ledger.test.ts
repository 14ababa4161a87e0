import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerEventType, TrackingMode } from '../vocab.ts';
import {
  allowedNextEvents,
  checkNewEvent,
  deriveLedgerState,
  type LedgerEvent,
  type LedgerResult,
  type LedgerState,
  orderLedgerEvents,
} from './ledger.ts';

const ARMY = 'org-army';
const POLICE = 'org-police';

/** Events dated one day apart in the order they are written, unless a date is given. */
function ledger(...events: (Partial<LedgerEvent> & { type: LedgerEventType })[]): LedgerEvent[] {
  return events.map((event, index) => ({
    id: `e${index + 1}`,
    occurredOn: `2024-01-${String(index + 1).padStart(2, '0')}`,
    actorOrganisationId: ARMY,
    ...event,
  }));
}

function stateOf(result: LedgerResult): LedgerState {
  if (!result.ok) throw new Error(`expected a valid ledger, got: ${result.violation.message}`);
  return result.state;
}

function violationOf(result: LedgerResult) {
  if (result.ok) throw new Error('expected the ledger to be refused');
  return result.violation;
}

describe('a weapon through its life', () => {
  it('derives status, holder and site from each event', () => {
    const events = ledger(
      { type: 'registered', siteId: 'depot-a' },
      { type: 'marked' },
      { type: 'issued', counterpartName: '3rd Infantry Battalion' },
      { type: 'returned' },
      { type: 'transferred', siteId: 'depot-b', counterpartOrganisationId: POLICE },
      { type: 'received', actorOrganisationId: POLICE },
    );
    const statuses = events.map((_, index) =>
      stateOf(deriveLedgerState(events.slice(0, index + 1), 'piece')),
    );
    expect(statuses.map((state) => state.status)).toEqual([
      'in_stock',
      'in_stock',
      'issued',
      'in_stock',
      'in_transit',
      'in_stock',
    ]);
    expect(statuses[2]).toMatchObject({
      holder: { organisationId: null, name: '3rd Infantry Battalion' },
      siteId: null,
      lastKnownSiteId: 'depot-a',
    });
    // Returned to the store it was issued from.
    expect(statuses[3]).toMatchObject({ siteId: 'depot-a', holder: { organisationId: ARMY } });
    // The sender answers for it until receipt.
    expect(statuses[4]).toMatchObject({
      holder: { organisationId: ARMY },
      siteId: null,
      destination: { siteId: 'depot-b', party: { organisationId: POLICE, name: null } },
    });
    expect(statuses[5]).toMatchObject({
      holder: { organisationId: POLICE },
      siteId: 'depot-b',
      destination: null,
      quantity: null,
      lastEventId: 'e6',
      lastEventOn: '2024-01-06',
    });
  });

  it('follows a weapon that is stolen, then seized, taken into stock and destroyed', () => {
    const events = ledger(
      { type: 'registered', siteId: 'depot-a' },
      { type: 'reported_stolen' },
      { type: 'seized', actorOrganisationId: POLICE, siteId: 'evidence-store' },
      { type: 'received', siteId: 'depot-a' },
      { type: 'destroyed' },
    );
    expect(stateOf(deriveLedgerState(events.slice(0, 2), 'piece'))).toMatchObject({
      status: 'stolen',
      siteId: null,
      lastKnownSiteId: 'depot-a',
    });
    expect(stateOf(deriveLedgerState(events.slice(0, 3), 'piece'))).toMatchObject({
      status: 'seized',
      siteId: 'evidence-store',
      holder: { organisationId: POLICE },
    });
    expect(stateOf(deriveLedgerState(events, 'piece'))).toMatchObject({ status: 'destroyed', siteId: null });
  });

  it('opens a ledger with a recovery for materiel the registry did not know', () => {
    for (const type of ['seized', 'surrendered', 'collected', 'found'] as const) {
      const state = stateOf(deriveLedgerState(ledger({ type, siteId: 'ddr-site' }), 'piece'));
      expect(state.status).toBe(type === 'seized' ? 'seized' : 'recovered');
    }
  });

  it('refuses to issue a destroyed weapon, naming the event and saying what is possible', () => {
    const events = ledger({ type: 'registered' }, { type: 'destroyed' }, { type: 'issued' });
    const violation = violationOf(deriveLedgerState(events, 'piece'));
    expect(violation).toMatchObject({ eventId: 'e3', eventType: 'issued', rule: 'transition_not_allowed' });
    expect(violation.message).toMatch(
      /Event e3 \(issued, 2024-01-03\) is not possible: the item is destroyed since event e2/,
    );
    expect(violation.message).toMatch(/Possible events now: corrected\./);
  });

  it('refuses a ledger that does not start with an event that brings the item in', () => {
    const violation = violationOf(deriveLedgerState(ledger({ type: 'issued' }), 'piece'));
    expect(violation.rule).toBe('first_event_not_allowed');
    expect(violation.message).toMatch(/registered, received, seized, surrendered, collected, found/);
    expect(
      violationOf(deriveLedgerState(ledger({ type: 'registered' }, { type: 'registered' }), 'piece')).rule,
    ).toBe('transition_not_allowed');
  });

  it('gives weapons no quantity', () => {
    const violation = violationOf(
      deriveLedgerState(ledger({ type: 'registered', quantityDelta: 1 }), 'piece'),
    );
    expect(violation).toMatchObject({ rule: 'quantity_not_allowed' });
    expect(violation.message).toMatch(/tracked piece by piece/);
  });

  it('uses the holder an event names', () => {
    const events = ledger({ type: 'registered' }, { type: 'issued', holderName: 'Sgt. A. Example' });
    expect(stateOf(deriveLedgerState(events, 'piece')).holder).toEqual({
      organisationId: null,
      name: 'Sgt. A. Example',
    });
  });
});

describe('order of events', () => {
  it('replays by date, then by recording order within a day', () => {
    const events = ledger(
      { type: 'registered', occurredOn: '2024-03-01' },
      { type: 'issued', occurredOn: '2024-05-01' },
      { type: 'marked', occurredOn: '2024-04-01' },
      { type: 'returned', occurredOn: '2024-05-01T16:00:00Z' },
    );
    expect(orderLedgerEvents(events).map((event) => event.id)).toEqual(['e1', 'e3', 'e2', 'e4']);
    expect(stateOf(deriveLedgerState(events, 'piece'))).toMatchObject({
      status: 'in_stock',
      lastEventId: 'e4',
    });
  });

  it('refuses a backdated event that contradicts what came after it, naming the later event', () => {
    const history = ledger({ type: 'registered' }, { type: 'issued', occurredOn: '2024-06-01' });
    const backdated: LedgerEvent = {
      id: 'late',
      type: 'destroyed',
      occurredOn: '2024-03-01',
      actorOrganisationId: ARMY,
    };
    const violation = violationOf(checkNewEvent(history, backdated, 'piece'));
    expect(violation).toMatchObject({
      eventId: 'e2',
      causedByEventId: 'late',
      rule: 'transition_not_allowed',
    });
    expect(violation.message).toMatch(
      /^Recording the new event late \(destroyed, 2024-03-01\) would break the ledger: Event e2/,
    );
  });

  it('refuses invalid dates and repeated ids', () => {
    expect(
      violationOf(deriveLedgerState(ledger({ type: 'registered', occurredOn: '2024-02-30' }), 'piece')).rule,
    ).toBe('invalid_date');
    expect(
      violationOf(deriveLedgerState(ledger({ type: 'registered', occurredOn: '01/02/2024' }), 'piece')).rule,
    ).toBe('invalid_date');
    const repeated = ledger({ type: 'registered' }, { type: 'marked', id: 'e1' });
    expect(violationOf(deriveLedgerState(repeated, 'piece')).rule).toBe('duplicate_event_id');
  });
});

describe('corrections', () => {
  const correction = (
    correctsEventId: string | null,
    reason: string | null = 'Entered on the wrong weapon',
  ) => ({ type: 'corrected', correctsEventId, reason }) as const;

  it('takes the corrected event out of the derivation but keeps it in the ledger', () => {
    const events = ledger({ type: 'registered', siteId: 'depot-a' }, { type: 'destroyed' }, correction('e2'));
    const state = stateOf(deriveLedgerState(events, 'piece'));
    expect(state).toMatchObject({
      status: 'in_stock',
      siteId: 'depot-a',
      lastEventId: 'e1',
      correctedEventIds: ['e2'],
    });
    expect(allowedNextEvents(state, 'piece')).toContain('issued');
  });

  it('needs a reason', () => {
    for (const reason of [null, '', '   ']) {
      const events = ledger({ type: 'registered' }, { type: 'marked' }, correction('e2', reason));
      expect(violationOf(deriveLedgerState(events, 'piece'))).toMatchObject({
        eventId: 'e3',
        rule: 'correction_reason_required',
      });
    }
  });

  it('must name an earlier event of the same ledger', () => {
    expect(
      violationOf(deriveLedgerState(ledger({ type: 'registered' }, correction(null)), 'piece')).rule,
    ).toBe('correction_target_missing');
    expect(
      violationOf(deriveLedgerState(ledger({ type: 'registered' }, correction('nope')), 'piece')).rule,
    ).toBe('correction_target_missing');
    const early = ledger(
      { type: 'registered' },
      { ...correction('e3'), occurredOn: '2024-01-02' },
      { type: 'marked' },
    );
    expect(violationOf(deriveLedgerState(early, 'piece')).rule).toBe('correction_target_not_earlier');
  });

  it('carries no quantity', () => {
    const events = ledger(
      { type: 'registered', quantityDelta: 5 },
      { ...correction('e1'), quantityDelta: 5 },
    );
    expect(violationOf(deriveLedgerState(events, 'lot')).rule).toBe('quantity_not_allowed');
  });

  it('cannot correct a correction, or correct the same event twice', () => {
    const twice = ledger({ type: 'registered' }, { type: 'marked' }, correction('e2'), correction('e2'));
    expect(violationOf(deriveLedgerState(twice, 'piece')).rule).toBe('already_corrected');
    const chain = ledger({ type: 'registered' }, { type: 'marked' }, correction('e2'), correction('e3'));
    expect(violationOf(deriveLedgerState(chain, 'piece')).rule).toBe('correction_of_correction');
  });

  it('is refused when the events left would not make a valid history', () => {
    const history = ledger({ type: 'registered' }, { type: 'issued' });
    const violation = violationOf(
      checkNewEvent(
        history,
        { id: 'fix', occurredOn: '2024-02-01', actorOrganisationId: ARMY, ...correction('e1') },
        'piece',
      ),
    );
    expect(violation).toMatchObject({
      eventId: 'e2',
      causedByEventId: 'fix',
      rule: 'first_event_not_allowed',
    });
  });
});

describe('ammunition lots', () => {
  it('moves quantities by events and never overwrites them', () => {
    const events = ledger(
      { type: 'registered', quantityDelta: 10_000, siteId: 'ammo-depot' },
      { type: 'issued', quantityDelta: -2_000, counterpartName: '2nd Battalion' },
      { type: 'returned', quantityDelta: 500 },
      { type: 'reported_lost', quantityDelta: -300 },
      { type: 'inspected' },
    );
    const state = stateOf(deriveLedgerState(events, 'lot'));
    // Partial outflows leave the rest of the lot where it was.
    expect(state).toMatchObject({
      status: 'in_stock',
      quantity: 8_200,
      siteId: 'ammo-depot',
      holder: { organisationId: ARMY },
    });
  });

  it('takes the status of the outflow that empties the lot', () => {
    const events = ledger(
      { type: 'registered', quantityDelta: 100 },
      { type: 'destroyed', quantityDelta: -100 },
    );
    expect(stateOf(deriveLedgerState(events, 'lot'))).toMatchObject({ status: 'destroyed', quantity: 0 });
    expect(allowedNextEvents(stateOf(deriveLedgerState(events, 'lot')), 'lot')).toEqual(['corrected']);
  });

  it('never lets the quantity go below zero, naming the event', () => {
    const events = ledger(
      { type: 'registered', quantityDelta: 800 },
      { type: 'issued', quantityDelta: -900 },
    );
    const violation = violationOf(deriveLedgerState(events, 'lot'));
    expect(violation).toMatchObject({ eventId: 'e2', rule: 'quantity_below_zero' });
    expect(violation.message).toMatch(/Event e2 \(issued, 2024-01-02\) takes out 900 but the lot holds 800/);
  });

  it('wants the direction of a quantity to match the event', () => {
    const rules = (events: LedgerEvent[]) => violationOf(deriveLedgerState(events, 'lot')).rule;
    expect(rules(ledger({ type: 'registered', quantityDelta: -5 }))).toBe('quantity_sign');
    expect(rules(ledger({ type: 'registered' }))).toBe('quantity_required');
    expect(rules(ledger({ type: 'registered', quantityDelta: 5 }, { type: 'issued' }))).toBe(
      'quantity_required',
    );
    expect(
      rules(ledger({ type: 'registered', quantityDelta: 5 }, { type: 'issued', quantityDelta: 2 })),
    ).toBe('quantity_sign');
    expect(
      rules(ledger({ type: 'registered', quantityDelta: 5 }, { type: 'inspected', quantityDelta: 1 })),
    ).toBe('quantity_not_allowed');
    expect(rules(ledger({ type: 'registered', quantityDelta: 2.5 }))).toBe('quantity_invalid');
  });

  it('tops up a lot in store, and changes only custody when a seized lot is taken into stock', () => {
    const topUp = ledger({ type: 'registered', quantityDelta: 100 }, { type: 'received', quantityDelta: 50 });
    expect(stateOf(deriveLedgerState(topUp, 'lot'))).toMatchObject({ status: 'in_stock', quantity: 150 });
    const seized = ledger(
      { type: 'seized', quantityDelta: 1_200, actorOrganisationId: POLICE, siteId: 'evidence' },
      { type: 'received', quantityDelta: 0, siteId: 'ammo-depot' },
    );
    expect(stateOf(deriveLedgerState(seized, 'lot'))).toMatchObject({
      status: 'in_stock',
      quantity: 1_200,
      siteId: 'ammo-depot',
    });
  });

  it('goes in transit only when the whole lot is sent, and back in stock with the quantity received', () => {
    const events = ledger(
      { type: 'registered', quantityDelta: 100 },
      { type: 'transferred', quantityDelta: -100, siteId: 'depot-b' },
      { type: 'received', quantityDelta: 100 },
    );
    expect(stateOf(deriveLedgerState(events.slice(0, 2), 'lot'))).toMatchObject({
      status: 'in_transit',
      quantity: 0,
    });
    expect(stateOf(deriveLedgerState(events, 'lot'))).toMatchObject({
      status: 'in_stock',
      quantity: 100,
      siteId: 'depot-b',
    });
    const emptyReceipt = [...events.slice(0, 2), { ...events[2]!, quantityDelta: 0 }];
    expect(violationOf(deriveLedgerState(emptyReceipt, 'lot')).rule).toBe('quantity_required');
  });
});

describe('allowedNextEvents agrees with checkNewEvent', () => {
  const allTypes: LedgerEventType[] = [
    'registered',
    'marked',
    'received',
    'issued',
    'returned',
    'transferred',
    'reported_lost',
    'reported_stolen',
    'recovered',
    'seized',
    'surrendered',
    'collected',
    'found',
    'inspected',
    'destroyed',
    'exported',
  ];
  const inflows = new Set<LedgerEventType>([
    'registered',
    'received',
    'returned',
    'recovered',
    'seized',
    'surrendered',
    'collected',
    'found',
  ]);
  const outflows = new Set<LedgerEventType>([
    'issued',
    'transferred',
    'reported_lost',
    'reported_stolen',
    'destroyed',
    'exported',
  ]);

  function eventFor(
    type: LedgerEventType,
    index: number,
    tracking: TrackingMode,
    state: LedgerState,
    amount: number,
  ): LedgerEvent {
    let quantityDelta: number | null = null;
    if (tracking === 'lot' && inflows.has(type)) quantityDelta = amount;
    if (tracking === 'lot' && outflows.has(type))
      quantityDelta = -Math.min(amount, state.quantity ?? 0) || -1;
    return { id: `r${index}`, type, occurredOn: '2024-01-01', actorOrganisationId: ARMY, quantityDelta };
  }

  it('offers exactly the events that would be accepted, along random histories', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TrackingMode>('piece', 'lot'),
        fc.array(fc.tuple(fc.constantFrom(...allTypes), fc.integer({ min: 1, max: 50 })), { maxLength: 30 }),
        (tracking, attempts) => {
          const history: LedgerEvent[] = [];
          let state = stateOf(deriveLedgerState(history, tracking));
          for (const [index, [type, amount]] of attempts.entries()) {
            const candidate = eventFor(type, index, tracking, state, amount);
            const result = checkNewEvent(history, candidate, tracking);
            expect(result.ok, `${type} from ${state.status}`).toBe(
              allowedNextEvents(state, tracking).includes(type),
            );
            if (result.ok) {
              history.push(candidate);
              state = result.state;
              // A lot's quantity is the sum of what the events moved, and never negative.
              if (tracking === 'lot') {
                expect(state.quantity).toBe(
                  history.reduce((sum, event) => sum + (event.quantityDelta ?? 0), 0),
                );
                expect(state.quantity).toBeGreaterThanOrEqual(0);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
