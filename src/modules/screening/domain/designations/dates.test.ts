import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  isoDate,
  MONTH_ABBREVIATIONS,
  parseDatePoint,
  parseUnDateOfBirth,
  parseWrittenBirthDate,
  readDateText,
  toIsoDate,
} from './dates.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A real calendar day between 1900 and 2100. */
const day = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter((d) => d.day <= daysInMonth(d.year, d.month));

describe('date points', () => {
  it('reads the written forms the lists use', () => {
    expect(parseDatePoint('1964-07-17')).toEqual({ precision: 'day', year: 1964, month: 7, day: 17 });
    expect(parseDatePoint('1960-01-01-05:00')).toEqual({ precision: 'day', year: 1960, month: 1, day: 1 });
    expect(parseDatePoint('10 Dec 1948')).toEqual({ precision: 'day', year: 1948, month: 12, day: 10 });
    expect(parseDatePoint('10 December 1948')).toEqual({ precision: 'day', year: 1948, month: 12, day: 10 });
    expect(parseDatePoint('Dec 10, 1948')).toEqual({ precision: 'day', year: 1948, month: 12, day: 10 });
    expect(parseDatePoint('Nov. 1973')).toEqual({ precision: 'month', year: 1973, month: 11 });
    expect(parseDatePoint('Sept 1958')).toEqual({ precision: 'month', year: 1958, month: 9 });
    expect(parseDatePoint('1946')).toEqual({ precision: 'year', year: 1946 });
  });

  it('refuses impossible and ambiguous dates', () => {
    expect(parseDatePoint('1975-02-30')).toBeNull();
    expect(parseDatePoint('31 Apr 1980')).toBeNull();
    expect(parseDatePoint('29 Feb 1999')).toBeNull();
    expect(parseDatePoint('29 Feb 2000')).not.toBeNull();
    expect(parseDatePoint('05/06/1970')).toBeNull();
    expect(parseDatePoint('Smarch 1970')).toBeNull();
    expect(parseDatePoint('0001')).toBeNull();
  });

  it('reads back every real day written as YYYY-MM-DD and as "DD Mon YYYY" (property)', () => {
    fc.assert(
      fc.property(day, (d) => {
        const iso = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
        expect(isoDate(d.year, d.month, d.day)).toBe(iso);
        expect(toIsoDate(iso)).toBe(iso);
        expect(toIsoDate(`${pad(d.day)} ${MONTH_ABBREVIATIONS[d.month - 1]} ${d.year}`)).toBe(iso);
      }),
    );
  });

  it('never accepts a day past the end of its month (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(isoDate(year, month, daysInMonth(year, month) + 1)).toBeNull();
      }),
    );
  });
});

