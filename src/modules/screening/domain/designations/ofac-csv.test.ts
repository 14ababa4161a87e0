import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countSnapshot, type Designation, ListParseError, type ListSnapshot } from './model.ts';
import { ofacVersionFromFileName, parseOfacSdnCsv, splitPrograms } from './ofac-csv.ts';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lists');
const SHARED_SDN = path.join(ROOT, '..', 'shared', 'data', 'ofac', 'sdn-2024-05-03.csv');
const HAS_SHARED = fs.existsSync(SHARED_SDN);
if (!HAS_SHARED) {
  console.warn(
    `ofac-csv: skipping the test on the full SDN list: ${SHARED_SDN} is absent (it exists only in the workplace).`,
  );
}

function byRef(snapshot: ListSnapshot, ref: string): Designation {
  const d = snapshot.designations.find((x) => x.ref === ref);
  if (!d) throw new Error(`no designation ${ref}`);
  return d;
}

const EMPTY = '-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
const row = (entNum: string, name: string, type: string, program: string, remarks = '-0- ') =>
  `${entNum},"${name}",${type},"${program}",${EMPTY},${remarks}`;

describe('parseOfacSdnCsv on the excerpt', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'ofac-sdn-excerpt.csv'), 'utf8');
  const snapshot = parseOfacSdnCsv(text, '2024-05-03');

  it('reads every row, with its type', () => {
    expect(snapshot).toMatchObject({ source: 'ofac-sdn', version: '2024-05-03', generatedAt: '2024-05-03' });
    expect(countSnapshot(snapshot)).toMatchObject({
      total: 31,
      persons: 13,
      organizations: 10,
      vessels: 5,
      aircraft: 3,
    });
  });

  it('reads an entity with "-0-" as empty and a weak alias from the remarks', () => {
    expect(byRef(snapshot, '306')).toMatchObject({
      ref: '306',
      dataId: '306',
      type: 'organization',
      name: 'BANCO NACIONAL DE CUBA',
      regime: 'CUBA',
      programs: ['CUBA'],
      aliases: [{ name: 'BNC', quality: 'low', kind: 'aka', weak: true }],
      titles: [],
      designations: [],
      raw: { remarks: "a.k.a. 'BNC'." },
    });
    expect(byRef(snapshot, '36').raw).toBeUndefined();
  });

  it('reads an individual: name parts, dates and place of birth, documents, aliases with quotes inside', () => {
    const d = byRef(snapshot, '3754');
    expect(d.nameParts).toEqual({ family: 'ABU MARZOOK', given: 'Mousa Mohammed' });
    expect(d.aliases).toEqual([{ name: "ABU-'UMAR", quality: 'low', kind: 'aka', weak: true }]);
    expect(d.birthDates).toEqual([
      { kind: 'exact', date: '1951-02-09', raw: 'DOB 09 Feb 1951', approximate: false },
    ]);
    expect(d.birthPlaces).toEqual([
      { raw: 'Gaza, Egypt', city: 'Gaza', country: 'Egypt', countryIso3: 'EGY' },
    ]);
    expect(d.documents).toEqual([
      { type: 'Passport', kind: 'passport', number: '92/664', country: 'Egypt', countryIso3: 'EGY' },
      { type: 'SSN', kind: 'tax-id', number: '523-33-8386', country: 'United States', countryIso3: 'USA' },
    ]);
    expect(d.designations).toEqual(['Political Leader in Amman, Jordan and Damascus, Syria for HAMAS']);
  });

  it('reads gender, nationality, several programs and the many forms of DOB', () => {
    const zambada = byRef(snapshot, '7226');
    expect(zambada.programs).toEqual(['SDNTK', 'ILLICIT-DRUGS-EO14059']);
    expect(zambada.gender).toBe('male');
    expect(zambada.nationalities).toEqual([{ raw: 'Mexico', iso3: 'MEX', basis: 'nationality' }]);
    expect(zambada.aliases.map((a) => a.name)).toEqual(['El Mayo', 'Mayo']);

    expect(byRef(snapshot, '7782').birthDates[0]).toMatchObject({
      kind: 'year',
      year: 1951,
      approximate: true,
    });
    expect(byRef(snapshot, '6862').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1938-09-01',
      to: '1938-09-30',
    });
    expect(byRef(snapshot, '11748').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1979-01-01',
      to: '1982-12-31',
      approximate: true,
    });
    expect(byRef(snapshot, '12057').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1951-01-01',
      to: '1953-12-31',
    });
    expect(byRef(snapshot, '15962').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1961-01-01',
      to: '1962-12-31',
    });
    expect(byRef(snapshot, '23470').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1962-03-01',
      to: '1963-02-28',
    });
    expect(byRef(snapshot, '7221').birthDates.map((b) => b.raw)).toEqual([
      'DOB 28 Aug 1962',
      'alt. DOB 20 Aug 1962',
    ]);
  });

  it('maps OFAC country spellings to ISO codes', () => {
    expect(byRef(snapshot, '11648').nationalities).toEqual([
      { raw: 'Korea, North', iso3: 'PRK', basis: 'nationality' },
    ]);
    expect(byRef(snapshot, '7782').birthPlaces[0]).toMatchObject({
      country: 'Bosnia-Herzegovina',
      countryIso3: 'BIH',
    });
  });

  it('reads passports with issue and expiry dates, and national IDs', () => {
    const d = byRef(snapshot, '12610');
    expect(d.gender).toBe('female');
    expect(d.documents).toContainEqual({
      type: 'Passport',
      kind: 'passport',
      number: '03824970',
      country: 'Oman',
      countryIso3: 'OMN',
      issued: '2014-05-04',
      expires: '2024-05-03',
    });
    expect(d.documents).toContainEqual({ type: 'National ID No.', kind: 'national-id', number: '98606612' });
  });

  it('splits the Title column into ranks (titles) and positions (designations), without repeating them', () => {
    expect(byRef(snapshot, '12060')).toMatchObject({ titles: ['Brigadier General'], designations: [] });
    const naqdi = byRef(snapshot, '12057');
    expect(naqdi.designations).toEqual([
      'Brigadier General and Commander of the IRGC Basij Resistance Force',
      'President of the Organization of the Basij of the Oppressed',
      'Chief of the Mobilization of the Oppressed Organization',
    ]);
    expect(naqdi.otherInfo.filter((o) => o.label === 'Remark')).toEqual([
      { label: 'Remark', value: 'Head of the Basij' },
    ]);
  });

  it('reads vessels: columns and remarks', () => {
    expect(byRef(snapshot, '15036')).toMatchObject({
      type: 'vessel',
      aliases: [{ name: 'ALPHA', quality: 'low', kind: 'fka', weak: true }],
      vessel: {
        imo: '9187629',
        mmsi: '572469210',
        callSign: 'T2EU4',
        vesselType: 'Crude/Oil Products Tanker',
        tonnage: '99,144',
        grossRegisteredTonnage: '56,068',
        flag: 'Iran',
        flagIso3: 'IRN',
        formerFlags: ['Malta', 'Tuvalu', 'None Identified', 'Tanzania'],
      },
    });
    expect(byRef(snapshot, '4238').vessel).toMatchObject({
      owner: 'Samir de Navegacion S.A.',
      flagIso3: 'CUB',
    });
  });

  it('reads aircraft details', () => {
    expect(byRef(snapshot, '18150')).toMatchObject({
      type: 'aircraft',
      aircraft: {
        model: 'Airbus A340-642',
        manufacturerSerialNumber: '391',
        tailNumber: 'EP-MMH',
        manufactureDate: '2002',
      },
    });
    expect(byRef(snapshot, '27293').aircraft).toMatchObject({
      modeSTransponderCode: '424B32',
      model: 'EMB135',
    });
    expect(byRef(snapshot, '27293').otherInfo).toContainEqual({
      label: 'Nationality of Registration',
      value: 'Man, Isle of',
    });
  });

  it('reads a company IMO number as a registration document, not as vessel data', () => {
    const d = byRef(snapshot, '19569');
    expect(d.vessel).toBeUndefined();
    expect(d.documents).toEqual([{ type: 'IMO number', kind: 'registration', number: '5878589' }]);
  });

  it('reads n.k.a. aliases, registration numbers and labelled facts', () => {
    const d = byRef(snapshot, '41920');
    expect(d.aliases).toEqual([{ name: 'LGOK', quality: 'low', kind: 'nka', weak: true }]);
    expect(d.documents.map((x) => [x.kind, x.type, x.number, x.countryIso3])).toEqual([
      ['tax-id', 'Tax ID No.', '3127000014', 'RUS'],
      ['registration', 'Registration Number', '1023102257914', 'RUS'],
    ]);
    expect(d.otherInfo).toContainEqual({ label: 'Organization Established Date', value: '1971' });
    expect(d.otherInfo).toContainEqual({
      label: 'Linked To',
      value: 'HOLDINGOVAYA KOMPANIYA METALLOINVEST AO',
    });
    expect(byRef(snapshot, '17018').documents).toContainEqual({
      type: 'SWIFT/BIC',
      kind: 'registration',
      number: 'SABRRUMM',
    });
    expect(byRef(snapshot, '17018').otherInfo).toContainEqual({
      label: 'Listing Date (EO 14024 Directive 2)',
      value: '24 Feb 2022',
    });
  });

  it('reports remarks the source cut at 1,000 characters, with row and line', () => {
    expect(snapshot.warnings).toEqual([
      {
        line: 22,
        row: 22,
        ref: '17018',
        message: 'remarks are cut at 1000 characters in the source; later items are missing',
      },
      {
        line: 22,
        row: 22,
        ref: '17018',
        message:
          'the last item was cut short in the source and is not read: "Listing Date (EO 14024 Directive 3)"',
      },
      {
        line: 28,
        row: 28,
        ref: '27307',
        message: 'remarks are cut at 1000 characters in the source; later items are missing',
      },
      {
        line: 28,
        row: 28,
        ref: '27307',
        message: `the last item was cut short in the source and is not read: "a.k.a. 'WHOIS HACKIN"`,
      },
      {
        line: 31,
        row: 31,
        ref: '42496',
        message: 'remarks are cut at 1000 characters in the source; later items are missing',
      },
    ]);
    // the cut alias is not taken as a name; the complete ones before it are
    const lazarus = byRef(snapshot, '27307');
    expect(lazarus.aliases.map((a) => a.name)).toEqual([
      'HIDDEN COBRA',
      'OFFICE 91',
      'GUARDIANS OF PEACE',
      'THE NEW ROMANTIC CYBER ARMY TEAM',
    ]);
    expect(lazarus.otherInfo).toContainEqual({
      label: 'Remark (cut short in the source)',
      value: "a.k.a. 'WHOIS HACKIN",
    });
  });
});

