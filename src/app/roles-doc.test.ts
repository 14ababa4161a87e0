import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rolesMarkdownTable } from '../platform/access/roles-doc.ts';

describe('docs/roles.md', () => {
  it('shows exactly the permission matrix the policies enforce', () => {
    const doc = fs.readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8');
    expect(doc).toContain(rolesMarkdownTable());
  });
});
