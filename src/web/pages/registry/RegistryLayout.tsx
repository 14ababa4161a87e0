import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { api, type RegistryVocabulary, type Site, type Vocabulary } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { allows, loadVocabulary } from '../../lib/permissions.ts';
import { RegistryContext, type RegistryContextValue } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';

let registryVocabulary: Promise<RegistryVocabulary> | null = null;

function loadRegistryVocabulary(): Promise<RegistryVocabulary> {
  registryVocabulary ??= api.registry.vocab().catch((error: unknown) => {
    registryVocabulary = null;
    throw error;
  });
  return registryVocabulary;
}

/**
 * The frame of every registry page: loads the vocabularies, the permissions and the organisation's
 * sites once, checks that the user may read the registry of the organisation they work for, and
 * shows the registry's own navigation.
 */
export function RegistryLayout() {
  const { t } = useTranslation();
  const { info } = useSession();
  const { pathname } = useLocation();
  const inLots = pathname.startsWith('/registry/lots');
  const inImport = pathname.startsWith('/registry/import');
  const organisationId = info.activeOrganisationId;
  const membershipName =
    info.user.memberships.find((m) => m.organisationId === organisationId)?.organisationName ?? '';
  const loaded = useAsync(
    () =>
      Promise.all([loadRegistryVocabulary(), loadVocabulary()]).then(
        ([vocab, roles]) => ({ vocab, roles }) as { vocab: RegistryVocabulary; roles: Vocabulary },
      ),
    [],
  );
  const sites = useAsync(
    () => (organisationId ? api.registry.sites(organisationId) : Promise.resolve({ sites: [] as Site[] })),
    [organisationId],
  );
  const org = useAsync(
    () => (organisationId && !membershipName ? api.organisations.get(organisationId) : Promise.resolve(null)),
    [organisationId, membershipName],
  );

  const value = useMemo<RegistryContextValue | null>(() => {
    if (!loaded.data || !organisationId) return null;
    return {
      vocab: loaded.data.vocab,
      organisationId,
      organisationName: membershipName || org.data?.name || '',
      canWrite: allows(info, loaded.data.roles, 'registry.write'),
      sites: [...(sites.data?.sites ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
      reloadSites: sites.reload,
    };
  }, [loaded.data, organisationId, membershipName, org.data, info, sites.data, sites.reload]);

  if (!organisationId) {
    return (
      <>
        <h1>{t('registry.title')}</h1>
        <p>{t('registry.noOrganisation')}</p>
      </>
    );
  }
  if (loaded.error) {
    return (
      <>
        <h1>{t('registry.title')}</h1>
        <ErrorAlert error={loaded.error} />
        <button type="button" className="button" onClick={loaded.reload}>
          {t('common.retry')}
        </button>
      </>
    );
  }
  if (!value) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (!allows(info, loaded.data?.roles, 'registry.read')) {
    return (
      <>
        <h1>{t('registry.title')}</h1>
        <p>{t('registry.notAllowed')}</p>
      </>
    );
  }
  return (
    <RegistryContext.Provider value={value}>
      <nav className="subnav" aria-label={t('registry.sections')}>
        <ul>
          <li>
            {/* Weapons stays current on a weapon's page, the register form and the labels. */}
            <NavLink to="/registry" end className={() => (!inLots && !inImport ? 'active' : undefined)}>
              {t('registry.nav.weapons')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/registry/lots">{t('registry.nav.lots')}</NavLink>
          </li>
          {value.canWrite && (
            <li>
              <NavLink to="/registry/import">{t('registry.nav.import')}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <ErrorAlert error={sites.error} />
      <Outlet />
    </RegistryContext.Provider>
  );
}
