import type { BirthDate } from './model.ts';
import { cleanText } from './text.ts';

/**
 * Dates as the lists write them. A point is a day, a month or a year; a birth date is a point,
 * a range between two points, or text with no usable date.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** Years outside this window are treated as typing errors, not dates. */
const MIN_YEAR = 1800;
const MAX_YEAR = 2200;

export type DatePoint =
  | { precision: 'day'; year: number; month: number; day: number }
  | { precision: 'month'; year: number; month: number }
  | { precision: 'year'; year: number };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** YYYY-MM-DD for a real calendar day, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function monthNumber(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/u, '')];
}

function validYear(text: string): number | null {
  const year = Number(text);
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/**
 * Reads one date point: "1964-07-17" (an XML date, with or without a time-zone suffix),
 * "10 Dec 1948", "10 December 1948", "Dec 10, 1948", "Nov. 1973", "August 1961", "1946".
 * Day-first and month-first numeric forms such as 05/06/1970 are ambiguous and are not read.
 */
export function parseDatePoint(text: string): DatePoint | null {
  const t = cleanText(text).replace(/,/gu, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/u.exec(t);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isoDate(year, month, day) ? { precision: 'day', year, month, day } : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]+\.?)\s+(\d{4})$/u.exec(t);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    const [year, day] = [Number(m[3]), Number(m[1])];
    return month && isoDate(year, month, day) ? { precision: 'day', year, month, day } : null;
  }
  m = /^([A-Za-z]+\.?)\s+(\d{1,2})\s+(\d{4})$/u.exec(t);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    const [year, day] = [Number(m[3]), Number(m[2])];
    return month && isoDate(year, month, day) ? { precision: 'day', year, month, day } : null;
  }
  m = /^([A-Za-z]+\.?)\s+(\d{4})$/u.exec(t);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    const year = validYear(m[2] ?? '');
    return month && year !== null ? { precision: 'month', year, month } : null;
  }
  m = /^(\d{4})$/u.exec(t);
  if (m) {
    const year = validYear(m[1] ?? '');
    return year === null ? null : { precision: 'year', year };
  }
  return null;
}

/** First day a point covers. */
export function pointStart(p: DatePoint): string {
  if (p.precision === 'day') return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (p.precision === 'month') return `${pad(p.year, 4)}-${pad(p.month)}-01`;
  return `${pad(p.year, 4)}-01-01`;
}

/** Last day a point covers. */
export function pointEnd(p: DatePoint): string {
  if (p.precision === 'day') return pointStart(p);
  if (p.precision === 'month')
    return `${pad(p.year, 4)}-${pad(p.month)}-${pad(daysInMonth(p.year, p.month))}`;
  return `${pad(p.year, 4)}-12-31`;
}

/** An XML date or a written full date as YYYY-MM-DD, or null. */
export function toIsoDate(text: string): string | null {
  const p = parseDatePoint(text);
  return p && p.precision === 'day' ? pointStart(p) : null;
}

interface DateReading {
  kind: 'exact' | 'year' | 'range';
  date?: string;
  year?: number;
  from?: string;
  to?: string;
}

function pointReading(p: DatePoint): DateReading {
  if (p.precision === 'day') return { kind: 'exact', date: pointStart(p) };
  if (p.precision === 'year') return { kind: 'year', year: p.year };
  return { kind: 'range', from: pointStart(p), to: pointEnd(p) };
}

function rangeReading(a: DatePoint, b: DatePoint): DateReading | null {
  const from = pointStart(a);
  const to = pointEnd(b);
  return from <= to ? { kind: 'range', from, to } : null;
}

/**
 * Reads a date of birth written as words: a point ("10 Dec 1948", "Sep 1938", "1946"), or a
 * range ("1951 to 1953", "01 Jan 1961 to 31 Dec 1962", "circa 1979-1982", "Between Aug. and
 * Sep. 1977": the first part borrows the year of the second). Returns null when it is none of these.
 */
export function readDateText(text: string): DateReading | null {
  const t = cleanText(text);
  const single = parseDatePoint(t);
  if (single) return pointReading(single);

  const between = /^between\s+(.+?)\s+and\s+(.+)$/iu.exec(t);
  const to = /^(.+?)\s+(?:to|until|-|–)\s+(.+)$/iu.exec(t);
  const dashYears = /^(\d{4})\s*[-–/]\s*(\d{4})$/u.exec(t);
  const parts = between ?? to ?? dashYears;
  if (!parts) return null;
  const second = parseDatePoint(parts[2] ?? '');
  if (!second) return null;
  let first = parseDatePoint(parts[1] ?? '');
  if (!first) {
    // "Aug." in "Between Aug. and Sep. 1977", "10" in "10 to 12 Dec 1960": borrow what the second part has.
    const month = monthNumber(parts[1] ?? '');
    const day = /^\d{1,2}$/u.test(parts[1] ?? '') ? Number(parts[1]) : undefined;
    if (month) first = { precision: 'month', year: second.year, month };
    else if (day !== undefined && second.precision === 'day' && isoDate(second.year, second.month, day)) {
      first = { precision: 'day', year: second.year, month: second.month, day };
    }
  }
  return first ? rangeReading(first, second) : null;
}

