import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { readableLevelsByOrganisation } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { csvStringifier } from '../../../platform/files/csv-writer.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import { presentWeaponSummary } from '../presenters.ts';
import { listSites } from '../repository/site-repository.ts';
import { markingsOfWeapons, searchWeapons } from '../repository/weapon-repository.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One weapon as exported: its summary plus what the summary leaves out and an import needs. */
type ExportedWeapon = ReturnType<typeof presentWeaponSummary> & {
  importCountry: string | null;
  importYear: number | null;
  siteName: string | null;
  markings: string;
  notes: string | null;
};

/**
 * The columns of an export, with headers the import recognises, so that an export re-imports
 * into another organisation (or installation) with its markings, sites and notes.
 */
const COLUMNS: [header: string, pick: (w: ExportedWeapon) => string | number | null][] = [
  ['Category', (w) => w.category],
  ['Make', (w) => w.make],
  ['Model', (w) => w.model],
  ['Calibre', (w) => w.calibre],
  ['Serial number', (w) => w.serial],
  ['Country of manufacture', (w) => w.countryOfManufacture],
  ['Year of manufacture', (w) => w.yearOfManufacture],
  ['Import country', (w) => w.importCountry],
  ['Import year', (w) => w.importYear],
  ['National registration number', (w) => w.nationalRegistrationNumber],
  ['National marking code', (w) => w.nationalMarkingCode],
  ['Condition', (w) => w.condition],
  ['Site', (w) => w.siteName],
  ['Holder', (w) => w.holder],
  ['Markings', (w) => w.markings],
  ['Notes', (w) => w.notes],
  ['Status', (w) => w.status],
  ['Confidentiality', (w) => w.confidentiality],
  ['Id', (w) => w.id],
];

async function* pages(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
): AsyncGenerator<ExportedWeapon[]> {
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.read',
    organisationId,
    'Your role in this organisation does not give access to its registry.',
  );
  const levels = readableLevelsByOrganisation(actor, 'registry.read');
  const siteNames = new Map((await listSites(ctx.db, [organisationId])).map((site) => [site.id, site.name]));
  for (let offset = 0; ; offset += 5000) {
    const { rows } = await searchWeapons(ctx.db, {
      organisationIds: [organisationId],
      readableLevels: levels,
      sort: 'created_at',
      direction: 'asc',
      limit: 5000,
      offset,
    });
    const markings = await markingsOfWeapons(
      ctx.db,
      rows.map((r) => r.id),
    );
    yield rows.map((r) => ({
      ...presentWeaponSummary(r),
      importCountry: r.import_country,
      importYear: r.import_year === null ? null : Number(r.import_year),
      siteName: r.site_id ? (siteNames.get(r.site_id) ?? null) : null,
      // National marking codes have their own column; the rest are joined as the import splits them.
      markings: (markings.get(r.id) ?? [])
        .filter((m) => m.kind !== 'national_marking_code')
        .map((m) => m.text_raw)
        .join('; '),
      notes: r.notes,
    }));
    if (rows.length < 5000) return;
  }
}

/** Writes an organisation's registry to a file, page by page, so exports of a million weapons stay in bounded memory. */
export async function exportItems(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
  format: ExportFormat,
  out: string,
): Promise<{ rows: number; file: string }> {
  let rows = 0;
  if (format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Registry');
    sheet.addRow(COLUMNS.map(([h]) => h)).commit();
    for await (const page of pages(ctx, actor, organisationId)) {
      for (const w of page) {
        sheet.addRow(COLUMNS.map(([, pick]) => pick(w) ?? '')).commit();
        rows++;
      }
    }
    sheet.commit();
    await workbook.commit();
    return { rows, file: out };
  }
  const stream = fs.createWriteStream(out);
  if (format === 'json') {
    stream.write('[\n');
    for await (const page of pages(ctx, actor, organisationId)) {
      for (const w of page) stream.write(`${rows++ ? ',\n' : ''}${JSON.stringify(w)}`);
    }
    stream.write('\n]\n');
  } else {
    const csv = csvStringifier({ bom: true });
    csv.pipe(stream);
    csv.write(COLUMNS.map(([h]) => h));
    for await (const page of pages(ctx, actor, organisationId)) {
      for (const w of page) {
        csv.write(COLUMNS.map(([, pick]) => pick(w) ?? ''));
        rows++;
      }
    }
    csv.end();
  }
  if (format === 'json') stream.end();
  await new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  return { rows, file: out };
}
