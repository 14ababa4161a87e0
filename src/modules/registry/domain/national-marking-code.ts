import { validationError } from '../../../platform/errors.ts';
import { checkCharacter, hasValidCheckCharacter } from './check-character.ts';
import { normaliseSerialText, UNREADABLE } from './serial.ts';

/**
 * National marking codes: the unique mark a state applies to a weapon that has no usable marking
 * (ITI paragraph 8 alternative, disarmament collection). The installation configures a pattern such as
 * `{country}-{year}-{seq:6}-{check}`:
 *
 *   {country}  ISO 3166-1 alpha-3 code of the marking state, 3 letters
 *   {year}     year of marking, 4 digits
 *   {seq:N}    sequence number, zero-padded to exactly N digits (1-12; `{seq}` means 6)
 *   {check}    check character (check-character.ts), which must come last
 *
 * and any literal upper-case letters, digits and separators (- / . and space) between them.
 * Every token has a fixed width, so a code read back is parsed on its letters and digits alone:
 * separators, case, Cyrillic look-alikes and Arabic-Indic digits do not matter when reading it.
 * Uniqueness across the installation (one sequence per country and year) is the repository's job.
 */

export const DEFAULT_MARKING_CODE_PATTERN = '{country}-{year}-{seq:6}-{check}';

export type MarkingCodeToken =
  | { kind: 'literal'; text: string }
  | { kind: 'country' }
  | { kind: 'year' }
  | { kind: 'seq'; width: number }
  | { kind: 'check' };

export interface MarkingCodePattern {
  source: string;
  tokens: readonly MarkingCodeToken[];
  /** The largest sequence number that fits the pattern. */
  maxSequence: number;
}

export interface MarkingCodeParts {
  /** Null when the pattern has no {country}. */
  country: string | null;
  /** Null when the pattern has no {year}. */
  year: number | null;
  seq: number;
}

export type MarkingCodeProblem =
  | 'invalid_pattern'
  | 'empty'
  | 'unreadable'
  | 'bad_character'
  | 'wrong_length'
  | 'literal_mismatch'
  | 'bad_country'
  | 'bad_year'
  | 'bad_sequence'
  | 'bad_check_character';

export type MarkingCodeParseResult =
  | { ok: true; code: string; parts: MarkingCodeParts }
  | { ok: false; problem: MarkingCodeProblem; message: string };

export type MarkingCodeValidation =
  | { ok: true }
  | { ok: false; problem: MarkingCodeProblem; message: string };

const DEFAULT_SEQUENCE_WIDTH = 6;
const MAX_SEQUENCE_WIDTH = 12; // keeps every sequence a safe integer
const TOKEN_OR_LITERAL = /\{([A-Za-z]+)(?::(\d+))?\}|([^{}]+)|([{}])/g;
const LITERAL_CHARACTERS = /^[A-Z0-9\-/. ]+$/;

export function compileMarkingCodePattern(
  source: string,
): { ok: true; pattern: MarkingCodePattern } | { ok: false; message: string } {
  const fail = (reason: string) => ({
    ok: false as const,
    message: `The marking code pattern "${source}" ${reason}. Example of a valid pattern: ${DEFAULT_MARKING_CODE_PATTERN}.`,
  });
  const tokens: MarkingCodeToken[] = [];
  const seen = new Set<string>();
  for (const [, name, width, literal, stray] of source.matchAll(TOKEN_OR_LITERAL)) {
    if (stray) return fail(`has an unmatched "${stray}"`);
    if (literal !== undefined) {
      if (!LITERAL_CHARACTERS.test(literal)) {
        return fail(`has "${literal}" between tokens; use capital letters, digits, - / . or spaces`);
      }
      tokens.push({ kind: 'literal', text: literal });
      continue;
    }
    if (name === undefined) continue;
    if (seen.has(name)) return fail(`uses {${name}} twice`);
    seen.add(name);
    if (name === 'seq') {
      const digits = width === undefined ? DEFAULT_SEQUENCE_WIDTH : Number(width);
      if (digits < 1 || digits > MAX_SEQUENCE_WIDTH) {
        return fail(`gives {seq} a width of ${width}; use 1 to ${MAX_SEQUENCE_WIDTH} digits`);
      }
      tokens.push({ kind: 'seq', width: digits });
    } else if (name === 'country' || name === 'year' || name === 'check') {
      if (width !== undefined) return fail(`gives {${name}} a width; only {seq} takes one`);
      tokens.push({ kind: name });
    } else {
      return fail(`has an unknown token {${name}}; the tokens are {country}, {year}, {seq:N} and {check}`);
    }
  }
  const seq = tokens.find((token) => token.kind === 'seq');
  if (!seq) return fail('has no {seq}, so its codes could not be unique');
  const checkIndex = tokens.findIndex((token) => token.kind === 'check');
  if (checkIndex < 0) return fail('has no {check}, so misread codes would go unnoticed');
  const afterCheck = tokens.slice(checkIndex + 1);
  if (afterCheck.some((token) => token.kind !== 'literal' || /[A-Z0-9]/.test(token.text))) {
    return fail('has letters, digits or tokens after {check}; {check} must be the last character');
  }
  return { ok: true, pattern: { source, tokens, maxSequence: 10 ** seq.width - 1 } };
}