describe('parseOfacSdnCsv reports what it cannot read', () => {
  it('skips bad rows with their row and line numbers and keeps the rest', () => {
    const text = [
      row('36', 'AEROCARIBBEAN AIRLINES', '-0- ', 'CUBA'),
      '37,"TOO FEW COLUMNS",-0- ,"CUBA"',
      row('x1', 'NOT A NUMBER', '-0- ', 'CUBA'),
      '38,"BROKEN "QUOTE" ROW",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      row('39', 'GOOD AFTER', '-0- ', 'CUBA', `"a.k.a. 'GA'."`),
      row('39', 'DUPLICATE', '-0- ', 'CUBA'),
      row('40', 'STRANGE TYPE', '"spaceship"', 'CUBA'),
      '',
    ].join('\r\n');
    const snapshot = parseOfacSdnCsv(text, '2024-05-03');
    expect(snapshot.designations.map((d) => `${d.ref} ${d.type}`)).toEqual([
      '36 organization',
      '39 organization',
      '40 organization',
    ]);
    expect(snapshot.warnings).toEqual([
      { line: 2, row: 2, message: 'expected 12 columns, found 4; row skipped' },
      { line: 3, row: 3, message: 'ent_num "x1" is not a number; row skipped' },
      {
        line: 4,
        row: 4,
        message: expect.stringMatching(/^row not readable as CSV, skipped: Invalid Closing Quote/u),
      },
      { line: 6, row: 6, ref: '39', message: 'ent_num 39 appears again (first at row 5); row skipped' },
      { line: 7, row: 7, ref: '40', message: 'unknown SDN_Type "spaceship"; read as an organization' },
    ]);
  });

  it('strips the DOS end-of-file character and a byte-order mark', () => {
    const text = `\uFEFF${row('36', 'A', '-0- ', 'CUBA')}\r\n${String.fromCharCode(0x1a)}`;
    const snapshot = parseOfacSdnCsv(text, '2024-05-03');
    expect(snapshot.designations.map((d) => d.ref)).toEqual(['36']);
    expect(snapshot.warnings).toEqual([]);
  });

  it('refuses an empty file, a file with no SDN row, and a missing version', () => {
    expect(() => parseOfacSdnCsv('', '2024-05-03')).toThrow(ListParseError);
    expect(() => parseOfacSdnCsv('a,b,c\n1,2,3\n', '2024-05-03')).toThrow(/no SDN record found/u);
    expect(() => parseOfacSdnCsv(row('36', 'A', '-0- ', 'CUBA'), ' ')).toThrow(/version/u);
  });

  it('keeps a version that is not a date, without a generation date', () => {
    const snapshot = parseOfacSdnCsv(row('36', 'A', '-0- ', 'CUBA'), 'download-42');
    expect(snapshot.version).toBe('download-42');
    expect(snapshot.generatedAt).toBeNull();
  });
});

