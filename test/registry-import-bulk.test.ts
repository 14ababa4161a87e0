import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { importItems } from '../src/modules/registry/use-cases/import-service.ts';
import { listWeapons } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

/**
 * A large baseline import into an empty registry rebuilds the weapons indexes at its end instead of
 * updating them row by row (SQLite). The threshold is set low here so that a 600-row file takes the
 * path a million-row inventory takes. Whatever the path, the user sees the same registry.
 */

const HEADER = 'Category,Make,Model,Serial No.,Country,Year';

function inventory(rows: number, badRow?: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const year = i + 2 === badRow ? 'nineteen' : String(1960 + (i % 60));
    lines.push(`Assault rifles,Izhmash,AKM,KH-${String(i).padStart(6, '0')},RUS,${year}`);
  }
  return `${lines.join('\n')}\n`;
}

async function indexNames(test: TestDatabase): Promise<string[]> {
  if (test.handle.dialect === 'sqlite') {
    const r = await sql<{ name: string }>`
      select name from sqlite_master where type = 'index' and tbl_name = 'weapons' order by name`.execute(
      test.handle.db,
    );
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`
    select indexname as name from pg_indexes where tablename = 'weapons' order by indexname`.execute(
    test.handle.db,
  );
  return r.rows.map((x) => x.name);
}

describe.each(ENGINES)('bulk import into an empty registry (%s)', (engine) => {
  let test: TestDatabase;
  let dir: string;
  let organisationId: string;
  let indexesBefore: string[];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-bulk-'));
    organisationId = (
      await createOrganisation(test.ctx, SYSTEM_CLI, {
        name: 'Commission nationale',
        kind: 'national_authority',
        country: 'CAF',
      })
    ).id;
    indexesBefore = await indexNames(test);
  });
  afterAll(async () => {
    await test.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the whole file for one bad row, writes nothing and leaves every index in place', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, inventory(600, 450));
    const summary = await importItems(test.ctx, SYSTEM_CLI, {
      organisationId,
      filePath: file,
      deferIndexesAfterRows: 100,
    });
    expect(summary.committed).toBe(false);
    expect(summary.imported).toBe(0);
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 450, column: 'Year', value: 'nineteen' }),
    ]);
    const page = await listWeapons(test.ctx, SYSTEM_CLI, { organisationId, limit: 1 });
    expect(page.total).toBe(0);
    expect(await indexNames(test)).toEqual(indexesBefore);
  });

  it('imports every row, with the same indexes afterwards, and finds weapons through them', async () => {
    const file = path.join(dir, 'good.csv');
    fs.writeFileSync(file, inventory(600));
    const phases: string[] = [];
    const summary = await importItems(test.ctx, SYSTEM_CLI, {
      organisationId,
      filePath: file,
      deferIndexesAfterRows: 100,
      onProgress: (rows, phase) => {
        if (phases.at(-1) !== phase) phases.push(phase);
        if (phase !== 'reading') expect(rows).toBe(600);
      },
    });
    expect(summary).toMatchObject({ committed: true, imported: 600, rejected: 0 });
    // The progress bar can say what the wait after the last row is for.
    expect(phases).toEqual(
      engine === 'sqlite' ? ['reading', 'indexing', 'finishing'] : ['reading', 'finishing'],
    );
    expect(await indexNames(test)).toEqual(indexesBefore);
    const found = await listWeapons(test.ctx, SYSTEM_CLI, { organisationId, q: 'КН-000321', limit: 5 });
    expect(found.items.map((w) => w.serial)).toEqual(['KH-000321']);
  });

  it('re-importing the same file changes nothing, and the rebuilt unique index still refuses a twin', async () => {
    const file = path.join(dir, 'good.csv');
    const again = await importItems(test.ctx, SYSTEM_CLI, { organisationId, filePath: file });
    expect(again).toMatchObject({ committed: true, imported: 0, unchanged: 600 });
    const existing = await test.handle.db
      .selectFrom('weapons')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      test.handle.db
        .insertInto('weapons')
        .values({ ...existing, id: '00000000-0000-7000-8000-000000000001' })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
  });
});
