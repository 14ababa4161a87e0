/**
 * Closed vocabularies shared by server, web and CLI. Each list is the single source of truth:
 * zod schemas, policy tables, CLI validation and the web's select boxes are all derived from it.
 */

export const ORGANISATION_KINDS = [
  'national_authority',
  'peace_operation',
  'panel_of_experts',
  'sanctions_committee',
  'secretariat',
  'customs',
  'exporter',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles are held per organisation (a membership), never installation-wide. */
export const ROLES = [
  'admin',
  'registrar',
  'field_officer',
  'investigator',
  'analyst',
  'screener',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Ordered from least to most sensitive; the order matters for clearance checks. */
export const CONFIDENTIALITY_LEVELS = [
  'public',
  'restricted',
  'confidential',
  'strictly_confidential',
] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export function confidentialityRank(level: Confidentiality): number {
  return CONFIDENTIALITY_LEVELS.indexOf(level);
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
