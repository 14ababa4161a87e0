import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.tsx';
import { activeRole } from '../lib/access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function HomePage() {
  const { t } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('nav.home'));
  const membership = info.user.memberships.find((m) => m.organisationId === info.activeOrganisationId);
  const role = activeRole(info);

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

      <section className="panel" aria-labelledby="home-next">
        <h2 id="home-next">{t('home.nextTitle')}</h2>
        <p>{t('home.nextIntro')}</p>
        <ul className="module-list">
          <li>
            <strong>{t('home.next.registryTitle')}</strong> {t('home.next.registry')}
          </li>
          <li>
            <strong>{t('home.next.recoveryTitle')}</strong> {t('home.next.recovery')}
          </li>
          <li>
            <strong>{t('home.next.screeningTitle')}</strong> {t('home.next.screening')}
          </li>
        </ul>
      </section>
    </>
  );
}
