import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useScreeningApi } from '../../api/screening.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ScreeningNav } from './ScreeningNav.tsx';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

/** A designation with all the data the list gives, and what changed from one list version to the next. */
export function DesignationPage() {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const { source = '', ref = '' } = useParams();
  const api = useScreeningApi();
  usePageTitle(t('designation.title', { ref }));
  const detail = useAsync(() => api.designation(source, ref), [api, source, ref]);
  const d = detail.data?.designation;
  const none = <p className="muted">{t('designation.none')}</p>;

  return (
    <>
      <ScreeningNav />
      <p>
        <Link to="/screening">{t('designation.back')}</Link>
      </p>
      <h1>
        {t('designation.title', { ref })}
        {d && <span className="subtitle"> {d.name}</span>}
      </h1>
      <ErrorAlert error={detail.error} />
      {detail.loading && !detail.data && (
        <p className="loading" role="status">
          {tc('common.loading')}
        </p>
      )}
      {detail.data && d && (
        <>
          <div
            className={`alert ${detail.data.listedInCurrentVersion ? 'alert-warning' : 'alert-info'}`}
            role="status"
          >
            {detail.data.listedInCurrentVersion ? t('designation.listedNow') : t('designation.notListedNow')}
          </div>
          <section className="panel" aria-labelledby="designation-names">
            <h2 id="designation-names">{t('designation.names')}</h2>
            <dl className="screening-facts">
              <div>
                <dt>{t('designation.name')}</dt>
                <dd>{d.name}</dd>
              </div>
              {d.originalScriptName && (
                <div>
                  <dt>{t('designation.originalScript')}</dt>
                  <dd>{d.originalScriptName}</dd>
                </div>
              )}
              <div>
                <dt>{t('designation.type')}</dt>
                <dd>{t(`types.${d.type as 'person'}`, { defaultValue: d.type })}</dd>
              </div>
              <div>
                <dt>{t('designation.regime')}</dt>
                <dd>
                  {d.regime} · {d.source}
                </dd>
              </div>
              {d.listedOn && (
                <div>
                  <dt>{t('designation.listedOn')}</dt>
                  <dd>{formatDay(d.listedOn, i18n.language)}</dd>
                </div>
              )}
              {d.titles.length > 0 && (
                <div>
                  <dt>{t('designation.titles')}</dt>
                  <dd>{d.titles.join('; ')}</dd>
                </div>
              )}
              {d.designations.length > 0 && (
                <div>
                  <dt>{t('designation.positions')}</dt>
                  <dd>{d.designations.join('; ')}</dd>
                </div>
              )}
            </dl>
            <h3>{t('designation.aliases')}</h3>
            {d.aliases.length === 0 ? (
              <p className="muted">{t('designation.noAliases')}</p>
            ) : (
              <ul className="screening-aliases">
                {d.aliases.map((a) => (
                  <li key={`${a.name}|${a.quality}|${a.kind}`}>
                    {a.name}{' '}
                    <span className={`screening-quality${a.weak ? ' screening-quality-weak' : ''}`}>
                      {t('designation.aliasQuality')}:{' '}
                      {t(`designation.qualities.${a.quality as 'good'}`, { defaultValue: a.quality })}
                      {a.weak && ` · ${t('designation.weak')}`}
                    </span>
                    {a.note && <span className="muted"> · {a.note}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel screening-identity" aria-labelledby="designation-identity">
            <h2 id="designation-identity" className="visually-hidden">
              {t('designation.birthDates')}
            </h2>
            <h3>{t('designation.birthDates')}</h3>
            {d.birthDates.length === 0 ? (
              none
            ) : (
              <ul className="plain-list">
                {d.birthDates.map((b) => (
                  <li key={b.raw}>
                    {b.raw}
                    {b.approximate && <span className="muted"> ({t('designation.approximate')})</span>}
                    {b.note && <span className="muted"> · {b.note}</span>}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('designation.nationalities')}</h3>
            {d.nationalities.length === 0 ? (
              none
            ) : (
              <ul className="plain-list">
                {d.nationalities.map((n) => (
                  <li key={n.raw}>
                    {n.raw}
                    {n.iso3 && <span className="muted"> ({n.iso3})</span>}
                    {n.qualifier && <span className="muted"> · {n.qualifier}</span>}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('designation.documents')}</h3>
            {d.documents.length === 0 ? (
              none
            ) : (
              <ul className="plain-list">
                {d.documents.map((doc) => (
                  <li key={`${doc.type}|${doc.number}`}>
                    {doc.type}
                    {doc.number && (
                      <>
                        {' '}
                        · {t('designation.documentNumber')}: <span className="input-mono">{doc.number}</span>
                      </>
                    )}
                    {doc.country && (
                      <>
                        {' '}
                        · {t('designation.documentCountry')}: {doc.country}
                      </>
                    )}
                    {doc.note && <span className="muted"> · {doc.note}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="designation-narrative">
            <h2 id="designation-narrative">{t('designation.narrative')}</h2>
            {d.narrative ? <p className="screening-narrative">{d.narrative}</p> : none}
          </section>
          <section className="panel" aria-labelledby="designation-history">
            <h2 id="designation-history">{t('designation.history')}</h2>
            <ol className="screening-history">
              {detail.data.history.map((h, i) => (
                <li key={`${h.version}|${h.generatedAt}`}>
                  <p className="screening-history-version">
                    {t('designation.version', { version: h.version })}{' '}
                    <span className="muted">{formatDateTime(h.generatedAt, i18n.language)}</span>
                  </p>
                  {i === 0 ? (
                    <p className="muted">{t('designation.firstSeen')}</p>
                  ) : h.changes.length === 0 ? (
                    <p className="muted">{t('designation.noChange')}</p>
                  ) : (
                    <ul>
                      {h.changes.map((c) => (
                        <li key={c.field}>
                          <strong>{t('designation.changed', { field: c.field })}</strong>
                          <div className="screening-change">
                            <span>
                              {t('designation.before')}: <code>{show(c.before)}</code>
                            </span>
                            <span>
                              {t('designation.after')}: <code>{show(c.after)}</code>
                            </span>
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
