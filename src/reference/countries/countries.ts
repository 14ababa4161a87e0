import { GENERATED_COUNTRIES } from './country-names.generated.ts';
import { normalizeCountryKey } from './country-normalize.ts';

export { normalizeCountryKey } from './country-normalize.ts';

/**
 * Country names as the sanctions lists write them, mapped to ISO 3166-1 alpha-3 codes.
 *
 * The base table is generated from the UN terminology names (see country-names.generated.ts).
 * Below are the names the lists use that the UN names do not cover: short and former names,
 * OFAC's spellings ("Korea, North", "Burma"), and demonyms, which the UN list uses in its
 * nationality fields ("Afghan", "Yemeni", "Sudanese by birth").
 */
const EXTRA_NAMES: Record<string, string> = {
  // short, common and former names
  'north korea': 'PRK',
  'korea north': 'PRK',
  dprk: 'PRK',
  rpdc: 'PRK',
  'south korea': 'KOR',
  'korea south': 'KOR',
  'republic of korea': 'KOR',
  burma: 'MMR',
  russia: 'RUS',
  syria: 'SYR',
  iran: 'IRN',
  persia: 'IRN',
  laos: 'LAO',
  vietnam: 'VNM',
  'viet nam': 'VNM',
  moldova: 'MDA',
  tanzania: 'TZA',
  bolivia: 'BOL',
  venezuela: 'VEN',
  micronesia: 'FSM',
  macedonia: 'MKD',
  'former yugoslav republic of macedonia': 'MKD',
  'north macedonia the republic of': 'MKD',
  turkey: 'TUR',
  swaziland: 'SWZ',
  'cape verde': 'CPV',
  'ivory coast': 'CIV',
  'cote divoire': 'CIV',
  'czech republic': 'CZE',
  gambia: 'GMB',
  'bosnia herzegovina': 'BIH',
  bosnia: 'BIH',
  'democratic republic of congo': 'COD',
  'dr congo': 'COD',
  drc: 'COD',
  'congo kinshasa': 'COD',
  zaire: 'COD',
  'republic of congo': 'COG',
  'congo brazzaville': 'COG',
  'libyan arab jamahiriya': 'LBY',
  'great socialist peoples libyan arab jamahiriya': 'LBY',
  palestine: 'PSE',
  'palestinian territories': 'PSE',
  'occupied palestinian territory': 'PSE',
  'palestinian territory': 'PSE',
  gaza: 'PSE',
  'gaza strip': 'PSE',
  'west bank': 'PSE',
  'hong kong': 'HKG',
  'hong kong special administrative region': 'HKG',
  'hong kong sar': 'HKG',
  macau: 'MAC',
  macao: 'MAC',
  taiwan: 'TWN',
  'united kingdom': 'GBR',
  uk: 'GBR',
  'great britain': 'GBR',
  britain: 'GBR',
  england: 'GBR',
  scotland: 'GBR',
  wales: 'GBR',
  'northern ireland': 'GBR',
  'united states': 'USA',
  usa: 'USA',
  'united states of america': 'USA',
  uae: 'ARE',
  emirates: 'ARE',
  'union of the comoros': 'COM',
  'sultanate of oman': 'OMN',
  'kingdom of saudi arabia': 'SAU',
  ksa: 'SAU',
  'the netherlands': 'NLD',
  holland: 'NLD',
  'vatican city': 'VAT',
  vatican: 'VAT',
  brunei: 'BRN',
  'east timor': 'TLS',
  // Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the EU and the IMF.
  kosovo: 'XKX',
  // demonyms
  afghan: 'AFG',
  albanian: 'ALB',
  algerian: 'DZA',
  american: 'USA',
  angolan: 'AGO',
  argentine: 'ARG',
  argentinian: 'ARG',
  armenian: 'ARM',
  australian: 'AUS',
  austrian: 'AUT',
  azerbaijani: 'AZE',
  bahraini: 'BHR',
  bangladeshi: 'BGD',
  belarusian: 'BLR',
  belgian: 'BEL',
  bosnian: 'BIH',
  brazilian: 'BRA',
  british: 'GBR',
  bulgarian: 'BGR',
  burmese: 'MMR',
  burundian: 'BDI',
  cambodian: 'KHM',
  cameroonian: 'CMR',
  canadian: 'CAN',
  'central african': 'CAF',
  chadian: 'TCD',
  chilean: 'CHL',
  chinese: 'CHN',
  colombian: 'COL',
  comorian: 'COM',
  cuban: 'CUB',
  cypriot: 'CYP',
  czech: 'CZE',
  danish: 'DNK',
  djiboutian: 'DJI',
  dutch: 'NLD',
  ecuadorian: 'ECU',
  egyptian: 'EGY',
  emirati: 'ARE',
  eritrean: 'ERI',
  estonian: 'EST',
  ethiopian: 'ETH',
  filipino: 'PHL',
  finnish: 'FIN',
  french: 'FRA',
  gabonese: 'GAB',
  gambian: 'GMB',
  georgian: 'GEO',
  german: 'DEU',
  ghanaian: 'GHA',
  greek: 'GRC',
  guatemalan: 'GTM',
  haitian: 'HTI',
  honduran: 'HND',
  hungarian: 'HUN',
  indian: 'IND',
  indonesian: 'IDN',
  iranian: 'IRN',
  iraqi: 'IRQ',
  irish: 'IRL',
  israeli: 'ISR',
  italian: 'ITA',
  ivorian: 'CIV',
  jamaican: 'JAM',
  japanese: 'JPN',
  jordanian: 'JOR',
  kazakh: 'KAZ',
  kenyan: 'KEN',
  'north korean': 'PRK',
  'south korean': 'KOR',
  kosovar: 'XKX',
  kuwaiti: 'KWT',
  kyrgyz: 'KGZ',
  lao: 'LAO',
  latvian: 'LVA',
  lebanese: 'LBN',
  liberian: 'LBR',
  libyan: 'LBY',
  lithuanian: 'LTU',
  malaysian: 'MYS',
  maldivian: 'MDV',
  malian: 'MLI',
  maltese: 'MLT',
  mauritanian: 'MRT',
  mexican: 'MEX',
  moldovan: 'MDA',
  mongolian: 'MNG',
  montenegrin: 'MNE',
  moroccan: 'MAR',
  mozambican: 'MOZ',
  nepalese: 'NPL',
  nicaraguan: 'NIC',
  nigerian: 'NGA',
  nigerien: 'NER',
  norwegian: 'NOR',
  omani: 'OMN',
  pakistani: 'PAK',
  palestinian: 'PSE',
  panamanian: 'PAN',
  paraguayan: 'PRY',
  peruvian: 'PER',
  polish: 'POL',
  portuguese: 'PRT',
  qatari: 'QAT',
  romanian: 'ROU',
  russian: 'RUS',
  rwandan: 'RWA',
  saudi: 'SAU',
  'saudi arabian': 'SAU',
  senegalese: 'SEN',
  serbian: 'SRB',
  'sierra leonean': 'SLE',
  singaporean: 'SGP',
  slovak: 'SVK',
  slovenian: 'SVN',
  somali: 'SOM',
  'south african': 'ZAF',
  'south sudanese': 'SSD',
  spanish: 'ESP',
  'sri lankan': 'LKA',
  sudanese: 'SDN',
  swedish: 'SWE',
  swiss: 'CHE',
  syrian: 'SYR',
  taiwanese: 'TWN',
  tajik: 'TJK',
  tanzanian: 'TZA',
  thai: 'THA',
  trinidadian: 'TTO',
  tunisian: 'TUN',
  turkish: 'TUR',
  turkmen: 'TKM',
  ugandan: 'UGA',
  ukrainian: 'UKR',
  uruguayan: 'URY',
  uzbek: 'UZB',
  venezuelan: 'VEN',
  vietnamese: 'VNM',
  yemeni: 'YEM',
  zambian: 'ZMB',
  zimbabwean: 'ZWE',
};

