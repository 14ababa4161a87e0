import { rescreenJob } from '../services/screening/hit-service.ts';
import type { JobDefinition } from './queue.ts';

/** Every kind of background job the installation runs. */
export const JOB_DEFINITIONS: JobDefinition[] = [rescreenJob];
