import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEvent, RecordEvent } from '../../api/client.ts';
import { formatDay, todayIso } from '../../lib/format.ts';
import { compact, useRegistry, useVocabLabel, useVocabOptions } from '../../lib/registry.ts';
import { ErrorAlert, fieldError } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';

interface DocumentRow {
  key: number;
  kind: string;
  reference: string;
}

interface EventFormProps {
  /** Weapons record holders and places; lots record the quantity moved. */
  subject: 'weapon' | 'lot';
  events: LedgerEvent[];
  onSubmit: (body: RecordEvent) => Promise<void>;
  onCancel?: () => void;
}

/**
 * Records an event in a ledger. For a correction, the user chooses the event that no longer counts
 * and must say why; the server checks the event against the whole history and its message is shown.
 */
export function EventForm({ subject, events, onSubmit, onCancel }: EventFormProps) {
  const { t, i18n } = useTranslation();
  const { sites } = useRegistry();
  const label = useVocabLabel();
  const options = useVocabOptions();
  const [type, setType] = useState('');
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [siteId, setSiteId] = useState('');
  const [counterpart, setCounterpart] = useState('');
  const [holder, setHolder] = useState('');
  const [place, setPlace] = useState('');
  const [quantity, setQuantity] = useState('');
  const [correctsEventId, setCorrectsEventId] = useState('');
  const [reason, setReason] = useState('');
  const [documents, setDocuments] = useState<DocumentRow[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<Record<string, string>>({});

  const correcting = type === 'corrected';
  const takenOut = new Set(events.filter((e) => e.type === 'corrected').map((e) => e.correctsEventId));
  const correctable = [...events]
    .sort((a, b) => b.seq - a.seq)
    .filter((e) => e.type !== 'corrected' && !takenOut.has(e.id));
  const types = options('event-types').filter((o) => o.value !== 'registered');
  const needsQuantity = subject === 'lot' && !['corrected', 'inspected', 'marked'].includes(type);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!type) missing.type = t('registry.event.typeMissing');
    if (correcting && !correctsEventId) missing.correctsEventId = t('registry.event.targetMissing');
    if (correcting && !reason.trim()) missing.reason = t('registry.event.reasonMissing');
    if (needsQuantity && !quantity) missing.quantity = t('registry.event.quantityMissing');
    setLocalError(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        type,
        occurredOn,
        ...compact({
          siteId,
          counterpart,
          holder: subject === 'weapon' ? holder : '',
          place,
          reason,
          correctsEventId: correcting ? correctsEventId : '',
        }),
        ...(needsQuantity && quantity ? { quantity: Number(quantity) } : {}),
        documents: documents
          .filter((d) => d.reference.trim())
          .map((d) => ({ kind: d.kind, reference: d.reference.trim() })),
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    type: t('registry.event.type'),
    occurredOn: t('registry.event.date'),
    siteId: t('registry.fields.site'),
    counterpart: t('registry.fields.counterpart'),
    holder: t('registry.fields.holder'),
    place: t('registry.fields.place'),
    quantity: t('registry.fields.quantity'),
    correctsEventId: t('registry.event.target'),
    reason: t('registry.fields.reason'),
    documents: t('registry.fields.documents'),
  };
  const err = (field: keyof typeof labels) => localError[field] ?? fieldError(error, field);

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={error} fieldLabels={labels} />
      <div className="form-grid">
        <Field label={labels.type} error={err('type')}>
          <select value={type} onChange={(e) => setType(e.target.value)} required>
            <option value="">{t('registry.event.choose')}</option>
            {types.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.occurredOn} error={err('occurredOn')}>
          <input type="date" required value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
        </Field>
      </div>
      {correcting && (
        <div className="form-grid">
          <Field
            label={labels.correctsEventId}
            hint={t('registry.event.targetHint')}
            error={err('correctsEventId')}
          >
            <select value={correctsEventId} onChange={(e) => setCorrectsEventId(e.target.value)} required>
              <option value="">{t('registry.event.chooseTarget')}</option>
              {correctable.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {t('registry.event.targetOption', {
                    date: formatDay(ev.occurredOn, i18n.language),
                    type: label('event-types', ev.type),
                  })}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      {!correcting && (
        <div className="form-grid">
          {needsQuantity && (
            <Field label={labels.quantity} hint={t('registry.event.quantityHint')} error={err('quantity')}>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
              />
            </Field>
          )}
          <Field
            label={labels.counterpart}
            optional
            hint={t('registry.event.counterpartHint')}
            error={err('counterpart')}
          >
            <input value={counterpart} maxLength={300} onChange={(e) => setCounterpart(e.target.value)} />
          </Field>
          {subject === 'weapon' && (
            <Field label={labels.holder} optional hint={t('registry.event.holderHint')} error={err('holder')}>
              <input value={holder} maxLength={200} onChange={(e) => setHolder(e.target.value)} />
            </Field>
          )}
          <Field label={labels.siteId} optional hint={t('registry.event.siteHint')} error={err('siteId')}>
            <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
              <option value="">{t('registry.event.noSite')}</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={labels.place} optional hint={t('registry.event.placeHint')} error={err('place')}>
            <input value={place} maxLength={300} onChange={(e) => setPlace(e.target.value)} />
          </Field>
        </div>
      )}

      {!correcting && (
        <fieldset className="fieldset">
          <legend>{labels.documents}</legend>
          <p className="hint">{t('registry.event.documentsHint')}</p>
          {documents.map((d, i) => (
            <div key={d.key} className="repeat-row">
              <Field label={t('registry.event.documentKind', { n: i + 1 })}>
                <select
                  value={d.kind}
                  onChange={(e) =>
                    setDocuments((rows) =>
                      rows.map((r) => (r.key === d.key ? { ...r, kind: e.target.value } : r)),
                    )
                  }
                >
                  {options('document-kinds').map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label={t('registry.event.documentReference', { n: i + 1 })}
                error={fieldError(error, `documents.${i}.reference`)}
              >
                <input
                  value={d.reference}
                  maxLength={200}
                  onChange={(e) =>
                    setDocuments((rows) =>
                      rows.map((r) => (r.key === d.key ? { ...r, reference: e.target.value } : r)),
                    )
                  }
                />
              </Field>
              <button
                type="button"
                className="button button-small button-danger-quiet repeat-remove"
                onClick={() => setDocuments((rows) => rows.filter((r) => r.key !== d.key))}
                aria-label={t('registry.event.removeDocument', { n: i + 1 })}
              >
                {t('registry.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setDocuments((rows) => [...rows, { key: nextKey, kind: 'licence', reference: '' }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('registry.event.addDocument')}
          </button>
        </fieldset>
      )}

      <Field
        label={labels.reason}
        optional={!correcting}
        hint={correcting ? t('registry.event.reasonHintCorrection') : t('registry.event.reasonHint')}
        error={err('reason')}
      >
        <textarea
          rows={3}
          maxLength={2000}
          value={reason}
          required={correcting}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('registry.event.recording') : t('registry.event.record')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
