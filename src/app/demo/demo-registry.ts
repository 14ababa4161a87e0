import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateInventoryCsv } from '../../modules/registry/inventory-generator.ts';
import { importItems } from '../../modules/registry/use-cases/import-service.ts';
import {
  listWeapons,
  recordWeaponEvent,
  registerWeapon,
} from '../../modules/registry/use-cases/weapon-service.ts';
import { listVersions } from '../../modules/screening/repository/list-repository.ts';
import { addParty } from '../../modules/screening/use-cases/hit-service.ts';
import { loadList } from '../../modules/screening/use-cases/list-service.ts';
import { SYSTEM_CLI } from '../../platform/access/actor.ts';
import type { AppContext } from '../../platform/context.ts';

const actor = { ...SYSTEM_CLI, label: 'demo' };
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEMO_LIST_FILES = ['test/fixtures/lists/un-consolidated-v1.xml'];
export const DEMO_NEXT_LIST_FILE = 'test/fixtures/lists/un-consolidated-v2.xml';

/**
 * The commission's baseline inventory (Workflow 1), a few weapons issued and two reported stolen
 * from Depot 3 (Workflow 2), one weapon with no usable marking waiting for a national marking code.
 */
export async function loadDemoRegistry(ctx: AppContext, commissionId: string): Promise<number> {
  const existing = await listWeapons(ctx, actor, { organisationId: commissionId, limit: 1 });
  if (existing.total > 0) return existing.total;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-demo-'));
  try {
    const file = path.join(dir, 'inventaire-armee.csv');
    generateInventoryCsv(file, 400, 2021);
    await importItems(ctx, actor, {
      organisationId: commissionId,
      filePath: file,
      registeredOn: '2025-01-15',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const page = await listWeapons(ctx, actor, {
    organisationId: commissionId,
    limit: 10,
    sort: 'serial',
    direction: 'asc',
  });
  const [a, b, c, d, e] = page.items;
  for (const w of [a, b, c]) {
    if (w)
      await recordWeaponEvent(ctx, actor, w.id, {
        type: 'issued',
        occurredOn: '2025-03-02',
        counterpart: 'Battalion 12',
        holder: 'Battalion 12',
      });
  }
  for (const w of [d, e]) {
    if (w)
      await recordWeaponEvent(ctx, actor, w.id, {
        type: 'reported_stolen',
        occurredOn: '2025-06-18',
        place: 'Depot 3',
        reason: 'Missing at the count of Depot 3',
      });
  }
  await registerWeapon(ctx, actor, {
    organisationId: commissionId,
    category: 'assault_rifles',
    make: 'Unknown',
    model: 'AK pattern',
    calibre: '7.62x39mm',
    nationalRegistrationNumber: 'DDR-2025-0001',
    condition: 'serviceable',
    notes: 'Collected in the disarmament programme; frame marking ground off. Needs a national marking code.',
    occurredOn: '2025-02-10',
  });
  return (await listWeapons(ctx, actor, { organisationId: commissionId, limit: 1 })).total;
}

/** A version of the UN list (a small excerpt of the real one) and the exporter's counterparties (Workflows 5 and 6). */
export async function loadDemoScreening(ctx: AppContext, exporterId: string): Promise<void> {
  if ((await listVersions(ctx.db)).length === 0) {
    for (const file of DEMO_LIST_FILES)
      await loadList(ctx, actor, { fileOrUrl: path.join(projectRoot, file) });
    for (const party of [
      { name: 'Iyad Ag Ghaly', type: 'person' as const, country: 'MLI' },
      { name: 'Sahel Engine Parts SARL', type: 'organization' as const },
      { name: 'Northern Logistics Ltd', type: 'organization' as const },
    ]) {
      await addParty(ctx, actor, { organisationId: exporterId, ...party });
    }
  }
}

export function demoNextListPath(): string {
  return path.join(projectRoot, DEMO_NEXT_LIST_FILE);
}
