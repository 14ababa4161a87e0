import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { type CommandEnv, globalOptions, withRuntime } from '../../platform/cli/command-kit.ts';
import { emit, UsageError } from '../../platform/cli/io.ts';
import { databaseUrl } from '../../platform/cli/runtime.ts';
import { parseDatabaseUrl } from '../../platform/db/url.ts';

const POSTGRES_HINT =
  'On PostgreSQL use pg_dump and pg_restore, which back up a running database consistently.';

export function registerBackupCommands(program: Command, env: CommandEnv): void {
  program
    .command('backup')
    .description('Copy the SQLite database to a file while the application keeps running (online backup)')
    .requiredOption('--to <file>', 'the backup file to write')
    .action(
      withRuntime(env, async ({ runtime, io, json }, opts: { to: string }) => {
        if (!runtime.handle.sqlite)
          throw new UsageError(`backup works on the embedded SQLite database. ${POSTGRES_HINT}`);
        const target = path.resolve(opts.to);
        if (fs.existsSync(target))
          throw new UsageError(
            `${target} exists already. Choose a new file name; a backup never overwrites.`,
          );
        fs.mkdirSync(path.dirname(target), { recursive: true });
        await runtime.handle.sqlite.backup(target);
        // The copy inherits WAL mode; switch it back so the backup is one self-contained file.
        const copy = new SQLite(target);
        copy.pragma('journal_mode = DELETE');
        copy.close();
        const bytes = fs.statSync(target).size;
        emit(io, json, { ok: true, file: target, bytes }, () => `Backed up to ${target} (${bytes} bytes).`);
      }),
    );

  program
    .command('restore')
    .description(
      'Replace the SQLite database with a backup (stop the server first); the current file is kept aside',
    )
    .requiredOption('--from <file>', 'a file written by "materiel backup"')
    .action(async (opts: { from: string }, command: Command) => {
      const global = globalOptions(command);
      const { dialect, target } = parseDatabaseUrl(databaseUrl(global));
      if (dialect !== 'sqlite' || target === ':memory:')
        throw new UsageError(`restore works on the embedded SQLite database. ${POSTGRES_HINT}`);
      const source = path.resolve(opts.from);
      if (!fs.existsSync(source)) throw new UsageError(`${source} does not exist.`);
      checkIsMaterielBackup(source);
      let keptAside: string | null = null;
      if (fs.existsSync(target)) {
        keptAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        // Checkpoint through a backup of the live file so the WAL's content is kept too.
        const live = new SQLite(target);
        await live.backup(keptAside);
        live.close();
      }
      const staging = `${target}.restoring`;
      fs.copyFileSync(source, staging);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
      fs.renameSync(staging, target);
      emit(
        env.io,
        Boolean(global.json),
        { ok: true, restoredFrom: source, database: target, previousKeptAt: keptAside },
        () =>
          `Restored ${target} from ${source}.${keptAside ? ` The previous database is kept at ${keptAside}.` : ''}`,
      );
    });
}

function checkIsMaterielBackup(file: string): void {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const row = db
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name in ('audit_log', 'users')",
      )
      .get() as { n: number };
    if (row.n !== 2) throw new Error('missing tables');
  } catch {
    throw new UsageError(`${file} is not a Materiel SQLite backup.`);
  } finally {
    db?.close();
  }
}