describe('written dates of birth (OFAC)', () => {
  it('reads points, ranges and approximations', () => {
    expect(parseWrittenBirthDate('10 Dec 1948', 'DOB 10 Dec 1948')).toEqual({
      kind: 'exact',
      date: '1948-12-10',
      raw: 'DOB 10 Dec 1948',
      approximate: false,
    });
    expect(parseWrittenBirthDate('circa 1951', 'r')).toEqual({
      kind: 'year',
      year: 1951,
      raw: 'r',
      approximate: true,
    });
    expect(parseWrittenBirthDate('circa 07 Jul 1966', 'r')).toMatchObject({
      kind: 'exact',
      date: '1966-07-07',
      approximate: true,
    });
    expect(parseWrittenBirthDate('Mar 1962 to Feb 1963', 'r')).toMatchObject({
      from: '1962-03-01',
      to: '1963-02-28',
    });
    expect(parseWrittenBirthDate('circa 1979-1982', 'r')).toMatchObject({
      kind: 'range',
      from: '1979-01-01',
      to: '1982-12-31',
    });
    expect(parseWrittenBirthDate('1962 to 1960', 'r')).toMatchObject({ kind: 'text' });
    expect(parseWrittenBirthDate('unknown', 'r')).toEqual({ kind: 'text', raw: 'r', approximate: false });
  });

  it('reads "Between Aug. and Sep. 1977", the first month borrowing the year', () => {
    expect(readDateText('Between Aug. and Sep. 1977')).toEqual({
      kind: 'range',
      from: '1977-08-01',
      to: '1977-09-30',
    });
  });

  it('reads "YYYY to YYYY" as a range covering both years, whatever the years (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (from, span, circa) => {
          const to = from + span;
          const parsed = parseWrittenBirthDate(`${circa ? 'circa ' : ''}${from} to ${to}`, 'raw');
          expect(parsed).toEqual({
            kind: 'range',
            from: `${from}-01-01`,
            to: `${to}-12-31`,
            raw: 'raw',
            approximate: circa,
          });
        },
      ),
    );
  });

  it('always gives a range whose start is not after its end, and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const parsed = parseWrittenBirthDate(text, text);
        if (parsed.kind === 'range') expect(parsed.from <= parsed.to).toBe(true);
        if (parsed.kind === 'exact') expect(toIsoDate(parsed.date)).toBe(parsed.date);
      }),
    );
  });
});

describe('UN dates of birth', () => {
  it('reads each TYPE_OF_DATE', () => {
    expect(parseUnDateOfBirth({ typeOfDate: 'EXACT', date: '1964-07-17' }).birthDate).toEqual({
      kind: 'exact',
      date: '1964-07-17',
      raw: 'EXACT 1964-07-17',
      approximate: false,
    });
    expect(parseUnDateOfBirth({ typeOfDate: 'APPROXIMATELY', year: '1985' }).birthDate).toEqual({
      kind: 'year',
      year: 1985,
      raw: 'APPROXIMATELY 1985',
      approximate: true,
    });
    expect(parseUnDateOfBirth({ typeOfDate: 'BETWEEN', fromYear: '1955', toYear: '1958' }).birthDate).toEqual(
      {
        kind: 'range',
        from: '1955-01-01',
        to: '1958-12-31',
        raw: 'BETWEEN 1955-1958',
        approximate: false,
      },
    );
  });

  it('reads a date given only in the note, and a month note next to a YEAR', () => {
    expect(parseUnDateOfBirth({ typeOfDate: 'EXACT', note: 'August 1961' }).birthDate).toMatchObject({
      kind: 'range',
      from: '1961-08-01',
      to: '1961-08-31',
    });
    expect(parseUnDateOfBirth({ typeOfDate: 'EXACT', year: '1958', note: 'Sep.' }).birthDate).toMatchObject({
      kind: 'range',
      from: '1958-09-01',
      to: '1958-09-30',
    });
  });

  it('returns nothing for an empty element and reports values that are no date', () => {
    expect(parseUnDateOfBirth({ typeOfDate: 'EXACT' })).toEqual({ birthDate: null });
    expect(parseUnDateOfBirth({}).birthDate).toBeNull();
    const bad = parseUnDateOfBirth({ typeOfDate: 'EXACT', date: '1975-02-30' });
    expect(bad.birthDate?.kind).toBe('text');
    expect(bad.problem).toMatch(/not a valid date/u);
    expect(parseUnDateOfBirth({ typeOfDate: 'BETWEEN', fromYear: '1970', toYear: '1960' }).problem).toMatch(
      /not valid/u,
    );
  });

  it('reads every valid FROM_YEAR/TO_YEAR pair as a range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1900, max: 2200 }), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const { birthDate, problem } = parseUnDateOfBirth({
          typeOfDate: 'BETWEEN',
          fromYear: `${from}`,
          toYear: `${to}`,
        });
        expect(problem).toBeUndefined();
        expect(birthDate).toMatchObject({ kind: 'range', from: `${from}-01-01`, to: `${to}-12-31` });
      }),
    );
  });
});
