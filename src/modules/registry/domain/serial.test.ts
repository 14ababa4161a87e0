import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeLikeLiteral,
  LOOK_ALIKE_SUBSTITUTION_COST,
  matchKey,
  normaliseSerial,
  normaliseSerialText,
  serialDistance,
  serialMatches,
  toSqlLikePattern,
} from './serial.ts';

const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** Latin capitals and their Cyrillic twins, as DOMAIN.md lists them. */
const CYRILLIC_TWINS: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const EXTENDED_ARABIC_INDIC = '۰۱۲۳۴۵۶۷۸۹';
const SEPARATORS = [' ', '-', '/', '.', '_', '–', '—', '\t', ' ', ':', '#', '№'];
const LOOK_ALIKE_PAIRS: [string, string][] = [
  ['O', '0'],
  ['I', '1'],
  ['L', '1'],
  ['S', '5'],
  ['B', '8'],
  ['Z', '2'],
  ['G', '6'],
];

const character = (alphabet: string) => fc.constantFrom(...Array.from(alphabet));
/** A clean normalised serial: capitals and digits. */
const cleanSerial = fc.string({ unit: character(LATIN + DIGITS), minLength: 1, maxLength: 16 });
/** What a person might type: mixed case, digits, Cyrillic twins, separators, unreadable marks. */
const typedSerial = fc.string({
  unit: fc.oneof(
    character(LATIN + LATIN.toLowerCase() + DIGITS),
    character(Object.values(CYRILLIC_TWINS).join('')),
    fc.constantFrom(...SEPARATORS, '?', '*'),
  ),
  maxLength: 24,
});
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

/** Applies `change` to the characters at positions chosen by `picks` (one boolean per character). */
function changeSome(text: string, picks: boolean[], change: (character: string) => string): string {
  return Array.from(text)
    .map((c, index) => (picks[index % Math.max(picks.length, 1)] ? change(c) : c))
    .join('');
}

describe('normaliseSerial: properties', () => {
  it('is idempotent on any text, whatever the script', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normaliseSerialText(text);
        expect(normaliseSerialText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the raw reading exactly as typed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(normaliseSerial(text).raw).toBe(text);
      }),
    );
  });

  it('gives only capitals, digits and ? for Latin input, however it was typed', () => {
    fc.assert(
      fc.property(typedSerial, (text) => {
        expect(normaliseSerialText(text)).toMatch(/^[A-Z0-9?]*$/);
      }),
    );
  });

  it('ignores case', () => {
    fc.assert(
      fc.property(typedSerial, (text) => {
        expect(normaliseSerialText(text.toLowerCase())).toBe(normaliseSerialText(text.toUpperCase()));
      }),
    );
  });

  it('ignores spaces and separators inserted anywhere', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.constantFrom(...SEPARATORS, '')), (serial, separators) => {
        const spaced = Array.from(serial)
          .map((c, index) => (separators[index] ?? '') + c)
          .join('');
        expect(normaliseSerialText(spaced)).toBe(serial);
      }),
    );
  });

  it('reads Cyrillic capitals and small letters that look Latin as Latin', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.boolean()), fc.boolean(), (serial, picks, small) => {
        const cyrillic = changeSome(serial, picks, (c) => {
          const twin = CYRILLIC_TWINS[c];
          if (!twin) return c;
          return small ? twin.toLowerCase() : twin;
        });
        expect(normaliseSerialText(cyrillic)).toBe(serial);
      }),
    );
  });

  it('reads Arabic-Indic and Extended Arabic-Indic digits as ASCII digits', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.boolean()), fc.boolean(), (serial, picks, extended) => {
        const digits = extended ? EXTENDED_ARABIC_INDIC : ARABIC_INDIC;
        const arabic = changeSome(serial, picks, (c) => (/\d/.test(c) ? digits[Number(c)]! : c));
        expect(normaliseSerialText(arabic)).toBe(serial);
      }),
    );
  });

  it('treats ? and * alike as one unreadable character, and reports where they are', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.boolean()), fc.boolean(), (serial, picks, star) => {
        const partial = changeSome(serial, picks, () => (star ? '*' : '?'));
        const result = normaliseSerial(partial);
        expect(result.normalised).toBe(partial.replaceAll('*', '?'));
        expect(result.unreadablePositions).toEqual(
          Array.from(result.normalised).flatMap((c, index) => (c === '?' ? [index] : [])),
        );
      }),
    );
  });

  it('gives plain-ASCII input the same result through its fast path as through the general one', () => {
    // A no-break space is not ASCII, so it forces the general path; NFKC makes it a space, which goes.
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 30 }), (text) => {
        expect(normaliseSerialText(`${text}\u00A0`)).toBe(normaliseSerialText(text));
      }),
    );
  });
});

