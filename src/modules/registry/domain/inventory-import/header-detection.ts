import { fieldForHeader, type ItemField } from './fields.ts';

export interface ColumnMapping {
  /** 0-based index of the header row within the rows examined. */
  headerRowIndex: number;
  headers: string[];
  /** field -> 0-based column index. */
  columns: Partial<Record<ItemField, number>>;
  /** Headers no field claimed (shown to the user, who may map them). */
  unmapped: { column: number; header: string }[];
}

/** Explicit choices from a mapping file or the web form: header text (or column letter) -> field, or null to ignore. */
export interface MappingOverrides {
  headerRow?: number;
  columns?: Record<string, ItemField | null>;
}

/** How many rows from the top to look at for the header: titles and blank lines often come first. */
const HEADER_SEARCH_ROWS = 25;

/**
 * Finds the header row (the one among the first rows whose cells name the most known fields) and
 * maps each column to a field. Overrides from a mapping file win over the synonyms.
 */
export function detectColumns(rows: string[][], overrides: MappingOverrides = {}): ColumnMapping | null {
  let best: { index: number; score: number } | null = null;
  if (overrides.headerRow !== undefined) {
    best = { index: overrides.headerRow - 1, score: Number.POSITIVE_INFINITY };
  } else {
    const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
    for (let i = 0; i < limit; i++) {
      const cells = rows[i] ?? [];
      const fields = new Set(cells.map((c) => overrides.columns?.[c] ?? fieldForHeader(c)).filter(Boolean));
      const score = fields.size;
      if (score >= 2 && (!best || score > best.score)) best = { index: i, score };
    }
  }
  if (!best || !rows[best.index]) return null;
  const headers = rows[best.index]!.map((h) => h.trim());
  const columns: Partial<Record<ItemField, number>> = {};
  const unmapped: ColumnMapping['unmapped'] = [];
  headers.forEach((header, column) => {
    const explicit = overrideFor(overrides, header, column);
    const field = explicit === null ? undefined : (explicit ?? fieldForHeader(header));
    if (field && columns[field] === undefined) columns[field] = column;
    else if (header !== '') unmapped.push({ column, header });
  });
  return { headerRowIndex: best.index, headers, columns, unmapped };
}

/** Column letters (A, B, ... AA) as Excel shows them. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function overrideFor(
  overrides: MappingOverrides,
  header: string,
  column: number,
): ItemField | null | undefined {
  const map = overrides.columns;
  if (!map) return undefined;
  if (header in map) return map[header];
  const letter = columnLetter(column);
  if (letter in map) return map[letter];
  return undefined;
}
