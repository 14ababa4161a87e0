import type { Command } from 'commander';
import { type CommandEnv, globalOptions } from '../../platform/cli/command-kit.ts';
import { UsageError } from '../../platform/cli/io.ts';
import { cliEnvironment, openRuntime } from '../../platform/cli/runtime.ts';
import { startServer } from '../start.ts';

export function registerServeCommand(program: Command, env: CommandEnv): void {
  program
    .command('serve')
    .description('Start the web app and API (runs migrations first)')
    .option('--port <n>', 'port to listen on (default: env PORT, else 8080)')
    .option(
      '--host <address>',
      'address to listen on (default: env HOST, else 127.0.0.1); 0.0.0.0 for every interface',
    )
    .option('--demo', 'load the demo organisations and accounts so a newcomer can look around')
    .action(async (opts: { port?: string; host?: string; demo?: boolean }, command: Command) => {
      // The environment is read when the command runs, so a bad value elsewhere never breaks `--help`.
      const settings = cliEnvironment();
      const port = opts.port === undefined ? settings.port : Number(opts.port);
      const host = opts.host ?? settings.host;
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new UsageError(`--port ${opts.port} is not a port number (1-65535).`);
      const runtime = await openRuntime(globalOptions(command), env.installation.migrations);
      const app = await startServer({
        ctx: runtime.ctx,
        port,
        host,
        demo: Boolean(opts.demo),
        announce: env.io.stdout,
      });
      await new Promise<void>((resolve) => {
        const stop = async () => {
          await app.close();
          await runtime.close();
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
