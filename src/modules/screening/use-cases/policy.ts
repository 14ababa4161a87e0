import {
  canOnInstallation,
  isInstallationAdmin,
  organisationsWith,
} from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { type Need, recordKind } from '../../../platform/access/require-record.ts';
import { forbidden } from '../../../platform/errors.ts';

/**
 * Who may do what with screening, in one place: the services call these, routes and commands never
 * decide access themselves.
 */

/** To a member whose role in the organisation named does not include screening. */
export const NOT_SCREENING = 'Your role in this organisation does not include screening.';

/** Screening a name is not tied to one organisation's records: any role with `screening.run` somewhere may. */
export function requireScreening(actor: Actor): void {
  if (isInstallationAdmin(actor)) return;
  const orgs = organisationsWith(actor, 'screening.run');
  if (orgs !== 'all' && orgs.length === 0)
    throw forbidden('Your roles do not include screening. Ask an administrator for the screener role.');
}

/** A list is installation-wide and changes what every organisation's screening finds. */
export function requireListLoader(actor: Actor): void {
  if (!canOnInstallation(actor, 'lists.manage'))
    throw forbidden('Only an installation administrator can load designations lists.');
}

/** Those who may not screen in a hit's organisation (or lack the clearance) are told it does not exist. */
export const SCREENING_HIT = recordKind({
  type: 'screening_hit',
  what: 'The screening hit',
  read: 'screening.run',
});

export const DECIDE_ON_HITS: Need = {
  anyOf: ['screening.decide'],
  denied: 'Your role may screen but not decide on hits. Ask a screener or investigator.',
};
