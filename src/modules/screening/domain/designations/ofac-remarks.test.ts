import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAliasItem,
  parseDocumentItem,
  parseOfacRemarks,
  parsePlaceItem,
  splitRemarks,
} from './ofac-remarks.ts';

describe('splitRemarks', () => {
  it('splits on semicolons and drops the final full stop', () => {
    expect(splitRemarks('DOB 1946; POB Cairo, Egypt; Gender Male.')).toEqual([
      'DOB 1946',
      'POB Cairo, Egypt',
      'Gender Male',
    ]);
  });

  it('keeps quotes and semicolons inside an alias', () => {
    expect(splitRemarks("a.k.a. 'ABU-'UMAR'; a.k.a. 'X; Y'; f.k.a. 'O'NEIL'.")).toEqual([
      "a.k.a. 'ABU-'UMAR'",
      "a.k.a. 'X; Y'",
      "f.k.a. 'O'NEIL'",
    ]);
  });

  it('keeps an unterminated alias as one item', () => {
    expect(splitRemarks("Gender Male; a.k.a. 'WHOIS HACKIN")).toEqual([
      'Gender Male',
      "a.k.a. 'WHOIS HACKIN",
    ]);
  });

  it('gives back the items it was built from (property)', () => {
    const item = fc
      .stringMatching(/^[A-Za-z0-9(][A-Za-z0-9 ,:()/#-]{0,40}$/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !/^[afn]\.k\.a\./iu.test(s));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        expect(splitRemarks(`${items.join('; ')}.`)).toEqual(items);
      }),
    );
  });
});

describe('parseAliasItem', () => {
  it('reads the three kinds', () => {
    expect(parseAliasItem("a.k.a. 'BNC'")).toEqual({ kind: 'aka', name: 'BNC', complete: true });
    expect(parseAliasItem("f.k.a. 'SAND SWAN'")).toEqual({ kind: 'fka', name: 'SAND SWAN', complete: true });
    expect(parseAliasItem("n.k.a. 'LGOK'")).toEqual({ kind: 'nka', name: 'LGOK', complete: true });
    expect(parseAliasItem("a.k.a. 'CUT")).toEqual({ kind: 'aka', name: 'CUT', complete: false });
    expect(parseAliasItem('POB Saint-Petersburg (F.K.A. Leningrad)')).toBeNull();
  });

  it('finds every alias in built remarks, in order, with its kind; all are weak (property)', () => {
    // Names as OFAC writes them: letters, digits, spaces and inner quotes, dots and hyphens.
    const name = fc
      .stringMatching(/^[A-Z0-9][A-Za-z0-9 '.-]{0,30}[A-Za-z0-9]$/u)
      .filter((s) => !/\s{2}/u.test(s));
    const alias = fc.record({ kind: fc.constantFrom('a', 'f', 'n'), name });
    const other = fc.constantFrom(
      'DOB 10 Dec 1948',
      'POB Cairo, Egypt',
      'Gender Female',
      'Linked To: SOME GROUP',
    );
    const entry = fc.oneof(
      alias.map((a) => ({ text: `${a.kind}.k.a. '${a.name}'`, alias: a })),
      other.map((text) => ({ text, alias: null })),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const remarks = entries.length > 0 ? `${entries.map((e) => e.text).join('; ')}.` : '';
        const parsed = parseOfacRemarks(remarks);
        const expected = entries.flatMap((e) =>
          e.alias ? [{ name: e.alias.name, quality: 'low', kind: `${e.alias.kind}ka`, weak: true }] : [],
        );
        expect(parsed.aliases).toEqual(expected);
        expect(parsed.problems).toEqual([]);
      }),
    );
  });
});

describe('parseDocumentItem', () => {
  it('reads label, number, country, issue and expiry', () => {
    expect(parseDocumentItem('Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992')).toEqual({
      type: 'Passport',
      kind: 'passport',
      number: 'E590976',
      country: 'Tunisia',
      countryIso3: 'TUN',
      issued: '1987-06-19',
      expires: '1992-06-18',
    });
    expect(parseDocumentItem('National ID No. 216040 (Yemen)')).toMatchObject({
      kind: 'national-id',
      number: '216040',
      countryIso3: 'YEM',
    });
    expect(parseDocumentItem('Cedula No. 6068015 (Colombia)')).toMatchObject({
      kind: 'national-id',
      countryIso3: 'COL',
    });
    expect(parseDocumentItem('Tax ID No. 100036386 (Serbia)')).toMatchObject({
      kind: 'tax-id',
      countryIso3: 'SRB',
    });
    expect(parseDocumentItem('Registration Number HRA 738077 (Stuttgart) (Germany)')).toMatchObject({
      type: 'Registration Number',
      number: 'HRA 738077 (Stuttgart)',
      countryIso3: 'DEU',
    });
    expect(parseDocumentItem('Passport RL 1622378 (Lebanon)')).toMatchObject({
      type: 'Passport',
      number: 'RL 1622378',
    });
  });

  it('finds identifiers with labels it does not list, by their shape', () => {
    expect(parseDocumentItem('Kenyan ID No. 12345678 (Kenya)')).toMatchObject({
      type: 'Kenyan ID No.',
      kind: 'national-id',
      number: '12345678',
      countryIso3: 'KEN',
    });
  });

  it('does not take dates, phone numbers or directives for documents', () => {
    expect(parseDocumentItem('DOB 10 Dec 1948')).toBeNull();
    expect(parseDocumentItem('Phone Number 982188526300')).toBeNull();
    expect(parseDocumentItem('Organization Established Date 1969')).toBeNull();
    expect(
      parseDocumentItem('Executive Order 13662 Directive Determination - Subject to Directive 1'),
    ).toBeNull();
    expect(parseDocumentItem('Member of the State Duma of the Federal Assembly')).toBeNull();
  });
});

