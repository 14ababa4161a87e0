import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../modules/identity/contracts/users.ts';
import { api } from '../api/client.ts';
import { useSessionState } from '../app/session.tsx';
import { ErrorAlert, fieldError } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

/**
 * Changes the signed-in user's password. `forced` when the account still has a one-time
 * password: then nothing else is reachable until it is done.
 */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { refresh } = useSessionState();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Partial<Record<'current' | 'next' | 'confirm', string>>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('changePassword.title'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    // Checked here first so the messages are in the reader's language; the server checks again.
    const found: typeof problems = {};
    if (!current) found.current = t('changePassword.currentMissing');
    if (next.length < PASSWORD_MIN_LENGTH)
      found.next = t('changePassword.tooShort', { min: PASSWORD_MIN_LENGTH });
    else if (next !== confirm) found.confirm = t('changePassword.mismatch');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api.session.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      // The account no longer needs a change: reload it, which lets the app through the gate.
      if (forced) navigate('/', { replace: true });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    currentPassword: t('changePassword.current'),
    newPassword: t('changePassword.new'),
  };
  return (
    <div className={forced ? 'card card-narrow' : 'narrow'}>
      <h1>{t('changePassword.title')}</h1>
      <p className="lead">{forced ? t('changePassword.forcedIntro') : t('changePassword.intro')}</p>
      {done && <Notice>{t('changePassword.done')}</Notice>}
      <ErrorAlert error={error} fieldLabels={labels} />
      <form onSubmit={submit} noValidate>
        <Field
          label={labels.currentPassword}
          error={problems.current ?? fieldError(error, 'currentPassword')}
        >
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <Field
          label={labels.newPassword}
          hint={t('changePassword.hint', { min: PASSWORD_MIN_LENGTH })}
          error={problems.next ?? fieldError(error, 'newPassword')}
        >
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </Field>
        <Field label={t('changePassword.confirm')} error={problems.confirm}>
          <input
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </Field>
        <p className="hint">{t('changePassword.otherSessions')}</p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('changePassword.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
