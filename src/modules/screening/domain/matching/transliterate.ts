import anyAscii from 'any-ascii';

/**
 * Transliteration of any script to ASCII Latin. any-ascii does the letter work (Cyrillic, Greek,
 * Arabic, Hebrew, Armenian, Georgian, Indic, Thai, Khmer, Ethiopic, kana, Hangul, and Han to pinyin);
 * this module adds what a name needs on top: where a Chinese or Korean name splits into parts, the
 * Arabic article, and which script each word came from (consonant-only scripts are compared
 * differently, see phonetic.ts).
 */
export type Script =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'arabic'
  | 'hebrew'
  | 'brahmic'
  | 'han'
  | 'hangul'
  | 'kana'
  | 'other';

export interface LatinWord {
  /** ASCII text, may still contain punctuation. */
  text: string;
  script: Script;
  /** The word in its own script, kept for Chinese and Korean where one character is a syllable. */
  original?: string;
}

const SCRIPT_TESTS: ReadonlyArray<readonly [Script, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['han', /\p{Script=Han}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['greek', /\p{Script=Greek}/u],
  [
    'brahmic',
    /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Ethiopic}]/u,
  ],
];

/**
 * Scripts whose transliterations are close to consonant skeletons: Arabic and Hebrew omit short
 * vowels; Indic and South-East Asian scripts leave an inherent vowel unwritten.
 */
export const VOWEL_POOR_SCRIPTS: ReadonlySet<Script> = new Set(['arabic', 'hebrew', 'brahmic']);

const ASCII_ONLY = /^[\x20-\x7e]*$/;
const FOREIGN_NAME_DOT = /[·・‧•]/u;

function scriptOf(chunk: string): Script {
  for (const [script, test] of SCRIPT_TESTS) if (test.test(chunk)) return script;
  return 'other';
}

interface Syllable {
  latin: string;
  original: string;
}

/** Han characters one by one, so that syllables can be grouped into name parts. */
function hanSyllables(chunk: string): Syllable[] {
  const out: Syllable[] = [];
  for (const ch of chunk) {
    const latin = anyAscii(ch).toLowerCase();
    if (/^[a-z]+$/.test(latin)) out.push({ latin, original: ch });
  }
  return out;
}

function hangulSyllables(chunk: string): Syllable[] {
  const out: Syllable[] = [];
  for (const ch of chunk) {
    const latin = anyAscii(ch).toLowerCase();
    if (/^[a-z]+$/.test(latin)) out.push({ latin, original: ch });
  }
  return out;
}

/**
 * Chinese and Korean personal names are written without spaces: a one-syllable family name then a
 * given name of one or two syllables, which romanisations write as one word ("Xi Jinping",
 * "Kim Jongun"). A name transliterated from a foreign language is written as one word per part.
 */
function groupSyllables(syllables: Syllable[], foreign: boolean, script: Script): LatinWord[] {
  const word = (part: Syllable[]): LatinWord => ({
    text: part.map((s) => s.latin).join(''),
    original: part.map((s) => s.original).join(''),
    script,
  });
  if (syllables.length === 0) return [];
  if (foreign || syllables.length === 1 || syllables.length > 4) return [word(syllables)];
  return [word(syllables.slice(0, 1)), word(syllables.slice(1))];
}

const ARABIC_ARTICLE = /^ال(?=\p{Script=Arabic}{2,})/u;

function arabicWord(chunk: string): LatinWord[] {
  // The article al- is written joined to its noun; split it so that "السيسي" lines up with "al-Sisi".
  if (ARABIC_ARTICLE.test(chunk)) {
    return [
      { text: 'al', script: 'arabic' },
      { text: anyAscii(chunk.slice(2)), script: 'arabic' },
    ];
  }
  return [{ text: anyAscii(chunk), script: 'arabic' }];
}

/** Splits a name into words and transliterates each to ASCII, remembering its script. */
export function toLatinWords(input: string): LatinWord[] {
  const text = input.normalize('NFKC');
  if (ASCII_ONLY.test(text))
    return text
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => ({ text: t, script: 'latin' }));
  const foreign = FOREIGN_NAME_DOT.test(text);
  const words: LatinWord[] = [];
  for (const chunk of text.split(/[\s·・‧•]+/u)) {
    if (!chunk) continue;
    const script = scriptOf(chunk);
    if (script === 'han' && !/\p{Script=Latin}/u.test(chunk)) {
      words.push(...groupSyllables(hanSyllables(chunk), foreign, script));
    } else if (script === 'hangul') {
      words.push(...groupSyllables(hangulSyllables(chunk), foreign, script));
    } else if (script === 'arabic') {
      words.push(...arabicWord(chunk));
    } else {
      words.push({ text: anyAscii(chunk), script });
    }
  }
  return words;
}

/** Plain transliteration of a whole string, for display and for free-text normalisation. */
export function toAscii(input: string): string {
  return anyAscii(input.normalize('NFKC'));
}