describe('normaliseSerial: readings from the field', () => {
  it.each([
    ['АК-47 № 1234', 'AK471234'], // Cyrillic А and К, a number sign
    ['٥٦٢١٤', '56214'],
    ['۵۶۲۱۴', '56214'],
    ['ab 12-34/56', 'AB123456'],
    ['ＡＢ１２３', 'AB123'], // full-width forms
    ['  ТК 1985–0042 ', 'TK19850042'], // Cyrillic Т and К, an en dash
    ['56?21?4', '56?21?4'],
    ['56*21*4', '56?21?4'],
    ['', ''],
    ['- / .', ''],
  ])('%s reads as %s', (raw, normalised) => {
    expect(normaliseSerial(raw).normalised).toBe(normalised);
  });

  it('keeps letters of other scripts that do not look Latin', () => {
    expect(normaliseSerialText('Бг 12')).toBe('БГ12');
    expect(normaliseSerialText('中国 56')).toBe('中国56');
  });

  it('records unreadable positions of a filed-off serial', () => {
    expect(normaliseSerial('56?21?4')).toEqual({
      raw: '56?21?4',
      normalised: '56?21?4',
      matchKey: '56?21?4',
      unreadablePositions: [2, 5],
    });
  });
});

describe('matchKey', () => {
  it('is equal for serials that differ only by look-alike characters', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.boolean()), (serial, picks) => {
        const misread = changeSome(serial, picks, (c) => {
          const pair = LOOK_ALIKE_PAIRS.find(([letter, digit]) => c === letter || c === digit);
          if (!pair) return c;
          return c === pair[0] ? pair[1] : pair[0];
        });
        expect(matchKey(misread)).toBe(matchKey(serial));
      }),
    );
  });

  it('keeps the length and unreadable positions of the normalised form', () => {
    fc.assert(
      fc.property(typedSerial, (text) => {
        const { normalised, matchKey: key } = normaliseSerial(text);
        expect(key.length).toBe(normalised.length);
        expect(Array.from(key).map((c) => c === '?')).toEqual(Array.from(normalised).map((c) => c === '?'));
      }),
    );
  });

  it('folds O, I, L, S, B, Z, G into digits and leaves the identity alone', () => {
    expect(matchKey('B0I23')).toBe('80123');
    expect(matchKey('80123')).toBe('80123');
    expect(normaliseSerialText('B0I23')).not.toBe(normaliseSerialText('80123'));
    expect(matchKey('sl-6z')).toBe('5162');
  });
});

describe('serialMatches', () => {
  it('matches a serial against itself with any positions made unreadable', () => {
    fc.assert(
      fc.property(cleanSerial, fc.array(fc.boolean()), (serial, picks) => {
        expect(
          serialMatches(
            changeSome(serial, picks, () => '?'),
            serial,
          ),
        ).toBe(true);
      }),
    );
  });

  it('does not match when a readable character differs or the length differs', () => {
    fc.assert(
      fc.property(cleanSerial, fc.nat(), fc.constantFrom(...(LATIN + DIGITS)), (serial, at, replacement) => {
        const characters = Array.from(serial);
        const index = at % characters.length;
        fc.pre(characters[index] !== replacement);
        characters[index] = replacement;
        expect(serialMatches(characters.join(''), serial)).toBe(false);
        expect(serialMatches(`${serial}?`, serial)).toBe(false);
      }),
    );
  });

  it('compares normalised forms, and match keys when asked', () => {
    expect(serialMatches('56-?21 ?4', '5602134')).toBe(true);
    expect(serialMatches('АК?7', 'AK47')).toBe(true);
    expect(serialMatches('B0I23', '80123')).toBe(false);
    expect(serialMatches('B0I23', '80123', { foldLookAlikes: true })).toBe(true);
    expect(serialMatches('5602134', '56?21?4')).toBe(false); // '?' in the candidate is not a wildcard
  });
});

/**
 * SQL LIKE with ESCAPE '\', as the SQL standard defines it: '_' is one character, '%' any run,
 * '\' makes the next character literal. The reference the patterns are checked against.
 */
