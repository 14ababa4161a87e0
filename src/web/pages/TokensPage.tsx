import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiToken, api } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { useConfirm } from '../components/ConfirmDialog.tsx';
import { ErrorAlert, fieldError } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { SecretBox } from '../components/SecretBox.tsx';
import { formatDate, formatDateTime, todayIso } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

function tokenState(token: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('tokens.title'));
  const list = useAsync(() => api.tokens.list(), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ label: string; secret: string } | null>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirm, confirmDialog] = useConfirm();
  const lng = i18n.language;
  const now = Date.now();

  async function revoke(token: ApiToken) {
    const ok = await confirm({
      title: t('tokens.confirmRevokeTitle', { label: token.name }),
      message: t('tokens.confirmRevoke'),
      confirmLabel: t('tokens.revoke'),
      danger: true,
    });
    if (!ok) return;
    setActionError(null);
    try {
      await api.tokens.revoke(token.id);
      setNotice(t('tokens.revokedDone', { label: token.name }));
      list.reload();
    } catch (e) {
      setActionError(e);
    }
  }

  const tokens = [...(list.data?.tokens ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      {confirmDialog}
      <div className="page-header">
        <h1>{t('tokens.title')}</h1>
        {!creating && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreating(true);
              setCreated(null);
              setNotice('');
            }}
          >
            {t('tokens.create')}
          </button>
        )}
      </div>
      <p className="lead">{t('tokens.intro')}</p>

      {created && (
        <SecretBox
          title={t('tokens.secretTitle', { label: created.label })}
          label={t('tokens.secretLabel')}
          secret={created.secret}
          explanation={t('tokens.secretExplanation')}
          onDismiss={() => setCreated(null)}
        />
      )}
      <Notice>{notice}</Notice>
      <ErrorAlert error={actionError} />

      {creating && (
        <section className="panel" aria-labelledby="token-form-title">
          <h2 id="token-form-title">{t('tokens.createTitle')}</h2>
          <CreateTokenForm
            onCancel={() => setCreating(false)}
            onCreated={(label, secret) => {
              setCreating(false);
              setCreated({ label, secret });
              list.reload();
            }}
          />
        </section>
      )}

      <ErrorAlert error={list.error} />
      {list.loading && !list.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {list.data && tokens.length === 0 && <p>{t('tokens.empty')}</p>}
      {tokens.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.label')}</th>
                <th scope="col">{t('tokens.user')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = tokenState(token, now);
                return (
                  <tr key={token.id} className={state === 'active' ? undefined : 'row-inactive'}>
                    <th scope="row" className="cell-title">
                      {token.name}
                    </th>
                    <td data-label={t('tokens.user')} className="cell-wrap">
                      <span>
                        {token.userEmail}
                        {token.userId === info.user.id && <span className="muted"> {t('users.you')}</span>}
                      </span>
                    </td>
                    <td data-label={t('tokens.prefix')}>
                      <code>{token.prefix}…</code>
                    </td>
                    <td data-label={t('tokens.created')}>
                      <time dateTime={token.createdAt} title={token.createdAt}>
                        {formatDateTime(token.createdAt, lng)}
                      </time>
                    </td>
                    <td data-label={t('tokens.lastUsed')}>
                      {token.lastUsedAt ? (
                        <time dateTime={token.lastUsedAt} title={token.lastUsedAt}>
                          {formatDateTime(token.lastUsedAt, lng)}
                        </time>
                      ) : (
                        <span className="muted">{t('tokens.never')}</span>
                      )}
                    </td>
                    <td data-label={t('tokens.expires')}>
                      {token.expiresAt ? (
                        <time dateTime={token.expiresAt} title={token.expiresAt}>
                          {formatDate(token.expiresAt, lng)}
                        </time>
                      ) : (
                        <span className="muted">{t('tokens.noExpiry')}</span>
                      )}
                    </td>
                    <td data-label={t('tokens.status')}>
                      {state === 'revoked' ? (
                        <span className="status status-off" title={token.revokedAt ?? undefined}>
                          {t('tokens.revokedOn', { date: formatDate(token.revokedAt, lng) })}
                        </span>
                      ) : state === 'expired' ? (
                        <span className="status status-off">{t('tokens.expired')}</span>
                      ) : (
                        <span className="status status-on">{t('tokens.active')}</span>
                      )}
                    </td>
                    <td className="cell-actions">
                      {state !== 'revoked' && (
                        <button
                          type="button"
                          className="button button-small button-danger-quiet"
                          onClick={() => revoke(token)}
                          aria-label={t('tokens.revokeNamed', { label: token.name })}
                        >
                          {t('tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (label: string, secret: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // A token is valid until the end of the chosen day, in the reader's time zone.
      const expiresAt = expires ? new Date(`${expires}T23:59:59.999`).toISOString() : undefined;
      const result = await api.tokens.create({ name: label.trim(), ...(expiresAt ? { expiresAt } : {}) });
      onCreated(result.apiToken.name, result.token);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = { name: t('tokens.label'), expiresAt: t('tokens.expiresOn') };
  return (
    <form onSubmit={submit}>
      <ErrorAlert error={error} fieldLabels={labels} />
      <div className="form-grid">
        <Field label={labels.name} hint={t('tokens.labelHint')} error={fieldError(error, 'name')}>
          <input
            required
            maxLength={100}
            autoComplete="off"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </Field>
        <Field
          label={labels.expiresAt}
          optional
          hint={t('tokens.expiresHint')}
          error={fieldError(error, 'expiresAt')}
        >
          <input type="date" min={todayIso()} value={expires} onChange={(e) => setExpires(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('tokens.createSubmit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
