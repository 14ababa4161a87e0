import type { Actor, UserActor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import type { Db, Row } from '../../../platform/db/schema.ts';
import { AppError, notFound, validationError } from '../../../platform/errors.ts';
import {
  burnPasswordCheck,
  hashPassword,
  newSecret,
  sha256,
  verifyPassword,
} from '../../../platform/secrets.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import type { Role } from '../../../reference/vocab.ts';
import { ChangePassword, Login, type SessionInfo, SwitchOrganisation } from '../contracts/auth.ts';
import { presentUser } from '../presenters.ts';
import {
  clearFailures,
  countRecentFailures,
  recordLoginAttempt,
} from '../repository/login-attempt-repository.ts';
import { findOrganisation } from '../repository/organisation-repository.ts';
import * as sessions from '../repository/session-repository.ts';
import { findApiTokenByHash, markApiTokenUsed } from '../repository/token-repository.ts';
import {
  findUserByEmail,
  findUserById,
  membershipsOfUser,
  updateUser,
} from '../repository/user-repository.ts';

export async function actorForUser(
  db: Db,
  user: Row<'users'>,
  via: UserActor['via'],
  address?: string,
): Promise<UserActor> {
  const memberships = await membershipsOfUser(db, user.id);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    isInstallationAdmin: user.is_installation_admin === 1,
    memberships: new Map(memberships.map((m) => [m.organisation_id, m.role as Role])),
    via,
    address,
  };
}

export interface SignedIn {
  /** The session secret for the cookie; only its hash is stored. */
  sessionToken: string;
  info: SessionInfo;
}

const SIGN_IN_REFUSED = 'The e-mail address or password is not right.';

