import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canInOrganisation } from '../../../platform/access/access.ts';
import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { dedicatedConnection } from '../../../platform/db/dialect/dedicated-connection.ts';
import { newId } from '../../../platform/db/ids.ts';
import { fromJson, toJson } from '../../../platform/db/json.ts';
import { forbidden, notFound, validationError } from '../../../platform/errors.ts';
import { formatFromFileName, readTabular } from '../../../platform/files/tabular-reader.ts';
import { requireInOrganisation } from '../../identity/index.ts';
import type { ImportMapping, ImportSummary } from '../contracts.ts';
import { detectColumns } from '../domain/inventory-import/header-detection.ts';
import {
  failRunningImports,
  findImport,
  insertImport,
  updateImport,
} from '../repository/import-repository.ts';
import { type ImportPhase, importItems, validateRegisteredOn } from './import-service.ts';

/**
 * The web's import flow: upload (the file is kept under DATA_DIR/uploads), preview (detected
 * mapping and first rows), run (in the background, with progress), result (summary, rejects).
 * The CLI calls importItems directly.
 */
export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;
const PREVIEW_ROWS = 15;

/** Rows read so far, and the phase, of imports running in this process, for the progress bar. */
const progress = new Map<string, { rows: number; phase: ImportPhase }>();

function uploadDir(ctx: AppContext, importId: string): string {
  return path.resolve(ctx.config.dataDir, 'uploads', importId);
}

async function readableImport(ctx: AppContext, actor: Actor, importId: string) {
  const row = await findImport(ctx.db, importId);
  // Like the registry's records: hidden from whoever cannot read the organisation's registry,
  // refused to those of its members who may read but not import.
  if (!row || !canInOrganisation(actor, 'registry.read', row.organisation_id)) throw notFound('The import');
  if (!canInOrganisation(actor, 'registry.write', row.organisation_id))
    throw forbidden("Only the organisation's registrars and administrators can work with its imports.");
  return row;
}

export async function uploadImportFile(
  ctx: AppContext,
  actor: Actor,
  input: { organisationId: string; fileName: string; bytes: Buffer },
) {
  await requireInOrganisation(
    ctx.db,
    actor,
    'registry.write',
    input.organisationId,
    "Only the organisation's registrars and administrators can import inventories.",
  );
  const format = formatFromFileName(input.fileName);
  if (!format)
    throw validationError(`${input.fileName}: only .csv and .xlsx files can be imported.`, [
      { field: 'file', message: 'Use CSV or XLSX.' },
    ]);
  const id = newId();
  const dir = uploadDir(ctx, id);
  fs.mkdirSync(dir, { recursive: true });
  const safeName = path.basename(input.fileName).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  fs.writeFileSync(path.join(dir, safeName), input.bytes);
  await insertImport(ctx.db, {
    id,
    organisation_id: input.organisationId,
    kind: 'items',
    file_name: safeName,
    file_sha256: createHash('sha256').update(input.bytes).digest('hex'),
    status: 'uploaded',
    mapping_json: null,
    summary_json: null,
    progress_rows: 0,
    total_rows: null,
    created_by: actorLabel(actor),
    created_at: ctx.now().toISOString(),
    finished_at: null,
  });
  return previewImport(ctx, actor, id);
}

/** The detected header and mapping and the first rows, for the user to check before running. */
export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  importId: string,
  mapping?: ImportMapping,
) {
  const row = await readableImport(ctx, actor, importId);
  const file = path.join(uploadDir(ctx, importId), row.file_name);
  const rows: string[][] = [];
  const numbers: number[] = [];
  for await (const r of readTabular(file, formatFromFileName(row.file_name)!)) {
    rows.push(r.cells);
    numbers.push(r.rowNumber);
    if (rows.length >= 25 + PREVIEW_ROWS) break;
  }
  const detected = detectColumns(rows, {
    headerRow:
      mapping?.headerRow === undefined ? undefined : numbers.indexOf(mapping.headerRow) + 1 || undefined,
    columns: mapping?.columns as never,
  });
  return {
    importId,
    fileName: row.file_name,
    status: row.status,
    headerRow: detected ? numbers[detected.headerRowIndex]! : null,
    headers: detected?.headers ?? [],
    columns: detected
      ? Object.fromEntries(Object.entries(detected.columns).map(([field, col]) => [field, col as number]))
      : {},
    unmapped: detected?.unmapped ?? [],
    rows: detected
      ? rows
          .slice(detected.headerRowIndex + 1, detected.headerRowIndex + 1 + PREVIEW_ROWS)
          .map((cells, i) => ({ row: numbers[detected.headerRowIndex + 1 + i]!, cells }))
      : rows.slice(0, PREVIEW_ROWS).map((cells, i) => ({ row: numbers[i]!, cells })),
  };
}

