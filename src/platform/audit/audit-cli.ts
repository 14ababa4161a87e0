import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../cli/command-kit.ts';
import { emit, table } from '../cli/io.ts';
import { searchAudit, verifyAudit } from './audit-service.ts';

export function registerAuditCommands(program: Command, env: CommandEnv): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Check that no entry was edited, removed or reordered (exit 1 if the chain is broken)')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }) => {
        const verdict = await verifyAudit(runtime.ctx, actor);
        emit(io, json, verdict, () =>
          verdict.ok
            ? `The audit log is intact: ${verdict.entries} entries.`
            : `The audit log is NOT intact. ${verdict.reason}`,
        );
        if (!verdict.ok) env.exitCode = 1;
      }),
    );
  audit
    .command('list')
    .description('Show recent audit entries')
    .option('--org <id>', 'organisation id')
    .option('--actor <text>', 'part of the actor e-mail')
    .option('--action <action>', 'e.g. user.create')
    .option('--from <date>', 'ISO date')
    .option('--to <date>', 'ISO date')
    .option('--limit <n>', 'how many', '50')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, opts: Record<string, string | undefined>) => {
        const page = await searchAudit(runtime.ctx, actor, {
          organisationId: opts.org,
          actor: opts.actor,
          action: opts.action,
          from: opts.from,
          to: opts.to,
          limit: opts.limit,
        });
        emit(io, json, page, () =>
          table(page.entries, ['seq', 'at', 'actorLabel', 'action', 'recordType', 'recordId']),
        );
      }),
    );
}
