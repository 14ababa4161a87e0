import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { GrantableKind } from './access/grants/grantable.ts';
import type { CommandEnv } from './cli/command-kit.ts';
import type { AppContext } from './context.ts';
import type { JobDefinition } from './jobs/queue.ts';

/**
 * What a capability module contributes to the installation. The app, the CLI, the migrations
 * runner, the permission table, the roles document and the access-matrix test all iterate one list
 * of these (src/app/modules.ts), so adding a module means adding it to that list and nothing else
 * outside the module's folder (docs/architecture.md, "How to add a module").
 */
export interface MaterielModule {
  /** Folder name under src/modules/, e.g. `registry`. */
  name: string;
  /**
   * Migrations this module owns, by their permanent names. Names are global and run in name order
   * across all modules; a landed migration is never renamed or edited.
   */
  migrations?: Record<string, Migration>;
  /** Registers the module's HTTP routes (under /api/). */
  routes?(app: FastifyInstance, ctx: AppContext): void;
  /** Registers the module's CLI commands on the root program. */
  commands?(program: Command, env: CommandEnv): void;
  /** Background job kinds the module runs through the platform's job runner. */
  jobs?: readonly JobDefinition[];
  /** Kinds of record the owner may share with another organisation through a grant. */
  grantable?: readonly GrantableKind[];
}