describe('OFAC helpers', () => {
  it('splits programs', () => {
    expect(splitPrograms('SDGT] [IFSR')).toEqual(['SDGT', 'IFSR']);
    expect(splitPrograms('[CUBA]')).toEqual(['CUBA']);
    expect(splitPrograms('')).toEqual([]);
  });
  it('derives a version from a file name', () => {
    expect(ofacVersionFromFileName('sdn-2024-05-03.csv')).toBe('2024-05-03');
    expect(ofacVersionFromFileName('sdn.csv')).toBeNull();
  });
});

describe.skipIf(!HAS_SHARED)('parseOfacSdnCsv on the full SDN list (../shared/data)', () => {
  it('reads all 14,965 records; the only warnings are remarks cut by the source', () => {
    const text = fs.readFileSync(SHARED_SDN, 'utf8');
    const started = performance.now();
    const snapshot = parseOfacSdnCsv(text, '2024-05-03');
    const ms = performance.now() - started;
    const counts = countSnapshot(snapshot);
    console.info(
      `sdn-2024-05-03.csv: ${JSON.stringify(counts)} in ${ms.toFixed(0)} ms, ${snapshot.warnings.length} warnings`,
    );
    expect(counts).toMatchObject({
      total: 14965,
      persons: 6854,
      organizations: 6884,
      vessels: 851,
      aircraft: 376,
      aliases: 3663,
      weakAliases: 3663,
    });
    expect(
      snapshot.warnings.every((w) => /cut (?:at 1000 characters|short) in the source/u.test(w.message)),
    ).toBe(true);
    expect(new Set(snapshot.warnings.map((w) => w.ref)).size).toBe(17);
    // every DOB, nationality and place-of-birth country is read
    for (const d of snapshot.designations) {
      for (const b of d.birthDates) expect(b.kind, b.raw).not.toBe('text');
      for (const n of d.nationalities) expect(n.iso3, n.raw).not.toBeNull();
    }
  });
});
