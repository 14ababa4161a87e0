import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTY_TYPES } from '../../../modules/screening/contracts.ts';
import {
  type Hit,
  type PartyType,
  type ScreenQueryInput,
  type ScreenResult,
  useScreeningApi,
  versionLabel,
} from '../../api/screening.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { CandidateCard } from '../../components/screening/CandidateCard.tsx';
import { HitDecision } from '../../components/screening/HitDecision.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ScreeningNav } from './ScreeningNav.tsx';

const key = (source: string, ref: string) => `${source}|${ref}`;

export function ScreeningPage() {
  const { t, i18n } = useTranslation('screening');
  const { info } = useSession();
  usePageTitle(t('screen.title'));
  const api = useScreeningApi();
  const organisationId = info.activeOrganisationId;
  const lists = useAsync(() => api.lists(), [api]);

  const [name, setName] = useState('');
  const [type, setType] = useState<PartyType>('any');
  const [dob, setDob] = useState('');
  const [country, setCountry] = useState('');
  const [threshold, setThreshold] = useState('0.8');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ScreenResult | null>(null);
  const [recorded, setRecorded] = useState<Map<string, Hit>>(new Map());
  const [notice, setNotice] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const query: ScreenQueryInput = { name: name.trim(), type };
      if (dob.trim()) query.dob = dob.trim();
      if (country.trim()) query.country = country.trim().toUpperCase();
      const value = Number(threshold);
      setResult(await api.screen([query], Number.isFinite(value) ? value : undefined));
      setRecorded(new Map());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const first = result?.results[0];
  const candidates = [...(first?.results ?? [])].sort((a, b) => b.score - a.score);

  async function record() {
    if (!first || !organisationId) return;
    setBusy(true);
    setError(null);
    try {
      const { hits } = await api.recordHits(organisationId, first.query, candidates);
      setRecorded(new Map(hits.map((h) => [key(h.source, h.ref), h])));
      setNotice(t('screen.recorded', { count: hits.length }));
      lists.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    'queries.0.name': t('screen.name'),
    'queries.0.type': t('screen.type'),
    'queries.0.dob': t('screen.dob'),
    'queries.0.country': t('screen.country'),
    threshold: t('screen.threshold'),
  };
  const versionsUsed = result?.listVersion ?? '';

  return (
    <>
      <ScreeningNav />
      <h1>{t('screen.title')}</h1>
      <p className="lead">{t('screen.intro')}</p>
      <section className="panel">
        <form onSubmit={submit}>
          <ErrorAlert error={error} fieldLabels={labels} />
          <div className="form-grid">
            <Field label={t('screen.name')} error={fieldError(error, 'queries.0.name')}>
              <input
                required
                maxLength={300}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field label={t('screen.type')}>
              <select value={type} onChange={(e) => setType(e.target.value as PartyType)}>
                {PARTY_TYPES.map((p) => (
                  <option key={p} value={p}>
                    {t(`types.${p}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label={t('screen.dob')}
              optional
              hint={t('screen.dobHint')}
              error={fieldError(error, 'queries.0.dob')}
            >
              <input
                autoComplete="off"
                inputMode="numeric"
                pattern="\d{4}(-\d{2}(-\d{2})?)?"
                value={dob}
                onChange={(e) => setDob(e.target.value)}
              />
            </Field>
            <Field
              label={t('screen.country')}
              optional
              hint={t('screen.countryHint')}
              error={fieldError(error, 'queries.0.country')}
            >
              <input
                autoComplete="off"
                maxLength={3}
                pattern="[A-Za-z]{3}"
                className="input-mono"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
              />
            </Field>
            <Field
              label={t('screen.threshold')}
              hint={t('screen.thresholdHint')}
              error={fieldError(error, 'threshold')}
            >
              <input
                type="number"
                min={0}
                max={1}
                step={0.01}
                required
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
              />
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('screen.submit')}
            </button>
          </div>
        </form>
      </section>

      {lists.data && lists.data.versions.length === 0 && (
        <div className="alert alert-warning" role="status">
          {t('screen.noLists')}
        </div>
      )}

      {result && first && (
        <section aria-labelledby="screening-results-title">
          <h2 id="screening-results-title">
            {t('screen.resultsTitle', { name: String(first.query.name ?? '') })}
          </h2>
          <p className="muted screening-versions">
            {t('screen.versions', { versions: versionsUsed })}
            <br />
            {t('screen.thresholdUsed', { threshold: formatNumber(result.threshold, i18n.language) })}
          </p>
          {candidates.length === 0 ? (
            <p className="screening-none">{t('screen.none')}</p>
          ) : (
            <>
              <div className="alert alert-warning screening-warning">
                <p className="alert-title">{t('screen.scoreWarning')}</p>
                <p>{t('screen.scoreWarningDetail')}</p>
              </div>
              <p>{t('screen.count', { count: candidates.length })}</p>
              <Notice>{notice}</Notice>
              {candidates.map((c) => {
                const hit = recorded.get(key(c.source, c.ref));
                return (
                  <CandidateCard
                    key={key(c.source, c.ref)}
                    source={c.source}
                    ref_={c.ref}
                    name={c.name}
                    matchedName={c.matchedName}
                    score={c.score}
                    explanation={c.explanation}
                    type={c.type}
                  >
                    {hit && (
                      <HitDecision
                        hit={hit}
                        api={api}
                        versionName={versionLabel(lists.data?.versions, hit.listVersionId)}
                        onDecided={(h) => setRecorded((m) => new Map(m).set(key(h.source, h.ref), h))}
                      />
                    )}
                  </CandidateCard>
                );
              })}
              {organisationId ? (
                recorded.size === 0 && (
                  <div className="form-actions screening-record">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy}
                      onClick={() => void record()}
                    >
                      {t('screen.record')}
                    </button>
                  </div>
                )
              ) : (
                <p className="hint">{t('noOrganisation')}</p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
