import { identityModule } from '../modules/identity/index.ts';
import { registryModule } from '../modules/registry/index.ts';
import { screeningModule } from '../modules/screening/index.ts';
import { GrantableKinds } from '../platform/access/grants/grant-service.ts';
import type { MaterielModule } from '../platform/module.ts';

/**
 * The installation's modules, in the order their routes and commands are registered. Identity comes
 * first: its authentication hook must see every request. The app, the CLI, the migrations, the
 * permission table, the roles document and the access-matrix test iterate this list; a new module
 * is added here and nowhere else outside its folder.
 */
export const MODULES: readonly MaterielModule[] = [identityModule, registryModule, screeningModule];

/** Every kind of record that can be shared through a grant, from every module. */
export const GRANTABLE_KINDS = new GrantableKinds(MODULES.flatMap((m) => m.grantable ?? []));
