import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit-recorder.ts';
import type { AppContext } from '../../../platform/context.ts';
import { createBulkInserter } from '../../../platform/db/dialect/bulk-insert.ts';
import { approximateRowCount, deferredIndexes } from '../../../platform/db/dialect/deferred-indexes.ts';
import { refreshPlannerStatistics } from '../../../platform/db/dialect/planner-statistics.ts';
import { newId } from '../../../platform/db/ids.ts';
import { toJson } from '../../../platform/db/json.ts';
import type { Db, NewRow } from '../../../platform/db/schema.ts';
import { validationError } from '../../../platform/errors.ts';
import { csvText } from '../../../platform/files/csv-writer.ts';
import {
  formatFromFileName,
  readTabularBatches,
  type TabularRow,
} from '../../../platform/files/tabular-reader.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../reference/vocab.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import { ImportMapping, type ImportSummary } from '../contracts.ts';
import { ITEM_FIELDS, type ItemField } from '../domain/inventory-import/fields.ts';
import {
  columnLetter,
  detectColumns,
  type MappingOverrides,
} from '../domain/inventory-import/header-detection.ts';
import {
  type RowIssue,
  validateWeaponRow,
  type WeaponCandidate,
} from '../domain/inventory-import/row-validation.ts';
import { normaliseSerialText } from '../domain/serial.ts';
import { insertImport, updateImport } from '../repository/import-repository.ts';
import { findSiteByName, insertSite } from '../repository/site-repository.ts';
import {
  organisationHasWeapons,
  weaponsByNaturalKeys,
  weaponsBySerialKeys,
} from '../repository/weapon-repository.ts';

export type ImportPhase = 'reading' | 'indexing' | 'finishing';

export interface ImportItemsOptions {
  organisationId: string;
  filePath: string;
  /** The name the user knows the file by (for messages and the record of the import). */
  fileName?: string;
  mapping?: unknown;
  dryRun?: boolean;
  /** Commit the valid rows and write the rejected ones to a rejects file. */
  partial?: boolean;
  rejectsPath?: string;
  confidentiality?: Confidentiality;
  /**
   * Called after each chunk with the rows read so far, then once per later phase: 'indexing' while
   * the indexes of a baseline load are rebuilt (a fifth of a million-row import), 'finishing' while
   * the import is committed and the planner's statistics refreshed.
   */
  onProgress?: (rowsRead: number, phase: ImportPhase) => void;
  /** Date of the `registered` events; today by default. */
  registeredOn?: string;
  /** An upload already recorded in `imports` (the web flow); otherwise a new record is made. */
  importId?: string;
  /**
   * Rows after which a load into an empty registry rebuilds the weapons indexes at its end instead
   * of updating them row by row (SQLite); DEFER_INDEXES_AFTER_ROWS unless set (tests set it low).
   */
  deferIndexesAfterRows?: number;
}

/** Errors kept in the summary; the rejects file holds every rejected row whatever their number. */
const MAX_REPORTED_ERRORS = 5000;
const MAX_REPORTED_DUPLICATES = 2000;
const CHUNK_ROWS = 2000;
/** Rows of the file searched for its header. */
const HEADER_SEARCH_ROWS = 25;
/**
 * An import this large into an empty registry, and at least as large as the whole weapons table
 * was, rebuilds the table's indexes at its end rather than updating them row by row
 * (src/db/dialect/deferred-indexes.ts).
 */
const DEFER_INDEXES_AFTER_ROWS = 50_000;

class Rollback extends Error {}

/**
 * Imports a baseline inventory (CSV or XLSX) of weapons into an organisation's registry.
 *
 * All or nothing by default: rows are validated and written inside one transaction, which is
 * rolled back if any row is refused. With `partial`, valid rows are committed and refused ones
 * are written to a rejects file with their reasons. Re-importing the same file changes nothing:
 * each weapon's natural key (make + model + normalised serial, or national registration number)
 * finds the one already registered, and an identical description counts as unchanged.
 */
