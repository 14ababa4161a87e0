/**
 * Identity: organisations, users and their roles, sessions and API tokens. The only file other
 * modules may import from this folder.
 */
import type { MaterielModule } from '../../platform/module.ts';
import { registerOrgCommands } from './cli/org-commands.ts';
import { registerTokenCommands } from './cli/token-commands.ts';
import { registerUserCommands } from './cli/user-commands.ts';
import { organisationRoutes } from './http/organisation-routes.ts';
import { sessionRoutes } from './http/session-routes.ts';
import { tokenRoutes } from './http/token-routes.ts';
import { userRoutes } from './http/user-routes.ts';
import { registerAuth } from './http-auth.ts';
import './tables.ts';

export { findOrganisation } from './repository/organisation-repository.ts';
export { actorForEmail } from './use-cases/actor-for-email.ts';
export { requireInOrganisation } from './use-cases/require-in-organisation.ts';

export const identityModule: MaterielModule = {
  name: 'identity',
  // 0001-foundation, which creates identity's tables, predates modules and stays with the platform.
  routes(app, ctx) {
    // Authentication comes first: it sets request.actor before any other module's handler runs.
    registerAuth(app, ctx);
    sessionRoutes(app, ctx);
    organisationRoutes(app, ctx);
    userRoutes(app, ctx);
    tokenRoutes(app, ctx);
  },
  commands(program, env) {
    registerOrgCommands(program, env);
    registerUserCommands(program, env);
    registerTokenCommands(program, env);
  },
};