const APPROXIMATE = /^(?:circa|ca\.?|c\.|approximately|approx\.?|about|around)\s+/iu;

function toBirthDate(reading: DateReading, raw: string, approximate: boolean, note?: string): BirthDate {
  const base = { raw, approximate, ...(note ? { note } : {}) };
  if (reading.kind === 'exact') return { kind: 'exact', date: reading.date as string, ...base };
  if (reading.kind === 'year') return { kind: 'year', year: reading.year as number, ...base };
  return { kind: 'range', from: reading.from as string, to: reading.to as string, ...base };
}

/**
 * An OFAC date of birth: the text after "DOB" ("10 Dec 1948", "circa 1951", "1951 to 1953",
 * "Mar 1962 to Feb 1963"). `raw` is the whole remark as written. Never throws; text that is
 * no date gives kind 'text'.
 */
export function parseWrittenBirthDate(value: string, raw: string): BirthDate {
  let t = cleanText(value);
  let approximate = false;
  if (APPROXIMATE.test(t)) {
    approximate = true;
    t = t.replace(APPROXIMATE, '');
  }
  const reading = readDateText(t);
  if (reading) return toBirthDate(reading, raw, approximate);
  return { kind: 'text', raw, approximate };
}

export interface UnDateOfBirthFields {
  typeOfDate?: string;
  date?: string;
  year?: string;
  fromYear?: string;
  toYear?: string;
  note?: string;
}

/**
 * A UN INDIVIDUAL_DATE_OF_BIRTH: TYPE_OF_DATE (EXACT, APPROXIMATELY, BETWEEN) with DATE, YEAR, or
 * FROM_YEAR and TO_YEAR, and an optional NOTE that sometimes carries the date itself ("Nov. 1973",
 * "Between Aug. and Sep. 1977") or a month for a YEAR ("Sep."). Returns null for an empty element
 * and a 'text' birth date, with a problem, when the values cannot be read as a date.
 */
export function parseUnDateOfBirth(fields: UnDateOfBirthFields): {
  birthDate: BirthDate | null;
  problem?: string;
} {
  const type = cleanText(fields.typeOfDate).toUpperCase();
  const date = cleanText(fields.date);
  const year = cleanText(fields.year);
  const fromYear = cleanText(fields.fromYear);
  const toYear = cleanText(fields.toYear);
  const note = cleanText(fields.note);
  if (!date && !year && !fromYear && !toYear && !note) return { birthDate: null };

  const value = date || (fromYear || toYear ? `${fromYear}-${toYear}` : year);
  const raw = [type, value, note ? `(${note})` : ''].filter(Boolean).join(' ');
  const approximate = type === 'APPROXIMATELY' || /\b(?:approximately|approx|circa|about)\b/iu.test(note);
  const noteProp = note || undefined;
  const text = (problem: string) => ({
    birthDate: { kind: 'text' as const, raw, approximate, ...(noteProp ? { note: noteProp } : {}) },
    problem,
  });

  if (date) {
    const iso = toIsoDate(date);
    return iso
      ? { birthDate: toBirthDate({ kind: 'exact', date: iso }, raw, approximate, noteProp) }
      : text(`date of birth "${date}" is not a valid date`);
  }
  if (fromYear || toYear) {
    const from = validYear(fromYear);
    const to = validYear(toYear);
    if (from === null || to === null || from > to)
      return text(`date of birth range "${fromYear}-${toYear}" is not valid`);
    return {
      birthDate: toBirthDate(
        { kind: 'range', from: `${from}-01-01`, to: `${to}-12-31` },
        raw,
        approximate,
        noteProp,
      ),
    };
  }
  if (year) {
    const y = validYear(year);
    if (y === null) return text(`year of birth "${year}" is not valid`);
    const month = note ? monthNumber(note) : undefined;
    if (month) {
      const p: DatePoint = { precision: 'month', year: y, month };
      return { birthDate: toBirthDate(pointReading(p), raw, approximate, noteProp) };
    }
    return { birthDate: toBirthDate({ kind: 'year', year: y }, raw, approximate, noteProp) };
  }
  // Only a note: it may hold the date.
  const reading = readDateText(note.replace(APPROXIMATE, ''));
  if (reading) return { birthDate: toBirthDate(reading, raw, approximate, noteProp) };
  return { birthDate: { kind: 'text', raw, approximate, note } };
}
