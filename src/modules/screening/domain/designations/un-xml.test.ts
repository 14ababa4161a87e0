import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countSnapshot, type Designation, ListParseError, type ListSnapshot } from './model.ts';
import { parseUnConsolidatedXml } from './un-xml.ts';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lists');
const SHARED_UN = path.join(ROOT, '..', 'shared', 'data', 'un-sc-consolidated');
const HAS_SHARED = fs.existsSync(SHARED_UN);
if (!HAS_SHARED) {
  console.warn(
    `un-xml: skipping the tests on the full UN lists: ${SHARED_UN} is absent (it exists only in the workplace).`,
  );
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function byRef(snapshot: ListSnapshot, ref: string): Designation {
  const d = snapshot.designations.find((x) => x.ref === ref);
  if (!d) throw new Error(`no designation ${ref}`);
  return d;
}

/** Expects `run` to throw a ListParseError and returns it. */
function refusal(run: () => unknown): ListParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ListParseError);
    return error as ListParseError;
  }
  throw new Error('expected the list to be refused');
}

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2020-01-01T10:00:00.000-04:00">';

describe('parseUnConsolidatedXml on the excerpt', () => {
  const snapshot = parseUnConsolidatedXml(fixture('un-consolidated-v1.xml'));

  it('reads the version, the generation instant and every record', () => {
    expect(snapshot.source).toBe('un-sc');
    expect(snapshot.version).toBe('2018-10-29T19:09:49.856-04:00');
    expect(snapshot.generatedAt).toBe('2018-10-29T23:09:49.856Z');
    const counts = countSnapshot(snapshot);
    expect(counts.persons).toBe(13);
    expect(counts.organizations).toBe(5);
    expect(snapshot.warnings).toEqual([]);
  });

  it('reads names, name parts, regime, listing data and trims stray spaces', () => {
    const d = byRef(snapshot, 'KPi.033');
    expect(d).toMatchObject({
      source: 'un-sc',
      ref: 'KPi.033',
      dataId: '6908555',
      versionNum: 1,
      type: 'person',
      regime: 'DPRK',
      programs: ['DPRK'],
      name: 'RI WON HO',
      nameParts: { first: 'RI', second: 'WON HO' },
      listedOn: '2016-11-30',
      listType: 'UN List',
      designations: ['DPRK Ministry of State Security Official'],
    });
    // COMMENTS1 ends with blank lines in the source
    expect(d.narrative).toBe(
      'Ri Won Ho is a DPRK Ministry of State Security Official stationed in Syria supporting KOMID.',
    );
    expect(d.documents).toEqual([{ type: 'Passport', kind: 'passport', number: '381310014' }]);
    // empty <INDIVIDUAL_ALIAS>, <INDIVIDUAL_ADDRESS><COUNTRY/>, <INDIVIDUAL_PLACE_OF_BIRTH/> give nothing
    expect(d.aliases).toEqual([]);
    expect(d.addresses).toEqual([]);
    expect(d.birthPlaces).toEqual([]);
    expect(d.lastUpdated).toEqual([]);
  });

  it('reads all four name parts, titles, designations and the original-script name', () => {
    const d = byRef(snapshot, 'TAi.083');
    expect(d.nameParts).toEqual({
      first: 'EHSANULLAH',
      second: 'SARFIDA',
      third: 'HESAMUDDIN',
      fourth: 'AKHUNDZADA',
    });
    expect(d.name).toBe('EHSANULLAH SARFIDA HESAMUDDIN AKHUNDZADA');
    expect(d.titles).toEqual(['Maulavi']);
    expect(d.designations).toEqual(['Deputy Minister of Security (Intelligence) under the Taliban regime']);
    expect(d.originalScriptName).toBe('احسان الله سرفدا حسام الدین آخوندزاده');
    expect(d.aliases).toContainEqual({
      name: 'Ehsanullah Sarfida',
      quality: 'good',
      kind: 'aka',
      weak: false,
      note: 'previously listed as',
    });
    expect(d.lastUpdated).toEqual(['2003-09-03', '2007-09-21', '2012-02-13', '2012-05-18', '2013-12-31']);
  });

  it('keeps alias quality: Good and Low for individuals, Low ones flagged weak', () => {
    const d = byRef(snapshot, 'QDi.080');
    expect(d.aliases).toEqual([
      { name: 'Zouheir Al Maghribi', quality: 'good', kind: 'aka', weak: false },
      { name: 'Mohamed Abbattay', quality: 'low', kind: 'aka', weak: true },
      { name: 'Abderrahmane Al Maghribi', quality: 'low', kind: 'aka', weak: true },
    ]);
  });

  it('keeps a.k.a. and f.k.a. for entities, with the submission date and original script', () => {
    const d = byRef(snapshot, 'QDe.014');
    expect(d.type).toBe('organization');
    expect(d.nameParts).toEqual({});
    expect(d.submittedOn).toBe('2009-07-17');
    expect(d.originalScriptName).toBe('تنظيم القا عدة ببلاد المغرب الاسلامي');
    expect(d.aliases.filter((a) => a.kind === 'fka').map((a) => a.name)).toEqual([
      'Le Groupe Salafiste pour La Prédication et le Combat (GSPC)',
      'Salafist Group For Call and Combat',
    ]);
    expect(d.aliases.find((a) => a.name === 'AQIM')).toEqual({
      name: 'AQIM',
      quality: 'aka',
      kind: 'aka',
      weak: false,
    });
    expect(d.addresses.map((a) => a.countryIso3)).toEqual(['DZA', 'MLI', 'MRT', 'MAR', 'NER', 'TUN']);
  });

  it('decodes XML entities in names', () => {
    expect(byRef(snapshot, 'KPe.055').name).toBe('CHANG AN SHIPPING & TECHNOLOGY');
    expect(byRef(snapshot, 'QDe.109').name).toBe('AL-HARAMAIN & AL MASJED AL-AQSA CHARITY FOUNDATION');
  });

  it('reads alias birth data (DATE_OF_BIRTH, CITY_OF_BIRTH, COUNTRY_OF_BIRTH)', () => {
    const d = byRef(snapshot, 'QDi.316');
    expect(d.aliases[0]).toEqual({
      name: 'Sidi Mohamed Arhali',
      quality: 'good',
      kind: 'aka',
      weak: false,
      dateOfBirth: '1958-01-01',
      cityOfBirth: 'Bouressa, Bourem Region',
      countryOfBirth: 'Mali',
    });
  });

  it('reads every kind of date of birth', () => {
    expect(byRef(snapshot, 'KPi.033').birthDates).toEqual([
      { kind: 'exact', date: '1964-07-17', raw: 'EXACT 1964-07-17', approximate: false },
    ]);
    // BETWEEN with FROM_YEAR and TO_YEAR, and an "Approximately" note
    expect(byRef(snapshot, 'TAi.083').birthDates).toEqual([
      {
        kind: 'range',
        from: '1962-01-01',
        to: '1963-12-31',
        raw: 'BETWEEN 1962-1963 (Approximately)',
        approximate: true,
        note: 'Approximately',
      },
    ]);
    // APPROXIMATELY with YEAR, and BETWEEN without a note
    expect(byRef(snapshot, 'YEi.002').birthDates).toEqual([
      { kind: 'year', year: 1985, raw: 'APPROXIMATELY 1985', approximate: true },
      { kind: 'range', from: '1984-01-01', to: '1986-12-31', raw: 'BETWEEN 1984-1986', approximate: false },
    ]);
    // EXACT with a note about the source
    expect(byRef(snapshot, 'QDi.295').birthDates).toContainEqual({
      kind: 'exact',
      date: '1979-03-03',
      raw: 'EXACT 1979-03-03 (from false passport)',
      approximate: false,
      note: 'from false passport',
    });
    // a DATE with a time-zone suffix (xs:date allows one)
    expect(byRef(snapshot, 'SSi.005').birthDates[0]).toMatchObject({ kind: 'exact', date: '1960-01-01' });
    // the month is only in the note: "Nov. 1973", and "Sep." next to YEAR 1958
    expect(byRef(snapshot, 'CDi.004').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1973-11-01',
      to: '1973-11-30',
    });
    expect(byRef(snapshot, 'QDi.395').birthDates[0]).toMatchObject({
      kind: 'range',
      from: '1958-09-01',
      to: '1958-09-30',
    });
    // no date at all, only words: kept for a person to read
    expect(byRef(snapshot, 'LYi.022').birthDates).toEqual([
      { kind: 'text', raw: 'APPROXIMATELY (30-35 years old)', approximate: true, note: '30-35 years old' },
    ]);
    // several dates, exact and year only
    expect(byRef(snapshot, 'QDi.290').birthDates.map((b) => b.kind)).toEqual([
      'exact',
      'exact',
      'exact',
      'year',
    ]);
  });

  it('reads places of birth, with their notes', () => {
    expect(byRef(snapshot, 'QDi.080').birthPlaces).toEqual([
      { city: 'Haselünne', stateProvince: 'Lower Saxony', country: 'Germany', countryIso3: 'DEU' },
    ]);
    expect(byRef(snapshot, 'SDi.004').birthPlaces[0]).toMatchObject({
      city: 'El-Fasher',
      note: 'Place of Birth: Nile District, El-Fasher, El- Fasher, North Darfur',
    });
  });

  it('reads identity documents with every optional element', () => {
    const docs = byRef(snapshot, 'QDi.080').documents;
    expect(docs).toContainEqual({
      type: 'Passport',
      kind: 'passport',
      number: '954242',
      country: 'Morocco',
      countryIso3: 'MAR',
      issued: '1995-06-28',
      issuedIn: 'Meknas',
      note: 'expired',
    });
    expect(docs).toContainEqual({
      type: 'National Identification Number',
      kind: 'national-id',
      number: '1336597587',
      country: 'Germany',
      countryIso3: 'DEU',
      typeDetail: 'Identity document ("Bundespersonalausweis")',
    });
    // leading zeros in numbers are kept (no number conversion)
    expect(byRef(snapshot, 'QDi.253').documents[0]?.number).toBe('00685868');
  });

  it('reads addresses with street, zip code and note', () => {
    expect(byRef(snapshot, 'QDi.080').addresses).toEqual([
      {
        street: 'Bunatwiete 23',
        city: 'Hamburg',
        zipCode: '21073',
        country: 'Germany',
        countryIso3: 'DEU',
        note: 'formerly resident at',
      },
    ]);
  });

  it('reads gender, submitted-by and nationalities with their ISO codes and qualifiers', () => {
    expect(byRef(snapshot, 'YEi.002').gender).toBe('male');
    expect(byRef(snapshot, 'KPi.033').gender).toBeNull();
    expect(byRef(snapshot, 'QDi.253').submittedBy).toBe('United States');
    expect(byRef(snapshot, 'SDi.004').nationalities).toEqual([
      { raw: 'Sudanese by birth', iso3: 'SDN', qualifier: 'by birth' },
    ]);
    expect(byRef(snapshot, 'QDi.290').nationalities).toEqual([
      { raw: 'Russian Federation', iso3: 'RUS' },
      { raw: 'USSR (until 1991)', iso3: null, qualifier: 'former state; until 1991' },
    ]);
  });

  it('collapses line breaks and indentation inside text', () => {
    for (const d of snapshot.designations) {
      for (const text of [d.name, d.narrative ?? '', ...d.aliases.map((a) => a.name)]) {
        expect(text).not.toMatch(/\s{2,}|^\s|\s$/u);
      }
    }
  });
});

