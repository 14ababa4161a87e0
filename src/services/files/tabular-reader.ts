import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of a spreadsheet as text cells, with the row number a person sees in the file (1-based). */
export interface TabularRow {
  rowNumber: number;
  cells: string[];
}

export type TabularFormat = 'csv' | 'xlsx';

export function formatFromFileName(fileName: string): TabularFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** Reads rows lazily, so a million-row inventory never has to fit in memory at once. */
export function readTabular(path: string, format: TabularFormat): AsyncGenerator<TabularRow> {
  return format === 'csv' ? readCsv(path) : readXlsx(path);
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Field spreadsheets arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
 * Windows-1252 (older Excel on French or Spanish Windows). A BOM decides; otherwise the sample
 * must be valid UTF-8, else it is read as Windows-1252, which never fails to decode.
 */
export function detectEncoding(sample: Buffer): { encoding: TextEncodingName; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // Cut at the last complete line so a multi-byte character split by the sample does not mislead.
  const lastNewline = sample.lastIndexOf(0x0a);
  const complete = lastNewline > 0 ? sample.subarray(0, lastNewline) : sample;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(complete);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/** The delimiter that splits the first lines most consistently: comma, semicolon (French Excel) or tab. */
export function detectDelimiter(sampleText: string): string {
  const lines = sampleText
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const min = Math.min(...counts);
    const score = min > 0 ? min * 10 + counts.filter((c) => c === counts[0]).length : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

async function* readCsv(path: string): AsyncGenerator<TabularRow> {
  const handle = await fs.promises.open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const head = sample.subarray(0, bytesRead);
  const { encoding, bomLength } = detectEncoding(head);
  const decoder = new TextDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding);
  const delimiter = detectDelimiter(decoder.decode(head.subarray(bomLength)));

  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
    bom: false,
  });
  const source = fs.createReadStream(path, { start: bomLength });
  const streamDecoder = new TextDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding);
  (async () => {
    try {
      for await (const chunk of source) {
        if (!parser.write(streamDecoder.decode(chunk as Buffer, { stream: true }))) {
          await new Promise((resolve) => parser.once('drain', resolve));
        }
      }
      parser.end(streamDecoder.decode());
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { rowNumber: record.info.lines, cells: record.record };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** The first worksheet of an XLSX workbook, streamed. */
async function* readXlsx(path: string): AsyncGenerator<TabularRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      // Array.from, not map: exceljs leaves holes for empty cells, and map would skip them.
      yield { rowNumber: row.number, cells: Array.from(values, (v) => cellText(v as ExcelJS.CellValue)) };
    }
    return; // first sheet only: inventories put their data on the first sheet
  }
}
