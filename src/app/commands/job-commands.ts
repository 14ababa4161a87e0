import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../platform/cli/command-kit.ts';
import { emit } from '../../platform/cli/io.ts';
import { JobWorker } from '../../platform/jobs/queue.ts';
import { JOB_DEFINITIONS } from '../job-definitions.ts';

export function registerJobCommands(program: Command, env: CommandEnv): void {
  const jobs = program
    .command('jobs')
    .description('Background jobs (the server runs them; this runs them without a server)');
  jobs
    .command('run')
    .description('Run every due job now, e.g. re-screening after "lists load" when no server is running')
    .action(
      withRuntime(env, async ({ runtime, io, json }) => {
        const ran = await new JobWorker(runtime.ctx, JOB_DEFINITIONS).drain();
        emit(io, json, { ran }, () => `Ran ${ran} job(s).`);
      }),
    );
}
