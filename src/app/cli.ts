import { Command, CommanderError } from 'commander';
import { actorForEmail } from '../modules/identity/index.ts';
import { registerGrantCommands } from '../platform/access/grants/grant-cli.ts';
import { registerAuditCommands } from '../platform/audit/audit-cli.ts';
import type { CommandEnv } from '../platform/cli/command-kit.ts';
import {
  type CliIo,
  EXIT_OK,
  EXIT_USAGE,
  emitError,
  exitCodeFor,
  processIo,
  UsageError,
} from '../platform/cli/io.ts';
import { findUnknownCommand, unknownCommandMessage } from '../platform/cli/unknown-command.ts';
import { registerBackupCommands } from './commands/backup-commands.ts';
import { registerDbCommands } from './commands/db-commands.ts';
import { registerJobCommands } from './commands/job-commands.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { MIGRATIONS } from './migrations.ts';
import { GRANTABLE_KINDS, MODULES } from './modules.ts';

export function buildProgram(env: CommandEnv): Command {
  const program = new Command('materiel')
    .description('Materiel: registry, recovery, tracing and screening for UN arms embargoes')
    .option(
      '--db <url>',
      'database: sqlite:PATH or postgres://... (env MATERIEL_DATABASE_URL; default sqlite:./data/materiel.db)',
    )
    .option('--json', 'print exactly one JSON document on stdout')
    .option(
      '--as <email>',
      "act as this user, with that user's permissions only (default: the installation's system actor)",
    )
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (t) => env.io.stdout(t), writeErr: (t) => env.io.stderr(t) });
  registerServeCommand(program, env);
  registerDbCommands(program, env);
  for (const module of MODULES) module.commands?.(program, env);
  registerAuditCommands(program, env);
  registerGrantCommands(program, env, GRANTABLE_KINDS);
  registerBackupCommands(program, env);
  registerJobCommands(program, env);
  for (const command of program.commands) applyExitOverride(command, env);
  return program;
}

function applyExitOverride(command: Command, env: CommandEnv): void {
  command
    .exitOverride()
    .configureOutput({ writeOut: (t) => env.io.stdout(t), writeErr: (t) => env.io.stderr(t) });
  for (const sub of command.commands) applyExitOverride(sub, env);
}

/** Runs the CLI and returns its exit code (0 success, 1 failure, 2 bad input or usage). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const env: CommandEnv = { io, exitCode: EXIT_OK, installation: { migrations: MIGRATIONS, actorForEmail } };
  const program = buildProgram(env);
  const json = argv.includes('--json');
  // Before commander: it would answer `nosuch --help` with the main help and exit 0.
  const unknown = findUnknownCommand(program, argv);
  if (unknown) {
    emitError(io, json, new UsageError(unknownCommandMessage(unknown)));
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return env.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (error.exitCode === 0) return EXIT_OK;
      if (json) io.stdout(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`);
      return EXIT_USAGE;
    }
    emitError(io, json, error);
    return exitCodeFor(error);
  }
}