describe('parseUnConsolidatedXml refuses what it cannot read whole', () => {
  it('refuses a truncated file with the line and a reason', () => {
    const e = refusal(() => parseUnConsolidatedXml(fixture('un-consolidated-truncated.xml')));
    expect(e.line).toBe(16);
    expect(e.reason).toMatch(/truncated/u);
    expect(e.reason).toContain('<CONSOLIDATED_LIST> (line 1)');
    expect(e.message).toMatch(/^un-sc list refused at line 16, column \d+: /u);
  });

  it('refuses mismatched tags with the line', () => {
    const xml = `${HEADER}\n<INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID></ENTITY>\n</INDIVIDUALS></CONSOLIDATED_LIST>`;
    const e = refusal(() => parseUnConsolidatedXml(xml));
    expect(e.line).toBe(4);
    expect(e.reason).toMatch(/malformed XML/u);
  });

  it('refuses an undefined entity and text after the root', () => {
    expect(refusal(() => parseUnConsolidatedXml(`${HEADER}\n<INDIVIDUALS>&nbsp;</INDIVIDUALS>`)).line).toBe(
      3,
    );
    const trailing = `${HEADER}<INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>\n<extra/>`;
    expect(refusal(() => parseUnConsolidatedXml(trailing)).reason).toMatch(/malformed XML/u);
  });

  it('refuses a well-formed document that is not the list', () => {
    const e = refusal(() => parseUnConsolidatedXml('<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>'));
    expect(e.reason).toBe(
      'not a UN Security Council Consolidated List: the root element is <sdnList>, expected <CONSOLIDATED_LIST>',
    );
    expect(e.line).toBe(2);
  });

  it('refuses an empty file, a list without dateGenerated and one without ENTITIES', () => {
    expect(refusal(() => parseUnConsolidatedXml('  \n')).reason).toBe('the file is empty');
    expect(
      refusal(() => parseUnConsolidatedXml('<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>')).reason,
    ).toMatch(/dateGenerated/u);
    expect(
      refusal(() => parseUnConsolidatedXml(`${HEADER}<INDIVIDUALS/></CONSOLIDATED_LIST>`)).reason,
    ).toMatch(/<ENTITIES> is missing/u);
  });

  it('refuses a record without a reference number, saying where it is', () => {
    const xml = `${HEADER}\n<INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL>\n</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
    const e = refusal(() => parseUnConsolidatedXml(xml));
    expect(e.line).toBe(4);
    expect(e.reason).toBe('<INDIVIDUAL> without a REFERENCE_NUMBER');
  });

  it('reads an unknown element with a warning instead of ignoring it silently', () => {
    const xml = `${HEADER}\n<INDIVIDUALS>\n<INDIVIDUAL><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER><FIRST_NAME>A</FIRST_NAME><UN_LIST_TYPE>X</UN_LIST_TYPE><NEW_FIELD>1</NEW_FIELD></INDIVIDUAL>\n</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
    const snapshot = parseUnConsolidatedXml(xml);
    expect(snapshot.designations).toHaveLength(1);
    expect(snapshot.warnings).toEqual([
      { line: 4, message: 'element <NEW_FIELD> in <INDIVIDUAL> is not in the schema; it was not read' },
    ]);
  });

  it('warns about a repeated reference number and keeps the first record', () => {
    const rec = (name: string) =>
      `<ENTITY><REFERENCE_NUMBER>XXe.001</REFERENCE_NUMBER><FIRST_NAME>${name}</FIRST_NAME><UN_LIST_TYPE>X</UN_LIST_TYPE></ENTITY>`;
    const xml = `${HEADER}\n<INDIVIDUALS/><ENTITIES>\n${rec('FIRST')}\n${rec('SECOND')}\n</ENTITIES></CONSOLIDATED_LIST>`;
    const snapshot = parseUnConsolidatedXml(xml);
    expect(snapshot.designations.map((d) => d.name)).toEqual(['FIRST']);
    expect(snapshot.warnings[0]?.message).toMatch(/appears again \(first at line 4\)/u);
  });
});

