import { describe, expect, it } from 'vitest';
import {
  CALIBRES,
  defineVocabulary,
  ITEM_STATUSES,
  LEDGER_EVENT_TYPES,
  MARKING_KINDS,
  MATERIEL_CATEGORIES,
  normaliseCalibre,
  REGISTRY_VOCABULARIES,
  trackingModeOf,
  vocabKey,
} from './vocab.ts';

describe('vocabulary lookups', () => {
  it.each([
    'assault_rifles',
    'assault rifle',
    'Assault rifles',
    'ASSAULT-RIFLES',
    "fusils d'assaut",
    'Fusil d’assaut',
  ])('reads %s as assault_rifles', (input) => {
    expect(MATERIEL_CATEGORIES.parse(input)).toBe('assault_rifles');
  });

  it('ignores diacritics, so a label typed without accents still matches', () => {
    expect(MATERIEL_CATEGORIES.parse('mitrailleuses legeres')).toBe('light_machine_guns');
    expect(MATERIEL_CATEGORIES.parse('MITRAILLEUSES LÉGÈRES')).toBe('light_machine_guns');
  });

  it('knows the abbreviations found in inventories', () => {
    expect(MATERIEL_CATEGORIES.parse('MANPADS')).toBe('manpads');
    expect(MATERIEL_CATEGORIES.parse('SMG')).toBe('sub_machine_guns');
    expect(MATERIEL_CATEGORIES.parse('Pistol')).toBe('revolvers_pistols');
    expect(MATERIEL_CATEGORIES.parse('RPG')).toBe('anti_tank_launchers');
    expect(MARKING_KINDS.parse('S/N')).toBe('serial');
    expect(LEDGER_EVENT_TYPES.parse('Import')).toBe('received');
  });

  it('answers undefined for what it does not know, rather than guessing', () => {
    expect(MATERIEL_CATEGORIES.parse('bazooka-ish thing')).toBeUndefined();
    expect(MATERIEL_CATEGORIES.parse('')).toBeUndefined();
  });

  it('finds every entry by its code, English label and French label, in every vocabulary', () => {
    for (const vocabulary of Object.values(REGISTRY_VOCABULARIES)) {
      for (const entry of vocabulary.entries) {
        expect(vocabulary.find(entry.code)).toBe(entry);
        expect(vocabulary.find(entry.label)).toBe(entry);
        expect(vocabulary.find(entry.labelFr)).toBe(entry);
        expect(vocabulary.find(entry.label.toUpperCase())).toBe(entry);
      }
    }
  });

  it('uses stable snake_case codes outside calibres', () => {
    for (const [name, vocabulary] of Object.entries(REGISTRY_VOCABULARIES)) {
      if (name === 'calibres') continue;
      for (const code of vocabulary.codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(new Set(vocabulary.codes).size).toBe(vocabulary.codes.length);
    }
  });

  it('refuses to define a vocabulary in which two entries answer to the same word', () => {
    expect(() =>
      defineVocabulary([
        { code: 'rifles', label: 'Rifles', labelFr: 'Fusils' },
        { code: 'guns', label: 'Guns', labelFr: 'Fusil' },
      ]),
    ).toThrow(/"Fusil" of guns reads like rifles/);
  });

  it('gives labels in English and French', () => {
    expect(ITEM_STATUSES.label('in_stock')).toBe('In stock');
    expect(ITEM_STATUSES.label('in_stock', 'fr')).toBe('En stock');
  });

  it('makes the same key from a code and its label', () => {
    expect(vocabKey('light_machine_guns')).toBe(vocabKey('Light machine-gun'));
  });
});

describe('categories', () => {
  it('tracks ammunition by lot and everything else by piece', () => {
    for (const entry of MATERIEL_CATEGORIES.entries) {
      expect(trackingModeOf(entry.code)).toBe(entry.group === 'ammunition' ? 'lot' : 'piece');
    }
    expect(trackingModeOf('small_arms_ammunition')).toBe('lot');
    expect(trackingModeOf('assault_rifles')).toBe('piece');
  });

  it('numbers the seven categories of the UN Register for major conventional arms', () => {
    const major = MATERIEL_CATEGORIES.entries.filter((entry) => entry.group === 'major_conventional');
    expect(major.map((entry) => ('unRegisterCategory' in entry ? entry.unRegisterCategory : null))).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
    ]);
  });
});

describe('calibres', () => {
  it.each([
    ['7,62 x 39', '7.62x39mm'],
    ['7.62X39', '7.62x39mm'],
    ['7.62 mm x 39', '7.62x39mm'],
    ['7.62×39mm', '7.62x39mm'],
    ['7,62х39', '7.62x39mm'], // Cyrillic 'х' as the multiplication sign
    ['cal. 7.62x39', '7.62x39mm'],
    ['7.62x54R', '7.62x54mmR'],
    ['7.62 x 54 mmR', '7.62x54mmR'],
    ['7.62x51 NATO', '7.62x51mm'],
    ['5.56 NATO', '5.56x45mm'],
    ['12.7 x 99 NATO', '12.7x99mm'],
    ['.50 BMG', '12.7x99mm'],
    ['9mm Luger', '9x19mm'],
    ['9 x 19', '9x19mm'],
    ['12,7 × 108 mm', '12.7x108mm'],
    ['82 mm', '82mm'],
    ['12 ga', '12 gauge'],
  ])('normalises %s to %s', (input, code) => {
    expect(normaliseCalibre(input)).toBe(code);
    expect(CALIBRES.isCode(code)).toBe(true);
  });

  it('keeps an unlisted calibre, written in the usual form when it is a metric size', () => {
    expect(normaliseCalibre('6,5 x 55')).toBe('6.5x55mm');
    expect(normaliseCalibre('6.5X55 mm')).toBe('6.5x55mm');
    expect(normaliseCalibre('  7.5 x 54 ')).toBe('7.5x54mm');
    expect(normaliseCalibre('93 mm')).toBe('93mm');
    expect(normaliseCalibre('  .300   Blackout ')).toBe('.300 Blackout');
  });

  it('does not guess when the reading is ambiguous', () => {
    expect(normaliseCalibre('7.62')).toBe('7.62'); // could be x39, x51 or x54R
    expect(normaliseCalibre('9mm')).toBe('9mm'); // could be x18 or x19
  });

  it('maps every listed code and label to its own code', () => {
    for (const entry of CALIBRES.entries) {
      expect(normaliseCalibre(entry.code)).toBe(entry.code);
      expect(normaliseCalibre(entry.label)).toBe(entry.code);
      expect(normaliseCalibre(entry.labelFr)).toBe(entry.code);
    }
  });
});
