import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTY_TYPES } from '../../../modules/screening/contracts.ts';
import { type PartyType, type ScreeningApi, useScreeningApi, versionLabel } from '../../api/screening.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { CandidateCard } from '../../components/screening/CandidateCard.tsx';
import { HitDecision } from '../../components/screening/HitDecision.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ScreeningNav } from './ScreeningNav.tsx';

const STATUS_FILTERS = ['open', 'escalated', 'cleared', 'confirmed', ''] as const;

export function HitsPage() {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('hits.title'));
  const api = useScreeningApi();
  const organisationId = info.activeOrganisationId;
  const organisationName =
    info.user.memberships.find((m) => m.organisationId === organisationId)?.organisationName ?? '';
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]>('open');
  const hits = useAsync(
    () => (organisationId ? api.hits(organisationId, status || undefined) : Promise.resolve({ hits: [] })),
    [api, organisationId, status],
  );
  const lists = useAsync(() => api.lists(), [api]);
  const notifications = useAsync(() => api.notifications(), [api]);

  if (!organisationId) {
    return (
      <>
        <ScreeningNav />
        <h1>{t('hits.title')}</h1>
        <p>{t('noOrganisation')}</p>
      </>
    );
  }

  const ours = (notifications.data?.notifications ?? []).filter((n) => n.organisationId === organisationId);
  const shown = [...(hits.data?.hits ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <>
      <ScreeningNav />
      <h1>{t('hits.title')}</h1>
      <p className="lead">{t('hits.intro', { organisation: organisationName })}</p>

      {ours.length > 0 && (
        <section className="alert alert-info screening-notifications" aria-labelledby="screening-notes-title">
          <h2 id="screening-notes-title" className="alert-title">
            {t('hits.notificationsTitle')}
          </h2>
          <ul>
            {ours.map((n) => (
              <li key={n.id}>
                {t('hits.notification', { when: formatDateTime(n.createdAt, i18n.language), title: n.title })}
                {n.body?.hits && n.body.hits.length > 0 && (
                  <>
                    {' '}
                    <span className="muted">
                      {t('hits.notificationHits', {
                        names: n.body.hits.map((h) => `${h.name} (${h.ref})`).join(', '),
                      })}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="screening-filter">
        <label htmlFor="screening-status">{t('hits.status')}</label>
        <select
          id="screening-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as (typeof STATUS_FILTERS)[number])}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s || 'all'} value={s}>
              {s ? t(`statuses.${s}`) : t('hits.all')}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={hits.error} />
      {hits.loading && !hits.data && (
        <p className="loading" role="status">
          {tc('common.loading')}
        </p>
      )}
      {hits.data && shown.length === 0 && <p>{t('hits.empty')}</p>}
      {shown.map((hit) => (
        <CandidateCard
          key={hit.id}
          source={hit.source}
          ref_={hit.ref}
          matchedName={hit.matchedName}
          score={hit.score}
          explanation={hit.explanation}
        >
          <p className="muted">
            {t('hits.query', { name: String(hit.query.name ?? '') })} ·{' '}
            {t('hits.recordedOn', { when: formatDateTime(hit.createdAt, i18n.language) })}
          </p>
          <HitDecision
            hit={hit}
            api={api}
            versionName={versionLabel(lists.data?.versions, hit.listVersionId)}
            onDecided={() => hits.reload()}
          />
        </CandidateCard>
      ))}

      <PartiesSection
        api={api}
        organisationId={organisationId}
        organisationName={organisationName}
        onAdded={hits.reload}
      />
    </>
  );
}

function PartiesSection({
  api,
  organisationId,
  organisationName,
  onAdded,
}: {
  api: ScreeningApi;
  organisationId: string;
  organisationName: string;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation('screening');
  const { t: tc } = useTranslation();
  const parties = useAsync(() => api.parties(organisationId), [api, organisationId]);
  const [name, setName] = useState('');
  const [type, setType] = useState<PartyType>('any');
  const [dob, setDob] = useState('');
  const [country, setCountry] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const created = await api.addParty({
        organisationId,
        name: name.trim(),
        type,
        ...(dob.trim() ? { dob: dob.trim() } : {}),
        ...(country.trim() ? { country: country.trim().toUpperCase() } : {}),
      });
      setNotice(t('parties.added', { name: created.party.name, count: created.hits.length }));
      setName('');
      setDob('');
      setCountry('');
      parties.reload();
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const list = [...(parties.data?.parties ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel screening-parties" aria-labelledby="screening-parties-title">
      <h2 id="screening-parties-title">{t('parties.title')}</h2>
      <p className="hint">{t('parties.intro')}</p>
      <ErrorAlert error={parties.error} />
      {parties.data && list.length === 0 && <p>{t('parties.empty')}</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">
              {t('parties.caption', { organisation: organisationName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('parties.name')}</th>
                <th scope="col">{t('parties.type')}</th>
                <th scope="col">{t('parties.dob')}</th>
                <th scope="col">{t('parties.country')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="cell-title">
                    {p.name}
                    <span className="muted"> · {formatDateTime(p.createdAt, i18n.language)}</span>
                  </th>
                  <td data-label={t('parties.type')}>
                    {t(`types.${p.type as PartyType}`, { defaultValue: p.type })}
                  </td>
                  <td data-label={t('parties.dob')}>{p.dob ?? tc('common.none')}</td>
                  <td data-label={t('parties.country')}>{p.country ?? tc('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('parties.add')}</h3>
      <Notice>{notice}</Notice>
      <form onSubmit={submit}>
        <ErrorAlert
          error={error}
          fieldLabels={{ name: t('parties.name'), dob: t('parties.dob'), country: t('parties.country') }}
        />
        <div className="form-grid">
          <Field label={t('parties.name')} error={fieldError(error, 'name')}>
            <input
              required
              maxLength={300}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field label={t('parties.type')}>
            <select value={type} onChange={(e) => setType(e.target.value as PartyType)}>
              {PARTY_TYPES.map((p) => (
                <option key={p} value={p}>
                  {t(`types.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('parties.dob')}
            optional
            hint={t('screen.dobHint')}
            error={fieldError(error, 'dob')}
          >
            <input autoComplete="off" value={dob} onChange={(e) => setDob(e.target.value)} />
          </Field>
          <Field
            label={t('parties.country')}
            optional
            hint={t('screen.countryHint')}
            error={fieldError(error, 'country')}
          >
            <input
              autoComplete="off"
              maxLength={3}
              className="input-mono"
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('parties.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