describe.skipIf(!HAS_SHARED)('parseUnConsolidatedXml on the full lists (../shared/data)', () => {
  const cases = [
    { file: 'consolidated-2018-08-24.xml', persons: 701, organizations: 397, aliases: 2663, weak: 593 },
    { file: 'consolidated-2018-10-29.xml', persons: 703, organizations: 390, aliases: 2663, weak: 595 },
    { file: 'consolidated-2020-03-20.xml', persons: 709, organizations: 305, aliases: 2653, weak: 609 },
  ];
  it.each(cases)('$file: every record, no warning', ({ file, persons, organizations, aliases, weak }) => {
    const text = fs.readFileSync(path.join(SHARED_UN, file), 'utf8');
    const started = performance.now();
    const snapshot = parseUnConsolidatedXml(text);
    const ms = performance.now() - started;
    const counts = countSnapshot(snapshot);
    console.info(`${file}: ${JSON.stringify(counts)} in ${ms.toFixed(0)} ms`);
    expect(counts).toMatchObject({ persons, organizations, aliases, weakAliases: weak });
    expect(snapshot.warnings).toEqual([]);
    // every record has a name, a regime and a listing date
    for (const d of snapshot.designations) {
      expect(d.name).not.toBe('');
      expect(d.regime).not.toBe('');
      expect(d.listedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
  });

  it('refuses the 2020 list cut anywhere inside', () => {
    const text = fs.readFileSync(path.join(SHARED_UN, 'consolidated-2020-03-20.xml'), 'utf8');
    for (const fraction of [0.1, 0.5, 0.9, 0.9999]) {
      const cut = text.slice(0, Math.floor(text.length * fraction));
      const e = refusal(() => parseUnConsolidatedXml(cut));
      expect(e.line).toBe(cut.split('\n').length);
    }
  });
});
