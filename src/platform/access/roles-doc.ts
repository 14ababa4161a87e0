import { ROLES } from '../../reference/vocab.ts';
import {
  INSTALLATION_PERMISSIONS,
  type InstallationPermission,
  PERMISSIONS,
  type Permission,
  ROLE_CLEARANCE,
  ROLE_PERMISSIONS,
} from './permissions.ts';

export const ROLES_TABLE_START =
  '<!-- roles-table:start (generated from src/platform/access/permissions.ts; run `npm run docs:roles`) -->';
export const ROLES_TABLE_END = '<!-- roles-table:end -->';

/** The permission matrix as a Markdown table, so docs/roles.md always says what the code enforces. */
export function rolesMarkdownTable(): string {
  const header = `| what | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) =>
      `| ${PERMISSIONS[p]} (\`${p}\`) | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? 'yes' : '')).join(' | ')} |`,
  );
  const clearance = `| Highest confidentiality level readable | ${ROLES.map((r) => ROLE_CLEARANCE[r].replace('_', ' ')).join(' | ')} |`;
  const installation = (Object.keys(INSTALLATION_PERMISSIONS) as InstallationPermission[]).map(
    (p) => `| ${INSTALLATION_PERMISSIONS[p]} (\`${p}\`) | installation administrators only |`,
  );
  return [
    ROLES_TABLE_START,
    header,
    rule,
    ...rows,
    clearance,
    '',
    'Installation-wide permissions: no organisation role holds these, not even `admin`.',
    '',
    '| what | who |',
    '|---|---|',
    ...installation,
    ROLES_TABLE_END,
  ].join('\n');
}
