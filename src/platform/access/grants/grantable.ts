import type { Db } from '../../db/schema.ts';
import type { Permission } from '../permissions.ts';
import type { GuardedRow, RecordKind } from '../require-record.ts';

/**
 * A kind of record that its owner may share with another organisation. Modules contribute these
 * through `MaterielModule.grantable`; the grants service uses `load` to check that the record
 * exists and belongs to the granting organisation, so the platform needs no module's tables.
 */
export interface GrantableKind extends RecordKind {
  shareable: true;
  /** The record's owner and confidentiality, or undefined when there is no such record. */
  load(db: Db, id: string): Promise<GuardedRow | undefined>;
}