describe('parsePlaceItem', () => {
  it('splits city, region and country when the last part is a country', () => {
    expect(parsePlaceItem('Culiacan, Sinaloa, Mexico')).toEqual({
      raw: 'Culiacan, Sinaloa, Mexico',
      city: 'Culiacan',
      stateProvince: 'Sinaloa',
      country: 'Mexico',
      countryIso3: 'MEX',
    });
    expect(parsePlaceItem('Isfahan Province')).toEqual({ raw: 'Isfahan Province' });
    expect(parsePlaceItem('Jalisco Mexico')).toEqual({ raw: 'Jalisco Mexico', countryIso3: 'MEX' });
  });
});

describe('parseOfacRemarks', () => {
  it('reads a rich individual remark', () => {
    const parsed = parseOfacRemarks(
      "DOB 01 Jan 1961 to 31 Dec 1962; alt. DOB circa 1965; POB Baghdad, Iraq; nationality Iraq; citizen Jordan; Gender Male; Passport A123456 (Iraq) expires 05 Mar 2017; a.k.a. 'ABU AHMAD'; Linked To: SOME GROUP.",
    );
    expect(parsed.birthDates).toEqual([
      {
        kind: 'range',
        from: '1961-01-01',
        to: '1962-12-31',
        raw: 'DOB 01 Jan 1961 to 31 Dec 1962',
        approximate: false,
      },
      { kind: 'year', year: 1965, raw: 'alt. DOB circa 1965', approximate: true },
    ]);
    expect(parsed.birthPlaces).toEqual([
      { raw: 'Baghdad, Iraq', city: 'Baghdad', country: 'Iraq', countryIso3: 'IRQ' },
    ]);
    expect(parsed.nationalities).toEqual([
      { raw: 'Iraq', iso3: 'IRQ', basis: 'nationality' },
      { raw: 'Jordan', iso3: 'JOR', basis: 'citizenship' },
    ]);
    expect(parsed.gender).toBe('male');
    expect(parsed.documents).toEqual([
      {
        type: 'Passport',
        kind: 'passport',
        number: 'A123456',
        country: 'Iraq',
        countryIso3: 'IRQ',
        expires: '2017-03-05',
      },
    ]);
    expect(parsed.aliases).toEqual([{ name: 'ABU AHMAD', quality: 'low', kind: 'aka', weak: true }]);
    expect(parsed.otherInfo).toEqual([{ label: 'Linked To', value: 'SOME GROUP' }]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.truncated).toBe(false);
  });

  it('reports what it does not understand instead of dropping it', () => {
    const parsed = parseOfacRemarks(
      'DOB sometime in spring; nationality Atlantis; Gender Male; Gender Female.',
    );
    expect(parsed.birthDates).toEqual([{ kind: 'text', raw: 'DOB sometime in spring', approximate: false }]);
    expect(parsed.nationalities).toEqual([{ raw: 'Atlantis', iso3: null, basis: 'nationality' }]);
    expect(parsed.problems).toEqual([
      'date of birth not understood: "DOB sometime in spring"',
      'country not recognised: "nationality Atlantis"',
      'conflicting genders: male and female',
    ]);
  });

  it('flags remarks cut at the column limit', () => {
    const long = `${'Linked To: X; '.repeat(70)}a.k.a. 'HALF A NAM`;
    const parsed = parseOfacRemarks(long);
    expect(parsed.truncated).toBe(true);
    expect(parsed.aliases).toEqual([]);
    expect(parsed.otherInfo.at(-1)).toEqual({
      label: 'Remark (cut short in the source)',
      value: "a.k.a. 'HALF A NAM",
    });
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseOfacRemarks(text);
        expect(Array.isArray(parsed.aliases)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('DOB ', 'a.k.a. ', "'", ';', '.', 'alt. ', 'POB ', '(', ')', 'Passport ', '1', 'X'),
          {
            maxLength: 40,
          },
        ),
        (parts) => {
          parseOfacRemarks(parts.join(''));
        },
      ),
    );
  });
});
