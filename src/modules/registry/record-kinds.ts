import type { GrantableKind } from '../../platform/access/grants/grantable.ts';
import { findLot } from './repository/lot-repository.ts';
import { findWeapon } from './repository/weapon-repository.ts';

/**
 * The registry's records as the access check and the grants see them. A weapon or a lot can be
 * shared with another organisation (a Panel tracing it, a neighbour's authority); the grantee reads
 * it with its ledger and markings, never changes it.
 */
export const WEAPON_KIND: GrantableKind = {
  type: 'weapon',
  what: 'The weapon',
  read: 'registry.read',
  shareable: true,
  load: findWeapon,
};

export const LOT_KIND: GrantableKind = {
  type: 'lot',
  what: 'The ammunition lot',
  read: 'registry.read',
  shareable: true,
  load: findLot,
};
