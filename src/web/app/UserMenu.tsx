import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from './session.tsx';

/** Disclosure menu with the account's own pages and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { info, signOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  async function doSignOut() {
    setOpen(false);
    navigate('/');
    await signOut();
  }

  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t('userMenu.label')}: </span>
        <span className="user-menu-name">{info.user.name}</span>
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      <div id={id} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          <strong>{info.user.name}</strong>
          <span className="user-menu-email">{info.user.email}</span>
          {info.user.isInstallationAdmin && <span className="badge">{t('userMenu.installationAdmin')}</span>}
        </p>
        <ul>
          <li>
            <Link to="/account/password" onClick={() => setOpen(false)}>
              {t('userMenu.changePassword')}
            </Link>
          </li>
          <li>
            <Link to="/account/sessions" onClick={() => setOpen(false)}>
              {t('userMenu.sessions')}
            </Link>
          </li>
          <li>
            <button type="button" className="link-button" onClick={doSignOut}>
              {t('userMenu.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
