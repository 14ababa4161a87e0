import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../../platform/cli/command-kit.ts';
import { emit, table } from '../../../platform/cli/io.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../use-cases/token-service.ts';

export function registerTokenCommands(program: Command, env: CommandEnv): void {
  const token = program.command('token').description('API tokens for scripts and other systems');
  token
    .command('create')
    .description('Create an API token; the secret is printed once and only its hash is kept')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <label>', 'a label, e.g. "ERP screening"')
    .option('--expires <date>', 'ISO date or timestamp after which the token stops working')
    .action(
      withRuntime(
        env,
        async ({ runtime, actor, io, json }, opts: { user: string; name: string; expires?: string }) => {
          // The service checks and normalises the date, so a bad one is a usage error naming the field.
          const created = await createApiToken(
            runtime.ctx,
            actor,
            { name: opts.name, expiresAt: opts.expires },
            opts.user,
          );
          emit(
            io,
            json,
            {
              token: created.token,
              id: created.apiToken.id,
              user: opts.user,
              name: opts.name,
              expiresAt: created.apiToken.expiresAt,
            },
            () => `Token for ${opts.user} (shown once; store it now):\n${created.token}`,
          );
        },
      ),
    );
  token
    .command('list')
    .description('List API tokens (never their secrets)')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }) => {
        const list = await listApiTokens(runtime.ctx, actor);
        emit(io, json, { tokens: list }, () =>
          table(list, ['id', 'userEmail', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']),
        );
      }),
    );
  token
    .command('revoke')
    .description('Revoke an API token')
    .argument('<id>', 'token id (see "materiel token list")')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, id: string) => {
        await revokeApiToken(runtime.ctx, actor, id);
        emit(io, json, { ok: true, id }, () => `Revoked token ${id}.`);
      }),
    );
}
