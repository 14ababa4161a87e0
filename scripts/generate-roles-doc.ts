// Rewrites the generated table in docs/roles.md from the permission matrix.
import fs from 'node:fs';
import { ROLES_TABLE_END, ROLES_TABLE_START, rolesMarkdownTable } from '../src/platform/access/roles-doc.ts';

const file = new URL('../docs/roles.md', import.meta.url);
const text = fs.readFileSync(file, 'utf8');
const start = text.indexOf(ROLES_TABLE_START);
const end = text.indexOf(ROLES_TABLE_END);
if (start < 0 || end < 0) throw new Error('docs/roles.md lacks the roles-table markers.');
fs.writeFileSync(
  file,
  text.slice(0, start) + rolesMarkdownTable() + text.slice(end + ROLES_TABLE_END.length),
);
console.log('docs/roles.md updated.');
