import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../app/session.tsx';
import { activeRole } from '../lib/access.ts';
import { usePermission } from '../lib/permissions.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function HomePage() {
  const { t } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('nav.home'));
  const membership = info.user.memberships.find((m) => m.organisationId === info.activeOrganisationId);
  const role = activeRole(info);
  const inOrganisation = info.activeOrganisationId !== null;
  const canRead = usePermission(info, 'registry.read') && inOrganisation;
  const canWrite = usePermission(info, 'registry.write') && inOrganisation;

  return (
    <>
      <h1>{t('home.title', { name: info.user.name })}</h1>
      {membership && role ? (
        <p className="lead">
          {t('home.working', { organisation: membership.organisationName, role: t(`roles.${role}`) })}
        </p>
      ) : info.activeOrganisationId ? (
        <p className="lead">{t('home.workingAsInstallationAdmin')}</p>
      ) : (
        <p className="lead">{t('home.noOrganisation')}</p>
      )}
      {info.user.isInstallationAdmin && <p>{t('home.installationAdmin')}</p>}

      {canRead && (
        <section className="panel" aria-labelledby="home-registry">
          <h2 id="home-registry">{t('home.registryTitle')}</h2>
          <p>{t('home.registryIntro')}</p>
          <ul className="module-list">
            <li>
              <Link to="/registry">{t('home.registrySearch')}</Link>
            </li>
            {canWrite && (
              <>
                <li>
                  <Link to="/registry/new">{t('home.registryRegister')}</Link>
                </li>
                <li>
                  <Link to="/registry/import">{t('home.registryImport')}</Link>
                </li>
              </>
            )}
            <li>
              <Link to="/registry/lots">{t('home.registryLots')}</Link>
            </li>
          </ul>
        </section>
      )}

      <section className="panel" aria-labelledby="home-next">
        <h2 id="home-next">{t('home.nextTitle')}</h2>
        <p>{t('home.nextIntro')}</p>
        <ul className="module-list">
          <li>
            <strong>{t('home.next.recoveryTitle')}</strong> {t('home.next.recovery')}
          </li>
          <li>
            <strong>{t('home.next.tracingTitle')}</strong> {t('home.next.tracing')}
          </li>
          <li>
            <strong>{t('home.next.screeningTitle')}</strong> {t('home.next.screening')}
          </li>
        </ul>
      </section>
    </>
  );
}
