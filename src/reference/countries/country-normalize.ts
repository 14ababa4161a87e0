/**
 * The one normalisation used for country-name keys, shared by the generator
 * (scripts/generate-country-names.ts) and the runtime lookup (countries.ts) so that both sides
 * agree: diacritics and case folded, apostrophes dropped ("People's" -> "peoples"), "&" read as
 * "and", every other run of punctuation or space turned into one space, a leading "the" dropped.
 */
export function normalizeCountryKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}
