import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { exportItems } from '../src/modules/registry/use-cases/export-service.ts';
import { importItems } from '../src/modules/registry/use-cases/import-service.ts';
import { createSite } from '../src/modules/registry/use-cases/site-service.ts';
import { getWeapon, listWeapons, registerWeapon } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

describe.each(ENGINES)('an exported registry re-imported elsewhere on %s', (engine) => {
  let t: TestDatabase;
  let work: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-export-'));
  });
  afterAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    await t.dispose();
  });

  it('keeps markings, site, import marks and notes', async () => {
    const source = await createOrganisation(t.ctx, SYSTEM_CLI, {
      name: 'Source commission',
      kind: 'national_authority',
    });
    const site = await createSite(t.ctx, SYSTEM_CLI, { organisationId: source.id, name: 'Depot 3' });
    await registerWeapon(t.ctx, SYSTEM_CLI, {
      organisationId: source.id,
      category: 'assault_rifles',
      make: 'Izhmash',
      model: 'AKM',
      serial: 'KT 5521',
      importCountry: 'CAF',
      importYear: 1998,
      siteId: site.id,
      notes: 'From the 2024 count',
      markings: [
        { kind: 'factory_code', text: 'Ижмаш' },
        { kind: 'proof_mark', text: '★ 1974' },
      ],
    });
    for (const format of ['csv', 'xlsx'] as const) {
      const file = path.join(work, `registry.${format}`);
      await exportItems(t.ctx, SYSTEM_CLI, source.id, format, file);
      const target = await createOrganisation(t.ctx, SYSTEM_CLI, {
        name: `Copy ${format}`,
        kind: 'panel_of_experts',
      });
      const summary = await importItems(t.ctx, SYSTEM_CLI, { organisationId: target.id, filePath: file });
      expect(summary).toMatchObject({ imported: 1, rejected: 0, sitesCreated: ['Depot 3'] });
      const [copy] = (await listWeapons(t.ctx, SYSTEM_CLI, { organisationId: target.id })).items;
      const detail = await getWeapon(t.ctx, SYSTEM_CLI, copy!.id);
      expect(detail).toMatchObject({
        serial: 'KT 5521',
        importCountry: 'CAF',
        importYear: 1998,
        notes: 'From the 2024 count',
        siteName: 'Depot 3',
      });
      expect(detail.markings.map((m) => m.text).sort()).toEqual(['Ижмаш', '★ 1974'].sort());
    }
  });
});
