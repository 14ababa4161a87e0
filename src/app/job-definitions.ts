import { rescreenJob } from '../modules/screening/use-cases/hit-service.ts';
import type { JobDefinition } from '../platform/jobs/queue.ts';

/** Every kind of background job the installation runs. */
export const JOB_DEFINITIONS: JobDefinition[] = [rescreenJob];
