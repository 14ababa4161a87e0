import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type WeaponDetail } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { QrCode } from '../../components/registry/QrCode.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useRegistry, useVocabLabel, weaponName } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const PARALLEL = 6;

/** Loads the weapons a few at a time, keeping their order; ids that cannot be read are reported. */
async function loadWeapons(ids: string[]): Promise<{ weapons: WeaponDetail[]; missing: string[] }> {
  const results: (WeaponDetail | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      try {
        results[i] = await api.weapons.get(ids[i]!);
      } catch {
        results[i] = null;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return {
    weapons: results.filter((w): w is WeaponDetail => w !== null),
    missing: ids.filter((_, i) => results[i] === null),
  };
}

/**
 * National marking labels (ITI para 8) for the weapons chosen in the registry: codes are issued to
 * those that have none, then every code is printed on a label with a QR code.
 */
export function LabelsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('registry.labels.title'));
  const { canWrite, organisationName } = useRegistry();
  const label = useVocabLabel();
  const [params] = useSearchParams();
  const ids = [...new Set((params.get('ids') ?? '').split(',').filter(Boolean))];
  const loaded = useAsync(() => loadWeapons(ids), [ids.join(',')]);
  const [codes, setCodes] = useState<Map<string, string>>(new Map());
  const [country, setCountry] = useState('');
  const [year, setYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const lng = i18n.language;

  const weapons = (loaded.data?.weapons ?? []).map((w) =>
    codes.has(w.id) ? { ...w, nationalMarkingCode: codes.get(w.id)! } : w,
  );
  const withoutCode = weapons.filter((w) => !w.nationalMarkingCode);
  const withCode = weapons.filter((w) => w.nationalMarkingCode);

  async function issue(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const { issued } = await api.weapons.issueMarkingCodes({
        weaponIds: withoutCode.map((w) => w.id),
        ...(country.trim() ? { country: country.trim().toUpperCase() } : {}),
        ...(year ? { year: Number(year) } : {}),
      });
      setCodes((prev) => {
        const next = new Map(prev);
        for (const i of issued) next.set(i.weaponId, i.code);
        return next;
      });
      setNotice(t('registry.labels.issued', { count: issued.length, n: formatNumber(issued.length, lng) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const summaryOf = (w: WeaponDetail) =>
    [weaponName(w) || label('categories', w.category), w.serial ?? w.nationalRegistrationNumber]
      .filter(Boolean)
      .join(' · ');

  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to="/registry">{t('registry.list.title')}</Link>
        </p>
        <div className="page-header">
          <h1>{t('registry.labels.title')}</h1>
          {withCode.length > 0 && (
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t('registry.labels.print', { count: withCode.length })}
            </button>
          )}
        </div>
        <p className="lead">{t('registry.labels.intro')}</p>
        {ids.length === 0 && (
          <p>
            {t('registry.labels.noneChosen')} <Link to="/registry">{t('registry.labels.choose')}</Link>
          </p>
        )}
        <ErrorAlert error={loaded.error} />
        {loaded.loading && !loaded.data && (
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        )}
        {loaded.data && loaded.data.missing.length > 0 && (
          <p className="alert alert-warning" role="status">
            {t('registry.labels.missing', { count: loaded.data.missing.length })}
          </p>
        )}
        <Notice>{notice}</Notice>
        <ErrorAlert error={error} />

        {withoutCode.length > 0 && (
          <section className="panel" aria-labelledby="issue-title">
            <h2 id="issue-title">{t('registry.labels.withoutTitle', { count: withoutCode.length })}</h2>
            <p>{t('registry.labels.withoutIntro')}</p>
            <ul className="plain-list weapon-list">
              {withoutCode.map((w) => (
                <li key={w.id}>
                  <Link to={`/registry/weapons/${w.id}`}>{summaryOf(w)}</Link>
                </li>
              ))}
            </ul>
            {canWrite ? (
              <form onSubmit={issue}>
                <div className="form-grid">
                  <Field
                    label={t('registry.labels.country')}
                    optional
                    hint={t('registry.labels.countryHint')}
                  >
                    <input
                      className="input-short"
                      maxLength={3}
                      value={country}
                      onChange={(e) => setCountry(e.target.value)}
                    />
                  </Field>
                  <Field label={t('registry.labels.year')} optional hint={t('registry.labels.yearHint')}>
                    <input
                      className="input-year"
                      type="number"
                      inputMode="numeric"
                      min={1900}
                      max={2100}
                      value={year}
                      onChange={(e) => setYear(e.target.value)}
                    />
                  </Field>
                </div>
                <div className="form-actions">
                  <button type="submit" className="button button-primary" disabled={busy}>
                    {busy
                      ? t('registry.labels.issuing')
                      : t('registry.labels.issue', { count: withoutCode.length })}
                  </button>
                </div>
              </form>
            ) : (
              <p className="hint">{t('registry.readOnly')}</p>
            )}
          </section>
        )}
        {withCode.length > 0 && <h2>{t('registry.labels.sheetTitle', { count: withCode.length })}</h2>}
      </div>

      {withCode.length > 0 && (
        <ul className="label-sheet" aria-label={t('registry.labels.sheetLabel')}>
          {withCode.map((w) => (
            <li key={w.id} className="label">
              <QrCode
                text={w.nationalMarkingCode!}
                label={t('registry.labels.qr', { code: w.nationalMarkingCode })}
              />
              <div className="label-text">
                <p className="label-code">{w.nationalMarkingCode}</p>
                <p className="label-weapon">{summaryOf(w)}</p>
                <p className="label-org">{organisationName}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
