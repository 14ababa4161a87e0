import {
  canInOrganisation,
  isInstallationAdmin,
  organisationsWith,
} from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.ts';
import { hashPassword, oneTimePassword } from '../../../platform/secrets.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { CreateUser, SetRole, UpdateUser, type User } from '../contracts/users.ts';
import { presentUser } from '../presenters.ts';
import { findOrganisation } from '../repository/organisation-repository.ts';
import { revokeSessionsOfUser } from '../repository/session-repository.ts';
import * as repo from '../repository/user-repository.ts';

export interface CreatedUser {
  user: User;
  /** Set when the password was generated: shown once, never stored in clear. */
  oneTimePassword: string | null;
}

function requireManage(actor: Actor, organisationId: string): void {
  if (canInOrganisation(actor, 'organisation.manage', organisationId)) return;
  // Outsiders get "not found", so the organisation's existence is not revealed (docs/roles.md).
  if (!canInOrganisation(actor, 'organisation.read', organisationId)) throw notFound('The organisation');
  throw forbidden('Only an administrator of this organisation can manage its members.');
}

/**
 * Adds a person to an organisation. A new e-mail creates the account; a known one gains a
 * membership, which is how one person comes to work for several organisations.
 */
export async function createUser(ctx: AppContext, actor: Actor, input: unknown): Promise<CreatedUser> {
  const data = parseInput(CreateUser, input);
  requireManage(actor, data.organisationId);
  const email = data.email.toLowerCase();
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const org = await findOrganisation(trx, data.organisationId);
    if (!org) throw notFound('The organisation');
    const existing = await repo.findUserByEmail(trx, email);
    let userId: string;
    let generated: string | null = null;
    if (existing) {
      if (await repo.findMembership(trx, existing.id, org.id)) {
        throw conflict(`${email} is already a member of ${org.name}. Change their role instead.`);
      }
      userId = existing.id;
    } else {
      generated = data.password ? null : oneTimePassword();
      userId = newId();
      await repo.insertUser(trx, {
        id: userId,
        email,
        name: data.name,
        password_hash: await hashPassword(data.password ?? generated!, ctx.config.passwordHashing),
        is_installation_admin: 0,
        must_change_password: generated ? 1 : 0,
        locale: 'en',
        disabled_at: null,
        created_at: now,
        updated_at: now,
      });
    }
    await repo.insertMembership(trx, {
      user_id: userId,
      organisation_id: org.id,
      role: data.role,
      created_at: now,
    });
    const user = await presentUser(trx, (await repo.findUserById(trx, userId))!);
    await audit({
      action: existing ? 'membership.add' : 'user.create',
      recordType: 'user',
      recordId: userId,
      organisationId: org.id,
      after: { email, name: user.name, organisationId: org.id, role: data.role },
    });
    return { user: scopedFor(actor, user), oneTimePassword: generated };
  });
}

/** Members of one organisation, or of every organisation the actor may see. */
export async function listUsers(ctx: AppContext, actor: Actor, organisationId?: string): Promise<User[]> {
  let scope = organisationsWith(actor, 'organisation.read');
  if (organisationId) {
    if (scope !== 'all' && !scope.includes(organisationId)) throw notFound('The organisation');
    scope = [organisationId];
  }
  const rows = await repo.listMembers(ctx.db, scope);
  const unique = new Map(rows.map((r) => [r.id, r]));
  if (scope === 'all')
    for (const u of await repo.listUsersWithoutMembership(ctx.db))
      unique.set(u.id, { ...u, role: '', organisation_id: '' });
  return Promise.all([...unique.values()].map(async (r) => scopedFor(actor, await presentUser(ctx.db, r))));
}

/**
 * A membership belongs to its organisation: others see only the memberships in organisations they
 * may read, so a shared member does not reveal where else they work. The person themselves and
 * installation administrators see all of them.
 */
function scopedFor(actor: Actor, user: User): User {
  if (isInstallationAdmin(actor) || (actor.kind === 'user' && actor.userId === user.id)) return user;
  return {
    ...user,
    memberships: user.memberships.filter((m) =>
      canInOrganisation(actor, 'organisation.read', m.organisationId),
    ),
  };
}

async function visibleUser(db: Db, actor: Actor, userId: string): Promise<User> {
  const row = await repo.findUserById(db, userId);
  const user = row && (await presentUser(db, row));
  const visible =
    user &&
    (isInstallationAdmin(actor) ||
      (actor.kind === 'user' && actor.userId === userId) ||
      user.memberships.some((m) => canInOrganisation(actor, 'organisation.read', m.organisationId)));
  if (!user || !visible) throw notFound('The user');
  return user;
}