/** Starts the import in the background and returns at once; poll importStatus for progress. */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  importId: string,
  options: { mapping?: ImportMapping; partial?: boolean; dryRun?: boolean; registeredOn?: string },
): Promise<{ importId: string; status: string }> {
  const row = await readableImport(ctx, actor, importId);
  if (options.registeredOn !== undefined) validateRegisteredOn(options.registeredOn, ctx.now());
  if (row.status === 'running') throw validationError('This import is already running.');
  if (row.status === 'done')
    throw validationError(
      'This file was imported already. Upload it again to re-run it (nothing will be duplicated).',
    );
  const file = path.join(uploadDir(ctx, importId), row.file_name);
  await updateImport(ctx.db, importId, {
    status: 'running',
    mapping_json: toJson(options.mapping ?? null),
    progress_rows: 0,
  });
  progress.set(importId, { rows: 0, phase: 'reading' });
  void (async () => {
    let summary: ImportSummary | null = null;
    let failure: string | null = null;
    const connection = dedicatedConnection(ctx.db, ctx.dialect, ctx.sqlite);
    try {
      summary = await importItems({ ...ctx, db: connection.db, sqlite: connection.sqlite }, actor, {
        organisationId: row.organisation_id,
        filePath: file,
        fileName: row.file_name,
        mapping: options.mapping,
        partial: options.partial,
        dryRun: options.dryRun,
        registeredOn: options.registeredOn,
        rejectsPath: path.join(uploadDir(ctx, importId), 'rejects.csv'),
        importId,
        onProgress: (rows, phase) => progress.set(importId, { rows, phase }),
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      progress.delete(importId);
      await connection.close();
    }
    const status = failure
      ? 'failed'
      : summary!.committed
        ? 'done'
        : summary!.dryRun
          ? 'checked'
          : 'rejected';
    await updateImport(ctx.db, importId, {
      status,
      summary_json: toJson(
        failure ? { failure } : { ...summary, rejectsFile: summary!.rejectsFile ? 'rejects.csv' : null },
      ),
      progress_rows: summary?.rows ?? 0,
      total_rows: summary?.rows ?? null,
      finished_at: ctx.now().toISOString(),
    });
  })();
  return { importId, status: 'running' };
}

/**
 * Imports left "running" by a server that stopped: their transaction was rolled back with it, so
 * nothing of them was written. Marked failed at start-up, so they can be run again.
 */
export async function failInterruptedImports(ctx: AppContext): Promise<number> {
  return failRunningImports(
    ctx.db,
    toJson({ failure: 'The server stopped during this import; nothing was written. Run it again.' }) ?? '{}',
    ctx.now().toISOString(),
  );
}

export async function importStatus(ctx: AppContext, actor: Actor, importId: string) {
  const row = await readableImport(ctx, actor, importId);
  const summary = fromJson<(ImportSummary & { failure?: string }) | { failure: string }>(row.summary_json);
  return {
    importId,
    fileName: row.file_name,
    status: row.status,
    rowsRead: progress.get(importId)?.rows ?? Number(row.progress_rows),
    // Only while it runs in this process: reading rows, rebuilding indexes, or committing.
    phase: progress.get(importId)?.phase ?? null,
    summary: summary && !('failure' in summary && !('rows' in summary)) ? (summary as ImportSummary) : null,
    failure: summary && 'failure' in summary ? (summary.failure ?? null) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function importRejects(ctx: AppContext, actor: Actor, importId: string): Promise<Buffer> {
  await readableImport(ctx, actor, importId);
  const file = path.join(uploadDir(ctx, importId), 'rejects.csv');
  if (!fs.existsSync(file)) throw notFound('The rejects file');
  return fs.readFileSync(file);
}
