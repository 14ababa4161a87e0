import type { LedgerEventType } from './vocab.ts';

/**
 * Events that document recovered materiel: field officers and investigators (recovery.write) may
 * record them as well as registrars, on weapons and on ammunition lots.
 */
export const RECOVERY_EVENTS: readonly LedgerEventType[] = [
  'recovered',
  'seized',
  'surrendered',
  'collected',
  'found',
  'inspected',
];
