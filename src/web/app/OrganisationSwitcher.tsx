import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useErrorMessage } from '../components/ErrorAlert.tsx';
import { useAsync } from '../lib/use-async.ts';
import { useSession } from './session.tsx';

/**
 * Chooses the organisation the user works for. Members choose among their memberships;
 * installation administrators may also enter any other organisation (to set up its members).
 */
export function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { info, update } = useSession();
  const id = useId();
  const messageOf = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const installationAdmin = info.user.isInstallationAdmin;
  const all = useAsync(
    () => (installationAdmin ? api.organisations.list() : Promise.resolve({ organisations: [] })),
    [installationAdmin, info.activeOrganisationId],
  );
  const memberOf = new Set(info.user.memberships.map((m) => m.organisationId));
  const others = (all.data?.organisations ?? []).filter((o) => !memberOf.has(o.id));

  async function change(organisationId: string) {
    setBusy(true);
    setError(null);
    try {
      update(await api.session.switchOrganisation(organisationId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (info.user.memberships.length === 0 && others.length === 0) return null;
  const activeKnown =
    memberOf.has(info.activeOrganisationId ?? '') || others.some((o) => o.id === info.activeOrganisationId);
  return (
    <div className="control">
      <label htmlFor={id} className="control-label">
        {t('header.organisation')}
      </label>
      <select
        id={id}
        value={info.activeOrganisationId ?? ''}
        disabled={busy}
        onChange={(e) => change(e.target.value)}
      >
        {!activeKnown && <option value="">{t('header.noOrganisation')}</option>}
        {others.length > 0 ? (
          <>
            <optgroup label={t('header.yourOrganisations')}>
              {info.user.memberships.map((m) => (
                <option key={m.organisationId} value={m.organisationId}>
                  {m.organisationName}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('header.otherOrganisations')}>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          </>
        ) : (
          info.user.memberships.map((m) => (
            <option key={m.organisationId} value={m.organisationId}>
              {m.organisationName}
            </option>
          ))
        )}
      </select>
      {error ? (
        <span className="control-error" role="alert">
          {messageOf(error)}
        </span>
      ) : null}
    </div>
  );
}
