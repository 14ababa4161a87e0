import { z } from 'zod';
import { ImportSummary } from './contracts.ts';

/*
 * Response schemas of the web import flow (src/modules/registry/http/import-routes.ts). Kept apart
 * from contracts.ts so the import pipeline's answers have one home of their own.
 */

const ImportStatusName = z
  .string()
  .describe('uploaded, running, checked (dry run), done, rejected (nothing written) or failed');

/** The detected header, mapping and first rows of an uploaded file, for the user to check. */
export const ImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  status: ImportStatusName,
  headerRow: z.number().int().nullable().describe('1-based row number of the detected header'),
  headers: z.array(z.string()),
  columns: z.record(z.string(), z.number().int()).describe('field -> 0-based column index'),
  unmapped: z
    .array(z.object({ column: z.number().int(), header: z.string() }))
    .describe('header cells that map to no field'),
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The answer to "run": the import has started in the background. */
export const ImportStarted = z.object({ importId: z.string(), status: ImportStatusName });

/** Progress while it runs, and the result when it has finished. */
export const ImportStatus = z.object({
  importId: z.string(),
  fileName: z.string(),
  status: ImportStatusName,
  rowsRead: z.number().int(),
  phase: z.enum(['reading', 'indexing', 'finishing']).nullable(),
  summary: ImportSummary.nullable(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/** The rejected rows with their reasons, as CSV text. */
export const ImportRejectsCsv = z.string().describe('CSV: the rejected rows with a reason column');
