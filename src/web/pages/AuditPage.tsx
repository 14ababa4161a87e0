import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type AuditEntry, type AuditVerdict, api } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

const PAGE_SIZE = 50;

/** The last, random part of a UUID v7 (its first part is a timestamp shared by neighbouring records). */
function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-12)}` : id;
}

/** Actions recorded by the foundation; the filter offers these, the table shows any. */
export const KNOWN_ACTIONS = [
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'membership.add',
  'membership.role',
  'membership.remove',
  'organisation.create',
  'organisation.update',
  'token.create',
  'token.revoke',
  'session.sign_in',
  'session.sign_out',
  'session.revoke',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

export const KNOWN_RECORD_TYPES = ['user', 'organisation', 'api_token'] as const;
type KnownRecordType = (typeof KNOWN_RECORD_TYPES)[number];

const isKnownAction = (a: string): a is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(a);
const isKnownRecordType = (r: string): r is KnownRecordType =>
  (KNOWN_RECORD_TYPES as readonly string[]).includes(r);

const FILTER_KEYS = ['actor', 'action', 'recordType', 'recordId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const applied: Filters = {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    recordType: params.get('recordType') ?? '',
    recordId: params.get('recordId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const key = params.toString();
  const page = useAsync(() => api.audit.search({ ...applied, limit: PAGE_SIZE, offset }), [key]);
  const organisations = useAsync(() => api.organisations.list(), []);
  const organisationNames = new Map((organisations.data?.organisations ?? []).map((o) => [o.id, o.name]));
  const [draft, setDraft] = useState<Filters>(applied);
  const [draftKey, setDraftKey] = useState(key);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const lng = i18n.language;

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    setVerdict(null);
    try {
      setVerdict(await api.audit.verify());
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  }

  // Back/forward changes the address: show the filters that address describes.
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft(applied);
  }

  function go(filters: Filters, newOffset: number) {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k].trim()) next.set(k, filters[k].trim());
    if (newOffset > 0) next.set('offset', String(newOffset));
    setOpen(new Set());
    setParams(next);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    go(draft, 0);
  }

  function toggle(id: string) {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const set = (k: FilterKey) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const actionLabel = (a: string) => (isKnownAction(a) ? t(`auditActions.${a}`) : a);
  const recordTypeLabel = (r: string) => (isKnownRecordType(r) ? t(`recordTypes.${r}`) : r);
  const total = page.data?.total ?? 0;
  const entries = page.data?.entries ?? [];
  const filtered = FILTER_KEYS.some((k) => applied[k]);

  return (
    <>
      <div className="page-header">
        <h1>{t('audit.title')}</h1>
        {info.user.isInstallationAdmin && (
          <button type="button" className="button" onClick={verify} disabled={verifying}>
            {verifying ? t('audit.verifying') : t('audit.verify')}
          </button>
        )}
      </div>
      <p className="lead">{t('audit.intro')}</p>
      <div aria-live="polite">
        {verdict?.ok && (
          <p className="alert alert-success">
            {t('audit.verifyOk', { entries: formatNumber(verdict.entries, lng) })}
          </p>
        )}
        {verdict && !verdict.ok && (
          <p className="alert alert-error">
            {t('audit.verifyBroken', { seq: verdict.firstBadEntry ?? '?', reason: verdict.reason ?? '' })}
          </p>
        )}
      </div>
      <ErrorAlert error={verifyError} />
      {applied.recordId && (
        <p className="alert alert-info filter-note">
          {t('audit.recordHistory')} <code className="id">{applied.recordId}</code>{' '}
          <button type="button" className="link-button" onClick={() => go({ ...applied, recordId: '' }, 0)}>
            {t('audit.allRecords')}
          </button>
        </p>
      )}

      <form className="panel filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <div className="form-grid form-grid-filters">
          <Field label={t('audit.actor')}>
            <input type="search" value={draft.actor} onChange={set('actor')} autoComplete="off" />
          </Field>
          <Field label={t('audit.action')}>
            <select value={draft.action} onChange={set('action')}>
              <option value="">{t('audit.anyAction')}</option>
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`auditActions.${a}`)} ({a})
                </option>
              ))}
              {draft.action && !isKnownAction(draft.action) && (
                <option value={draft.action}>{draft.action}</option>
              )}
            </select>
          </Field>
          <Field label={t('audit.recordType')}>
            <select value={draft.recordType} onChange={set('recordType')}>
              <option value="">{t('audit.anyRecordType')}</option>
              {KNOWN_RECORD_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`recordTypes.${r}`)}
                </option>
              ))}
              {draft.recordType && !isKnownRecordType(draft.recordType) && (
                <option value={draft.recordType}>{draft.recordType}</option>
              )}
            </select>
          </Field>
          <Field label={t('audit.from')}>
            <input type="date" value={draft.from} max={draft.to || undefined} onChange={set('from')} />
          </Field>
          <Field label={t('audit.to')}>
            <input type="date" value={draft.to} min={draft.from || undefined} onChange={set('to')} />
          </Field>
        </div>
        <p className="hint">
          {t('audit.actorHint')} {t('audit.datesHint')}
        </p>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('audit.search')}
          </button>
          {filtered && (
            <button
              type="button"
              className="button"
              onClick={() => go({ actor: '', action: '', recordType: '', recordId: '', from: '', to: '' }, 0)}
            >
              {t('audit.clear')}
            </button>
          )}
        </div>
      </form>

      <ErrorAlert error={page.error} />
      {page.loading && !page.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {page.data && (
        <p className="result-count" role="status">
          {total === 0
            ? t('audit.none')
            : t('audit.showing', {
                from: formatNumber(offset + 1, lng),
                to: formatNumber(Math.min(offset + entries.length, total), lng),
                total: formatNumber(total, lng),
              })}
        </p>
      )}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="data-table audit-table" aria-busy={page.loading || undefined}>
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.recordType')}</th>
                <th scope="col">{t('audit.recordId')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const expanded = open.has(entry.id);
                const detailId = `audit-detail-${entry.id}`;
                return (
                  <Fragment key={entry.id}>
                    <tr className={expanded ? 'row-expanded' : undefined}>
                      <th scope="row" className="cell-title">
                        <button
                          type="button"
                          className="expand-button"
                          aria-expanded={expanded}
                          aria-controls={detailId}
                          onClick={() => toggle(entry.id)}
                        >
                          <span aria-hidden="true" className="expand-icon" />
                          <time dateTime={entry.at} title={entry.at}>
                            {formatDateTime(entry.at, lng, true)}
                          </time>
                          <span className="visually-hidden">
                            {' '}
                            {expanded ? t('audit.hideDetails') : t('audit.showDetails')}
                          </span>
                        </button>
                      </th>
                      <td data-label={t('audit.actor')} className="cell-wrap">
                        {entry.actorLabel}
                      </td>
                      <td data-label={t('audit.action')}>
                        <span>
                          <span className="action-label">{actionLabel(entry.action)}</span>
                          <code className="code-note">{entry.action}</code>
                        </span>
                      </td>
                      <td data-label={t('audit.recordType')}>{recordTypeLabel(entry.recordType)}</td>
                      <td data-label={t('audit.recordId')}>
                        {entry.recordId ? (
                          <Link
                            to={`?${new URLSearchParams({ recordId: entry.recordId }).toString()}`}
                            className="id-link"
                            title={entry.recordId}
                            aria-label={t('audit.historyOf', { id: entry.recordId })}
                          >
                            <code>{shortId(entry.recordId)}</code>
                          </Link>
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                      <td data-label={t('audit.address')}>
                        {entry.address ?? <span className="muted">{t('common.none')}</span>}
                      </td>
                    </tr>
                    <tr id={detailId} className="detail-row" hidden={!expanded}>
                      <td colSpan={6}>
                        {expanded && <EntryDetail entry={entry} organisationNames={organisationNames} />}
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('audit.paging')}>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => go(applied, Math.max(0, offset - PAGE_SIZE))}
          >
            {t('common.previous')}
          </button>
          <span>
            {t('audit.pageOf', {
              page: formatNumber(Math.floor(offset / PAGE_SIZE) + 1, lng),
              pages: formatNumber(Math.ceil(total / PAGE_SIZE), lng),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => go(applied, offset + PAGE_SIZE)}
          >
            {t('common.next')}
          </button>
        </nav>
      )}
    </>
  );
}

function EntryDetail({
  entry,
  organisationNames,
}: {
  entry: AuditEntry;
  organisationNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const show = (value: unknown) =>
    value === null || value === undefined ? (
      <p className="muted">{t('audit.nothingRecorded')}</p>
    ) : (
      <pre className="json">{JSON.stringify(value, null, 2)}</pre>
    );
  return (
    <div className="entry-detail">
      <dl className="entry-meta">
        <div>
          <dt>{t('audit.sequence')}</dt>
          <dd>{entry.seq}</dd>
        </div>
        <div>
          <dt>{t('audit.time')}</dt>
          <dd>
            <code>{entry.at}</code>
          </dd>
        </div>
        {entry.recordId && (
          <div>
            <dt>{t('audit.recordId')}</dt>
            <dd>
              <code className="id">{entry.recordId}</code>
            </dd>
          </div>
        )}
        {entry.organisationId && (
          <div>
            <dt>{t('audit.organisation')}</dt>
            <dd>
              {organisationNames.get(entry.organisationId) ?? (
                <code className="id">{entry.organisationId}</code>
              )}
            </dd>
          </div>
        )}
      </dl>
      <div className="before-after">
        <section>
          <h3>{t('audit.before')}</h3>
          {show(entry.before)}
        </section>
        <section>
          <h3>{t('audit.after')}</h3>
          {show(entry.after)}
        </section>
      </div>
    </div>
  );
}