export async function login(
  ctx: AppContext,
  input: unknown,
  client: { address: string; userAgent?: string },
): Promise<SignedIn> {
  const { email: rawEmail, password } = parseInput(Login, input);
  const email = rawEmail.toLowerCase();
  const now = ctx.now();
  const since = new Date(now.getTime() - ctx.config.loginWindowMinutes * 60_000).toISOString();
  const failures = await countRecentFailures(ctx.db, email, client.address, since);
  if (
    failures.byEmail >= ctx.config.loginMaxFailuresPerAccount ||
    failures.byAddress >= ctx.config.loginMaxFailuresPerAddress
  ) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins. Wait ${ctx.config.loginWindowMinutes} minutes, or ask an administrator to reset your password.`,
    );
  }
  const user = await findUserByEmail(ctx.db, email);
  let ok = false;
  if (user) ok = await verifyPassword(password, user.password_hash);
  else await burnPasswordCheck(password, ctx.config.passwordHashing);
  if (!user || !ok || user.disabled_at) {
    await recordLoginAttempt(ctx.db, {
      id: newId(),
      email,
      address: client.address,
      at: now.toISOString(),
      succeeded: 0,
    });
    throw new AppError(
      'unauthenticated',
      user?.disabled_at && ok ? 'This account is disabled. Ask an administrator.' : SIGN_IN_REFUSED,
    );
  }
  const sessionToken = newSecret('');
  const memberships = await membershipsOfUser(ctx.db, user.id);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000).toISOString();
  const session: Row<'sessions'> = {
    id: newId(),
    token_hash: sha256(sessionToken),
    user_id: user.id,
    active_organisation_id: memberships[0]?.organisation_id ?? null,
    csrf_token: newSecret(''),
    address: client.address,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  };
  const actor = await actorForUser(ctx.db, user, 'session', client.address);
  await write(ctx, actor, async ({ trx, audit }) => {
    await sessions.insertSession(trx, session);
    await clearFailures(trx, email);
    await audit({
      action: 'session.sign_in',
      recordType: 'user',
      recordId: user.id,
      organisationId: session.active_organisation_id,
    });
  });
  return { sessionToken, info: await sessionInfo(ctx.db, user, session) };
}

async function sessionInfo(db: Db, user: Row<'users'>, session: Row<'sessions'>): Promise<SessionInfo> {
  return {
    user: await presentUser(db, user),
    activeOrganisationId: session.active_organisation_id,
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at,
  };
}

export interface ResolvedSession {
  actor: UserActor;
  session: Row<'sessions'>;
  user: Row<'users'>;
}

/** The session behind a cookie, or null when it is unknown, expired, revoked or its user disabled. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  address?: string,
): Promise<ResolvedSession | null> {
  const session = await sessions.findSessionByTokenHash(ctx.db, sha256(token));
  const now = ctx.now();
  if (!session || session.revoked_at || session.expires_at <= now.toISOString()) return null;
  const user = await findUserById(ctx.db, session.user_id);
  if (!user || user.disabled_at) return null;
  // Touch at most once a minute: a write per request would serialise readers on SQLite.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await sessions.updateSession(ctx.db, session.id, { last_seen_at: now.toISOString() });
  }
  return { actor: await actorForUser(ctx.db, user, 'session', address), session, user };
}

export async function currentSession(ctx: AppContext, resolved: ResolvedSession): Promise<SessionInfo> {
  return sessionInfo(ctx.db, resolved.user, resolved.session);
}

/** The user behind a Bearer token, or null when it is unknown, expired or revoked. */
export async function resolveApiToken(
  ctx: AppContext,
  token: string,
  address?: string,
): Promise<UserActor | null> {
  const row = await findApiTokenByHash(ctx.db, sha256(token));
  const now = ctx.now().toISOString();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  const user = await findUserById(ctx.db, row.user_id);
  if (!user || user.disabled_at) return null;
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000)
    await markApiTokenUsed(ctx.db, row.id, now);
  return actorForUser(ctx.db, user, 'token', address);
}

export async function logout(ctx: AppContext, resolved: ResolvedSession): Promise<void> {
  await write(ctx, resolved.actor, async ({ trx, at, audit }) => {
    await sessions.updateSession(trx, resolved.session.id, { revoked_at: at });
    await audit({ action: 'session.sign_out', recordType: 'user', recordId: resolved.user.id });
  });
}

/** Changing one's password signs out every other session of the account. */
export async function changePassword(
  ctx: AppContext,
  resolved: ResolvedSession,
  input: unknown,
): Promise<void> {
  const data = parseInput(ChangePassword, input);
  if (!(await verifyPassword(data.currentPassword, resolved.user.password_hash))) {
    throw validationError('Your current password is not right.', [
      { field: 'currentPassword', message: 'Not right.' },
    ]);
  }
  if (data.currentPassword === data.newPassword) {
    throw validationError('Choose a new password that differs from the current one.', [
      { field: 'newPassword', message: 'Same as the current one.' },
    ]);
  }
  await write(ctx, resolved.actor, async ({ trx, at: now, audit }) => {
    await updateUser(trx, resolved.user.id, {
      password_hash: await hashPassword(data.newPassword, ctx.config.passwordHashing),
      must_change_password: 0,
      updated_at: now,
    });
    await sessions.revokeSessionsOfUser(trx, resolved.user.id, now, resolved.session.id);
    await audit({ action: 'user.password_change', recordType: 'user', recordId: resolved.user.id });
  });
}

export async function switchOrganisation(
  ctx: AppContext,
  resolved: ResolvedSession,
  input: unknown,
): Promise<SessionInfo> {
  const { organisationId } = parseInput(SwitchOrganisation, input);
  const allowed = resolved.actor.memberships.has(organisationId) || resolved.actor.isInstallationAdmin;
  if (!allowed || !(await findOrganisation(ctx.db, organisationId))) throw notFound('The organisation');
  // Which organisation a session works in is the session's own state, not a record change: no entry.
  await write(
    ctx,
    resolved.actor,
    ({ trx }) => sessions.updateSession(trx, resolved.session.id, { active_organisation_id: organisationId }),
    { audited: false },
  );
  return sessionInfo(ctx.db, resolved.user, { ...resolved.session, active_organisation_id: organisationId });
}

export async function listMySessions(ctx: AppContext, resolved: ResolvedSession) {
  const rows = await sessions.listActiveSessions(ctx.db, resolved.user.id, ctx.now().toISOString());
  return rows.map((s) => ({
    id: s.id,
    current: s.id === resolved.session.id,
    address: s.address,
    userAgent: s.user_agent,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
  }));
}

export async function revokeMySession(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  sessionId: string,
): Promise<void> {
  const session = await sessions.findSession(ctx.db, sessionId);
  if (!session || session.user_id !== userId) throw notFound('The session');
  await write(ctx, actor, async ({ trx, at, audit }) => {
    await sessions.updateSession(trx, sessionId, { revoked_at: at });
    await audit({ action: 'session.revoke', recordType: 'user', recordId: userId });
  });
}