/**
 * The counter a new code's sequence number is drawn from: one per country and year, whatever the
 * pattern. A pattern changed later (other separators, a wider {seq}) then continues the numbering
 * instead of reissuing numbers whose letters and digits could equal codes already on weapons.
 */
export function markingCodeSequenceScope(parts: { country?: string | null; year?: number | null }): string {
  return `${(parts.country ?? '').toUpperCase() || '*'}/${parts.year ?? '*'}`;
}

function resolvePattern(pattern: string | MarkingCodePattern): MarkingCodePattern {
  if (typeof pattern !== 'string') return pattern;
  const compiled = compileMarkingCodePattern(pattern);
  if (!compiled.ok) throw validationError(compiled.message);
  return compiled.pattern;
}

/**
 * The code for a country, year and sequence number. Throws a validation error when a part is
 * missing, malformed or does not fit (a sequence past the pattern's width needs a wider pattern:
 * silently growing the code would break the fixed widths that parsing relies on).
 */
export function formatMarkingCode(
  pattern: string | MarkingCodePattern,
  parts: { country?: string | null; year?: number | null; seq: number },
): string {
  const compiled = resolvePattern(pattern);
  let text = '';
  let payload = '';
  for (const token of compiled.tokens) {
    let piece: string;
    switch (token.kind) {
      case 'literal':
        // Literal letters and digits are part of what the check character protects.
        text += token.text;
        payload += literalCharacters(token);
        continue;
      case 'country': {
        const country = (parts.country ?? '').toUpperCase();
        if (!/^[A-Z]{3}$/.test(country)) {
          throw validationError(
            `A national marking code needs a 3-letter ISO country code, not "${parts.country ?? ''}".`,
          );
        }
        piece = country;
        break;
      }
      case 'year':
        if (!Number.isInteger(parts.year) || parts.year! < 1000 || parts.year! > 9999) {
          throw validationError(`A national marking code needs a 4-digit year, not "${parts.year ?? ''}".`);
        }
        piece = String(parts.year);
        break;
      case 'seq':
        if (!Number.isSafeInteger(parts.seq) || parts.seq < 1 || parts.seq > compiled.maxSequence) {
          throw validationError(
            `Sequence number ${parts.seq} does not fit the pattern ${compiled.source} (1 to ${compiled.maxSequence}); ` +
              'widen {seq:N} in the marking code pattern.',
          );
        }
        piece = String(parts.seq).padStart(token.width, '0');
        break;
      case 'check':
        piece = checkCharacter(payload);
        break;
    }
    text += piece;
    payload += piece;
  }
  return text;
}

function literalCharacters(token: Extract<MarkingCodeToken, { kind: 'literal' }>): string {
  return token.text.replace(/[^A-Z0-9]/g, '');
}

function tokenWidth(token: MarkingCodeToken): number {
  switch (token.kind) {
    case 'literal':
      return literalCharacters(token).length;
    case 'country':
      return 3;
    case 'year':
      return 4;
    case 'seq':
      return token.width;
    case 'check':
      return 1;
  }
}

