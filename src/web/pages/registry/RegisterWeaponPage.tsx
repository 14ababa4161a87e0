import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../reference/vocab.ts';
import { api, type RegisterWeapon } from '../../api/client.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import {
  emptyMarking,
  type MarkingDraft,
  MarkingFields,
  markingBody,
} from '../../components/registry/MarkingFields.tsx';
import { SiteSelect } from '../../components/registry/SiteSelect.tsx';
import { todayIso } from '../../lib/format.ts';
import { compact, itemLabel, useRegistry, useVocabLabel, useVocabOptions } from '../../lib/registry.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const GROUP_ORDER = ['small_arms', 'light_weapons', 'parts', 'major_conventional'] as const;

interface Draft {
  serial: string;
  nationalRegistrationNumber: string;
  category: string;
  make: string;
  model: string;
  calibre: string;
  countryOfManufacture: string;
  yearOfManufacture: string;
  importCountry: string;
  importYear: string;
  condition: string;
  siteId: string;
  holder: string;
  occurredOn: string;
  notes: string;
  confidentiality: Confidentiality;
}

/**
 * Registers one weapon, asking for the ITI marking elements in the order they are read on the
 * weapon: the frame or receiver serial first, then the manufacturer's marking, the import marking and
 * any other marks, and last the weapon's condition and whereabouts.
 */
