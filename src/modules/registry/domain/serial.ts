/**
 * Serial numbers and marking texts as read off materiel, made comparable.
 *
 * Two forms are derived from the raw reading, which is always kept as typed:
 *
 * - the normalised form is the serial's identity and what searches run on. It removes what varies
 *   between two people reading the same stamp (case, spacing, separators, Unicode compatibility
 *   forms, Cyrillic and Greek capitals that are drawn like Latin ones, Arabic-Indic digits), and
 *   nothing that could tell two weapons apart.
 * - the match key also folds the look-alike characters (O/0, I/L/1, S/5, B/8, Z/2, G/6). 'B0123' and
 *   '80123' can be different weapons, so the key only finds candidates for a person to compare; it
 *   must never be used as an identity or a uniqueness constraint.
 *
 * An unreadable character (filed, ground or punched out) is typed as '?' or '*' and kept as '?' in
 * both forms, so a partial serial keeps its length and each readable character its position.
 */

export const UNREADABLE = '?';

export interface NormalisedSerial {
  /** Exactly as read or typed. */
  raw: string;
  /** Identity and search form: upper-case letters and digits, and '?' for each unreadable character. */
  normalised: string;
  /** The normalised form with look-alikes folded; for finding candidates only. */
  matchKey: string;
  /** 0-based character positions of the '?' in `normalised` (and in `matchKey`). */
  unreadablePositions: number[];
}

/** Capitals drawn like Latin letters, from the scripts seen on materiel (Cyrillic and Greek). */
const LATIN_LOOK_ALIKES: Record<string, string> = {
  // Cyrillic А В Е К М Н О Р С Т Х У, plus І Ј Ѕ of Ukrainian, Belarusian, Serbian and Macedonian.
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  // Greek
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

const CHARACTER_REPLACEMENTS = new Map<string, string>(Object.entries(LATIN_LOOK_ALIKES));
for (let digit = 0; digit <= 9; digit++) {
  CHARACTER_REPLACEMENTS.set(String.fromCodePoint(0x0660 + digit), String(digit)); // Arabic-Indic ٠-٩
  CHARACTER_REPLACEMENTS.set(String.fromCodePoint(0x06f0 + digit), String(digit)); // Extended (Persian, Urdu) ۰-۹
}
CHARACTER_REPLACEMENTS.set('*', UNREADABLE);
CHARACTER_REPLACEMENTS.set('\uFFFD', UNREADABLE); // the replacement character left by a bad encoding

const REPLACEABLE = new RegExp(
  `[${[...CHARACTER_REPLACEMENTS.keys()].join('').replace(/[\\\]^*-]/g, '\\$&')}]`,
  'gu',
);
const NOT_KEPT = /[^\p{L}\p{N}?]/gu;
const PLAIN_ASCII = /^[\x20-\x7E]*$/;

/** The same result as the general path for printable ASCII, in one pass: imports run it a million times. */
function normaliseAscii(raw: string): string {
  let result = '';
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90)) result += raw[index];
    else if (code >= 97 && code <= 122) result += String.fromCharCode(code - 32);
    else if (code === 63 || code === 42) result += UNREADABLE; // '?' or '*'
  }
  return result;
}

/**
 * The normalised form alone. Everything that is not a letter, a digit or '?' is a separator and
 * goes: spaces, - – — / \ . , _ : # and the like.
 */
export function normaliseSerialText(raw: string): string {
  if (PLAIN_ASCII.test(raw)) return normaliseAscii(raw);
  const kept = raw
    .replaceAll('№', ' ') // before NFKC, which would turn it into the letters 'No'
    .normalize('NFKC')
    .toUpperCase()
    .normalize('NFKC')
    .replace(REPLACEABLE, (character) => CHARACTER_REPLACEMENTS.get(character) ?? character)
    .replace(NOT_KEPT, '');
  // Dropping a separator can bring together characters that compose (Hangul jamo); composing them
  // now keeps the function idempotent.
  return kept.normalize('NFKC');
}

/** Marking texts (manufacturer names, factory codes, unit marks) are searched exactly like serials. */
export const normaliseMarkingText = normaliseSerialText;

const LOOK_ALIKE_FOLDS: Record<string, string> = { O: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };

function foldLookAlikes(normalised: string): string {
  return normalised.replace(/[OILSBZG]/g, (letter) => LOOK_ALIKE_FOLDS[letter] ?? letter);
}

/**
 * The look-alike-folded key of a serial (raw or normalised). It has the same length and '?'
 * positions as the normalised form, so partial-serial patterns work on it too.
 */
export function matchKey(serial: string): string {
  return foldLookAlikes(normaliseSerialText(serial));
}

