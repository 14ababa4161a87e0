import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ListVersion, type ScreeningApi, useScreeningApi } from '../../api/screening.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { designationPath, ListDiffView } from '../../components/screening/ListDiffView.tsx';
import { formatDateTime, formatDay, formatNumber, todayIso } from '../../lib/format.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ScreeningNav } from './ScreeningNav.tsx';

/** Per list: enough to browse a whole UN list (about 1,000 entries would not be readable anyway). */
const BROWSE_LIMIT = 200;

/**
 * The designations lists: loaded versions, the parties listed on a date, and the changes between two
 * versions. Searches and comparisons live in the address, so that going back from a designation
 * returns to them.
 */
export function ListsPage() {
  const { t } = useTranslation('screening');
  const { t: tc } = useTranslation();
  usePageTitle(t('lists.title'));
  const api = useScreeningApi();
  const lists = useAsync(() => api.lists(), [api]);
  const versions = lists.data?.versions ?? [];

  return (
    <>
      <ScreeningNav />
      <h1>{t('lists.title')}</h1>
      <p className="lead">{t('lists.intro')}</p>
      <ErrorAlert error={lists.error} />
      {lists.loading && !lists.data && (
        <p className="loading" role="status">
          {tc('common.loading')}
        </p>
      )}
      {lists.data && versions.length === 0 && (
        <div className="alert alert-warning" role="status">
          {t('screen.noLists')}
        </div>
      )}
      {versions.length > 0 && (
        <>
          <VersionsSection versions={versions} />
          <BrowseSection api={api} versions={versions} />
          <CompareSection api={api} versions={versions} />
        </>
      )}
    </>
  );
}

/** Sources in the order the server lists them (by source, newest version first). */
function sourcesOf(versions: ListVersion[]): string[] {
  return [...new Set(versions.map((v) => v.source))];
}

/** Versions of one source, newest first. */
function versionsOf(versions: ListVersion[], source: string): ListVersion[] {
  return versions
    .filter((v) => v.source === source)
    .sort((a, b) => b.generatedAt.localeCompare(a.generatedAt));
}

/**
 * The version of a source in force at the end of a day (or the newest without a day): the server's
 * rule, repeated here only to say which versions a search looked at, even when nothing matched.
 */
function inForce(versions: ListVersion[], source: string, day?: string): ListVersion | undefined {
  const cutoff = day ? `${day}T23:59:59.999Z` : undefined;
  return versionsOf(versions, source).find((v) => !cutoff || v.generatedAt <= cutoff);
}

function useSourceLabel() {
  const { t } = useTranslation('screening');
  return (source: string) => t(`lists.sources.${source as 'un-sc'}`, { defaultValue: source });
}

/** Changes some query parameters and keeps the others, as a new history entry. */
function useParamUpdater() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    });
  return [params, update] as const;
}

