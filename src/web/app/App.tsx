import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { ChangePasswordPage } from '../pages/ChangePasswordPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { OrganisationsPage } from '../pages/OrganisationsPage.tsx';
import { ImportPage } from '../pages/registry/ImportPage.tsx';
import { LabelsPage } from '../pages/registry/LabelsPage.tsx';
import { LotPage } from '../pages/registry/LotPage.tsx';
import { LotsPage } from '../pages/registry/LotsPage.tsx';
import { RegisterWeaponPage } from '../pages/registry/RegisterWeaponPage.tsx';
import { RegistryLayout } from '../pages/registry/RegistryLayout.tsx';
import { RegistryListPage } from '../pages/registry/RegistryListPage.tsx';
import { WeaponPage } from '../pages/registry/WeaponPage.tsx';
import { SessionsPage } from '../pages/SessionsPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { DesignationPage } from '../pages/screening/DesignationPage.tsx';
import { HitsPage } from '../pages/screening/HitsPage.tsx';
import { ListsPage } from '../pages/screening/ListsPage.tsx';
import { ScreeningPage } from '../pages/screening/ScreeningPage.tsx';
import { TokensPage } from '../pages/TokensPage.tsx';
import { UsersPage } from '../pages/UsersPage.tsx';
import { RequireAdmin } from './RequireAdmin.tsx';
import { PlainLayout, Shell } from './Shell.tsx';
import { SessionProvider, useSessionState } from './session.tsx';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </BrowserRouter>
  );
}

/**
 * Decides what may be shown: the sign-in page until there is a session, then the forced
 * password change while the account still has a one-time password, then the application.
 */
function Gate() {
  const { t } = useTranslation();
  const { state, refresh, signOut } = useSessionState();

  if (state.status === 'loading') {
    return (
      <PlainLayout>
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      </PlainLayout>
    );
  }
  if (state.status === 'failed') {
    return (
      <PlainLayout>
        <h1>{t('errors.startTitle')}</h1>
        <ErrorAlert error={state.error} />
        <button type="button" className="button button-primary" onClick={() => void refresh()}>
          {t('common.retry')}
        </button>
      </PlainLayout>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <PlainLayout>
        <SignInPage expired={state.expired} />
      </PlainLayout>
    );
  }
  if (state.info.user.mustChangePassword) {
    return (
      <PlainLayout
        actions={
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('userMenu.signOut')}
          </button>
        }
      >
        <ChangePasswordPage forced />
      </PlainLayout>
    );
  }
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="registry" element={<RegistryLayout />}>
          <Route index element={<RegistryListPage />} />
          <Route path="new" element={<RegisterWeaponPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="labels" element={<LabelsPage />} />
          <Route path="weapons/:id" element={<WeaponPage />} />
          <Route path="lots" element={<LotsPage />} />
          <Route path="lots/:id" element={<LotPage />} />
        </Route>
        <Route path="screening" element={<ScreeningPage />} />
        <Route path="screening/hits" element={<HitsPage />} />
        <Route path="screening/lists" element={<ListsPage />} />
        <Route path="screening/designations/:source/:ref" element={<DesignationPage />} />
        <Route path="organisations" element={<OrganisationsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="tokens" element={<TokensPage />} />
        <Route
          path="audit"
          element={
            <RequireAdmin>
              <AuditPage />
            </RequireAdmin>
          }
        />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="account/sessions" element={<SessionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
