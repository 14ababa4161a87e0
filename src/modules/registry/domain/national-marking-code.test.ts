import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { CHECK_ALPHABET } from './check-character.ts';
import {
  compileMarkingCodePattern,
  DEFAULT_MARKING_CODE_PATTERN,
  formatMarkingCode,
  markingCodeSequenceScope,
  parseMarkingCode,
  validateMarkingCode,
} from './national-marking-code.ts';

const country = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  minLength: 3,
  maxLength: 3,
});
const year = fc.integer({ min: 1950, max: 2099 });
const seq = fc.integer({ min: 1, max: 999_999 });
const patterns = fc.constantFrom(
  DEFAULT_MARKING_CODE_PATTERN,
  'NM/{country}/{year}/{seq:8}{check}',
  '{year}{seq:5}-{check}',
);
const code = fc
  .record({ pattern: patterns, country, year, seq: fc.integer({ min: 1, max: 99_999 }) })
  .map(({ pattern, ...parts }) => ({ pattern, parts, text: formatMarkingCode(pattern, parts) }));

/** The letters and digits of a code, which is what a misreading changes. */
const skeleton = (text: string) => text.replace(/[^A-Z0-9]/g, '');

describe('formatMarkingCode and parseMarkingCode', () => {
  it('formats the default pattern with a zero-padded sequence and a check character', () => {
    const text = formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { country: 'SSD', year: 2024, seq: 123 });
    expect(text).toMatch(/^SSD-2024-000123-[0-9A-Z]$/);
    expect(parseMarkingCode(DEFAULT_MARKING_CODE_PATTERN, text)).toEqual({
      ok: true,
      code: text,
      parts: { country: 'SSD', year: 2024, seq: 123 },
    });
  });

  it('reads back every code it formats, whatever the pattern', () => {
    fc.assert(
      fc.property(country, year, seq, patterns, (c, y, s, pattern) => {
        const compiled = compileMarkingCodePattern(pattern);
        if (!compiled.ok) throw new Error(compiled.message);
        fc.pre(s <= compiled.pattern.maxSequence);
        const text = formatMarkingCode(pattern, { country: c, year: y, seq: s });
        const parsed = parseMarkingCode(pattern, text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) {
          expect(parsed.code).toBe(text);
          expect(parsed.parts.seq).toBe(s);
        }
      }),
    );
  });

  it('reads a code however it was typed: case, spacing, separators, Cyrillic look-alikes', () => {
    const text = formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { country: 'CAF', year: 2019, seq: 42 });
    const typed = ` ${text.toLowerCase().replaceAll('-', ' ').replace('ca', 'СА')} `; // Cyrillic С and А
    const parsed = parseMarkingCode(DEFAULT_MARKING_CODE_PATTERN, typed);
    expect(parsed).toMatchObject({ ok: true, code: text });
  });

  it('protects literal letters of the pattern with the check character', () => {
    const pattern = 'NM/{year}/{seq:4}{check}';
    const text = formatMarkingCode(pattern, { year: 2021, seq: 7 });
    expect(text).toMatch(/^NM\/2021\/0007[0-9A-Z]$/);
    expect(validateMarkingCode(text)).toEqual({ ok: true });
    expect(parseMarkingCode(pattern, text.replace('NM', 'NX'))).toMatchObject({
      ok: false,
      problem: 'literal_mismatch',
    });
  });

  it('refuses a sequence that does not fit, rather than growing the code', () => {
    expect(() => formatMarkingCode('{country}-{seq:2}-{check}', { country: 'SSD', seq: 100 })).toThrow(
      AppError,
    );
    expect(() => formatMarkingCode('{country}-{seq:2}-{check}', { country: 'SSD', seq: 100 })).toThrow(
      /does not fit .* widen \{seq:N\}/,
    );
  });

  it('refuses missing or malformed parts with a validation error', () => {
    expect(() => formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { year: 2024, seq: 1 })).toThrow(
      /3-letter ISO country/,
    );
    expect(() =>
      formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { country: 'SSD', year: 24, seq: 1 }),
    ).toThrow(/4-digit year/);
    expect(() =>
      formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { country: 'SSD', year: 2024, seq: 0 }),
    ).toThrow(/Sequence number 0/);
  });
});