export function normaliseSerial(raw: string): NormalisedSerial {
  const normalised = normaliseSerialText(raw);
  const unreadablePositions: number[] = [];
  if (normalised.includes(UNREADABLE)) {
    let position = 0;
    for (const character of normalised) {
      if (character === UNREADABLE) unreadablePositions.push(position);
      position++;
    }
  }
  return { raw, normalised, matchKey: foldLookAlikes(normalised), unreadablePositions };
}

export interface SerialMatchOptions {
  /** Compare match keys instead of normalised forms, so that 'B0I23' also finds '80123'. */
  foldLookAlikes?: boolean;
}

/**
 * Whether a serial could be the one a pattern describes: same length, and equal wherever the pattern
 * has a readable character ('56?21?4' matches '5602134'). A '?' in the candidate is not a wildcard:
 * this is what the SQL pattern of `toSqlLikePattern` finds, so filtering in the database and in
 * memory agree.
 */
export function serialMatches(pattern: string, candidate: string, options: SerialMatchOptions = {}): boolean {
  const keyOf = options.foldLookAlikes ? matchKey : normaliseSerialText;
  const wanted = Array.from(keyOf(pattern));
  const actual = Array.from(keyOf(candidate));
  return (
    wanted.length === actual.length &&
    wanted.every((character, index) => character === UNREADABLE || character === actual[index])
  );
}

/** The escape character the patterns below use; SQL must say `LIKE ? ESCAPE '\'` (SQLite has no default). */
export const LIKE_ESCAPE = '\\';

/** Text that a SQL LIKE pattern matches literally: %, _ and the escape character are escaped. */
export function escapeLikeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (special) => LIKE_ESCAPE + special);
}

export interface LikePatternOptions extends SerialMatchOptions {
  /** 'whole' (default) for the serial itself, 'prefix' for serials that start with it, 'contains' for anywhere. */
  position?: 'whole' | 'prefix' | 'contains';
}

/**
 * The SQL LIKE pattern, for the normalised column (or the match-key column with `foldLookAlikes`),
 * that finds the serials a typed pattern describes: each '?' becomes '_' (exactly one character),
 * everything else is literal. Use it with `ESCAPE '\'`. Normalised text is upper case, so the result
 * is the same on SQLite (case-insensitive LIKE for ASCII) and PostgreSQL (case-sensitive LIKE).
 * An empty pattern gives '' (or '%' for prefix and contains searches): callers decide whether
 * searching for nothing makes sense.
 */
export function toSqlLikePattern(pattern: string, options: LikePatternOptions = {}): string {
  const key = options.foldLookAlikes ? matchKey(pattern) : normaliseSerialText(pattern);
  const body = key.split(UNREADABLE).map(escapeLikeLiteral).join('_');
  switch (options.position ?? 'whole') {
    case 'whole':
      return body;
    case 'prefix':
      return `${body}%`;
    case 'contains':
      return `%${body}%`;
  }
}

/** What misreading a look-alike character costs in `serialDistance`, against 1 for any other error. */
export const LOOK_ALIKE_SUBSTITUTION_COST = 0.5;

function substitutionCost(a: string, b: string): number {
  if (a === b || a === UNREADABLE || b === UNREADABLE) return 0;
  return foldLookAlikes(a) === foldLookAlikes(b) ? LOOK_ALIKE_SUBSTITUTION_COST : 1;
}

/**
 * How far apart two serials (raw or normalised) are, as the cheapest series of edits that turns one
 * into the other: a look-alike misreading (O for 0, S for 5) costs 0.5; another substitution, an
 * insertion, a deletion or the swap of two neighbouring characters costs 1; a '?' on either side is
 * unknown and costs nothing. "Within one misread character" is a distance of at most 1.
 * (Optimal string alignment distance, i.e. Damerau-Levenshtein without edits of swapped characters.)
 */
export function serialDistance(a: string, b: string): number {
  const left = Array.from(normaliseSerialText(a));
  const right = Array.from(normaliseSerialText(b));
  const columns = right.length + 1;
  // rows[i * columns + j] is the distance between the first i characters of left and j of right.
  const rows = new Float64Array((left.length + 1) * columns);
  for (let i = 0; i <= left.length; i++) rows[i * columns] = i;
  for (let j = 0; j <= right.length; j++) rows[j] = j;
  for (let i = 1; i <= left.length; i++) {
    for (let j = 1; j <= right.length; j++) {
      const l = left[i - 1]!;
      const r = right[j - 1]!;
      let best = Math.min(
        rows[(i - 1) * columns + j]! + 1,
        rows[i * columns + j - 1]! + 1,
        rows[(i - 1) * columns + j - 1]! + substitutionCost(l, r),
      );
      if (i > 1 && j > 1 && l === right[j - 2] && left[i - 2] === r && l !== r) {
        best = Math.min(best, rows[(i - 2) * columns + j - 2]! + 1);
      }
      rows[i * columns + j] = best;
    }
  }
  return rows[left.length * columns + right.length]!;
}
