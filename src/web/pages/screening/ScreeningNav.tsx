import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import '../../styles/screening.css';

/** The screening section's own navigation: screen a name, the hits and parties, and the lists. */
export function ScreeningNav() {
  const { t } = useTranslation('screening');
  return (
    <nav className="subnav" aria-label={t('subnav.label')}>
      <ul>
        <li>
          <NavLink to="/screening" end>
            {t('subnav.screen')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/screening/hits">{t('subnav.hits')}</NavLink>
        </li>
        <li>
          <NavLink to="/screening/lists">{t('subnav.lists')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