export async function importItems(
  ctx: AppContext,
  actor: Actor,
  opts: ImportItemsOptions,
): Promise<ImportSummary> {
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.write',
    opts.organisationId,
    "Only the organisation's registrars and administrators can import inventories.",
  );
  const fileName = opts.fileName ?? path.basename(opts.filePath);
  const format = formatFromFileName(fileName);
  if (!format)
    throw validationError(`${fileName}: only .csv and .xlsx files can be imported.`, [
      { field: 'file', message: 'Use CSV or XLSX.' },
    ]);
  if (!fs.existsSync(opts.filePath))
    throw validationError(`${opts.filePath} does not exist.`, [{ field: 'file', message: 'No such file.' }]);
  const mapping = opts.mapping === undefined ? {} : parseInput(ImportMapping, opts.mapping);
  if (opts.confidentiality !== undefined && !CONFIDENTIALITY_LEVELS.includes(opts.confidentiality)) {
    // From the CLI's --confidentiality: an unknown level would make the records unreadable to everyone.
    throw validationError(
      `"${opts.confidentiality}" is not a confidentiality level. Use one of: ${CONFIDENTIALITY_LEVELS.join(', ')}.`,
      [{ field: 'confidentiality', message: 'Unknown level.' }],
    );
  }
  if (opts.registeredOn !== undefined) validateRegisteredOn(opts.registeredOn, ctx.now());
  const defaults = validateDefaults(mapping.defaults ?? {});
  validateMappedFields(mapping.columns ?? {});

  const batches = readTabularBatches(opts.filePath, format)[Symbol.asyncIterator]();
  // The header is looked for in the first rows; the rest of what was read is data.
  const firstRows: TabularRow[] = [];
  while (firstRows.length < HEADER_SEARCH_ROWS) {
    const next = await batches.next();
    if (next.done) break;
    firstRows.push(...next.value);
  }
  const head = firstRows.slice(0, HEADER_SEARCH_ROWS);
  const overrides: MappingOverrides = {
    headerRow:
      mapping.headerRow === undefined
        ? undefined
        : head.findIndex((r) => r.rowNumber === mapping.headerRow) + 1 || mapping.headerRow,
    columns: mapping.columns as MappingOverrides['columns'],
  };
  const detected = detectColumns(
    head.map((r) => r.cells),
    overrides,
  );
  if (!detected) {
    throw validationError(
      `${fileName}: no header row found in the first 25 rows. Name the columns (e.g. "Serial No.", "Make", "Model", "Category") or give a mapping file.`,
      [{ field: 'file', message: 'No header row recognised.' }],
    );
  }
  const hasIdentity =
    detected.columns.serial !== undefined || detected.columns.national_registration_number !== undefined;
  const hasCategory = detected.columns.category !== undefined || defaults.category !== undefined;
  if (!hasIdentity || !hasCategory) {
    const missing = [
      !hasIdentity && 'serial number or national registration number column',
      !hasCategory && 'category column (nor a default category in the mapping)',
    ].filter(Boolean);
    throw validationError(
      `${fileName}: the file has no ${missing.join(' and no ')}. Headers found: ${detected.headers.filter(Boolean).join(', ')}.`,
      [{ field: 'mapping', message: `Missing ${missing.join(' and ')}.` }],
    );
  }
  const headerRowNumber = head[detected.headerRowIndex]!.rowNumber;
  const fieldHeaders: Partial<Record<ItemField, string>> = {};
  const mappingOut: Record<string, string> = {};
  for (const [field, column] of Object.entries(detected.columns) as [ItemField, number][]) {
    const header = detected.headers[column] || columnLetter(column);
    fieldHeaders[field] = header;
    mappingOut[header] = field;
  }

  const fieldColumns = Object.entries(detected.columns) as [ItemField, number][];

  const importId = opts.importId ?? newId();
  const now = ctx.now();
  const summary: ImportSummary = {
    imported: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    duplicates: [],
    dryRun: Boolean(opts.dryRun),
    committed: false,
    rows: 0,
    sitesCreated: [],
    rejectsFile: null,
    mapping: mappingOut,
    importId: opts.dryRun ? null : importId,
  };
  const rejects: { cells: string[]; reasons: string[] }[] = [];
  const seenKeys = new Map<string, number>();
  const seenSerialKeys = new Map<
    string,
    { row: number; make: string | null; model: string | null; serial: string | null; naturalKey: string }
  >();

  const work = async (db: Db) => {
    const bulk = createBulkInserter(db, ctx.dialect, ctx.sqlite);
    const indexes = deferredIndexes(db, ctx.dialect, 'weapons');
    const writes = oneWriteInFlight();
    const weaponsAtStart = await approximateRowCount(db, ctx.dialect, 'weapons');
    // A baseline inventory goes into an empty registry: nothing there to compare its rows with.
    const registryWasEmpty = !(await organisationHasWeapons(db, opts.organisationId));
    const siteIds = new Map<string, string>();
    let chunk: { row: TabularRow; candidate: WeaponCandidate }[] = [];
    const reject = (row: TabularRow, issues: RowIssue[]) => {
      summary.rejected++;
      for (const issue of issues) if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push(issue);
      rejects.push({ cells: row.cells, reasons: issues.map((i) => `${i.column}: ${i.message}`) });
    };

    const flush = async () => {
      if (chunk.length === 0) return;
      const existing = registryWasEmpty
        ? new Map<string, { id: string; content_hash: string }>()
        : await weaponsByNaturalKeys(
            db,
            opts.organisationId,
            chunk.map((c) => c.candidate.naturalKey),
          );
      const serialKeys = registryWasEmpty
        ? []
        : [...new Set(chunk.map((c) => c.candidate.serialKey).filter((k): k is string => Boolean(k)))];
      const similar = serialKeys.length ? await weaponsBySerialKeys(db, opts.organisationId, serialKeys) : [];
      const weapons: NewRow<'weapons'>[] = [];
      const events: NewRow<'ledger_events'>[] = [];
      const markings: NewRow<'weapon_markings'>[] = [];
      for (const { row, candidate: c } of chunk) {
        const found = existing.get(c.naturalKey);
        if (found) {
          if (found.content_hash === c.contentHash) summary.unchanged++;
          else {
            reject(row, [
              {
                row: c.row,
                column: fieldHeaders.serial ?? 'serial',
                value: c.serialRaw ?? c.nationalRegistrationNumber ?? '',
                message: `This weapon is already registered (id ${found.id}) with different details. Correct the registry by recording an event, not by re-importing.`,
              },
            ]);
          }
          continue;
        }
        // One entry per row, listing every registered weapon it may duplicate.
        const registered = similar.filter(
          (other) => other.serial_key === c.serialKey && other.natural_key !== c.naturalKey,
        );
        if (registered.length && summary.duplicates.length < MAX_REPORTED_DUPLICATES) {
          summary.duplicates.push({
            row: c.row,
            serial: c.serialRaw ?? '',
            message:
              registered.length === 1
                ? 'A registered weapon has a serial that differs only by look-alike characters or make/model spelling.'
                : `${registered.length} registered weapons have a serial that differs only by look-alike characters or make/model spelling.`,
            candidates: registered.map((other) => ({
              weaponId: other.id,
              make: other.make,
              model: other.model,
              serial: other.serial_raw,
            })),
          });
        }
        const siteId = c.site ? (siteIds.get(c.site) ?? (await siteIdFor(db, c.site))) : null;
        const id = newId();
        const at = now.toISOString();
        weapons.push({
          id,
          organisation_id: opts.organisationId,
          confidentiality: opts.confidentiality ?? 'restricted',
          category: c.category,
          make: c.make,
          model: c.model,
          calibre: c.calibre,
          serial_raw: c.serialRaw,
          serial_normalised: c.serialNormalised,
          serial_key: c.serialKey,
          country_of_manufacture: c.countryOfManufacture,
          year_of_manufacture: c.yearOfManufacture,
          import_country: c.importCountry,
          import_year: c.importYear,
          national_registration_number: c.nationalRegistrationNumber,
          registration_normalised: c.nationalRegistrationNumber
            ? normaliseSerialText(c.nationalRegistrationNumber)
            : null,
          national_marking_code: null,
          condition: c.condition,
          notes: c.notes,
          natural_key: c.naturalKey,
          content_hash: c.contentHash,
          status: 'in_stock',
          holder: c.holder,
          site_id: siteId,
          import_id: importId,
          created_by: actorLabel(actor),
          created_at: at,
          updated_at: at,
        });
        events.push({
          id: newId(),
          organisation_id: opts.organisationId,
          subject_type: 'weapon',
          subject_id: id,
          seq: 1,
          type: 'registered',
          occurred_on: opts.registeredOn ?? at.slice(0, 10),
          place: null,
          site_id: siteId,
          actor_organisation: opts.organisationId,
          counterpart: null,
          holder: c.holder,
          quantity_delta: null,
          documents_json: null,
          corrects_event_id: null,
          reason: null,
          details_json: toJson({ importId, row: c.row, file: fileName }),
          recorded_by: actorLabel(actor),
          recorded_at: at,
        });
        for (const m of c.markings) {
          markings.push({
            id: newId(),
            weapon_id: id,
            kind: 'other',
            text_raw: m.text,
            text_normalised: m.normalised,
            script: m.script,
            transliteration: null,
            position: null,
            attachment_id: null,
            created_at: at,
          });
        }
        summary.imported++;
      }
      // Once a row is refused, an all-or-nothing import will be rolled back: the remaining rows are
      // still checked, so that every error is reported at once, but no longer written.
      const writing = !opts.dryRun && (opts.partial || summary.rejected === 0);
      // The previous chunk's rows must be in before this chunk's go in (and before indexes change).
      await writes.settle();
      if (writing) {
        // Only into an empty registry: the comparisons with registered weapons above need the indexes.
        if (
          registryWasEmpty &&
          summary.rows >= (opts.deferIndexesAfterRows ?? DEFER_INDEXES_AFTER_ROWS) &&
          summary.rows >= weaponsAtStart
        )
          await indexes.defer();
        writes.start(async () => {
          await bulk.insert('weapons', weapons);
          await bulk.insert('ledger_events', events);
          await bulk.insert('weapon_markings', markings);
        });
      }
      chunk = [];
      opts.onProgress?.(summary.rows, 'reading');
    };

    const siteIdFor = async (trx: Db, name: string): Promise<string | null> => {
      const known = siteIds.get(name);
      if (known) return known;
      const site = await findSiteByName(trx, opts.organisationId, name);
      let id = site?.id;
      if (!id) {
        id = newId();
        summary.sitesCreated.push(name);
        if (!opts.dryRun) {
          const at = now.toISOString();
          await insertSite(trx, {
            id,
            organisation_id: opts.organisationId,
            confidentiality: 'restricted',
            name,
            kind: 'depot',
            country: null,
            admin_area: null,
            latitude: null,
            longitude: null,
            created_at: at,
            updated_at: at,
          });
        }
      }
      siteIds.set(name, id);
      return id;
    };

    /** Checks one row; the valid ones wait in `chunk` to be compared with the registry and written. */
    const takeRow = (row: TabularRow) => {
      if (row.cells.every((c) => c.trim() === '')) return;
      summary.rows++;
      const values: Partial<Record<ItemField, string>> = {};
      for (const [field, column] of fieldColumns) values[field] = row.cells[column] ?? '';
      const result = validateWeaponRow({
        rowNumber: row.rowNumber,
        values,
        headers: fieldHeaders,
        defaults,
        currentYear: now.getUTCFullYear(),
      });
      if ('issues' in result) {
        reject(row, result.issues);
        return;
      }
      const c = result.candidate;
      const earlier = seenKeys.get(c.naturalKey);
      if (earlier !== undefined) {
        reject(row, [
          {
            row: c.row,
            column: fieldHeaders.serial ?? 'serial',
            value: c.serialRaw ?? c.nationalRegistrationNumber ?? '',
            message: `The same weapon is already on row ${earlier} of this file.`,
          },
        ]);
        return;
      }
      seenKeys.set(c.naturalKey, c.row);
      if (c.serialKey) {
        const twin = seenSerialKeys.get(c.serialKey);
        if (twin && summary.duplicates.length < MAX_REPORTED_DUPLICATES) {
          summary.duplicates.push({
            row: c.row,
            serial: c.serialRaw ?? '',
            message: `Row ${twin.row} has a serial that differs only by look-alike characters or make/model spelling.`,
            candidates: [{ row: twin.row, make: twin.make, model: twin.model, serial: twin.serial }],
          });
        } else if (!twin) {
          seenSerialKeys.set(c.serialKey, {
            row: c.row,
            make: c.make,
            model: c.model,
            serial: c.serialRaw,
            naturalKey: c.naturalKey,
          });
        }
      }
      chunk.push({ row, candidate: c });
    };

    for (const row of firstRows) {
      if (row.rowNumber <= headerRowNumber) continue;
      takeRow(row);
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      for (const row of next.value) {
        takeRow(row);
        if (chunk.length >= CHUNK_ROWS) await flush();
      }
    }
    await flush();
    await writes.settle();

    const failed = summary.rejected > 0 && !opts.partial;
    if (failed || opts.dryRun) {
      summary.committed = false;
      throw new Rollback();
    }
    if (indexes.active) opts.onProgress?.(summary.rows, 'indexing');
    await indexes.rebuild();
    opts.onProgress?.(summary.rows, 'finishing');
    const record = {
      id: importId,
      organisation_id: opts.organisationId,
      kind: 'items',
      file_name: fileName,
      file_sha256: await fileSha256(opts.filePath),
      status: 'done',
      mapping_json: toJson({ mapping: mappingOut, defaults }),
      summary_json: toJson({
        imported: summary.imported,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        rows: summary.rows,
      }),
      progress_rows: summary.rows,
      total_rows: summary.rows,
      created_by: actorLabel(actor),
      created_at: now.toISOString(),
      finished_at: ctx.now().toISOString(),
    };
    // An upload of the web flow: its runner records the outcome (status, full summary, rejects file)
    // once this transaction has committed. Marking it done here would let a client polling in between
    // read "done" with a partial summary.
    if (opts.importId) await updateImport(db, importId, { mapping_json: record.mapping_json });
    else await insertImport(db, record);
    await recordAudit(
      db,
      actor,
      {
        action: 'registry.import',
        recordType: 'import',
        recordId: importId,
        organisationId: opts.organisationId,
        after: {
          file: fileName,
          imported: summary.imported,
          unchanged: summary.unchanged,
          rejected: summary.rejected,
          sitesCreated: summary.sitesCreated,
        },
      },
      ctx.now(),
    );
    summary.committed = true;
  };

  try {
    await ctx.db.transaction().execute(work);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (summary.committed && summary.imported > 0) await refreshPlannerStatistics(ctx.db, ctx.dialect);
  if (!summary.committed) {
    // Nothing was written: say so in the counts, and drop site names that were never created.
    if (!opts.dryRun) {
      summary.sitesCreated = [];
      summary.importId = null;
    }
  }
  if (opts.partial && rejects.length) {
    summary.rejectsFile = writeRejects(
      opts.rejectsPath ?? defaultRejectsPath(opts.filePath),
      head[detected.headerRowIndex]!.cells,
      rejects,
    );
  }
  if (!summary.committed && !opts.dryRun) summary.imported = 0;
  // Rows of the file are compared as they are read, with registered weapons chunk by chunk: report in file order.
  summary.duplicates.sort((a, b) => a.row - b.row);
  return summary;
}

