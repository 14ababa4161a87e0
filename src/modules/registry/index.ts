/**
 * Registry: weapons, ammunition lots, their markings and ledgers, sites, inventory import and
 * export. The only file other modules may import from this folder.
 */
import type { MaterielModule } from '../../platform/module.ts';
import { registerRegistryCommands } from './cli.ts';
import { importRoutes } from './http/import-routes.ts';
import { registryRoutes } from './http/registry-routes.ts';
import * as m0002 from './migrations/0002-registry.ts';
import { LOT_KIND, WEAPON_KIND } from './record-kinds.ts';
import './tables.ts';

export { RECOVERY_EVENTS } from './recovery-events.ts';

export const registryModule: MaterielModule = {
  name: 'registry',
  migrations: { '0002-registry': m0002 },
  routes(app, ctx) {
    registryRoutes(app, ctx);
    importRoutes(app, ctx);
  },
  commands: registerRegistryCommands,
  grantable: [WEAPON_KIND, LOT_KIND],
};
