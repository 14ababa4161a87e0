import { type Options, type Stringifier, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/*
 * Every CSV the project writes goes through this file, so that no cell reaches a spreadsheet as a
 * live formula (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection). A cell that
 * a spreadsheet would read as a formula gets a leading apostrophe and is always quoted; the CSV
 * reader (tabular-reader.ts) takes the apostrophe off again, so exports and rejects files
 * re-import exactly as they were. See docs/decisions.md for the choices.
 */

/**
 * What makes Excel, LibreOffice, Google Sheets or Numbers start a formula: = + - @, tab and carriage
 * return (OWASP), and the full-width forms of = + - @ that Numbers folds into the ASCII ones.
 */
const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A negative number (-5, -12.5, -1e3) is data, not a formula: it stays as it is. */
const NEGATIVE_NUMBER = /^-(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;
const APOSTROPHE = 39;

/**
 * True when a spreadsheet would run `text` as a formula. Leading apostrophes are looked through so
 * that a cell already starting with one ('=x) gets one more and reads back unchanged.
 */
function needsNeutralising(text: string): boolean {
  return FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text);
}

/** The cell as written to a CSV: with a leading apostrophe when it would otherwise be a formula. */
export function neutraliseCell(text: string): string {
  return needsNeutralising(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseCell`, applied by the CSV reader to every cell it reads. */
export function restoreNeutralisedCell(text: string): string {
  if (text.charCodeAt(0) !== APOSTROPHE) return text;
  const rest = text.slice(1);
  return needsNeutralising(rest) ? rest : text;
}

/** Restores a whole row in place (the reader calls this for every row, so it allocates nothing). */
export function restoreNeutralisedCells(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.charCodeAt(0) === APOSTROPHE) cells[i] = restoreNeutralisedCell(cell);
  }
  return cells;
}

export interface CsvWriteOptions {
  /** Start with a UTF-8 byte order mark, so that Excel reads accents and other scripts correctly. */
  bom?: boolean;
}

function stringifyOptions(options: CsvWriteOptions): Options {
  return {
    bom: options.bom ?? false,
    cast: {
      // Numbers are written as they are: -5 in a number column is never a formula.
      string: (value) => (needsNeutralising(value) ? { value: `'${value}`, quoted: true } : value),
    },
  };
}

/** A streaming CSV writer (for exports of any size): write arrays of cells, pipe it to a file. */
export function csvStringifier(options: CsvWriteOptions = {}): Stringifier {
  return stringify(stringifyOptions(options));
}

/** A whole CSV document as text, for files small enough to build in memory. */
export function csvText(records: readonly (readonly unknown[])[], options: CsvWriteOptions = {}): string {
  return stringifySync(records as unknown[][], stringifyOptions(options));
}