/** Letters and digits of a code as read, or the problem that stops it from being read. */
function readCharacters(
  text: string,
): { ok: true; characters: string } | Extract<MarkingCodeParseResult, { ok: false }> {
  const characters = normaliseSerialText(text);
  if (characters === '') {
    return { ok: false, problem: 'empty', message: 'The national marking code is empty.' };
  }
  if (characters.includes(UNREADABLE)) {
    return {
      ok: false,
      problem: 'unreadable',
      message: `"${text}" has unreadable characters; search for it as a partial serial instead.`,
    };
  }
  if (!/^[A-Z0-9]+$/.test(characters)) {
    return {
      ok: false,
      problem: 'bad_character',
      message: `"${text}" has characters other than Latin letters and digits, which a national marking code never has.`,
    };
  }
  return { ok: true, characters };
}

const BAD_CHECK_MESSAGE = (text: string) =>
  `The check character of "${text}" does not match the rest of the code: a character was misread or mistyped. ` +
  'Read the marking again.';

/**
 * The parts of a code read off a weapon or label, and its canonical spelling. Tolerates case,
 * spacing and separators; reports the first problem with a message a person can act on.
 */
export function parseMarkingCode(pattern: string | MarkingCodePattern, text: string): MarkingCodeParseResult {
  let compiled: MarkingCodePattern;
  if (typeof pattern === 'string') {
    const result = compileMarkingCodePattern(pattern);
    if (!result.ok) return { ok: false, problem: 'invalid_pattern', message: result.message };
    compiled = result.pattern;
  } else {
    compiled = pattern;
  }
  const read = readCharacters(text);
  if (!read.ok) return read;
  const { characters } = read;
  const expectedLength = compiled.tokens.reduce((sum, token) => sum + tokenWidth(token), 0);
  if (characters.length !== expectedLength) {
    return {
      ok: false,
      problem: 'wrong_length',
      message: `"${text}" has ${characters.length} letters and digits; a code of the pattern ${compiled.source} has ${expectedLength}.`,
    };
  }
  const parts: MarkingCodeParts = { country: null, year: null, seq: 0 };
  let offset = 0;
  for (const token of compiled.tokens) {
    const width = tokenWidth(token);
    const piece = characters.slice(offset, offset + width);
    offset += width;
    const fail = (problem: MarkingCodeProblem, what: string): MarkingCodeParseResult => ({
      ok: false,
      problem,
      message: `"${text}" does not fit the pattern ${compiled.source}: ${what}.`,
    });
    switch (token.kind) {
      case 'literal':
        if (piece !== literalCharacters(token)) {
          return fail('literal_mismatch', `expected "${literalCharacters(token)}" where it has "${piece}"`);
        }
        break;
      case 'country':
        if (!/^[A-Z]{3}$/.test(piece))
          return fail('bad_country', `"${piece}" is not a 3-letter country code`);
        parts.country = piece;
        break;
      case 'year':
        if (!/^\d{4}$/.test(piece)) return fail('bad_year', `"${piece}" is not a 4-digit year`);
        parts.year = Number(piece);
        break;
      case 'seq':
        if (!/^\d+$/.test(piece) || Number(piece) === 0) {
          return fail('bad_sequence', `"${piece}" is not a sequence number of ${token.width} digits`);
        }
        parts.seq = Number(piece);
        break;
      case 'check':
        if (!hasValidCheckCharacter(characters)) {
          return { ok: false, problem: 'bad_check_character', message: BAD_CHECK_MESSAGE(text) };
        }
        break;
    }
  }
  return { ok: true, code: formatMarkingCode(compiled, parts), parts };
}

/**
 * Whether a code is well formed. With a pattern, the full structure is checked; without one, only
 * the check character (its last letter or digit), which is what a code issued under an earlier
 * pattern of the installation can still be checked against.
 */
export function validateMarkingCode(
  text: string,
  pattern?: string | MarkingCodePattern,
): MarkingCodeValidation {
  if (pattern !== undefined) {
    const parsed = parseMarkingCode(pattern, text);
    return parsed.ok ? { ok: true } : { ok: false, problem: parsed.problem, message: parsed.message };
  }
  const read = readCharacters(text);
  if (!read.ok) return read;
  if (!hasValidCheckCharacter(read.characters)) {
    return { ok: false, problem: 'bad_check_character', message: BAD_CHECK_MESSAGE(text) };
  }
  return { ok: true };
}
