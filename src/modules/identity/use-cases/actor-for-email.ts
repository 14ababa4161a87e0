import type { Actor } from '../../../platform/access/actor.ts';
import { UsageError } from '../../../platform/cli/io.ts';
import type { AppContext } from '../../../platform/context.ts';
import { findUserByEmail } from '../repository/user-repository.ts';
import { actorForUser } from './auth-service.ts';

/** The CLI's `--as EMAIL`: that user's actor, with that user's permissions only. */
export async function actorForEmail(ctx: AppContext, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw new UsageError(`No user has the e-mail address ${email}. Check --as.`);
  if (user.disabled_at) throw new UsageError(`The account ${email} is disabled.`);
  return actorForUser(ctx.db, user, 'cli');
}
