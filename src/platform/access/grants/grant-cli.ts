import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../cli/command-kit.ts';
import { emit, table } from '../../cli/io.ts';
import { parseInput } from '../../validation/parse-input.ts';
import { GrantCreate, GrantQuery } from './contracts.ts';
import { type GrantableKinds, grantRecords, listGrants, revokeGrant } from './grant-service.ts';

export function registerGrantCommands(program: Command, env: CommandEnv, kinds: GrantableKinds): void {
  const grants = program
    .command('grants')
    .description('Share records with other organisations, list and revoke shares');
  grants
    .command('create')
    .description('Share records with another organisation (one grant per record)')
    .requiredOption('--type <kind>', `kind of record: ${kinds.types().join(', ')}`)
    .requiredOption('--record <id...>', 'record id(s)')
    .requiredOption('--to <organisationId>', 'the organisation that may read them')
    .requiredOption('--purpose <text>', 'why they are shared (the other organisation sees it)')
    .option('--level <level>', "highest confidentiality level shown (default: the record's own)")
    .option('--expires <date>', 'ISO 8601 date or date and time when the share ends')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, opts: Record<string, string | string[]>) => {
        const input = parseInput(GrantCreate, {
          recordType: opts.type,
          recordIds: opts.record,
          granteeOrganisationId: opts.to,
          purpose: opts.purpose,
          level: opts.level,
          expiresAt: opts.expires,
        });
        const created = await grantRecords(runtime.ctx, actor, kinds, input);
        emit(io, json, { grants: created }, () =>
          created
            .map(
              (g) =>
                `Shared ${g.recordType} ${g.recordId} with ${g.granteeOrganisationName} (grant ${g.id}).`,
            )
            .join('\n'),
        );
      }),
    );
  grants
    .command('list')
    .description('Grants an organisation received (default) or gave')
    .requiredOption('--org <id>', 'organisation id')
    .option('--given', 'what the organisation shared, instead of what it received')
    .option('--all', 'include revoked and expired grants')
    .option('--type <kind>', 'only this kind of record')
    .option('--record <id>', 'only this record')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, opts: Record<string, string | boolean>) => {
        const query = parseInput(GrantQuery, {
          organisationId: opts.org,
          direction: opts.given ? 'given' : 'received',
          recordType: opts.type,
          recordId: opts.record,
          includeInactive: opts.all ? 'true' : undefined,
        });
        const list = await listGrants(runtime.ctx, actor, query);
        emit(io, json, { grants: list }, () =>
          list.length === 0
            ? 'No grants.'
            : table(list, [
                'id',
                'recordType',
                'recordId',
                'organisationName',
                'granteeOrganisationName',
                'level',
                'status',
                'expiresAt',
              ]),
        );
      }),
    );
  grants
    .command('revoke <grantId>')
    .description('End a share: the other organisation no longer sees the record')
    .requiredOption('--reason <text>', 'why the share ends')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }, grantId: string, opts: { reason: string }) => {
        const view = await revokeGrant(runtime.ctx, actor, grantId, opts.reason);
        emit(io, json, view, () => `Grant ${view.id} revoked.`);
      }),
    );
}
