import type { Command } from 'commander';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { MigrationSet } from '../db/migrate.ts';
import type { CliIo } from './io.ts';
import { cliActor, type GlobalOptions, openRuntime, type Runtime } from './runtime.ts';

/** What the app supplies to every command: the platform's CLI knows no module. */
export interface CliInstallation {
  /** Every migration of the installation (src/app/migrations.ts). */
  migrations: MigrationSet;
  /** Turns `--as EMAIL` into that user's actor, with that user's permissions only. */
  actorForEmail(ctx: AppContext, email: string): Promise<Actor>;
}

export interface CommandEnv {
  io: CliIo;
  /** Set by an action; main() returns it. */
  exitCode: number;
  installation: CliInstallation;
}

export interface ActionScope {
  runtime: Runtime;
  actor: Actor;
  global: GlobalOptions;
  io: CliIo;
  json: boolean;
}

/** Global options live on the root program; commander hands each action its own command. */
export function globalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<GlobalOptions>();
}

/**
 * Wraps a command body: opens the database, resolves the actor, runs, closes. Errors propagate to
 * main(), which prints them in the requested format and picks the exit code.
 */
export function withRuntime<A extends unknown[]>(
  env: CommandEnv,
  body: (scope: ActionScope, ...args: A) => Promise<void>,
  options: { migrate?: boolean } = {},
) {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    const global = globalOptions(command);
    const runtime = await openRuntime(
      global,
      (options.migrate ?? true) ? env.installation.migrations : undefined,
    );
    try {
      const actor = await cliActor(runtime, global, env.installation.actorForEmail);
      await body({ runtime, actor, global, io: env.io, json: Boolean(global.json) }, ...args);
    } finally {
      await runtime.close();
    }
  };
}
