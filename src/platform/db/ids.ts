import { v7 } from 'uuid';

/** Time-ordered UUID v7: sorts by creation time, which keeps indexes compact on both engines. */
export function newId(): string {
  return v7();
}

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