function VersionsSection({ versions }: { versions: ListVersion[] }) {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const lng = i18n.language;
  const current = new Set(sourcesOf(versions).map((s) => inForce(versions, s)?.id));
  return (
    <section aria-labelledby="lists-versions-title">
      <h2 id="lists-versions-title">{t('lists.versions.title')}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('lists.versions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.versions.version')}</th>
              <th scope="col">{t('lists.versions.source')}</th>
              <th scope="col">{t('lists.versions.generated')}</th>
              <th scope="col">{t('lists.versions.designations')}</th>
              <th scope="col">{t('lists.versions.loaded')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row" className="cell-title">
                  <span className="reference">{v.version}</span>
                  {current.has(v.id) && (
                    <span className="screening-in-force">{t('lists.versions.inForce')}</span>
                  )}
                </th>
                <td data-label={t('lists.versions.source')} className="cell-nowrap">
                  {v.source}
                </td>
                <td data-label={t('lists.versions.generated')}>{formatDateTime(v.generatedAt, lng)}</td>
                <td data-label={t('lists.versions.designations')}>
                  {v.counts?.total === undefined
                    ? tc('common.none')
                    : t('lists.versions.counts', {
                        total: formatNumber(v.counts.total, lng),
                        persons: formatNumber(v.counts.persons ?? 0, lng),
                        entities: formatNumber(v.counts.entities ?? 0, lng),
                      })}
                </td>
                <td data-label={t('lists.versions.loaded')} className="cell-wrap">
                  {/* One child, so that on a phone the file name stays beside the column's name. */}
                  <div>
                    {t('lists.versions.loadedBy', { when: formatDateTime(v.loadedAt, lng), who: v.loadedBy })}
                    {v.fileName && <span className="code-note">{v.fileName}</span>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The designated parties as the lists stood on a date, by name or reference, on one list or all. */
function BrowseSection({ api, versions }: { api: ScreeningApi; versions: ListVersion[] }) {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const lng = i18n.language;
  const sourceLabel = useSourceLabel();
  const [params, update] = useParamUpdater();
  // No date in the address means today: the newest versions, as the server does without one.
  const asOf = params.get('asOf') ?? '';
  const q = params.get('q') ?? '';
  const source = params.get('source') ?? '';
  const key = `${asOf}|${q}|${source}`;
  const found = useAsync(
    () =>
      api.designations({
        asOf: asOf || undefined,
        q: q || undefined,
        source: source || undefined,
        limit: BROWSE_LIMIT,
      }),
    [api, key],
  );
  const [draft, setDraft] = useState({ asOf: asOf || todayIso(), q, source });
  const [draftKey, setDraftKey] = useState(key);
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft({ asOf: asOf || todayIso(), q, source });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    update({
      asOf: draft.asOf && draft.asOf !== todayIso() ? draft.asOf : '',
      q: draft.q.trim(),
      source: draft.source,
    });
  }

  const day = asOf || todayIso();
  const sources = sourcesOf(versions);
  const looked = (source ? [source] : sources)
    .map((s) => inForce(versions, s, asOf || undefined))
    .filter((v): v is ListVersion => Boolean(v));
  const items = found.data?.items ?? [];
  const perSource = new Map<string, number>();
  for (const item of items) perSource.set(item.source, (perSource.get(item.source) ?? 0) + 1);
  const limited = [...perSource.values()].some((n) => n >= BROWSE_LIMIT);

  return (
    <section className="screening-lists-section" aria-labelledby="lists-browse-title">
      <h2 id="lists-browse-title">{t('lists.browse.title')}</h2>
      <p className="hint">{t('lists.browse.intro')}</p>
      <form className="panel filters" aria-label={t('lists.browse.filters')} onSubmit={submit}>
        <div className="form-grid form-grid-filters">
          <Field label={t('lists.browse.asOf')} error={fieldError(found.error, 'asOf')}>
            <input
              type="date"
              required
              value={draft.asOf}
              onChange={(e) => setDraft((d) => ({ ...d, asOf: e.target.value }))}
            />
          </Field>
          <Field label={t('lists.browse.search')}>
            <input
              type="search"
              autoComplete="off"
              maxLength={300}
              value={draft.q}
              onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
            />
          </Field>
          <Field label={t('lists.browse.source')}>
            <select
              value={draft.source}
              onChange={(e) => setDraft((d) => ({ ...d, source: e.target.value }))}
            >
              <option value="">{t('lists.browse.allSources')}</option>
              {sources.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('lists.browse.submit')}
          </button>
        </div>
      </form>

      <ErrorAlert error={found.error} fieldLabels={{ asOf: t('lists.browse.asOf') }} />
      {found.loading && !found.data && (
        <p className="loading" role="status">
          {tc('common.loading')}
        </p>
      )}
      {found.data && (
        <div className="result-count" role="status">
          <p>
            {looked.length === 0
              ? t('lists.browse.noneInForce', { date: formatDay(day, lng) })
              : t('lists.browse.inForce', {
                  date: formatDay(day, lng),
                  versions: looked.map((v) => `${v.source} ${v.version}`).join(', '),
                })}
          </p>
          {looked.length > 0 && (
            <p>
              {items.length === 0
                ? t('lists.browse.empty')
                : t('lists.browse.count', { count: items.length })}
            </p>
          )}
          {limited && <p>{t('lists.browse.limited', { limit: formatNumber(BROWSE_LIMIT, lng) })}</p>}
        </div>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">
              {t('lists.browse.caption', { date: formatDay(day, lng) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('lists.browse.reference')}</th>
                <th scope="col">{t('lists.browse.name')}</th>
                <th scope="col">{t('lists.browse.type')}</th>
                <th scope="col">{t('lists.browse.list')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={`${d.source}|${d.ref}`}>
                  <th scope="row" className="cell-title">
                    <Link to={designationPath(d.source, d.ref)} className="reference serial-link">
                      {d.ref}
                    </Link>
                  </th>
                  <td data-label={t('lists.browse.name')} className="cell-wrap">
                    {d.name}
                  </td>
                  <td data-label={t('lists.browse.type')}>
                    {t(`types.${d.type as 'person'}`, { defaultValue: d.type })}
                  </td>
                  <td data-label={t('lists.browse.list')} className="cell-nowrap">
                    {d.source}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Defaults for comparing one list: the version before the one in force, with the one in force. */
function defaultPair(versions: ListVersion[], source: string) {
  const own = versionsOf(versions, source);
  return { from: own[1]?.id ?? own[0]?.id ?? '', to: own[0]?.id ?? '' };
}

/** Two versions of one list, compared field by field. */
function CompareSection({ api, versions }: { api: ScreeningApi; versions: ListVersion[] }) {
  const { t } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const sourceLabel = useSourceLabel();
  const [params, update] = useParamUpdater();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const diff = useAsync(() => (from && to ? api.diff(from, to) : Promise.resolve(null)), [api, from, to]);

  const sources = sourcesOf(versions);
  // Start on a list that has something to compare.
  const initialSource =
    versions.find((v) => v.id === from)?.source ??
    sources.find((s) => versionsOf(versions, s).length > 1) ??
    sources[0] ??
    '';
  const initial = () =>
    from && to
      ? { source: initialSource, from, to }
      : { source: initialSource, ...defaultPair(versions, initialSource) };
  const key = `${from}|${to}`;
  const [draft, setDraft] = useState(initial);
  const [draftKey, setDraftKey] = useState(key);
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft(initial());
  }

  const own = versionsOf(versions, draft.source);
  const versionOption = (v: ListVersion, i: number) => (
    <option key={v.id} value={v.id}>
      {i === 0 ? t('lists.compare.current', { version: v.version }) : v.version}
    </option>
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    update({ from: draft.from, to: draft.to });
  }

  return (
    <section className="screening-lists-section" aria-labelledby="lists-compare-title">
      <h2 id="lists-compare-title">{t('lists.compare.title')}</h2>
      <p className="hint">{t('lists.compare.intro')}</p>
      <form className="panel filters" aria-labelledby="lists-compare-title" onSubmit={submit}>
        <div className="form-grid form-grid-filters">
          <Field label={t('lists.compare.source')}>
            <select
              value={draft.source}
              onChange={(e) => setDraft({ source: e.target.value, ...defaultPair(versions, e.target.value) })}
            >
              {sources.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('lists.compare.from')} error={fieldError(diff.error, 'from')}>
            <select value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}>
              {own.map(versionOption)}
            </select>
          </Field>
          <Field label={t('lists.compare.to')} error={fieldError(diff.error, 'to')}>
            <select value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}>
              {own.map(versionOption)}
            </select>
          </Field>
        </div>
        {own.length < 2 && <p className="hint">{t('lists.compare.onlyOne')}</p>}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={own.length < 2}>
            {t('lists.compare.submit')}
          </button>
        </div>
      </form>

      <ErrorAlert
        error={diff.error}
        fieldLabels={{ from: t('lists.compare.from'), to: t('lists.compare.to') }}
      />
      {diff.loading && from && to && (
        <p className="loading" role="status">
          {tc('common.loading')}
        </p>
      )}
      {diff.data && !diff.loading && <ListDiffView key={key} diff={diff.data} />}
    </section>
  );
}
