import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { findImport } from '../src/modules/registry/repository/import-repository.ts';
import {
  failInterruptedImports,
  importStatus,
  uploadImportFile,
} from '../src/modules/registry/use-cases/import-runner.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

describe.each(ENGINES)('imports interrupted by a restart on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t.dispose());

  it('are marked failed with a reason at start-up, so that they can be run again', async () => {
    const org = await createOrganisation(t.ctx, SYSTEM_CLI, {
      name: 'Restart commission',
      kind: 'national_authority',
    });
    const { importId } = await uploadImportFile(t.ctx, SYSTEM_CLI, {
      organisationId: org.id,
      fileName: 'inventory.csv',
      bytes: Buffer.from('Serial No.,Make,Model,Category\nR-1,Izhmash,AKM,Assault rifles\n'),
    });
    // As a server that stopped mid-import leaves it.
    await t.ctx.db.updateTable('imports').set({ status: 'running' }).where('id', '=', importId).execute();
    expect(await failInterruptedImports(t.ctx)).toBe(1);
    expect((await findImport(t.ctx.db, importId))?.status).toBe('failed');
    expect((await importStatus(t.ctx, SYSTEM_CLI, importId)).failure).toMatch(
      /server stopped during this import/,
    );
    expect(await failInterruptedImports(t.ctx)).toBe(0);
  });
});
