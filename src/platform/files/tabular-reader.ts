import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { restoreNeutralisedCells } from './csv-writer.ts';

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

/** Rows handed over per batch by `readTabularBatches`. */
const BATCH_ROWS = 1000;
/** Rows parsed ahead of the reader before the file is read further. */
const READ_AHEAD_ROWS = 4 * BATCH_ROWS;

/**
 * Reads rows lazily, in batches, so a million-row inventory never has to fit in memory at once, and
 * the caller pays one await per thousand rows rather than one per row.
 */
export function readTabularBatches(path: string, format: TabularFormat): AsyncGenerator<TabularRow[]> {
  return format === 'csv' ? readCsv(path) : readXlsx(path);
}

/** The same rows one at a time, for callers that read only the first few (previews, tests). */
export async function* readTabular(path: string, format: TabularFormat): AsyncGenerator<TabularRow> {
  for await (const batch of readTabularBatches(path, format)) yield* batch;
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

/**
 * The delimiter that splits the first lines most consistently: comma, semicolon (French Excel) or tab.
 * Each candidate is scored by how many lines agree on the same (non-zero) number of delimiters, so a
 * title line or a note above the header, which has none, does not rule the real delimiter out; and
 * decimal commas ("7,62") in a semicolon file do not outvote the semicolons, which every line has.
 */
export function detectDelimiter(sampleText: string): string {
  const lines = sampleText
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const lineCounts = new Map<number, number>();
    for (const l of lines) {
      const n = l.split(d).length - 1;
      if (n > 0) lineCounts.set(n, (lineCounts.get(n) ?? 0) + 1);
    }
    // Lines agreeing on the most common count first, then the larger count (more columns).
    let score = 0;
    for (const [count, agreeing] of lineCounts)
      score = Math.max(score, agreeing * 1000 + Math.min(count, 999));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Windows-1252 differs from ISO-8859-1 at 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ),
 * which French and Spanish spreadsheets use all the time (’ in "d’assaut", œ). Node 20's TextDecoder
 * decodes 'windows-1252' as ISO-8859-1, leaving control characters there, so those bytes are mapped here.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function textDecoder(encoding: TextEncodingName): {
  decode(bytes?: Buffer, options?: { stream: boolean }): string;
} {
  if (encoding !== 'windows-1252') return new TextDecoder(encoding);
  const latin1 = new TextDecoder('latin1');
  return {
    decode: (bytes, options) =>
      latin1
        .decode(bytes, options)
        .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!),
  };
}

async function* readCsv(path: string): AsyncGenerator<TabularRow[]> {
  const handle = await fs.promises.open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const head = sample.subarray(0, bytesRead);
  const { encoding, bomLength } = detectEncoding(head);
  const delimiter = detectDelimiter(textDecoder(encoding).decode(head.subarray(bomLength)));

  // PapaParse, fed decoded text: quotes opening a field are honoured (cells running over several
  // lines, delimiters inside quotes), a quote inside an unquoted cell (7.62" or Type "56") is kept
  // as text, and a malformed quote never stops the file. It parses about five times faster than
  // csv-parse, which a million-row inventory notices (docs/decisions.md).
  const parser: Duplex = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const source = fs.createReadStream(path, { start: bomLength });
  const streamDecoder = textDecoder(encoding);

  // Records are taken as the parser emits them ('data', flowing mode) and handed over in batches;
  // the file is read ahead only while fewer than READ_AHEAD_ROWS wait. (Letting the parser's own
  // stream apply back-pressure makes PapaParse pause and re-slice its input every 16 records, and a
  // promise per record costs more than parsing it.)
  const waiting: string[][] = [];
  let ended = false;
  let failure: Error | null = null;
  // Whoever waits (the reader for records, the feeder for room) leaves its resolve function here.
  const sleeping: { reader?: () => void; feeder?: () => void } = {};
  const wake = (who: 'reader' | 'feeder') => {
    sleeping[who]?.();
    sleeping[who] = undefined;
  };
  parser.on('data', (cells: string[]) => waiting.push(cells));
  parser.once('end', () => {
    ended = true;
    wake('reader');
  });
  parser.once('error', (error) => {
    failure = error;
    wake('reader');
  });
  let stopped = false;
  const feed = async () => {
    try {
      for await (const chunk of source) {
        if (stopped) return;
        const text = streamDecoder.decode(chunk as Buffer, { stream: true });
        if (text) parser.write(text);
        wake('reader');
        while (waiting.length >= READ_AHEAD_ROWS && !stopped)
          await new Promise<void>((resolve) => {
            sleeping.feeder = resolve;
          });
      }
      const rest = streamDecoder.decode();
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      failure = error as Error;
      wake('reader');
    }
  };
  void feed();

  // The row number is the record's position, as a spreadsheet shows the file: a cell running over
  // several lines (Alt+Enter in Excel) is still one row. Blank lines count, as they do there.
  let rowNumber = 0;
  try {
    for (;;) {
      if (waiting.length) {
        const records = waiting.splice(0, BATCH_ROWS);
        const rows: TabularRow[] = new Array(records.length);
        // Cells our own CSV writer neutralised ('=...) read back as they were exported.
        for (let i = 0; i < records.length; i++)
          rows[i] = { rowNumber: ++rowNumber, cells: restoreNeutralisedCells(records[i]!) };
        if (waiting.length < READ_AHEAD_ROWS) wake('feeder');
        yield rows;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        sleeping.reader = resolve;
      });
    }
  } finally {
    stopped = true;
    wake('feeder');
    source.destroy();
    parser.destroy();
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
async function* readXlsx(path: string): AsyncGenerator<TabularRow[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell date cells from numbers: without them a date (a year typed as 01/01/1985) reads as 31048.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of workbook) {
    let batch: TabularRow[] = [];
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      // Array.from, not map: exceljs leaves holes for empty cells, and map would skip them.
      batch.push({
        rowNumber: row.number,
        cells: Array.from(values, (v) => cellText(v as ExcelJS.CellValue)),
      });
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return; // first sheet only: inventories put their data on the first sheet
  }
}
