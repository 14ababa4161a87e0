import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText, prepareName } from './normalise.ts';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const ACCENTED = [...'éèêëáàâäãåíìîïóòôöõúùûüñçýÿÉÈÁÀÂÄÍÓÖÚÜÑÇčšžćřňěůőűğşțș'];
const OTHER = [
  ' ',
  ' ',
  '-',
  '.',
  ',',
  "'",
  '’',
  '(',
  ')',
  '/',
  '&',
  '0',
  '1',
  '7',
  'ß',
  'ø',
  'Ж',
  'ш',
  'م',
  'ع',
];
const nameLike = fc
  .array(fc.constantFrom(...LETTERS, ...LETTERS, ...ACCENTED, ...OTHER), { maxLength: 40 })
  .map((chars) => chars.join(''));
const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

describe('normaliseText', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(nameLike, (s) => normaliseText(normaliseText(s)) === normaliseText(s)));
  });

  it('ignores case', () => {
    fc.assert(
      fc.property(nameLike, (s) => normaliseText(s.toUpperCase()) === normaliseText(s.toLowerCase())),
    );
  });

  it('ignores diacritics', () => {
    fc.assert(fc.property(nameLike, (s) => normaliseText(s) === normaliseText(stripMarks(s))));
  });

  it('yields only lower-case ASCII letters and digits separated by single spaces', () => {
    fc.assert(fc.property(nameLike, (s) => /^([a-z0-9]+( [a-z0-9]+)*)?$/.test(normaliseText(s))));
  });

  it('transliterates other scripts', () => {
    expect(normaliseText('Сергей Иванов')).toBe('sergey ivanov');
    expect(normaliseText('Κώστας')).toBe('kostas');
    expect(normaliseText('Łukasz Żółć-Nowak')).toBe('lukasz zolc nowak');
  });
});

describe('prepareName', () => {
  it('drops honorifics from persons, only leading ambiguous titles', () => {
    expect(prepareName('Dr. Karim Haddad', 'person').tokens.map((t) => t.text)).toEqual(['karim', 'haddad']);
    expect(prepareName('Sheikh Karim Haddad', 'person').removed).toEqual([
      { text: 'sheikh', reason: 'honorific' },
    ]);
    expect(prepareName('John Major', 'person').tokens.map((t) => t.text)).toEqual(['john', 'major']);
  });

  it('collapses Arabic compounds written in different ways', () => {
    const forms = [
      'Abdulrahman Haddad',
      "'Abd al-Rahman Haddad",
      'Abdel Rahman Haddad',
      'ABD-AL-RAHMAN HADDAD',
    ];
    const texts = forms.map((f) =>
      prepareName(f, 'person')
        .tokens.map((t) => t.text)
        .join(' '),
    );
    expect(new Set(texts)).toEqual(new Set(['abd rahman haddad']));
    expect(prepareName('Nuruddin Haddad', 'person').tokens.map((t) => t.text)).toEqual([
      'nur',
      'din',
      'haddad',
    ]);
  });

  it('removes legal forms from organisations, also multi-word and dotted ones', () => {
    const ltd = prepareName('Blue Heron Trading Co., Ltd.', 'organization');
    expect(ltd.tokens.map((t) => t.text)).toEqual(['blue', 'heron', 'trading']);
    expect(ltd.legalForms).toEqual(['co', 'ltd']);
    expect(prepareName('Blue Heron Joint Stock Company', 'organization').legalForms).toEqual(['jsc']);
    expect(prepareName('Blue Heron S.A.R.L.', 'organization').legalForms).toEqual(['sarl']);
  });

  it('reads numbers in organisation and vessel names as numbers', () => {
    const numbers = (s: string) => prepareName(s, 'organization').numbers;
    expect(numbers('Brigade Twenty-Seven')).toEqual(['27']);
    expect(numbers('Harbour Fund III')).toEqual(['3']);
    expect(numbers('2nd Harbour Bank')).toEqual(['2']);
    expect(prepareName('MV Northern Light 4', 'vessel').tokens.map((t) => t.text)).toEqual([
      'northern',
      'light',
      '4',
    ]);
  });
});
