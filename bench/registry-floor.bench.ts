/**
 * `npm run bench -- registry-floor [--rows N] [--engines sqlite,postgres]`
 * The floor under the inventory import: how fast this machine writes a weapon row and its
 * `registered` ledger event through the project's own bulk inserter, with no file to read and no
 * row to check. Run with the indexes kept up to date row by row, and (SQLite) with them set aside
 * and rebuilt at the end as a baseline import does. An import can never be faster than this; the
 * M2 targets (100,000 rows/s SQLite, 50,000 PostgreSQL) are compared with it in docs/decisions.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import type { AppContext } from '../src/platform/context.ts';
import { createBulkInserter } from '../src/platform/db/dialect/bulk-insert.ts';
import { deferredIndexes } from '../src/platform/db/dialect/deferred-indexes.ts';
import { newId } from '../src/platform/db/ids.ts';
import type { Db, NewRow } from '../src/platform/db/schema.ts';
import { benchDatabase, benchEngines, writeResults } from './support.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const rows = Number(arg('rows', '200000'));
const engines = benchEngines(args.includes('--engines') ? arg('engines', 'sqlite') : undefined);
const CHUNK = 2000;
const MAKES = ['Izhmash', 'Norinco', 'FN Herstal', 'Heckler & Koch', 'Zastava', 'Tula'];
const CATEGORIES = ['assault_rifles', 'pistols', 'light_machine_guns', 'rifles_and_carbines'];

/** Rows as the import writes them; serials in random order, as an inventory lists them. */
function weaponAndEvent(i: number, organisationId: string, at: string) {
  const id = newId();
  const serial = `${String.fromCharCode(65 + ((i * 7919) % 26))}${String((i * 2654435761) % 10_000_000).padStart(7, '0')}`;
  const make = MAKES[i % MAKES.length]!;
  const weapon: NewRow<'weapons'> = {
    id,
    organisation_id: organisationId,
    confidentiality: 'restricted',
    category: CATEGORIES[i % CATEGORIES.length]!,
    make,
    model: 'AKM',
    calibre: '7.62x39mm',
    serial_raw: serial,
    serial_normalised: serial,
    serial_key: serial,
    country_of_manufacture: 'RUS',
    year_of_manufacture: 1960 + (i % 60),
    import_country: null,
    import_year: null,
    national_registration_number: `REG-${i}`,
    registration_normalised: `REG${i}`,
    national_marking_code: null,
    condition: 'serviceable',
    notes: null,
    natural_key: `s:${make.toUpperCase()}|AKM|${serial}`,
    content_hash: 'abcdef0123456789abcdef0123456789',
    status: 'in_stock',
    holder: `Battalion ${i % 120}`,
    site_id: null,
    import_id: 'floor',
    created_by: 'system:bench',
    created_at: at,
    updated_at: at,
  };
  const event: NewRow<'ledger_events'> = {
    id: newId(),
    organisation_id: organisationId,
    subject_type: 'weapon',
    subject_id: id,
    seq: 1,
    type: 'registered',
    occurred_on: at.slice(0, 10),
    place: null,
    site_id: null,
    actor_organisation: organisationId,
    counterpart: null,
    holder: weapon.holder,
    quantity_delta: null,
    documents_json: null,
    corrects_event_id: null,
    reason: null,
    details_json: JSON.stringify({ importId: 'floor', row: i + 2, file: 'floor.csv' }),
    recorded_by: 'system:bench',
    recorded_at: at,
  };
  return { weapon, event };
}

async function load(ctx: AppContext, organisationId: string, defer: boolean): Promise<number> {
  const started = performance.now();
  await ctx.db.transaction().execute(async (trx: Db) => {
    const bulk = createBulkInserter(trx, ctx.dialect, ctx.sqlite);
    const indexes = deferredIndexes(trx, ctx.dialect, 'weapons');
    if (defer) await indexes.defer();
    const at = new Date().toISOString();
    for (let i = 0; i < rows; i += CHUNK) {
      const weapons: NewRow<'weapons'>[] = [];
      const events: NewRow<'ledger_events'>[] = [];
      for (let k = i; k < Math.min(rows, i + CHUNK); k++) {
        const { weapon, event } = weaponAndEvent(k, organisationId, at);
        weapons.push(weapon);
        events.push(event);
      }
      await bulk.insert('weapons', weapons);
      await bulk.insert('ledger_events', events);
    }
    await indexes.rebuild();
  });
  return rows / ((performance.now() - started) / 1000);
}

const figures: Record<string, unknown> = { rows };
const table: [string, string][] = [['rows', rows.toLocaleString('en')]];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-floor-'));

for (const engine of engines) {
  const modes = engine === 'sqlite' ? [false, true] : [false];
  const results: Record<string, number> = {};
  for (const defer of modes) {
    const { ctx, dispose } = await benchDatabase(engine, work, `floor-${defer}.db`);
    const org = await createOrganisation(ctx, SYSTEM_CLI, { name: 'Floor', kind: 'national_authority' });
    const rate = await load(ctx, org.id, defer);
    const label = defer ? 'indexes rebuilt at the end' : 'indexes kept up to date';
    results[defer ? 'indexesRebuilt' : 'indexesKept'] = Math.round(rate);
    table.push([
      `${engine}: ${label}`,
      `${Math.round(rate).toLocaleString('en')} rows/s (weapon + ledger event)`,
    ]);
    console.log(`  ${engine}: ${label}  ${Math.round(rate).toLocaleString('en')} rows/s`);
    await dispose();
  }
  figures[engine] = results;
}
fs.rmSync(work, { recursive: true, force: true });
writeResults(`registry-floor-${engines.join('-')}-${rows}`, figures, table);
