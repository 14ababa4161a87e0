import { SYSTEM_CLI } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { hashPassword, oneTimePassword } from '../../../platform/secrets.ts';
import { write } from '../../../platform/use-case/write.ts';
import { insertOrganisation } from '../repository/organisation-repository.ts';
import { countUsers, insertMembership, insertUser } from '../repository/user-repository.ts';

export const FIRST_ADMIN_EMAIL = 'admin@materiel.local';
export const FIRST_ORGANISATION_NAME = 'Installation administration';

export interface FirstAdministrator {
  email: string;
  oneTimePassword: string;
}

/**
 * On an empty database, creates the installation administrator (with an organisation to belong
 * to) and returns the one-time password to print once. Returns null when any user exists.
 */
export async function ensureFirstAdministrator(
  ctx: AppContext,
  email = FIRST_ADMIN_EMAIL,
): Promise<FirstAdministrator | null> {
  const bootstrap = { ...SYSTEM_CLI, label: 'bootstrap' };
  return write(
    ctx,
    bootstrap,
    async ({ trx, at: now, audit }) => {
      if ((await countUsers(trx)) > 0) return null;
      const password = oneTimePassword();
      const orgId = newId();
      const userId = newId();
      await insertOrganisation(trx, {
        id: orgId,
        name: FIRST_ORGANISATION_NAME,
        kind: 'other',
        country: null,
        confidentiality: 'restricted',
        created_at: now,
        updated_at: now,
      });
      await insertUser(trx, {
        id: userId,
        email,
        name: 'Administrator',
        password_hash: await hashPassword(password, ctx.config.passwordHashing),
        is_installation_admin: 1,
        must_change_password: 1,
        locale: 'en',
        disabled_at: null,
        created_at: now,
        updated_at: now,
      });
      await insertMembership(trx, {
        user_id: userId,
        organisation_id: orgId,
        role: 'admin',
        created_at: now,
      });
      await audit({
        action: 'user.create',
        recordType: 'user',
        recordId: userId,
        organisationId: orgId,
        after: { email, installationAdmin: true },
      });
      return { email, oneTimePassword: password };
    },
    // Every start calls this; on a database that has users it changes nothing, so writes no entry.
    { audited: false },
  );
}