describe('what a misreading does to a code', () => {
  it('detects every single-character substitution, with or without the pattern', () => {
    fc.assert(
      fc.property(
        code,
        fc.nat(),
        fc.constantFrom(...CHECK_ALPHABET),
        ({ pattern, text }, at, replacement) => {
          const characters = Array.from(skeleton(text));
          const index = at % characters.length;
          fc.pre(characters[index] !== replacement);
          characters[index] = replacement;
          const misread = characters.join('');
          expect(validateMarkingCode(misread).ok).toBe(false);
          expect(validateMarkingCode(misread, pattern).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('detects every swap of two neighbouring characters, including the check character', () => {
    fc.assert(
      fc.property(code, ({ pattern, text }) => {
        const characters = Array.from(skeleton(text));
        for (let index = 0; index + 1 < characters.length; index++) {
          if (characters[index] === characters[index + 1]) continue;
          const swapped = [...characters];
          [swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
          expect(validateMarkingCode(swapped.join('')).ok).toBe(false);
          expect(validateMarkingCode(swapped.join(''), pattern).ok).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('says which problem it found, in words a person can act on', () => {
    const text = formatMarkingCode(DEFAULT_MARKING_CODE_PATTERN, { country: 'SSD', year: 2024, seq: 123 });
    const cases: [string, string, RegExp][] = [
      ['', 'empty', /empty/],
      ['SSD-2024-00?123-X', 'unreadable', /partial serial/],
      ['SSD-2024-00123', 'wrong_length', /has 12 letters and digits.* has 14/],
      ['S5D-2024-000123-X', 'bad_country', /"S5D" is not a 3-letter country code/],
      ['SSD-2O24-000123-X', 'bad_year', /"2O24" is not a 4-digit year/],
      ['SSD-2024-000000-X', 'bad_sequence', /not a sequence number of 6 digits/],
      [text.replace('123', '128'), 'bad_check_character', /misread or mistyped/],
      ['SSD-2024-000123-中', 'bad_character', /other than Latin letters and digits/],
    ];
    for (const [input, problem, message] of cases) {
      const parsed = parseMarkingCode(DEFAULT_MARKING_CODE_PATTERN, input);
      expect(parsed, input).toMatchObject({ ok: false, problem });
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });
});

describe('markingCodeSequenceScope', () => {
  it('numbers codes per country and year, independently of the pattern', () => {
    expect(markingCodeSequenceScope({ country: 'ssd', year: 2024 })).toBe('SSD/2024');
    expect(markingCodeSequenceScope({ country: 'SSD' })).toBe('SSD/*');
    expect(markingCodeSequenceScope({})).toBe('*/*');
  });
});

describe('compileMarkingCodePattern', () => {
  it.each([
    ['{country}-{year}-{seq:6}', /has no \{check\}/],
    ['{country}-{year}-{check}', /has no \{seq\}/],
    ['{country}-{check}-{seq:6}', /must be the last character/],
    ['{country}-{seq:6}-{check}A', /must be the last character/],
    ['{country}-{seq:0}-{check}', /width of 0/],
    ['{country}-{seq:13}-{check}', /width of 13/],
    ['{country}-{seq}-{seq}-{check}', /uses \{seq\} twice/],
    ['{organisation}-{seq}-{check}', /unknown token \{organisation\}/],
    ['{Country}-{seq}-{check}', /unknown token \{Country\}/],
    ['{year:2}-{seq}-{check}', /only \{seq\} takes one/],
    ['{country}_{seq}-{check}', /use capital letters, digits/],
    ['nm-{seq}-{check}', /use capital letters, digits/],
    ['{country-{seq}-{check}', /unmatched/],
  ])('rejects %s', (pattern, message) => {
    const compiled = compileMarkingCodePattern(pattern);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toMatch(message);
    expect(parseMarkingCode(pattern, 'SSD-1-X')).toMatchObject({ ok: false, problem: 'invalid_pattern' });
  });

  it('accepts {seq} without a width as six digits, and trailing separators after {check}', () => {
    const compiled = compileMarkingCodePattern('{country} {seq} {check}.');
    expect(compiled).toMatchObject({ ok: true, pattern: { maxSequence: 999_999 } });
  });
});
