import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../../platform/cli/command-kit.ts';
import { emit, table } from '../../../platform/cli/io.ts';
import { notFound } from '../../../platform/errors.ts';
import { ROLES } from '../../../reference/vocab.ts';
import { findUserByEmail } from '../repository/user-repository.ts';
import { createUser, listUsers, resetPassword } from '../use-cases/user-service.ts';

export function registerUserCommands(program: Command, env: CommandEnv): void {
  const user = program.command('user').description('People and their roles');
  user
    .command('add')
    .description('Add a person to an organisation (a known e-mail gains a membership)')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--org <id>', 'organisation id (see "materiel org list")')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option(
      '--password-stdin',
      'read the password from standard input instead of generating a one-time password',
    )
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          opts: { email: string; name: string; org: string; role: string; passwordStdin?: boolean },
        ) => {
          const password = opts.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
          const created = await createUser(runtime.ctx, actor, {
            email: opts.email,
            name: opts.name,
            organisationId: opts.org,
            role: opts.role,
            password,
          });
          emit(io, json, created, () =>
            [
              `Added ${created.user.email} as ${opts.role}, id ${created.user.id}`,
              created.oneTimePassword
                ? `One-time password (shown once; they must change it at first sign-in): ${created.oneTimePassword}`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
        },
      ),
    );
  user
    .command('list')
    .description('List people, optionally of one organisation')
    .option('--org <id>', 'organisation id')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, opts: { org?: string }) => {
        const list = await listUsers(runtime.ctx, actor, opts.org);
        emit(io, json, { users: list }, () =>
          table(
            list.map((u) => ({
              ...u,
              roles: u.memberships.map((m) => `${m.organisationName}: ${m.role}`).join('; '),
            })),
            ['id', 'email', 'name', 'roles', 'disabled'],
          ),
        );
      }),
    );
  user
    .command('reset-password')
    .description(
      'Issue a new one-time password (e.g. for a locked-out administrator) and sign the person out',
    )
    .requiredOption('--email <email>', 'the account')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, opts: { email: string }) => {
        const row = await findUserByEmail(runtime.ctx.db, opts.email);
        if (!row) throw notFound(`The user ${opts.email}`);
        const { oneTimePassword } = await resetPassword(runtime.ctx, actor, row.id);
        emit(
          io,
          json,
          { email: row.email, oneTimePassword },
          () =>
            `New one-time password for ${row.email} (shown once; it must be changed at sign-in): ${oneTimePassword}`,
        );
      }),
    );
}