/**
 * Lets a chunk's rows be written while the next chunk is read and checked. On PostgreSQL the
 * server inserts on one core while this process parses on the other; on SQLite the write runs to
 * its end at once (better-sqlite3 is synchronous), so nothing changes there.
 */
function oneWriteInFlight() {
  let current: Promise<void> = Promise.resolve();
  return {
    start(write: () => Promise<void>) {
      current = write();
      // Its failure is reported by the next settle(), not as an unhandled rejection meanwhile.
      current.catch(() => {});
    },
    settle(): Promise<void> {
      return current;
    },
  };
}

/**
 * The date the weapons entered the registry (a baseline inventory is often typed up weeks after the
 * count): a real calendar date, not in the future.
 */
export function validateRegisteredOn(text: string, now: Date): void {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  if (!valid)
    throw validationError(`"${text}" is not a date: give the registration date as YYYY-MM-DD.`, [
      { field: 'registeredOn', message: 'Not a date.' },
    ]);
  if (text > now.toISOString().slice(0, 10))
    throw validationError(`The registration date ${text} is in the future.`, [
      { field: 'registeredOn', message: 'In the future.' },
    ]);
}

function validateDefaults(defaults: Record<string, string>): Partial<Record<ItemField, string>> {
  const out: Partial<Record<ItemField, string>> = {};
  for (const [field, value] of Object.entries(defaults)) {
    if (!(ITEM_FIELDS as readonly string[]).includes(field)) {
      throw validationError(
        `The mapping's defaults name an unknown field "${field}". Fields: ${ITEM_FIELDS.join(', ')}.`,
        [{ field: `defaults.${field}`, message: 'Unknown field.' }],
      );
    }
    out[field as ItemField] = value;
  }
  return out;
}

/** A column mapped to a field the import does not know would be silently ignored: refuse it. */
function validateMappedFields(columns: Record<string, string | null>): void {
  const issues = Object.entries(columns)
    .filter(([, field]) => field !== null && !(ITEM_FIELDS as readonly string[]).includes(field))
    .map(([column, field]) => ({ field: `columns.${column}`, message: `Unknown field "${field}".` }));
  if (issues.length) {
    throw validationError(
      `The mapping maps ${issues.map((i) => i.field.slice('columns.'.length)).join(', ')} to unknown fields. Fields: ${ITEM_FIELDS.join(', ')} (or null to ignore a column).`,
      issues,
    );
  }
}

function defaultRejectsPath(filePath: string): string {
  const parsed = path.parse(filePath);
  return path.join(parsed.dir, `${parsed.name}.rejects.csv`);
}

/** The refused rows as they were, with a first column saying why, ready to correct and import again. */
function writeRejects(
  target: string,
  header: string[],
  rejects: { cells: string[]; reasons: string[] }[],
): string {
  const body = csvText([['Errors', ...header], ...rejects.map((r) => [r.reasons.join(' | '), ...r.cells])], {
    bom: true,
  });
  fs.writeFileSync(target, body);
  return target;
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