/** States that no longer exist: recognised so that they are not reported as unknown, but with no code. */
const FORMER_STATES = new Set(
  [
    'USSR',
    'Soviet Union',
    'Union of Soviet Socialist Republics',
    'Yugoslavia',
    'Federal Republic of Yugoslavia',
    'Serbia and Montenegro',
    'Czechoslovakia',
    'East Germany',
    'German Democratic Republic',
    'Netherlands Antilles',
  ].map(normalizeCountryKey),
);

/** Values that mean "no country" rather than an unknown one. */
const NOT_A_COUNTRY = new Set(
  ['na', 'n/a', 'unknown', 'none', 'none identified', 'not known', 'stateless'].map(normalizeCountryKey),
);

/** Acronyms short enough to be ordinary words are matched only as a whole value, never inside text. */
const MIN_SCAN_KEY_LENGTH = 4;
const SCANNABLE_SHORT_KEYS = new Set(['uk', 'usa', 'uae', 'drc', 'ksa', 'lao']);

interface CountryInfo {
  iso3: string;
  iso2: string;
  name: string;
}

const byKey = new Map<string, string>();
const byIso3 = new Map<string, CountryInfo>();
const byIso2 = new Map<string, string>();
for (const country of GENERATED_COUNTRIES) {
  byIso3.set(country.iso3, { iso3: country.iso3, iso2: country.iso2, name: country.name });
  if (country.iso2) byIso2.set(country.iso2, country.iso3);
  for (const key of country.keys) byKey.set(key, country.iso3);
}
byIso3.set('XKX', { iso3: 'XKX', iso2: 'XK', name: 'Kosovo' });
for (const [name, iso3] of Object.entries(EXTRA_NAMES)) byKey.set(normalizeCountryKey(name), iso3);

