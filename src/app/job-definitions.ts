import type { JobDefinition } from '../platform/jobs/queue.ts';
import { MODULES } from './modules.ts';

/** Every kind of background job the installation runs: each module's, from the module list. */
export const JOB_DEFINITIONS: JobDefinition[] = MODULES.flatMap((m) => m.jobs ?? []);
