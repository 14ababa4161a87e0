/**
 * `npm run bench -- registry [--rows N] [--engines sqlite,postgres]`
 * Generates a realistic inventory CSV (default 1,000,000 weapons), imports it through the same
 * service the CLI uses, then times the registry list and search at that size.
 * Targets (M2): >= 100,000 rows/s into SQLite, >= 50,000 into PostgreSQL; list and search < 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { generateInventoryCsv, normalisedSerialOfRow } from '../src/modules/registry/inventory-generator.ts';
import { importItems } from '../src/modules/registry/use-cases/import-service.ts';
import { listWeapons } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import type { AppContext } from '../src/platform/context.ts';
import { benchDatabase, benchEngines, mb, percentile, trackPeakMemory, writeResults } from './support.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const rows = Number(arg('rows', '1000000'));
const engines = benchEngines(args.includes('--engines') ? arg('engines', 'sqlite') : undefined);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-bench-'));
const csv = path.join(work, `inventory-${rows}.csv`);
console.log(`Generating ${rows.toLocaleString('en')} weapons into ${csv} ...`);
generateInventoryCsv(csv, rows);
console.log(`  ${mb(fs.statSync(csv).size)} CSV`);

async function timeQuery(
  ctx: AppContext,
  input: Record<string, unknown>,
  repeat = 7,
): Promise<{ p50: number; max: number; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const page = await listWeapons(ctx, SYSTEM_CLI, input);
    times.push(performance.now() - t);
    total = page.total;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times[times.length - 1]!, total };
}

const figures: Record<string, unknown> = { rows };
const table: [string, string][] = [['rows', rows.toLocaleString('en')]];

for (const engine of engines) {
  const { ctx, dispose } = await benchDatabase(engine, work);
  const org = await createOrganisation(ctx, SYSTEM_CLI, {
    name: 'Bench commission',
    kind: 'national_authority',
    country: 'CAF',
  });
  global.gc?.();
  const memory = trackPeakMemory();
  let lastReport = 0;
  const started = performance.now();
  const summary = await importItems(ctx, SYSTEM_CLI, {
    organisationId: org.id,
    filePath: csv,
    onProgress: (n) => {
      if (n - lastReport >= 100_000) {
        lastReport = n;
        const s = (performance.now() - started) / 1000;
        process.stderr.write(`  ${engine}: ${n.toLocaleString('en')} rows, ${(n / s).toFixed(0)} rows/s\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const peak = memory.stop();
  if (!summary.committed || summary.imported !== rows)
    throw new Error(`import failed: ${JSON.stringify(summary).slice(0, 500)}`);
  const rate = rows / seconds;
  const reimportStart = performance.now();
  const again = await importItems(ctx, SYSTEM_CLI, { organisationId: org.id, filePath: csv });
  const reimportSeconds = (performance.now() - reimportStart) / 1000;

  // A serial from the middle of the file, searched as typed in the field: by prefix, with Cyrillic
  // look-alikes (К for K, О for 0), and with unreadable characters.
  const serial = normalisedSerialOfRow(Math.floor(rows / 2) + 7);
  const lookAlike = `${serial.slice(0, 2).replace('A', 'А').replace('K', 'К')}${serial.slice(2).replace(/0/g, 'О')}`;
  const partial = `${serial.slice(0, 4)}?${serial.slice(5, 8)}?`;
  const q = {
    firstPage: await timeQuery(ctx, { organisationId: org.id, limit: 50 }),
    byCategory: await timeQuery(ctx, { organisationId: org.id, category: 'Light machine guns', limit: 50 }),
    byStatusAndSort: await timeQuery(ctx, {
      organisationId: org.id,
      status: 'in_stock',
      sort: 'make',
      direction: 'asc',
      limit: 50,
    }),
    serialPrefix: await timeQuery(ctx, {
      organisationId: org.id,
      q: `${serial.slice(0, 2)}-${serial.slice(2, 7)}`,
      limit: 50,
    }),
    serialLookAlike: await timeQuery(ctx, { organisationId: org.id, q: lookAlike, limit: 50 }),
    partialSerial: await timeQuery(ctx, { organisationId: org.id, q: partial, limit: 50 }),
    markingText: await timeQuery(ctx, { organisationId: org.id, q: 'Ижмаш 1965', limit: 50 }),
    deepPage: await timeQuery(ctx, { organisationId: org.id, limit: 50, offset: Math.floor(rows / 2) }, 3),
  };
  figures[engine] = {
    importSeconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rate),
    peakRssMB: Math.round(peak / 1048576),
    reimport: {
      seconds: Number(reimportSeconds.toFixed(1)),
      unchanged: again.unchanged,
      imported: again.imported,
    },
    queriesMs: Object.fromEntries(
      Object.entries(q).map(([k, v]) => [
        k,
        { p50: Number(v.p50.toFixed(1)), max: Number(v.max.toFixed(1)), total: v.total },
      ]),
    ),
  };
  table.push(
    [
      `${engine}: import`,
      `${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en')} rows/s (target ${engine === 'sqlite' ? '100,000' : '50,000'}), peak RSS ${mb(peak)}`,
    ],
    [
      `${engine}: re-import (no-op)`,
      `${reimportSeconds.toFixed(1)} s, ${again.unchanged.toLocaleString('en')} unchanged, ${again.imported} imported`,
    ],
    ...Object.entries(q).map(
      ([k, v]) =>
        [
          `${engine}: ${k}`,
          `p50 ${v.p50.toFixed(1)} ms, max ${v.max.toFixed(1)} ms (${v.total.toLocaleString('en')} matches; target < 100 ms)`,
        ] as [string, string],
    ),
  );
  // Print each engine's figures as soon as they are known: a long run may be stopped before the end.
  for (const [k, v] of table.filter(([k]) => k.startsWith(`${engine}:`))) console.log(`  ${k}  ${v}`);
  await dispose();
}
fs.rmSync(work, { recursive: true, force: true });
writeResults(`registry-${engines.join('-')}-${rows}`, figures, table);