const scanKeys = new Map<string, string>();
let longestScanKey = 1;
for (const [key, iso3] of byKey) {
  if (key.length < MIN_SCAN_KEY_LENGTH && !SCANNABLE_SHORT_KEYS.has(key)) continue;
  scanKeys.set(key, iso3);
  longestScanKey = Math.max(longestScanKey, key.split(' ').length);
}

export interface CountryResolution {
  /** ISO 3166-1 alpha-3 code of the (first) country named, or null. */
  iso3: string | null;
  /** Further countries named in the same value ("Sudan/South Sudan", "United States. Also ... Syrian"). */
  alternatives: string[];
  /**
   * What the value says beyond the country, when the country was found inside longer text
   * ("possibly", "as at dec 2003", "citizenship withdrawn in 2002"), or "former state".
   */
  qualifier?: string;
}

/** The English name and codes of an ISO 3166-1 alpha-3 code the table knows, or undefined. */
export function countryInfo(iso3: string): CountryInfo | undefined {
  return byIso3.get(iso3);
}

/**
 * Resolves a country as a list writes it (a name in any of the six UN languages, a common or
 * former name, an OFAC spelling, a demonym, an ISO code, or a short phrase containing one of
 * these) to ISO 3166-1 alpha-3.
 */
export function resolveCountry(raw: string): CountryResolution {
  const key = normalizeCountryKey(raw);
  if (!key || NOT_A_COUNTRY.has(key)) return { iso3: null, alternatives: [] };

  const direct = byKey.get(key);
  if (direct) return { iso3: direct, alternatives: [] };

  const code = raw.trim();
  if (/^[A-Z]{3}$/u.test(code) && byIso3.has(code)) return { iso3: code, alternatives: [] };
  if (/^[A-Z]{2}$/u.test(code) && byIso2.has(code))
    return { iso3: byIso2.get(code) as string, alternatives: [] };

  // "St. Vincent and the Grenadines", "St Kitts and Nevis".
  if (/\bst\b/u.test(key)) {
    const saint = byKey.get(key.replace(/\bst\b/gu, 'saint'));
    if (saint) return { iso3: saint, alternatives: [] };
  }

  // OFAC writes inverted names: "Congo, Democratic Republic of the", "Korea, North".
  const comma = /^([^,]+),\s*(.+)$/u.exec(raw.trim());
  if (comma) {
    const inverted = byKey.get(normalizeCountryKey(`${comma[2]} ${comma[1]}`));
    if (inverted) return { iso3: inverted, alternatives: [] };
  }

  if (FORMER_STATES.has(key)) return { iso3: null, alternatives: [], qualifier: 'former state' };

  // A country inside a longer phrase: take the longest known names, left to right.
  const words = key.split(' ');
  const found: string[] = [];
  const rest: string[] = [];
  let formerState = false;
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(longestScanKey, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const iso3 = scanKeys.get(phrase);
      if (iso3) {
        if (!found.includes(iso3)) found.push(iso3);
        matched = n;
        break;
      }
      if (FORMER_STATES.has(phrase)) {
        formerState = true;
        matched = n;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
    } else {
      rest.push(words[i] as string);
      i += 1;
    }
  }
  const qualifier = rest.join(' ') || undefined;
  if (found.length === 0) {
    return formerState
      ? { iso3: null, alternatives: [], qualifier: qualifier ? `former state; ${qualifier}` : 'former state' }
      : { iso3: null, alternatives: [] };
  }
  const [first, ...others] = found;
  return { iso3: first as string, alternatives: others, ...(qualifier ? { qualifier } : {}) };
}

/** The ISO 3166-1 alpha-3 code of a country as a list writes it, or null. */
export function countryToIso3(raw: string): string | null {
  return resolveCountry(raw).iso3;
}
