import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionSummary } from '../api/client.ts';
import { useConfirm } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Notice } from '../components/Notice.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

/** A short, readable name for a browser's user-agent string ("Firefox on Windows"). */
function describeAgent(ua: string | null): { browser: string; system: string } | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chromium'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  if (!browser && !system) return null;
  return { browser, system };
}

export function SessionsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('sessions.title'));
  const list = useAsync(() => api.session.list(), []);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [confirm, confirmDialog] = useConfirm();
  const lng = i18n.language;

  async function revoke(s: SessionSummary) {
    const ok = await confirm({
      title: t('sessions.confirmTitle'),
      message: t('sessions.confirm'),
      confirmLabel: t('sessions.revoke'),
      danger: true,
    });
    if (!ok) return;
    setError(null);
    try {
      await api.session.revoke(s.id);
      setNotice(t('sessions.revokedDone'));
      list.reload();
    } catch (e) {
      setError(e);
    }
  }

  const sessions = [...(list.data?.sessions ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  return (
    <>
      {confirmDialog}
      <h1>{t('sessions.title')}</h1>
      <p className="lead">{t('sessions.intro')}</p>
      <Notice>{notice}</Notice>
      <ErrorAlert error={error} />
      <ErrorAlert error={list.error} />
      {list.loading && !list.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {sessions.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('sessions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.device')}</th>
                <th scope="col">{t('sessions.address')}</th>
                <th scope="col">{t('sessions.started')}</th>
                <th scope="col">{t('sessions.lastSeen')}</th>
                <th scope="col">{t('sessions.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const agent = describeAgent(s.userAgent);
                return (
                  <tr key={s.id}>
                    <th scope="row" className="cell-title">
                      <span title={s.userAgent ?? undefined}>
                        {agent
                          ? agent.browser && agent.system
                            ? t('sessions.agent', { browser: agent.browser, system: agent.system })
                            : agent.browser || agent.system
                          : t('sessions.unknownDevice')}
                      </span>
                      {s.current && <span className="badge badge-active">{t('sessions.current')}</span>}
                    </th>
                    <td data-label={t('sessions.address')}>
                      {s.address ?? <span className="muted">{t('common.none')}</span>}
                    </td>
                    <td data-label={t('sessions.started')}>
                      <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, lng)}</time>
                    </td>
                    <td data-label={t('sessions.lastSeen')}>
                      <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt, lng)}</time>
                    </td>
                    <td data-label={t('sessions.expires')}>
                      <time dateTime={s.expiresAt}>{formatDateTime(s.expiresAt, lng)}</time>
                    </td>
                    <td className="cell-actions">
                      {!s.current && (
                        <button
                          type="button"
                          className="button button-small button-danger-quiet"
                          onClick={() => revoke(s)}
                        >
                          {t('sessions.revoke')}
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
