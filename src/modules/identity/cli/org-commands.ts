import type { Command } from 'commander';
import { type CommandEnv, withRuntime } from '../../../platform/cli/command-kit.ts';
import { emit, table } from '../../../platform/cli/io.ts';
import { ORGANISATION_KINDS } from '../../../reference/vocab.ts';
import { createOrganisation, listOrganisations } from '../use-cases/organisation-service.ts';

export function registerOrgCommands(program: Command, env: CommandEnv): void {
  const org = program.command('org').description('Organisations');
  org
    .command('add')
    .description('Add an organisation')
    .requiredOption('--name <name>', 'name of the organisation')
    .requiredOption('--kind <kind>', `one of: ${ORGANISATION_KINDS.join(', ')}`)
    .option('--country <iso3>', 'ISO 3166-1 alpha-3 country code, e.g. CAF')
    .option(
      '--confidentiality <level>',
      'public, restricted, confidential or strictly_confidential',
      'restricted',
    )
    .action(
      withRuntime(
        env,
        async (
          { runtime, actor, io, json },
          opts: { name: string; kind: string; country?: string; confidentiality: string },
        ) => {
          const created = await createOrganisation(runtime.ctx, actor, {
            name: opts.name,
            kind: opts.kind,
            country: opts.country?.toUpperCase(),
            confidentiality: opts.confidentiality,
          });
          emit(
            io,
            json,
            created,
            () => `Added organisation ${created.name} (${created.kind}), id ${created.id}`,
          );
        },
      ),
    );
  org
    .command('list')
    .description('List organisations')
    .action(
      withRuntime(env, async ({ runtime, actor, io, json }) => {
        const list = await listOrganisations(runtime.ctx, actor);
        emit(io, json, { organisations: list }, () =>
          table(list, ['id', 'name', 'kind', 'country', 'confidentiality']),
        );
      }),
    );
}
