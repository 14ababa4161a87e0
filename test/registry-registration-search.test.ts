import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { listWeapons, registerWeapon } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

describe.each(ENGINES)('searching the registry by national registration number on %s', (engine) => {
  let t: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    orgId = (
      await createOrganisation(t.ctx, SYSTEM_CLI, {
        name: 'Registration commission',
        kind: 'national_authority',
      })
    ).id;
    await registerWeapon(t.ctx, SYSTEM_CLI, {
      organisationId: orgId,
      category: 'assault_rifles',
      nationalRegistrationNumber: 'RN-2004/117',
      notes: 'no usable marking',
    });
    await registerWeapon(t.ctx, SYSTEM_CLI, {
      organisationId: orgId,
      category: 'assault_rifles',
      make: 'Izhmash',
      model: 'AKM',
      serial: 'KT 5521',
    });
  });
  afterAll(async () => t.dispose());

  it('finds a weapon known only by its registration number, typed with other separators and case', async () => {
    for (const q of ['RN-2004/117', 'rn 2004 117', 'RN2004']) {
      const page = await listWeapons(t.ctx, SYSTEM_CLI, { organisationId: orgId, q });
      expect(
        page.items.map((w) => w.nationalRegistrationNumber),
        q,
      ).toEqual(['RN-2004/117']);
    }
  });
});
