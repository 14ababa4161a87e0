import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { isAdminHere } from '../lib/access.ts';
import { usePermission } from '../lib/permissions.ts';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';
import { useSession } from './session.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header with switchers and account menu, main navigation, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const { info } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const admin = isAdminHere(info);
  const registry = usePermission(info, 'registry.read') && info.activeOrganisationId !== null;
  const { t: ts } = useTranslation('screening');
  const screening = usePermission(info, 'screening.run');

  // After client-side navigation, close the phone menu and move focus to the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of address.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const links = [
    { to: '/', label: t('nav.home'), end: true },
    ...(registry ? [{ to: '/registry', label: t('nav.registry') }] : []),
    ...(screening ? [{ to: '/screening', label: ts('nav') }] : []),
    { to: '/organisations', label: t('nav.organisations') },
    { to: '/users', label: t('nav.users') },
    { to: '/tokens', label: t('nav.tokens') },
    ...(admin ? [{ to: '/audit', label: t('nav.audit') }] : []),
  ];

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true" className="menu-icon" />
            {menuOpen ? t('nav.closeMenu') : t('nav.menu')}
          </button>
          <div id="site-menu" className={`site-menu${menuOpen ? ' open' : ''}`}>
            <nav className="mainnav" aria-label={t('nav.label')}>
              <ul>
                {links.map((l) => (
                  <li key={l.to}>
                    <NavLink to={l.to} end={l.end}>
                      {l.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="topbar-controls">
              <OrganisationSwitcher />
              <LanguageSwitcher />
              <UserMenu />
            </div>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/** The frame for signed-out pages and the forced password change: product name and language only. */
export function PlainLayout({ children, actions }: { children: React.ReactNode; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner topbar-plain">
          <span className="brand">{t('app.name')}</span>
          <div className="topbar-controls">
            <LanguageSwitcher />
            {actions}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page page-narrow">
        {children}
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
