import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../modules/identity/contracts/users.ts';
import { ROLES, type Role } from '../../reference/vocab.ts';
import { api, type User } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { useConfirm } from '../components/ConfirmDialog.tsx';
import { ErrorAlert, fieldError } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { SecretBox } from '../components/SecretBox.tsx';
import { isAdminHere } from '../lib/access.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

interface Secret {
  email: string;
  password: string;
  reset: boolean;
}

export function UsersPage() {
  const { t } = useTranslation();
  const { info } = useSession();
  usePageTitle(t('users.title'));
  const organisationId = info.activeOrganisationId;
  const organisationName =
    info.user.memberships.find((m) => m.organisationId === organisationId)?.organisationName ?? '';
  const admin = isAdminHere(info);
  const list = useAsync(
    () => (organisationId ? api.users.list(organisationId) : Promise.resolve({ users: [] as User[] })),
    [organisationId],
  );
  const org = useAsync(
    () =>
      organisationId && !organisationName ? api.organisations.get(organisationId) : Promise.resolve(null),
    [organisationId, organisationName],
  );
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();

  if (!organisationId) {
    return (
      <>
        <h1>{t('users.title')}</h1>
        <p>{t('users.noOrganisation')}</p>
      </>
    );
  }
  const orgName = organisationName || org.data?.name || '';

  async function act(user: User, run: () => Promise<string | undefined>) {
    setBusyId(user.id);
    setActionError(null);
    setNotice('');
    try {
      const message = await run();
      if (message) setNotice(message);
      list.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  }

  const roleIn = (user: User): Role | undefined =>
    user.memberships.find((m) => m.organisationId === organisationId)?.role;

  function changeRole(user: User, role: Role) {
    return act(user, async () => {
      await api.users.setRole(user.id, { organisationId: organisationId!, role });
      return t('users.roleChanged', { name: user.name, role: t(`roles.${role}`) });
    });
  }

  async function toggleDisabled(user: User) {
    const disabling = !user.disabled;
    if (
      disabling &&
      !(await confirm({
        title: t('users.confirmDisableTitle', { name: user.name }),
        message: t('users.confirmDisable'),
        confirmLabel: t('users.disable'),
        danger: true,
      }))
    ) {
      return;
    }
    await act(user, async () => {
      await api.users.update(user.id, { disabled: disabling });
      return disabling
        ? t('users.disabledDone', { name: user.name })
        : t('users.enabledDone', { name: user.name });
    });
  }

  async function resetPassword(user: User) {
    const ok = await confirm({
      title: t('users.confirmResetTitle', { name: user.name }),
      message: t('users.confirmReset'),
      confirmLabel: t('users.resetPassword'),
    });
    if (!ok) return;
    await act(user, async () => {
      const { oneTimePassword } = await api.users.resetPassword(user.id);
      setSecret({ email: user.email, password: oneTimePassword, reset: true });
      return undefined;
    });
  }

  async function remove(user: User) {
    const ok = await confirm({
      title: t('users.confirmRemoveTitle', { name: user.name }),
      message: t('users.confirmRemove', { organisation: orgName }),
      confirmLabel: t('users.remove'),
      danger: true,
    });
    if (!ok) return;
    await act(user, async () => {
      await api.users.removeMembership(user.id, organisationId!);
      return t('users.removedDone', { name: user.name, organisation: orgName });
    });
  }

  const users = [...(list.data?.users ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      {confirmDialog}
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        {admin && !adding && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setAdding(true);
              setSecret(null);
              setNotice('');
            }}
          >
            {t('users.add')}
          </button>
        )}
      </div>
      <p className="lead">{t('users.intro', { organisation: orgName })}</p>
      {!admin && <p className="hint">{t('users.readOnly')}</p>}

      {secret && (
        <SecretBox
          title={
            secret.reset
              ? t('users.otpResetTitle', { email: secret.email })
              : t('users.otpTitle', { email: secret.email })
          }
          label={t('users.otpLabel')}
          secret={secret.password}
          explanation={t('users.otpExplanation')}
          onDismiss={() => setSecret(null)}
        />
      )}
      <Notice>{notice}</Notice>
      <ErrorAlert error={actionError} />

      {adding && (
        <section className="panel" aria-labelledby="user-form-title">
          <h2 id="user-form-title">{t('users.addTitle', { organisation: orgName })}</h2>
          <AddUserForm
            organisationId={organisationId}
            onCancel={() => setAdding(false)}
            onCreated={(created, email, passwordGiven) => {
              setAdding(false);
              if (created.oneTimePassword)
                setSecret({ email, password: created.oneTimePassword, reset: false });
              else
                setNotice(
                  passwordGiven
                    ? t('users.addedWithPassword', { email })
                    : t('users.addedExisting', { email }),
                );
              list.reload();
            }}
          />
        </section>
      )}

      <ErrorAlert error={list.error} />
      {list.loading && !list.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {list.data && users.length === 0 && <p>{t('users.empty')}</p>}
      {users.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('users.caption', { organisation: orgName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = user.id === info.user.id;
                const role = roleIn(user);
                const busy = busyId === user.id;
                return (
                  <tr key={user.id} aria-busy={busy || undefined}>
                    <th scope="row" className="cell-title">
                      {user.name}
                      {self && <span className="muted"> {t('users.you')}</span>}
                    </th>
                    <td data-label={t('users.email')} className="cell-wrap">
                      {user.email}
                    </td>
                    <td data-label={t('users.role')}>
                      {admin && !self && role ? (
                        <select
                          aria-label={t('users.roleOf', { name: user.name })}
                          value={role}
                          disabled={busy}
                          onChange={(e) => changeRole(user, e.target.value as Role)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(`roles.${r}`)}
                            </option>
                          ))}
                        </select>
                      ) : role ? (
                        t(`roles.${role}`)
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td data-label={t('users.status')}>
                      <span>
                        <span className={`status ${user.disabled ? 'status-off' : 'status-on'}`}>
                          {user.disabled ? t('users.statusDisabled') : t('users.statusActive')}
                        </span>
                        {user.mustChangePassword && !user.disabled && (
                          <span className="status-note">{t('users.mustChange')}</span>
                        )}
                      </span>
                    </td>
                    {admin && (
                      <td className="cell-actions">
                        {!self && (
                          <>
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() => toggleDisabled(user)}
                              aria-label={
                                user.disabled
                                  ? t('users.enableNamed', { name: user.name })
                                  : t('users.disableNamed', { name: user.name })
                              }
                            >
                              {user.disabled ? t('users.enable') : t('users.disable')}
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() => resetPassword(user)}
                              aria-label={t('users.resetPasswordNamed', { name: user.name })}
                            >
                              {t('users.resetPassword')}
                            </button>
                            <button
                              type="button"
                              className="button button-small button-danger-quiet"
                              disabled={busy}
                              onClick={() => remove(user)}
                              aria-label={t('users.removeNamed', { name: user.name })}
                            >
                              {t('users.remove')}
                            </button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {admin && <p className="hint">{t('users.roleChangeNote')}</p>}
    </>
  );
}

interface AddUserFormProps {
  organisationId: string;
  onCreated: (created: { oneTimePassword: string | null }, email: string, passwordGiven: boolean) => void;
  onCancel: () => void;
}

function AddUserForm({ organisationId, onCreated, onCancel }: AddUserFormProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.users.create({
        email: email.trim(),
        name: name.trim(),
        organisationId,
        role,
        ...(password ? { password } : {}),
      });
      onCreated(created, created.user.email, password !== '');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    email: t('users.email'),
    name: t('users.name'),
    role: t('users.role'),
    password: t('users.password'),
  };
  return (
    <form onSubmit={submit}>
      <ErrorAlert error={error} fieldLabels={labels} />
      <div className="form-grid">
        <Field label={labels.email} error={fieldError(error, 'email')}>
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={labels.name} error={fieldError(error, 'name')}>
          <input
            required
            maxLength={200}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={labels.role} error={fieldError(error, 'role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={labels.password}
          optional
          hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={fieldError(error, 'password')}
        >
          <input
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
      </div>
      <p className="hint">{t('users.existingHint')}</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('users.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