export function RegisterWeaponPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('registry.register.title'));
  const { organisationId, canWrite, vocab } = useRegistry();
  const label = useVocabLabel();
  const options = useVocabOptions();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>({
    serial: '',
    nationalRegistrationNumber: '',
    category: '',
    make: '',
    model: '',
    calibre: '',
    countryOfManufacture: '',
    yearOfManufacture: '',
    importCountry: '',
    importYear: '',
    condition: 'unknown',
    siteId: '',
    holder: '',
    occurredOn: todayIso(),
    notes: '',
    confidentiality: 'restricted',
  });
  const [markings, setMarkings] = useState<MarkingDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [issueCode, setIssueCode] = useState(false);

  if (!canWrite) {
    return (
      <>
        <h1>{t('registry.register.title')}</h1>
        <p>{t('registry.readOnly')}</p>
      </>
    );
  }

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [k]: e.target.value }));
    // A message about a field goes once the field is changed; either identifier answers the serial's.
    const answered = k === 'nationalRegistrationNumber' ? 'serial' : k;
    if (localError[answered]) setLocalError(({ [answered]: _, ...rest }) => rest);
  };
  const unreadable = [...draft.serial].filter((c) => c === '?').length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!draft.category) missing.category = t('registry.register.categoryMissing');
    if (!draft.serial.trim() && !draft.nationalRegistrationNumber.trim() && !issueCode)
      missing.serial = t('registry.register.identityMissing');
    setLocalError(missing);
    if (Object.keys(missing).length) {
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: RegisterWeapon = {
        organisationId,
        confidentiality: draft.confidentiality,
        category: draft.category,
        condition: draft.condition,
        ...compact({
          serial: draft.serial,
          nationalRegistrationNumber: draft.nationalRegistrationNumber,
          make: draft.make,
          model: draft.model,
          calibre: draft.calibre,
          countryOfManufacture: draft.countryOfManufacture.toUpperCase(),
          importCountry: draft.importCountry.toUpperCase(),
          siteId: draft.siteId,
          holder: draft.holder,
          notes: draft.notes,
          occurredOn: draft.occurredOn,
        }),
        ...(draft.yearOfManufacture ? { yearOfManufacture: Number(draft.yearOfManufacture) } : {}),
        ...(issueCode ? { issueNationalMarkingCode: true } : {}),
        ...(draft.importYear ? { importYear: Number(draft.importYear) } : {}),
        markings: markings.filter((m) => m.text.trim()).map(markingBody),
      };
      const weapon = await api.weapons.register(body);
      navigate(`/registry/weapons/${weapon.id}`, { state: { registered: true } });
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0 });
    } finally {
      setBusy(false);
    }
  }

  const fieldLabels = {
    serial: t('registry.fields.serial'),
    nationalRegistrationNumber: t('registry.fields.nationalRegistrationNumber'),
    category: t('registry.fields.category'),
    make: t('registry.fields.make'),
    model: t('registry.fields.model'),
    calibre: t('registry.fields.calibre'),
    countryOfManufacture: t('registry.fields.countryOfManufacture'),
    yearOfManufacture: t('registry.fields.yearOfManufacture'),
    importCountry: t('registry.fields.importCountry'),
    importYear: t('registry.fields.importYear'),
    condition: t('registry.fields.condition'),
    siteId: t('registry.fields.site'),
    holder: t('registry.fields.holder'),
    occurredOn: t('registry.register.occurredOn'),
    notes: t('registry.fields.notes'),
    confidentiality: t('registry.fields.confidentiality'),
  };
  const labels: typeof fieldLabels & Record<string, string> = { ...fieldLabels };
  markings.forEach((_, i) => {
    for (const f of ['kind', 'text', 'script', 'transliteration', 'position'])
      labels[`markings.${i}.${f}`] =
        `${t('registry.marking.legend', { n: i + 1 })}, ${t(`registry.marking.${f as 'kind'}`)}`;
  });
  const err = (field: string) => localError[field] ?? fieldError(error, field);
  const categories = GROUP_ORDER.map((group) => ({
    group,
    items: vocab.categories.filter((c) => c.group === group && c.trackedBy === 'piece'),
  })).filter((g) => g.items.length > 0);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">{t('registry.list.title')}</Link>
      </p>
      <h1>{t('registry.register.title')}</h1>
      <p className="lead">{t('registry.register.intro')}</p>
      <ErrorAlert error={error} fieldLabels={labels} />
      {Object.keys(localError).length > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('errors.checkFields')}</p>
          <ul>
            {Object.entries(localError).map(([field, message]) => (
              <li key={field}>
                {labels[field]}: {message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <form onSubmit={submit} noValidate className="steps-form">
        <section className="panel step" aria-labelledby="step-serial">
          <h2 id="step-serial">
            <span className="step-number" aria-hidden="true">
              1
            </span>
            {t('registry.register.serialTitle')}
          </h2>
          <p className="hint">{t('registry.register.serialIntro')}</p>
          <Field label={labels.serial} hint={t('registry.register.serialHint')} error={err('serial')}>
            <input
              className="input-mono input-serial"
              value={draft.serial}
              onChange={set('serial')}
              maxLength={100}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
            />
          </Field>
          {unreadable > 0 && (
            <p className="hint serial-note" aria-live="polite">
              {t('registry.register.unreadable', { count: unreadable })}
            </p>
          )}
          <Field
            label={labels.nationalRegistrationNumber}
            optional
            hint={t('registry.register.registrationHint')}
            error={err('nationalRegistrationNumber')}
          >
            <input
              className="input-mono"
              value={draft.nationalRegistrationNumber}
              onChange={set('nationalRegistrationNumber')}
              maxLength={100}
              autoComplete="off"
            />
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={issueCode} onChange={(e) => setIssueCode(e.target.checked)} />{' '}
            {t('registry.register.issueCode')}
          </label>
          <p className="hint">{t('registry.register.issueCodeHint')}</p>
        </section>

        <section className="panel step" aria-labelledby="step-manufacture">
          <h2 id="step-manufacture">
            <span className="step-number" aria-hidden="true">
              2
            </span>
            {t('registry.register.manufactureTitle')}
          </h2>
          <p className="hint">{t('registry.register.manufactureIntro')}</p>
          <div className="form-grid">
            <Field label={labels.category} error={err('category')}>
              <select value={draft.category} onChange={set('category')} required>
                <option value="">{t('registry.register.chooseCategory')}</option>
                {categories.map((g) => (
                  <optgroup key={g.group} label={t(`registry.groups.${g.group}`)}>
                    {g.items.map((c) => (
                      <option key={c.code} value={c.code}>
                        {itemLabel(c, i18n.language)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            <Field label={labels.make} optional hint={t('registry.register.makeHint')} error={err('make')}>
              <input value={draft.make} onChange={set('make')} maxLength={200} autoComplete="off" />
            </Field>
            <Field label={labels.model} optional error={err('model')}>
              <input value={draft.model} onChange={set('model')} maxLength={200} autoComplete="off" />
            </Field>
            <Field
              label={labels.calibre}
              optional
              hint={t('registry.register.calibreHint')}
              error={err('calibre')}
            >
              <input
                value={draft.calibre}
                onChange={set('calibre')}
                maxLength={100}
                list="register-calibres"
                autoComplete="off"
              />
            </Field>
            <Field
              label={labels.countryOfManufacture}
              optional
              hint={t('registry.register.countryHint')}
              error={err('countryOfManufacture')}
            >
              <input
                className="input-short"
                value={draft.countryOfManufacture}
                onChange={set('countryOfManufacture')}
                maxLength={3}
                autoComplete="off"
              />
            </Field>
            <Field
              label={labels.yearOfManufacture}
              optional
              hint={t('registry.register.yearHint')}
              error={err('yearOfManufacture')}
            >
              <input
                className="input-year"
                type="number"
                inputMode="numeric"
                min={1800}
                max={2100}
                value={draft.yearOfManufacture}
                onChange={set('yearOfManufacture')}
              />
            </Field>
          </div>
          <datalist id="register-calibres">
            {vocab.calibres.map((c) => (
              <option key={c.code} value={c.code}>
                {label('calibres', c.code)}
              </option>
            ))}
          </datalist>
        </section>

        <section className="panel step" aria-labelledby="step-import">
          <h2 id="step-import">
            <span className="step-number" aria-hidden="true">
              3
            </span>
            {t('registry.register.importTitle')}
          </h2>
          <p className="hint">{t('registry.register.importIntro')}</p>
          <div className="form-grid">
            <Field
              label={labels.importCountry}
              optional
              hint={t('registry.register.countryHint')}
              error={err('importCountry')}
            >
              <input
                className="input-short"
                value={draft.importCountry}
                onChange={set('importCountry')}
                maxLength={3}
                autoComplete="off"
              />
            </Field>
            <Field label={labels.importYear} optional error={err('importYear')}>
              <input
                className="input-year"
                type="number"
                inputMode="numeric"
                min={1800}
                max={2100}
                value={draft.importYear}
                onChange={set('importYear')}
              />
            </Field>
          </div>
        </section>

        <section className="panel step" aria-labelledby="step-markings">
          <h2 id="step-markings">
            <span className="step-number" aria-hidden="true">
              4
            </span>
            {t('registry.register.markingsTitle')}
          </h2>
          <p className="hint">{t('registry.register.markingsIntro')}</p>
          {markings.map((m, i) => (
            <MarkingFields
              key={m.key}
              marking={m}
              number={i + 1}
              onChange={(next) => setMarkings((list) => list.map((x) => (x.key === m.key ? next : x)))}
              onRemove={() => setMarkings((list) => list.filter((x) => x.key !== m.key))}
              errorFor={(f) => fieldError(error, `markings.${i}.${f}`)}
            />
          ))}
          <button
            type="button"
            className="button"
            onClick={() => {
              setMarkings((list) => [...list, emptyMarking(nextKey)]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('registry.register.addMarking')}
          </button>
        </section>

        <section className="panel step" aria-labelledby="step-custody">
          <h2 id="step-custody">
            <span className="step-number" aria-hidden="true">
              5
            </span>
            {t('registry.register.custodyTitle')}
          </h2>
          <div className="form-grid">
            <Field label={labels.condition} error={err('condition')}>
              <select value={draft.condition} onChange={set('condition')}>
                {options('conditions').map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <SiteSelect
              label={labels.siteId}
              value={draft.siteId}
              onChange={(siteId) => setDraft((d) => ({ ...d, siteId }))}
              error={err('siteId')}
            />
            <Field
              label={labels.holder}
              optional
              hint={t('registry.register.holderHint')}
              error={err('holder')}
            >
              <input value={draft.holder} onChange={set('holder')} maxLength={200} autoComplete="off" />
            </Field>
            <Field
              label={labels.occurredOn}
              hint={t('registry.register.occurredOnHint')}
              error={err('occurredOn')}
            >
              <input type="date" value={draft.occurredOn} onChange={set('occurredOn')} />
            </Field>
            <Field
              label={labels.confidentiality}
              hint={t('registry.register.confidentialityHint')}
              error={err('confidentiality')}
            >
              <select value={draft.confidentiality} onChange={set('confidentiality')}>
                {CONFIDENTIALITY_LEVELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`confidentiality.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label={labels.notes} optional error={err('notes')}>
            <textarea rows={3} maxLength={4000} value={draft.notes} onChange={set('notes')} />
          </Field>
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('registry.register.submitting') : t('registry.register.submit')}
          </button>
          <Link to="/registry" className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
