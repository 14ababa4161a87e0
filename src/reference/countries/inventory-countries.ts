import { rememberAnswers } from '../remember-answers.ts';
import { countryInfo, normalizeCountryKey, resolveCountry } from './countries.ts';

/**
 * States that no longer exist but made many of the weapons still in service. ISO 3166-3 keeps
 * their alpha-3 codes, which registries use for the country of manufacture.
 */
const FORMER_STATES: Record<string, string> = {
  ussr: 'SUN',
  'soviet union': 'SUN',
  urss: 'SUN',
  'union sovietique': 'SUN',
  ссср: 'SUN',
  'union of soviet socialist republics': 'SUN',
  sun: 'SUN',
  yugoslavia: 'YUG',
  yougoslavie: 'YUG',
  yug: 'YUG',
  czechoslovakia: 'CSK',
  tchecoslovaquie: 'CSK',
  csk: 'CSK',
  'east germany': 'DDR',
  gdr: 'DDR',
  rda: 'DDR',
  'german democratic republic': 'DDR',
  ddr: 'DDR',
};

/**
 * Short names French-speaking depots write for countries whose UN French name is longer ("Russie"
 * for "Fédération de Russie", "RCA" for "République centrafricaine"), and common English ones the
 * list lacks. Keys are compared after `normalizeCountryKey`.
 */
const COMMON_NAMES: Record<string, string> = {
  russie: 'RUS',
  'etats unis': 'USA',
  'etats unis d amerique': 'USA',
  'royaume uni': 'GBR',
  'grande bretagne': 'GBR',
  'coree du nord': 'PRK',
  'coree du sud': 'KOR',
  syrie: 'SYR',
  turquie: 'TUR',
  centrafrique: 'CAF',
  rca: 'CAF',
  rdc: 'COD',
  'rd congo': 'COD',
  tanzanie: 'TZA',
  bielorussie: 'BLR',
  moldavie: 'MDA',
  bosnie: 'BIH',
  'bosnie herzegovine': 'BIH',
  macedoine: 'MKD',
  'macedoine du nord': 'MKD',
  iran: 'IRN',
  'great britain': 'GBR',
  britain: 'GBR',
};

/**
 * A country as typed in an inventory (ISO3 or ISO2 code, or a name in a UN language) to ISO3.
 * Stricter than list parsing: a value naming two countries or carrying extra words is refused.
 */
export const inventoryCountry: (raw: string) => string | null = rememberAnswers(countryOfInventoryText);

function countryOfInventoryText(raw: string): string | null {
  const key = normalizeCountryKey(raw);
  const known = FORMER_STATES[key] ?? COMMON_NAMES[key];
  if (known) return known;
  const upper = raw.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(upper) && countryInfo(upper)) return upper;
  const r = resolveCountry(raw);
  return r.iso3 && r.alternatives.length === 0 && !r.qualifier ? r.iso3 : null;
}