export async function getUser(ctx: AppContext, actor: Actor, userId: string): Promise<User> {
  return scopedFor(actor, await visibleUser(ctx.db, actor, userId));
}

/** Changes to the whole account (disable, reset password) need authority over every organisation it belongs to. */
function requireAuthorityOverAccount(actor: Actor, user: User): void {
  if (isInstallationAdmin(actor)) return;
  // Their account reaches every organisation: resetting its password or disabling it is for their peers.
  if (user.isInstallationAdmin)
    throw forbidden(
      'Only an installation administrator can change the account of an installation administrator.',
    );
  const everywhere =
    user.memberships.length > 0 &&
    user.memberships.every((m) => canInOrganisation(actor, 'organisation.manage', m.organisationId));
  if (!everywhere)
    throw forbidden('Only an administrator of every organisation this person belongs to can do this.');
}

async function assertNotLastAdmin(db: Db, organisationId: string, userId: string): Promise<void> {
  const admins = (await repo.listMembers(db, [organisationId])).filter(
    (m) => m.role === 'admin' && m.disabled_at === null,
  );
  if (admins.length === 1 && admins[0]!.id === userId) {
    throw conflict(
      'This is the last administrator of the organisation. Make someone else administrator first.',
    );
  }
}

export async function setRole(ctx: AppContext, actor: Actor, userId: string, input: unknown): Promise<User> {
  const data = parseInput(SetRole, input);
  requireManage(actor, data.organisationId);
  return write(ctx, actor, async ({ trx, at, audit }) => {
    const membership = await repo.findMembership(trx, userId, data.organisationId);
    if (!membership) throw notFound('The membership');
    if (membership.role === 'admin' && data.role !== 'admin')
      await assertNotLastAdmin(trx, data.organisationId, userId);
    await repo.updateMembershipRole(trx, userId, data.organisationId, data.role);
    await revokeSessionsOfUser(trx, userId, at);
    await audit({
      action: 'membership.role',
      recordType: 'user',
      recordId: userId,
      organisationId: data.organisationId,
      before: { role: membership.role },
      after: { role: data.role },
    });
    return scopedFor(actor, await presentUser(trx, (await repo.findUserById(trx, userId))!));
  });
}

export async function removeMembership(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  organisationId: string,
): Promise<void> {
  requireManage(actor, organisationId);
  await write(ctx, actor, async ({ trx, audit }) => {
    const membership = await repo.findMembership(trx, userId, organisationId);
    if (!membership) throw notFound('The membership');
    if (membership.role === 'admin') await assertNotLastAdmin(trx, organisationId, userId);
    await repo.deleteMembership(trx, userId, organisationId);
    await audit({
      action: 'membership.remove',
      recordType: 'user',
      recordId: userId,
      organisationId,
      before: { role: membership.role },
    });
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: unknown,
): Promise<User> {
  const patch = parseInput(UpdateUser, input);
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const before = await visibleUser(trx, actor, userId);
    const self = actor.kind === 'user' && actor.userId === userId;
    if (patch.disabled !== undefined) {
      if (self)
        throw validationError('You cannot disable your own account.', [
          { field: 'disabled', message: 'Ask another administrator.' },
        ]);
      requireAuthorityOverAccount(actor, before);
    } else if (!self) {
      requireAuthorityOverAccount(actor, before);
    }
    await repo.updateUser(trx, userId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(patch.disabled !== undefined && { disabled_at: patch.disabled ? now : null }),
      updated_at: now,
    });
    if (patch.disabled) await revokeSessionsOfUser(trx, userId, now);
    const after = await presentUser(trx, (await repo.findUserById(trx, userId))!);
    await audit({
      action: patch.disabled === undefined ? 'user.update' : patch.disabled ? 'user.disable' : 'user.enable',
      recordType: 'user',
      recordId: userId,
      organisationId: after.memberships[0]?.organisationId ?? null,
      before: { name: before.name, locale: before.locale, disabled: before.disabled },
      after: { name: after.name, locale: after.locale, disabled: after.disabled },
    });
    return scopedFor(actor, after);
  });
}

/** Issues a new one-time password and signs the person out everywhere. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<{ oneTimePassword: string }> {
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const user = await visibleUser(trx, actor, userId);
    requireAuthorityOverAccount(actor, user);
    const password = oneTimePassword();
    await repo.updateUser(trx, userId, {
      password_hash: await hashPassword(password, ctx.config.passwordHashing),
      must_change_password: 1,
      updated_at: now,
    });
    await revokeSessionsOfUser(trx, userId, now);
    await audit({
      action: 'user.password_reset',
      recordType: 'user',
      recordId: userId,
      organisationId: user.memberships[0]?.organisationId ?? null,
    });
    return { oneTimePassword: password };
  });
}
