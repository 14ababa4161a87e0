import type { Role } from '../../reference/vocab.ts';

/**
 * Who is acting. Services take an Actor and never trust anything else about the caller.
 * - `system`: the CLI on the server (whoever can run it can read the database anyway) and jobs.
 * - `user`: a person signed in through the browser, an API token, or the CLI's `--as EMAIL`.
 */
export type Actor = SystemActor | UserActor;

export interface SystemActor {
  kind: 'system';
  /** Shown in the audit log, e.g. "cli" or "job:list-refresh". */
  label: string;
}

export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  /** Installation administrators manage organisations and every account. */
  isInstallationAdmin: boolean;
  /** organisationId -> role. */
  memberships: ReadonlyMap<string, Role>;
  via: 'session' | 'token' | 'cli';
  /** Network address for the audit log, when known. */
  address?: string;
}

export const SYSTEM_CLI: SystemActor = { kind: 'system', label: 'cli' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? `system:${actor.label}` : actor.email;
}

export function roleIn(actor: Actor, organisationId: string): Role | undefined {
  return actor.kind === 'user' ? actor.memberships.get(organisationId) : undefined;
}
