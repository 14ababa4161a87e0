import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordEvent } from '../../api/client.ts';
import { useVocabLabel } from '../../lib/registry.ts';
import { EventForm } from './EventForm.tsx';
import { Timeline } from './Timeline.tsx';

type LedgerEvents = Parameters<typeof Timeline>[0]['events'];

interface LedgerPanelProps {
  /** Weapons record holders and places; lots record the quantity moved. */
  subject: 'weapon' | 'lot';
  events: LedgerEvents;
  canWrite: boolean;
  /** Button and form title, e.g. "Record an event" or "Record a movement". */
  actionLabel: string;
  intro: string;
  /** Records the event on the server; the panel closes the form when it succeeds. */
  record: (body: RecordEvent) => Promise<void>;
  /** Told which event was recorded (for a notice), and when the form opens (to clear it). */
  onRecorded: (message: string) => void;
}

/** A weapon's or a lot's ledger: the timeline and the form that appends to it. */
export function LedgerPanel({
  subject,
  events,
  canWrite,
  actionLabel,
  intro,
  record,
  onRecorded,
}: LedgerPanelProps) {
  const { t } = useTranslation();
  const label = useVocabLabel();
  const [recording, setRecording] = useState(false);
  const id = `${subject}-ledger`;
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="section-header">
        <h2 id={id}>{t('registry.weapon.ledger')}</h2>
        {canWrite && !recording && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setRecording(true);
              onRecorded('');
            }}
          >
            {actionLabel}
          </button>
        )}
      </div>
      <p className="hint">{intro}</p>
      {recording && (
        <section className="subpanel" aria-labelledby={`${id}-form`}>
          <h3 id={`${id}-form`}>{actionLabel}</h3>
          <EventForm
            subject={subject}
            events={events}
            onCancel={() => setRecording(false)}
            onSubmit={async (body) => {
              await record(body);
              setRecording(false);
              onRecorded(t('registry.weapon.eventRecorded', { type: label('event-types', body.type) }));
            }}
          />
        </section>
      )}
      <Timeline events={events} showQuantity={subject === 'lot'} />
    </section>
  );
}
