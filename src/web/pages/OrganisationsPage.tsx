import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOrganisation } from '../../modules/identity/contracts/organisations.ts';
import {
  CONFIDENTIALITY_LEVELS,
  type Confidentiality,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '../../reference/vocab.ts';
import { api, type Organisation } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { ErrorAlert, fieldError } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { isAdminOf } from '../lib/access.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; organisation: Organisation };

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { info, update } = useSession();
  usePageTitle(t('orgs.title'));
  const list = useAsync(() => api.organisations.list(), []);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');
  const [switchError, setSwitchError] = useState<unknown>(null);
  const installationAdmin = info.user.isInstallationAdmin;
  const memberOf = new Set(info.user.memberships.map((m) => m.organisationId));

  async function create(values: CreateOrganisation) {
    const org = await api.organisations.create(values);
    setMode({ kind: 'list' });
    setNotice(t('orgs.created', { name: org.name }));
    list.reload();
  }

  async function save(id: string, values: CreateOrganisation) {
    const org = await api.organisations.update(id, values);
    setMode({ kind: 'list' });
    setNotice(t('orgs.saved', { name: org.name }));
    list.reload();
  }

  async function workIn(org: Organisation) {
    setSwitchError(null);
    try {
      update(await api.session.switchOrganisation(org.id));
      setNotice(t('orgs.switched', { name: org.name }));
    } catch (e) {
      setSwitchError(e);
    }
  }

  const organisations = list.data?.organisations ?? [];
  return (
    <>
      <div className="page-header">
        <h1>{t('orgs.title')}</h1>
        {installationAdmin && mode.kind === 'list' && (
          <button type="button" className="button button-primary" onClick={() => setMode({ kind: 'add' })}>
            {t('orgs.add')}
          </button>
        )}
      </div>
      <p className="lead">{installationAdmin ? t('orgs.introInstallation') : t('orgs.intro')}</p>
      <Notice>{notice}</Notice>
      <ErrorAlert error={switchError} />

      {mode.kind === 'add' && (
        <section className="panel" aria-labelledby="org-form-title">
          <h2 id="org-form-title">{t('orgs.addTitle')}</h2>
          <OrganisationForm
            submitLabel={t('orgs.create')}
            onSubmit={create}
            onCancel={() => setMode({ kind: 'list' })}
          />
        </section>
      )}
      {mode.kind === 'edit' && (
        <section className="panel" aria-labelledby="org-form-title">
          <h2 id="org-form-title">{t('orgs.editTitle', { name: mode.organisation.name })}</h2>
          <OrganisationForm
            initial={mode.organisation}
            submitLabel={t('common.save')}
            onSubmit={(values) => save(mode.organisation.id, values)}
            onCancel={() => setMode({ kind: 'list' })}
          />
        </section>
      )}

      <ErrorAlert error={list.error} />
      {list.loading && !list.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {list.data && organisations.length === 0 && <p>{t('orgs.empty')}</p>}
      {organisations.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('orgs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orgs.name')}</th>
                <th scope="col">{t('orgs.kind')}</th>
                <th scope="col">{t('orgs.country')}</th>
                <th scope="col">{t('orgs.confidentiality')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((org) => {
                const active = org.id === info.activeOrganisationId;
                const canSwitch = !active && (memberOf.has(org.id) || installationAdmin);
                const canEdit = isAdminOf(info, org.id);
                return (
                  <tr key={org.id}>
                    <th scope="row" className="cell-title">
                      {org.name}
                      {active && <span className="badge badge-active">{t('orgs.active')}</span>}
                    </th>
                    <td data-label={t('orgs.kind')}>{t(`kinds.${org.kind}`)}</td>
                    <td data-label={t('orgs.country')}>
                      {org.country ?? <span className="muted">{t('common.none')}</span>}
                    </td>
                    <td data-label={t('orgs.confidentiality')}>
                      <span className={`level level-${org.confidentiality}`}>
                        {t(`confidentiality.${org.confidentiality}`)}
                      </span>
                    </td>
                    <td className="cell-actions">
                      {canEdit && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setMode({ kind: 'edit', organisation: org })}
                          aria-label={t('orgs.editNamed', { name: org.name })}
                        >
                          {t('common.edit')}
                        </button>
                      )}
                      {canSwitch && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => workIn(org)}
                          aria-label={t('orgs.workInNamed', { name: org.name })}
                        >
                          {t('orgs.workIn')}
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

interface OrganisationFormProps {
  initial?: Organisation;
  submitLabel: string;
  onSubmit: (values: CreateOrganisation) => Promise<void>;
  onCancel: () => void;
}

function OrganisationForm({ initial, submitLabel, onSubmit, onCancel }: OrganisationFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(initial?.kind ?? 'national_authority');
  const [country, setCountry] = useState(initial?.country ?? '');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>(
    initial?.confidentiality ?? 'restricted',
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Every field is sent, also on edit: a missing confidentiality would fall back to its default.
      await onSubmit({
        name: name.trim(),
        kind,
        country: country.trim() ? country.trim().toUpperCase() : null,
        confidentiality,
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    name: t('orgs.name'),
    kind: t('orgs.kind'),
    country: t('orgs.country'),
    confidentiality: t('orgs.confidentiality'),
  };
  return (
    <form onSubmit={submit}>
      <ErrorAlert error={error} fieldLabels={labels} />
      <div className="form-grid">
        <Field label={labels.name} error={fieldError(error, 'name')}>
          <input
            required
            minLength={2}
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={labels.kind} error={fieldError(error, 'kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={labels.country}
          hint={t('orgs.countryHint')}
          optional
          error={fieldError(error, 'country')}
        >
          <input
            className="input-short"
            maxLength={3}
            pattern="[A-Za-z]{3}"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={country}
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
          />
        </Field>
        <Field label={labels.confidentiality} error={fieldError(error, 'confidentiality')}>
          <select
            value={confidentiality}
            onChange={(e) => setConfidentiality(e.target.value as Confidentiality)}
          >
            {CONFIDENTIALITY_LEVELS.map((c) => (
              <option key={c} value={c}>
                {t(`confidentiality.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
