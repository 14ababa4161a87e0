import {
  COMMON_NAME_PARTS,
  GENERIC_ORG_WORDS,
  HONORIFICS,
  LEADING_TITLES,
  LEGAL_FORMS,
  LEGAL_PHRASES,
  numberWordValue,
  ORG_ABBREVIATIONS,
  PARTICLES,
  PATRONYMIC,
  PLACE_WORDS,
  romanValue,
  VESSEL_PREFIXES,
} from './lexicon.ts';
import { phoneticKeys, skeleton } from './phonetic.ts';
import { editDistance } from './similarity.ts';
import { type Script, toAscii, toLatinWords, VOWEL_POOR_SCRIPTS } from './transliterate.ts';
import { fold, spellingKey, variantKeys } from './variants.ts';

export type EntityType = 'person' | 'organization' | 'vessel';

/**
 * name: an ordinary name part; particle: al, bin, van...; generic: an organisation word that means
 * little (Trading, General); place: a country or region qualifying an organisation; number: a
 * number in an organisation or vessel name, compared strictly; code: letters and digits together
 * (AHL1), compared strictly; initial: a single letter.
 */
export type TokenKind = 'name' | 'particle' | 'generic' | 'place' | 'number' | 'code' | 'initial';

export interface NameToken {
  /** Normalised ASCII form used for comparison. */
  text: string;
  fold: string;
  /** Fold, or the id of its spelling-variant group: equal keys mean the same name. */
  key: string;
  /** Variant groups of the fold (see variants.ts). */
  groups: readonly string[];
  phonetic: string[];
  skeleton: string;
  kind: TokenKind;
  /** What a match on this part is worth. */
  weight: number;
  /** What this part costs when the other name has a different part in its place. */
  conflictWeight: number;
  /** What this part costs when the other name simply lacks it. */
  extraWeight: number;
  script: Script;
  /** Chinese or Korean characters behind the transliteration. */
  original?: string;
  /** Transliterated from a script that leaves vowels unwritten (Arabic, Hebrew, Indic). */
  vowelPoor: boolean;
  position: number;
}

export type RemovalReason = 'honorific' | 'legal form' | 'vessel prefix';

export interface PreparedName {
  original: string;
  type: EntityType;
  tokens: NameToken[];
  removed: { text: string; reason: RemovalReason }[];
  /** Tokens other than numbers and codes: the parts aligned with the other name's. */
  words: NameToken[];
  /** Numbers and codes, sorted: compared strictly, apart from the words. */
  numbers: string[];
  /** Some word is distinctive (not generic, not a place, not a particle). */
  distinctive: boolean;
  /** Legal forms found, by their short form. */
  legalForms: string[];
  /** Written "Family, Given": the order of its parts says nothing. */
  inverted: boolean;
}

