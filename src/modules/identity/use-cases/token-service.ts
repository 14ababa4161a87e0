import {
  canInOrganisation,
  isInstallationAdmin,
  organisationsWith,
} from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { forbidden, notFound, validationError } from '../../../platform/errors.ts';
import { newSecret, sha256 } from '../../../platform/secrets.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { type ApiToken, CreateApiToken } from '../contracts/tokens.ts';
import type { User } from '../contracts/users.ts';
import { presentApiToken, presentUser } from '../presenters.ts';
import * as repo from '../repository/token-repository.ts';
import { findUserByEmail, findUserById } from '../repository/user-repository.ts';

/**
 * A token acts with all of its user's rights, in every organisation they belong to (and installation-
 * wide for an installation administrator). Creating one for someone else therefore needs the same
 * authority as changing their account: token management in every one of their organisations, and
 * never over an installation administrator unless one is oneself.
 */
async function assertMayCreateTokenFor(ctx: AppContext, actor: Actor, userId: string): Promise<void> {
  if (isInstallationAdmin(actor) || (actor.kind === 'user' && actor.userId === userId)) return;
  const row = await findUserById(ctx.db, userId);
  if (!row) throw notFound('The user');
  const user = await presentUser(ctx.db, row);
  if (!sharesAnOrganisation(actor, user)) throw notFound('The user');
  const everywhere =
    !user.isInstallationAdmin &&
    user.memberships.length > 0 &&
    user.memberships.every((m) => canInOrganisation(actor, 'token.manage_others', m.organisationId));
  if (!everywhere)
    throw forbidden(
      'Only an administrator of every organisation this person belongs to can create API tokens for them.',
    );
}

/** People of organisations one cannot see are "not found", so their existence is not revealed (docs/roles.md). */
function sharesAnOrganisation(actor: Actor, user: User): boolean {
  return user.memberships.some((m) => canInOrganisation(actor, 'organisation.read', m.organisationId));
}

/** Seeing and revoking a member's tokens needs token management in one of their organisations. */
async function assertMayManageTokensOf(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  what = 'The user',
): Promise<void> {
  if (isInstallationAdmin(actor) || (actor.kind === 'user' && actor.userId === userId)) return;
  const row = await findUserById(ctx.db, userId);
  if (!row) throw notFound('The user');
  const user = await presentUser(ctx.db, row);
  if (!sharesAnOrganisation(actor, user)) throw notFound(what);
  const allowed = user.memberships.some((m) =>
    canInOrganisation(actor, 'token.manage_others', m.organisationId),
  );
  if (!allowed)
    throw forbidden("Only an administrator of this person's organisation can manage their API tokens.");
}

export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
  /** The CLI names the user by e-mail rather than id. */
  userEmail?: string,
): Promise<{ token: string; apiToken: ApiToken }> {
  const data = parseInput(CreateApiToken, input);
  const expiresAt = data.expiresAt === undefined ? null : normaliseExpiry(data.expiresAt, ctx.now());
  let userId = data.userId;
  if (!userId && userEmail) {
    const u = await findUserByEmail(ctx.db, userEmail);
    if (!u) throw notFound(`The user ${userEmail}`);
    userId = u.id;
  }
  if (!userId) {
    if (actor.kind !== 'user') throw forbidden('Name the user the token is for.');
    userId = actor.userId;
  }
  await assertMayCreateTokenFor(ctx, actor, userId);
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound('The user');
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
    const token = newSecret('mtl_');
    const row = {
      id: newId(),
      user_id: userId,
      name: data.name,
      token_hash: sha256(token),
      prefix: token.slice(0, 10),
      created_by: actor.kind === 'user' ? actor.email : `system:${actor.label}`,
      created_at: now,
      last_used_at: null,
      expires_at: expiresAt,
      revoked_at: null,
    };
    await repo.insertApiToken(trx, row);
    const apiToken = presentApiToken({ ...row, email: user.email });
    await audit({ action: 'token.create', recordType: 'api_token', recordId: row.id, after: apiToken });
    return { token, apiToken };
  });
}

/**
 * Expiry is compared as ISO-8601 UTC text, so it is stored in exactly that form: "next week" would
 * otherwise sort after every date and never expire, and "+02:00" offsets would compare wrongly.
 */
function normaliseExpiry(text: string, now: Date): string {
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw validationError(`expiresAt: "${text}" is not a date. Use an ISO date such as 2030-12-31.`, [
      { field: 'expiresAt', message: 'Use an ISO date or timestamp, e.g. 2030-12-31.' },
    ]);
  if (at <= now)
    throw validationError('expiresAt: the date is already past. Choose a date in the future.', [
      { field: 'expiresAt', message: 'Must be in the future.' },
    ]);
  return at.toISOString();
}

/** The actor's own tokens, plus those of members of organisations they administer. */
export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiToken[]> {
  if (isInstallationAdmin(actor)) return (await repo.listApiTokens(ctx.db, 'all')).map(presentApiToken);
  if (actor.kind !== 'user') return [];
  const orgs = organisationsWith(actor, 'token.manage_others');
  const memberIds =
    orgs === 'all' || orgs.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('memberships')
            .select('user_id')
            .where('organisation_id', 'in', orgs)
            .execute()
        ).map((m) => m.user_id);
  return (await repo.listApiTokens(ctx.db, [...new Set([actor.userId, ...memberIds])])).map(presentApiToken);
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<void> {
  const row = await repo.findApiToken(ctx.db, tokenId);
  if (!row) throw notFound('The API token');
  await assertMayManageTokensOf(ctx, actor, row.user_id, 'The API token');
  if (row.revoked_at) return;
  await write(ctx, actor, async ({ trx, at, audit }) => {
    await repo.revokeApiToken(trx, tokenId, at);
    await audit({ action: 'token.revoke', recordType: 'api_token', recordId: tokenId });
  });
}
