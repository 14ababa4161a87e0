/**
 * Screening: designations lists (UN, OFAC) and their versions, screening parties against them,
 * hits and decisions. The only file other modules may import from this folder.
 */
import type { MaterielModule } from '../../platform/module.ts';
import { registerScreeningCommands } from './cli.ts';
import { screeningRoutes } from './http.ts';
import * as m0004 from './migrations/0004-designations.ts';
import './tables.ts';
import { rescreenJob } from './use-cases/hit-service.ts';

export const screeningModule: MaterielModule = {
  name: 'screening',
  migrations: { '0004-designations': m0004 },
  routes: screeningRoutes,
  commands: registerScreeningCommands,
  jobs: [rescreenJob],
};
