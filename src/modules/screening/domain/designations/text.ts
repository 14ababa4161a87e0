import type { DocumentKind } from './model.ts';

/** Any whitespace but a single inner space: two in a row, a tab or line break, or one at either end. */
const UNTIDY_SPACE = /\s\s|[^\S ]|^\s|\s$/;

/** Trims and collapses every run of whitespace (including line breaks and indentation) to one space. */
export function cleanText(value: string | null | undefined): string {
  if (!value) return '';
  if (!UNTIDY_SPACE.test(value)) return value;
  return value.replace(/\s+/g, ' ').trim();
}

/** Cleaned text, or undefined when nothing is left (for optional properties). */
export function optionalText(value: string | null | undefined): string | undefined {
  const cleaned = cleanText(value);
  return cleaned === '' ? undefined : cleaned;
}

/** Copies an object without its undefined properties, so absent fields are omitted, not present-but-undefined. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/** Classifies an identity document or identifier by the words of its type. */
export function documentKind(type: string): DocumentKind {
  const t = type.toLowerCase();
  if (/pass(?:port|eport)|pasaporte|travel document/u.test(t)) return 'passport';
  if (
    /\btax\b|fiscal|\bssn\b|social security|\bnit\b|r\.?f\.?c\.?|\bruc\b|v\.a\.t|\bvat\b|\bfein\b|c\.u\.i\.t|\brif\b|\brtn\b|\binn\b|\bkpp\b/u.test(
      t,
    )
  ) {
    return 'tax-id';
  }
  if (
    /registr|register|company (?:number|id)|incorporation|business number|legal entity|licen[cs]e|chamber of comm|d-u-n-s|social credit|uscc|swift|\bbik\b|ogrn|okpo|c\.r\.|matricula|folio|enterprise number|branch unit|charity|gazette|commercial code|permit/u.test(
      t,
    )
  ) {
    return 'registration';
  }
  if (
    /national id|identi(?:fication|ty)|\bid\b|id card|c[eé]dula|d\.n\.i|c\.u\.r\.p|\bcurp\b|tazkira|birth certificate|electoral|voter|residen|citizen|personal|i\.f\.e|c\.u\.i\b|c\.u\.i\.|driver|nationality|cartilla|numero de identidad|ration card|\bbpa\b/u.test(
      t,
    )
  ) {
    return 'national-id';
  }
  return 'other';
}

const HONORIFICS = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'doctor',
    'professor',
    'prof',
    'haji',
    'hajji',
    'hadji',
    'alhaj',
    'al-haj',
    'mullah',
    'mulla',
    'maulavi',
    'mawlawi',
    'maulana',
    'mawlana',
    'mufti',
    'imam',
    'qari',
    'sheikh',
    'sheik',
    'shaykh',
    'shaikh',
    'cheikh',
    'amir',
    'emir',
    'ustad',
    'ustadz',
    'cadi',
    'qadi',
    'sayyid',
    'general',
    'lieutenant general',
    'lt. gen.',
    'major general',
    'brigadier general',
    'brigadier',
    'colonel',
    'lt. col.',
    'lieutenant colonel',
    'major',
    'captain',
    'admiral',
    'vice admiral',
    'rear admiral',
    'commander',
  ].map((h) => h.replace(/\./gu, '')),
);

/** True for an honorific or a military rank on its own ("Haji", "Brigadier General", "Dr."). */
export function isHonorificOrRank(value: string): boolean {
  return HONORIFICS.has(value.toLowerCase().replace(/\./gu, '').replace(/\s+/gu, ' ').trim());
}
