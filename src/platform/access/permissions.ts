import type { Confidentiality, Role } from '../../reference/vocab.ts';

/**
 * What each role of an organisation may do with that organisation's records. This table is the
 * policy: every policy function consults it, and docs/roles.md is checked against it by a test, so
 * the documentation cannot drift from what is enforced.
 */
export const PERMISSIONS = {
  'organisation.read': 'See the organisation and its members',
  'organisation.manage': "Change the organisation's details, add and remove members, set their roles",
  'token.manage_others': 'Create and revoke API tokens for other members',
  'audit.read': "Read the organisation's audit log",
  'registry.read': 'See weapons, ammunition lots and their ledgers',
  'registry.write': 'Register weapons and lots, import inventories, record ledger events',
  'recovery.write': 'Document recovered (seized, found, surrendered) materiel in the field',
  'tracing.manage': 'Send and answer tracing requests, open and write cases',
  'reports.read': 'See aggregated statistics, trends and reports',
  'screening.run': 'Screen parties against the designations lists',
  'screening.decide': 'Record a decision (cleared, escalated, confirmed) on a screening hit',
  'records.share':
    "Share the organisation's records with another organisation (grants), and revoke those shares",
} as const;
export type Permission = keyof typeof PERMISSIONS;

/**
 * What only installation administrators (and the server's own CLI) may do: these change the whole
 * installation, not one organisation's records, so no organisation role holds them, not even
 * `admin`. Checked with `canOnInstallation`.
 */
export const INSTALLATION_PERMISSIONS = {
  'organisation.create': 'Add organisations to the installation',
  'lists.manage': "Load new versions of designations lists (they change every organisation's screening)",
  'audit.verify': 'Verify the hash chain of the whole audit log',
} as const;
export type InstallationPermission = keyof typeof INSTALLATION_PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  registrar: [
    'organisation.read',
    'registry.read',
    'registry.write',
    'recovery.write',
    'reports.read',
    'screening.run',
    'records.share',
  ],
  field_officer: ['organisation.read', 'registry.read', 'recovery.write', 'screening.run'],
  investigator: [
    'organisation.read',
    'registry.read',
    'recovery.write',
    'tracing.manage',
    'reports.read',
    'screening.run',
    'screening.decide',
    'records.share',
  ],
  analyst: ['organisation.read', 'registry.read', 'reports.read', 'screening.run'],
  screener: ['organisation.read', 'screening.run', 'screening.decide'],
  viewer: ['organisation.read', 'registry.read', 'reports.read'],
};

/**
 * Highest confidentiality level a role may read within its own organisation. Strictly confidential
 * material (sources, ongoing investigations) is limited to administrators and investigators.
 */
export const ROLE_CLEARANCE: Record<Role, Confidentiality> = {
  admin: 'strictly_confidential',
  investigator: 'strictly_confidential',
  registrar: 'confidential',
  field_officer: 'confidential',
  analyst: 'confidential',
  screener: 'restricted',
  viewer: 'restricted',
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