const APOSTROPHES = /['`´’‘ʼʻʿʾ]/g;

/**
 * Case-, diacritic- and punctuation-insensitive form of any text: transliterated to ASCII, lower
 * case, letters and digits separated by single spaces. Idempotent.
 */
export function normaliseText(input: string): string {
  return toAscii(input)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "A.B.C." -> "abc", "J.-C." -> "jc", "L.X.C" -> "lxc": initials written with dots are one word. */
function joinDottedInitials(word: string): string {
  return word.replace(/(?<![a-z0-9])[a-z](?:\.-?[a-z])+\.?(?![a-z0-9])/g, (m) => m.replace(/[.-]/g, ''));
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

interface RawToken {
  text: string;
  script: Script;
  original?: string;
}

function splitWords(original: string): RawToken[] {
  const out: RawToken[] = [];
  for (const word of toLatinWords(original)) {
    const lower = joinDottedInitials(
      word.text.toLowerCase().replace(/'s$/, '').replace(APOSTROPHES, '').replace(/&/g, ' and '),
    );
    const parts = lower.split(/[^a-z0-9]+/).filter(Boolean);
    for (const part of parts) {
      out.push({
        text: part,
        script: word.script,
        ...(parts.length === 1 && word.original ? { original: word.original } : {}),
      });
    }
  }
  return out;
}

// Folded, so that a misspelt form ("joynt stock company") is still recognised.
const FOLDED_LEGAL_PHRASES = LEGAL_PHRASES.map(
  ([phrase, short]) => [phrase.split(' ').map(fold), short] as const,
);

/** Collapses multi-word legal forms ("joint stock company") into their short form ("jsc"). */
function collapseLegalPhrases(tokens: RawToken[]): RawToken[] {
  if (tokens.length < 2) return tokens;
  let out = tokens;
  const folded = tokens.map((t) => fold(t.text));
  for (const [words, short] of FOLDED_LEGAL_PHRASES) {
    if (!folded.includes(words[0]!)) continue;
    for (let i = 0; i + words.length <= out.length; i++) {
      if (words.every((w, k) => fold(out[i + k]!.text) === w)) {
        out = [...out.slice(0, i), { text: short, script: out[i]!.script }, ...out.slice(i + words.length)];
      }
    }
  }
  return out;
}

const LONG_LEGAL_FORMS = [...LEGAL_FORMS].filter((f) => f.length >= 7);
const JOINED_LEGAL_SUFFIX = /^([a-z]{4,})(gmbh|ltd|llc|inc|plc|ag)$/;

/** A legal form, also misspelt ("Aktiengeselschaft") or cut off at the end of a name ("Compan"). */
function isLegalForm(word: string, last: boolean): boolean {
  if (LEGAL_FORMS.has(word)) return true;
  if (word.length >= 8 && LONG_LEGAL_FORMS.some((f) => editDistance(word, f, 1) <= 1)) return true;
  return last && word.length >= 5 && LONG_LEGAL_FORMS.some((f) => f.startsWith(word));
}

/** Number words and Roman numerals in organisation and vessel names become digits. */
function numeralise(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = numberWordValue(t.text);
    if (word) {
      let value = word.value;
      // "forty four", "forty-four", "forty 4" are 44.
      const next = tokens[i + 1];
      if (word.tens && next) {
        const unit =
          numberWordValue(next.text)?.value ?? (/^\d$/.test(next.text) ? Number(next.text) : undefined);
        if (unit !== undefined && unit < 10) {
          value += unit;
          i++;
        }
      }
      out.push({ text: String(value), script: t.script });
      continue;
    }
    // A Roman numeral is a series number only after the name proper ("Fund IV", "Trust II").
    const roman = i > 0 && t.text.length <= 6 ? romanValue(t.text) : undefined;
    if (roman !== undefined) out.push({ text: String(roman), script: t.script });
    else out.push(t);
  }
  return out;
}

const ABD_SPELLINGS = new Set([
  'abdul',
  'abdel',
  'abdal',
  'abdol',
  'abdoul',
  'abdool',
  'abdu',
  'abdur',
  'abdus',
]);
const ABD_PREFIX = /^(abd(?:ul|el|al|ol|oul|ool|ur|us|ir)?)([a-z]{3,})$/;
const DIN_SUFFIX = /^([a-z]{3,}?)(?:ud|ed|ad|al|od|ul|el|ol)(din|dine|deen)$/;
const COMPOUND_ARTICLE = /^(al|el|ul|ud|ur|ad|ed|ar|as|ash|at|az|an|us|ol)$/;

/**
 * Arabic compound names are written joined, hyphenated or apart: Abdulaziz, Abd al-Aziz, Abdul
 * Aziz; Shamsuddin, Shams al-Din, Shams-ud-Din. All become "abd aziz" and "shams din".
 */
function splitArabicCompounds(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (const t of tokens) {
    if (ABD_SPELLINGS.has(t.text)) {
      out.push({ ...t, text: 'abd' });
      continue;
    }
    const abd = ABD_PREFIX.exec(t.text);
    if (abd && !/^(allah|ullah|lah|llah|ulla|alla)/.test(abd[2]!)) {
      out.push({ text: 'abd', script: t.script }, { text: abd[2]!, script: t.script });
      continue;
    }
    const din = t.text.length >= 8 ? DIN_SUFFIX.exec(t.text) : null;
    if (din) {
      out.push({ text: din[1]!, script: t.script }, { text: 'din', script: t.script });
      continue;
    }
    out.push(t);
  }
  // "abd al aziz" -> "abd aziz"; "saif al din" -> "saif din": the article inside a compound is noise.
  return out.filter((t, i) => {
    if (!COMPOUND_ARTICLE.test(t.text)) return true;
    const prev = out[i - 1]?.text;
    const next = out[i + 1]?.text;
    return !(prev === 'abd' || next === 'din' || (prev !== undefined && next === 'rahman'));
  });
}

const COMMON_KEYS = new Set([...COMMON_NAME_PARTS].map((w) => spellingKey(fold(w))));

function lengthWeight(text: string): number {
  return Math.min(Math.max(text.length, 2), 9);
}

function makeToken(raw: RawToken, kind: TokenKind, position: number): NameToken {
  const text = raw.text;
  const folded = /\d/.test(text) ? text : fold(text);
  const key = spellingKey(folded);
  const base = lengthWeight(text);
  let weight = base;
  let conflictWeight = base;
  let extraWeight = base;
  switch (kind) {
    case 'particle':
      weight = conflictWeight = extraWeight = 0.5;
      break;
    case 'initial':
      // A differing initial is a different name; a missing one means little.
      weight = 1.5;
      conflictWeight = 3;
      extraWeight = 0.75;
      break;
    case 'number':
    case 'code':
      weight = conflictWeight = extraWeight = 3;
      break;
    case 'generic':
      weight = conflictWeight = extraWeight = base * 0.3;
      break;
    case 'place':
      extraWeight = base * 0.25;
      break;
    default:
      // Sharing a very common name is weak evidence; having two different ones is not.
      if (COMMON_KEYS.has(key)) weight = extraWeight = base * 0.5;
      // A patronymic is often left out: its absence costs little, a different one costs in full.
      if (PATRONYMIC.test(text)) extraWeight = base * 0.3;
  }
  return {
    text,
    fold: folded,
    key,
    groups: variantKeys(folded),
    phonetic: kind === 'name' || kind === 'generic' || kind === 'place' ? phoneticKeys(text) : [],
    skeleton: skeleton(text),
    kind,
    weight,
    conflictWeight,
    extraWeight,
    script: raw.script,
    ...(raw.original ? { original: raw.original } : {}),
    vowelPoor: VOWEL_POOR_SCRIPTS.has(raw.script),
    position,
  };
}

function classifyPerson(tokens: RawToken[], removed: PreparedName['removed']): NameToken[] {
  // Digits inside a person's name are look-alike letters typed by mistake or on purpose: "Sech1n".
  let list = tokens
    .map((t) =>
      /\d/.test(t.text) && /[a-z]/.test(t.text)
        ? { ...t, text: t.text.replace(/\d/g, (d) => LEET[d] ?? '') }
        : t,
    )
    .filter((t) => !/^\d+$/.test(t.text));
  list = splitArabicCompounds(list);
  const kept: RawToken[] = [];
  let leading = true;
  let titles = 0;
  for (const t of list) {
    const isTitle = HONORIFICS.has(t.text) || (leading && LEADING_TITLES.has(t.text));
    // A title is dropped only while a name remains ("President Erdogan" keeps "Erdogan").
    if (isTitle && list.length - titles > 1) {
      titles++;
      removed.push({ text: t.text, reason: 'honorific' });
      continue;
    }
    leading = false;
    kept.push(t);
  }
  // A legal form after a person's name ("... LLC") is a data-entry artefact.
  while (kept.length > 2 && LEGAL_FORMS.has(kept.at(-1)!.text) && !PARTICLES.has(kept.at(-1)!.text)) {
    removed.push({ text: kept.pop()!.text, reason: 'legal form' });
  }
  return kept.map((t, i) =>
    makeToken(t, t.text.length === 1 ? 'initial' : PARTICLES.has(t.text) ? 'particle' : 'name', i),
  );
}

function classifyOrganisation(
  tokens: RawToken[],
  type: EntityType,
  removed: PreparedName['removed'],
  legalForms: string[],
): NameToken[] {
  let list = tokens.flatMap((t): RawToken[] => {
    const joined = JOINED_LEGAL_SUFFIX.exec(t.text);
    if (joined)
      return [
        { ...t, text: joined[1]! },
        { ...t, text: joined[2]! },
      ];
    // Own properties only: a name word such as "constructor" must not find Object.prototype's.
    const expanded =
      type === 'organization' && Object.hasOwn(ORG_ABBREVIATIONS, t.text)
        ? ORG_ABBREVIATIONS[t.text]
        : undefined;
    return [expanded ? { ...t, text: expanded } : t];
  });
  list = collapseLegalPhrases(list);
  if (type === 'vessel') {
    // "M/V", "M/T": a prefix split by its slash.
    if (list.length > 2 && list[0]!.text.length === 1 && list[1]!.text.length === 1) {
      const joined = list[0]!.text + list[1]!.text;
      if (VESSEL_PREFIXES.has(joined)) list = [{ ...list[0]!, text: joined }, ...list.slice(2)];
    }
    while (list.length > 1 && VESSEL_PREFIXES.has(list[0]!.text)) {
      removed.push({ text: list.shift()!.text, reason: 'vessel prefix' });
    }
  }
  // After the vessel prefix, so that the V of "M/V" is not read as a Roman five.
  list = numeralise(list);
  const kept = list.filter((t, i) => {
    if (list.length > 1 && isLegalForm(t.text, i === list.length - 1)) {
      removed.push({ text: t.text, reason: 'legal form' });
      legalForms.push(t.text);
      return false;
    }
    return true;
  });
  const tokensOut = kept.map((t, i) => {
    const kind: TokenKind = /^\d+$/.test(t.text)
      ? 'number'
      : /\d/.test(t.text)
        ? 'code'
        : GENERIC_ORG_WORDS.has(t.text)
          ? 'generic'
          : PLACE_WORDS.has(t.text)
            ? 'place'
            : 'name';
    return makeToken(t, kind, i);
  });
  // A name made only of generic words ("General Trading Company") has nothing else to go on: its
  // words are then its distinctive content, at full weight.
  const words = tokensOut.filter((t) => t.kind !== 'number' && t.kind !== 'code');
  if (words.length > 0 && words.every((t) => t.kind === 'generic' || t.kind === 'place')) {
    for (const t of words) t.weight = t.conflictWeight = t.extraWeight = lengthWeight(t.text);
  }
  return tokensOut;
}

/** Everything the matcher needs to know about one name, computed once (at index time for lists). */
export function prepareName(original: string, type: EntityType): PreparedName {
  const removed: PreparedName['removed'] = [];
  const legalForms: string[] = [];
  const raw = splitWords(original);
  const tokens =
    type === 'person' ? classifyPerson(raw, removed) : classifyOrganisation(raw, type, removed, legalForms);
  return withTokens(
    {
      original,
      type,
      tokens,
      words: [],
      numbers: [],
      distinctive: false,
      removed,
      legalForms,
      inverted: false,
    },
    tokens,
  );
}

function isNumeric(t: NameToken): boolean {
  return t.kind === 'number' || t.kind === 'code';
}

/** The prepared name with these tokens (used when an index shares identical tokens between names). */
export function withTokens(name: PreparedName, tokens: NameToken[]): PreparedName {
  name.tokens = tokens;
  name.words = tokens.filter((t) => !isNumeric(t));
  name.numbers = tokens
    .filter(isNumeric)
    .map((t) => t.text)
    .sort();
  name.distinctive = name.words.some((t) => t.kind === 'name');
  name.inverted = name.type === 'person' && /^[^,]+,[^,]+$/.test(name.original);
  return name;
}
