import { describe, expect, it } from 'vitest';
import { formatDay } from './format.ts';
import {
  columnLetter,
  compact,
  formatBytes,
  nonLatinCharacters,
  normalisedDiffers,
  weaponName,
} from './registry.ts';

describe('registry helpers', () => {
  it('names the Cyrillic letters and Arabic-Indic digits hidden in a serial', () => {
    expect(nonLatinCharacters('АК56К1004')).toEqual([{ script: 'cyrillic', chars: ['А', 'К'] }]);
    expect(nonLatinCharacters('٥٦٢١')).toEqual([{ script: 'arabic', chars: ['٥', '٦', '٢', '١'] }]);
    expect(nonLatinCharacters('56?21?4')).toEqual([]);
  });

  it('says the normalised serial differs only when more than case and separators changed', () => {
    expect(normalisedDiffers('km-3321-b', 'KM3321B')).toBe(false);
    expect(normalisedDiffers('56?21?4', '56?21?4')).toBe(false);
    expect(normalisedDiffers('АК56К1004', 'AK56K1004')).toBe(true);
  });

  it('leaves empty and blank values out of a request body and trims the rest', () => {
    expect(compact({ make: ' Norinco ', model: '', calibre: '   ', year: 1985, site: undefined })).toEqual({
      make: 'Norinco',
      year: 1985,
    });
  });

  it('formats names, sizes, days and column letters for people', () => {
    expect(weaponName({ make: 'Zastava', model: 'M70' })).toBe('Zastava M70');
    expect(weaponName({ make: null, model: null })).toBe('');
    expect(formatBytes(4321, 'en')).toBe('4.3 kB');
    expect(formatBytes(999, 'fr')).toBe('999 B');
    // A calendar day stays the same day whatever the reader's time zone.
    expect(formatDay('2026-03-02', 'en')).toBe('2 Mar 2026');
    expect(formatDay('2026-03-02', 'fr')).toBe('2 mars 2026');
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
