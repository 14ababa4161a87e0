import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../platform/cli/command-kit.ts';
import { emit, table } from '../../platform/cli/io.ts';
import { migrateToLatest, migrationStatus } from '../../platform/db/migrate.ts';

export function registerDbCommands(program: Command, env: CommandEnv): void {
  const db = program.command('db').description('Database schema');
  db.command('migrate')
    .description('Apply every pending migration')
    .action(
      withRuntime(
        env,
        async ({ runtime, io, json }) => {
          const report = await migrateToLatest(runtime.ctx.db, env.installation.migrations);
          emit(io, json, { dialect: runtime.ctx.dialect, applied: report.applied }, () =>
            report.applied.length ? `Applied: ${report.applied.join(', ')}` : 'The database is up to date.',
          );
        },
        { migrate: false },
      ),
    );
  db.command('status')
    .description('List migrations and whether each has been applied')
    .action(
      withRuntime(
        env,
        async ({ runtime, io, json }) => {
          const list = await migrationStatus(runtime.ctx.db, env.installation.migrations);
          const pending = list.filter((m) => !m.executedAt).map((m) => m.name);
          emit(
            io,
            json,
            { dialect: runtime.ctx.dialect, migrations: list, pending },
            () =>
              `${table(list, ['name', 'executedAt'])}\n${pending.length ? `${pending.length} pending: run "materiel db migrate".` : 'Up to date.'}`,
          );
        },
        { migrate: false },
      ),
    );
}
