import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIT_DECISIONS } from '../../../modules/screening/contracts.ts';
import type { HitDecision as Decision, Hit, ScreeningApi } from '../../api/screening.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ErrorAlert, fieldError } from '../ErrorAlert.tsx';

interface HitDecisionProps {
  hit: Hit;
  api: ScreeningApi;
  /** The list version's readable name, for the hit's listVersionId. */
  versionName: string;
  onDecided: (hit: Hit) => void;
}

/** The decision on one recorded hit: the form while it is open, else who decided what, why, and against which list version. */
export function HitDecision({ hit, api, versionName, onDecided }: HitDecisionProps) {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = hit.status === 'open';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!decision) return;
    setBusy(true);
    setError(null);
    try {
      const decided = await api.decide(hit.id, decision, reason.trim());
      setEditing(false);
      setReason('');
      setDecision('');
      onDecided(decided);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const statusLabel = (s: string) => t(`statuses.${s as 'open'}`, { defaultValue: s });

  return (
    <div className="screening-decision">
      {!open && (
        <div className={`screening-decided screening-decided-${hit.status}`} role="status">
          <p className="screening-decided-title">
            {t('decision.decided', { status: statusLabel(hit.status) })}
          </p>
          {hit.reason && <p>{t('decision.reasonShown', { reason: hit.reason })}</p>}
          {hit.decidedBy && (
            <p className="muted">
              {t('decision.by', { who: hit.decidedBy, when: formatDateTime(hit.decidedAt, i18n.language) })}
            </p>
          )}
          <p className="muted">{t('decision.listVersion', { version: versionName })}</p>
          {hit.status === 'confirmed' ? (
            <p className="hint">{t('decision.final')}</p>
          ) : (
            !editing && (
              <button type="button" className="button button-small" onClick={() => setEditing(true)}>
                {t('decision.change')}
              </button>
            )
          )}
        </div>
      )}
      {(open || editing) && (
        <form onSubmit={submit} className="screening-decision-form">
          <ErrorAlert
            error={error}
            fieldLabels={{ reason: t('decision.reason'), decision: t('decision.legend') }}
          />
          <fieldset className="fieldset">
            <legend>{t('decision.legend')}</legend>
            <div className="screening-choices">
              {HIT_DECISIONS.map((d) => (
                <label key={d} className="checkbox">
                  <input
                    type="radio"
                    name={`${id}-decision`}
                    value={d}
                    required
                    checked={decision === d}
                    onChange={() => setDecision(d)}
                  />{' '}
                  {statusLabel(d)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className={`field${fieldError(error, 'reason') ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-reason`}>{t('decision.reason')}</label>
            <p id={`${id}-hint`} className="hint">
              {t('decision.reasonHint')}
            </p>
            <textarea
              id={`${id}-reason`}
              aria-describedby={`${id}-hint`}
              required
              minLength={3}
              maxLength={4000}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || !decision}>
              {t('decision.submit')}
            </button>
            {editing && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                {tc('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