function sqlLike(pattern: string, text: string): boolean {
  let regex = '^';
  const characters = Array.from(pattern);
  for (let index = 0; index < characters.length; index++) {
    const c = characters[index]!;
    if (c === '\\') {
      const next = characters[++index];
      if (next === undefined) throw new Error('a LIKE pattern cannot end with its escape character');
      regex += next.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '_') regex += '.';
    else if (c === '%') regex += '.*';
    else regex += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${regex}$`, 'su').test(text);
}

describe('SQL LIKE patterns', () => {
  const likeText = fc.string({ unit: fc.constantFrom(...'AB19%_\\?*-'), maxLength: 10 });

  it('escapes text so that LIKE matches it and nothing else', () => {
    fc.assert(
      fc.property(likeText, likeText, (literal, other) => {
        expect(sqlLike(escapeLikeLiteral(literal), literal)).toBe(true);
        expect(sqlLike(escapeLikeLiteral(literal), other)).toBe(literal === other);
      }),
    );
  });

  it('finds in SQL exactly what serialMatches finds in memory', () => {
    const candidate = fc.string({ unit: fc.constantFrom(...'AB019'), maxLength: 6 });
    fc.assert(
      fc.property(typedSerial, candidate, fc.array(fc.boolean()), (pattern, text, picks) => {
        const stored = normaliseSerialText(text);
        expect(sqlLike(toSqlLikePattern(pattern), stored)).toBe(serialMatches(pattern, stored));
        // A pattern made from the stored serial itself is always found.
        const partial = changeSome(stored, picks, () => '?');
        expect(sqlLike(toSqlLikePattern(partial), stored)).toBe(true);
      }),
    );
  });

  it('turns ? into _ and places % for prefix and contains searches', () => {
    expect(toSqlLikePattern('56?21?4')).toBe('56_21_4');
    expect(toSqlLikePattern('56*21 4', { position: 'prefix' })).toBe('56_214%');
    expect(toSqlLikePattern('ab-12', { position: 'contains' })).toBe('%AB12%');
    expect(toSqlLikePattern('B0I?', { foldLookAlikes: true })).toBe('801_');
  });

  it('behaves the same in SQLite as the reference, with ESCAPE', () => {
    const db = new Database(':memory:');
    const like = db.prepare<[string, string], { hit: number }>(`SELECT ? LIKE ? ESCAPE '\\' AS hit`);
    try {
      fc.assert(
        fc.property(likeText, likeText, (literal, text) => {
          const pattern = escapeLikeLiteral(literal).replaceAll('?', '_');
          expect(like.get(text, pattern)?.hit === 1).toBe(sqlLike(pattern, text));
        }),
        { numRuns: 300 },
      );
    } finally {
      db.close();
    }
  });
});

describe('serialDistance', () => {
  it.each([
    ['AK471234', 'AK471234', 0],
    ['SN12345', '5N12345', LOOK_ALIKE_SUBSTITUTION_COST], // S read as 5
    ['B0I23', '80123', 2 * LOOK_ALIKE_SUBSTITUTION_COST],
    ['12345', '12845', 1], // 3 and 8 are not look-alikes
    ['12345', '12354', 1], // neighbours swapped
    ['12345', '1234', 1],
    ['56?21?4', '5602134', 0], // unreadable positions are unknown, not different
    ['АК-47', 'ak47', 0],
  ])('%s to %s is %d', (a, b, expected) => {
    expect(serialDistance(a, b)).toBe(expected);
  });

  it('is zero for a serial and itself, symmetric, and at most the longer length', () => {
    fc.assert(
      fc.property(typedSerial, typedSerial, (a, b) => {
        expect(serialDistance(a, a)).toBe(0);
        expect(serialDistance(a, b)).toBe(serialDistance(b, a));
        const longest = Math.max(normaliseSerialText(a).length, normaliseSerialText(b).length);
        expect(serialDistance(a, b)).toBeLessThanOrEqual(longest);
      }),
    );
  });

  it('counts a single look-alike misreading as less than one other error', () => {
    fc.assert(
      fc.property(
        cleanSerial,
        fc.nat(),
        fc.constantFrom(...LOOK_ALIKE_PAIRS),
        (serial, at, [letter, digit]) => {
          const characters = Array.from(serial);
          characters[at % characters.length] = letter;
          const read = [...characters];
          read[at % characters.length] = digit;
          expect(serialDistance(characters.join(''), read.join(''))).toBe(LOOK_ALIKE_SUBSTITUTION_COST);
        },
      ),
    );
  });
});
