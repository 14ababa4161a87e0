import { describe, expect, it } from 'vitest';
import { countryInfo, countryToIso3, normalizeCountryKey, resolveCountry } from './countries.ts';
import { GENERATED_COUNTRIES } from './country-names.generated.ts';

describe('country names to ISO 3166-1 alpha-3', () => {
  it.each([
    ["Democratic People's Republic of Korea", 'PRK'],
    ['Iran (Islamic Republic of)', 'IRN'],
    ['Syrian Arab Republic', 'SYR'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GBR'],
    ['United Kingdom of Great Britain and Northern\n                    Ireland', 'GBR'],
    ['Russian Federation', 'RUS'],
    ['Libya', 'LBY'],
    ['Libyan Arab Jamahiriya', 'LBY'],
    ['Congo', 'COG'],
    ['Democratic Republic of the Congo', 'COD'],
    ["Côte d'Ivoire", 'CIV'],
    ['Cote d’Ivoire', 'CIV'],
    ['Viet Nam', 'VNM'],
    ['United Republic of Tanzania', 'TZA'],
    ['State of Palestine', 'PSE'],
    ['Hong Kong Special Administrative Region', 'HKG'],
    ['Turkey', 'TUR'],
    ['The Netherlands', 'NLD'],
    ['RPDC', 'PRK'],
    // OFAC spellings
    ['Korea, North', 'PRK'],
    ['Korea, South', 'KOR'],
    ['Burma', 'MMR'],
    ['Congo, Democratic Republic of the', 'COD'],
    ['North Macedonia, The Republic of', 'MKD'],
    ['The Gambia', 'GMB'],
    ['Bosnia-Herzegovina', 'BIH'],
    ['Man, Isle of', 'IMN'],
    ['Kosovo', 'XKX'],
    ['St. Vincent and the Grenadines', 'VCT'],
    ['St Kitts and Nevis', 'KNA'],
    // other UN languages and codes
    ['République populaire démocratique de Corée', 'PRK'],
    ['Российская Федерация', 'RUS'],
    ['الجمهورية العربية السورية', 'SYR'],
    ['伊朗伊斯兰共和国', 'IRN'],
    ['IRQ', 'IRQ'],
    ['SY', 'SYR'],
  ])('%s -> %s', (raw, iso3) => {
    expect(countryToIso3(raw)).toBe(iso3);
  });

  it('reads demonyms and phrases, keeping what they add', () => {
    expect(resolveCountry('Afghan')).toEqual({ iso3: 'AFG', alternatives: [] });
    expect(resolveCountry('Sudanese by birth')).toEqual({
      iso3: 'SDN',
      alternatives: [],
      qualifier: 'by birth',
    });
    expect(resolveCountry('Possibly Ethiopian')).toEqual({
      iso3: 'ETH',
      alternatives: [],
      qualifier: 'possibly',
    });
    expect(resolveCountry('Kuwaiti citizenship withdrawn in 2002')).toMatchObject({ iso3: 'KWT' });
    expect(resolveCountry('Indonesia (as at Dec. 2003)')).toEqual({
      iso3: 'IDN',
      alternatives: [],
      qualifier: 'as at dec 2003',
    });
    expect(resolveCountry('United States. Also believed to hold Syrian nationality')).toMatchObject({
      iso3: 'USA',
      alternatives: ['SYR'],
    });
    expect(resolveCountry('Sudan/South Sudan')).toEqual({ iso3: 'SDN', alternatives: ['SSD'] });
    expect(resolveCountry('Branch Office 11: Iran')).toMatchObject({ iso3: 'IRN' });
  });

  it('knows former states and non-values, and does not guess', () => {
    expect(resolveCountry('USSR (until 1991)')).toEqual({
      iso3: null,
      alternatives: [],
      qualifier: 'former state; until 1991',
    });
    expect(resolveCountry('Yugoslavia')).toEqual({ iso3: null, alternatives: [], qualifier: 'former state' });
    expect(resolveCountry('na')).toEqual({ iso3: null, alternatives: [] });
    expect(resolveCountry('')).toEqual({ iso3: null, alternatives: [] });
    expect(resolveCountry('Atlantis')).toEqual({ iso3: null, alternatives: [] });
    // short words are read as a whole value only, never inside text
    expect(countryToIso3('US')).toBe('USA');
    expect(countryToIso3('talk to us')).toBeNull();
    expect(countryToIso3('Virgin Islands')).toBeNull(); // British or US: ambiguous
  });

  it('does not take a country for a shorter one inside its name', () => {
    expect(countryToIso3('Niger')).toBe('NER');
    expect(countryToIso3('Nigeria')).toBe('NGA');
    expect(countryToIso3('Guinea-Bissau')).toBe('GNB');
    expect(countryToIso3('Equatorial Guinea')).toBe('GNQ');
    expect(countryToIso3('South Sudan')).toBe('SSD');
    expect(countryToIso3('Dominica')).toBe('DMA');
    expect(countryToIso3('Dominican Republic')).toBe('DOM');
  });

  it('has a consistent generated table', () => {
    expect(GENERATED_COUNTRIES.length).toBe(249);
    for (const country of GENERATED_COUNTRIES) {
      expect(country.iso3).toMatch(/^[A-Z]{3}$/u);
      for (const key of country.keys) {
        expect(normalizeCountryKey(key)).toBe(key);
        expect(countryToIso3(key), key).toBe(country.iso3);
      }
    }
    expect(countryInfo('PRK')).toEqual({
      iso3: 'PRK',
      iso2: 'KP',
      name: "Democratic People's Republic of Korea",
    });
  });
});
