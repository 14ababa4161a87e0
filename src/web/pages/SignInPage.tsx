import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSessionState } from '../app/session.tsx';
import { ErrorAlert, fieldError } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { update } = useSessionState();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('signIn.title'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      update(await api.session.signIn({ email, password }));
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const labels = { email: t('signIn.email'), password: t('signIn.password') };
  return (
    <div className="card card-narrow">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      {expired && <Notice tone="info">{t('errors.sessionExpired')}</Notice>}
      <ErrorAlert error={error} fieldLabels={labels} />
      <form onSubmit={submit}>
        <Field label={labels.email} error={fieldError(error, 'email')}>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={labels.password} error={fieldError(error, 'password')}>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </div>
      </form>
      <p className="hint">{t('signIn.help')}</p>
    </div>
  );
}
