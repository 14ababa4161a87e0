import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isAdminHere } from '../lib/access.ts';
import { useSession } from './session.tsx';

/** Shows its children only to administrators of the active organisation or of the installation. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { info } = useSession();
  if (isAdminHere(info)) return children;
  return (
    <>
      <h1>{t('errors.notAllowedTitle')}</h1>
      <p>{t('errors.notAllowed')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
