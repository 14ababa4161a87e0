import { SaxesParser } from 'saxes';
import { resolveCountry } from '../../../../reference/countries/countries.ts';
import { parseUnDateOfBirth, toIsoDate } from './dates.ts';
import {
  type Address,
  type Alias,
  type AliasQuality,
  type BirthDate,
  type BirthPlace,
  type Designation,
  type Gender,
  type IdentityDocument,
  inFieldOrder,
  ListParseError,
  type ListSnapshot,
  type NameParts,
  type Nationality,
  type ParseWarning,
} from './model.ts';
import { cleanText, compact, documentKind, optionalText } from './text.ts';

/**
 * Parser for the UN Security Council Consolidated Sanctions List (XML, schema sc-sanctions.xsd).
 *
 * The whole document is checked for well-formedness by a conformant XML parser (saxes) before
 * anything is read from it: a malformed or truncated file is refused with the line, column and
 * reason, never partially parsed. A well-formed document that is not the list is refused too.
 * saxes resolves no external entities, so the parser is not open to XXE.
 */

const SOURCE = 'un-sc';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  column: number;
}

function parseXmlTree(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | null = null;

  parser.on('error', (error) => {
    const reason = error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/u, '').replace(/\.$/u, '');
    if (/unclosed tag/u.test(reason) && stack.length > 0) {
      const open = stack.map((e) => `<${e.name}> (line ${e.line})`).join(', ');
      throw new ListParseError(
        SOURCE,
        `the document ends while elements are still open: ${open}; the file is truncated or malformed`,
        parser.line,
        parser.column,
      );
    }
    throw new ListParseError(SOURCE, `malformed XML: ${reason}`, parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
      line: parser.line,
      column: parser.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
    texts.push([]);
  });
  const onText = (t: string) => {
    texts[texts.length - 1]?.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const element = stack.pop();
    const parts = texts.pop();
    if (element && parts) element.text = parts.join('');
  });

  parser.write(text.startsWith('\uFEFF') ? text.slice(1) : text).close();
  if (!root) throw new ListParseError(SOURCE, 'the document has no root element', 1, 0);
  return root;
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

function textOf(element: XmlElement | undefined, name: string): string | undefined {
  return optionalText(child(element, name)?.text);
}

/** The VALUE children of a container such as TITLE, DESIGNATION, NATIONALITY, LAST_DAY_UPDATED. */
function valuesOf(element: XmlElement, name: string): string[] {
  const out: string[] = [];
  for (const container of childrenNamed(element, name)) {
    for (const value of childrenNamed(container, 'VALUE')) {
      const v = cleanText(value.text);
      if (v) out.push(v);
    }
  }
  return out;
}

const INDIVIDUAL_ELEMENTS = new Set([
  'DATAID',
  'VERSIONNUM',
  'FIRST_NAME',
  'SECOND_NAME',
  'THIRD_NAME',
  'FOURTH_NAME',
  'UN_LIST_TYPE',
  'REFERENCE_NUMBER',
  'LISTED_ON',
  'GENDER',
  'SUBMITTED_BY',
  'NAME_ORIGINAL_SCRIPT',
  'COMMENTS1',
  'NATIONALITY2',
  'TITLE',
  'DESIGNATION',
  'NATIONALITY',
  'LIST_TYPE',
  'LAST_DAY_UPDATED',
  'INDIVIDUAL_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'SORT_KEY',
  'SORT_KEY_LAST_MOD',
  'DELISTED_ON',
]);

const ENTITY_ELEMENTS = new Set([
  'DATAID',
  'VERSIONNUM',
  'FIRST_NAME',
  'UN_LIST_TYPE',
  'REFERENCE_NUMBER',
  'LISTED_ON',
  'SUBMITTED_ON',
  'NAME_ORIGINAL_SCRIPT',
  'COMMENTS1',
  'LIST_TYPE',
  'LAST_DAY_UPDATED',
  'ENTITY_ALIAS',
  'ENTITY_ADDRESS',
  'SORT_KEY',
  'SORT_KEY_LAST_MOD',
  'DELISTED_ON',
]);

class RecordReader {
  readonly warnings: ParseWarning[] = [];
  private readonly unknownSeen = new Set<string>();

  warn(element: XmlElement, ref: string | undefined, message: string) {
    this.warnings.push(compact({ line: element.line, ref, message }));
  }

  checkElements(element: XmlElement, known: Set<string>) {
    for (const c of element.children) {
      if (known.has(c.name)) continue;
      const key = `${element.name}/${c.name}`;
      if (this.unknownSeen.has(key)) continue;
      this.unknownSeen.add(key);
      this.warn(
        c,
        undefined,
        `element <${c.name}> in <${element.name}> is not in the schema; it was not read`,
      );
    }
  }

  country(raw: string | undefined): { country?: string; countryIso3?: string | null } {
    if (!raw) return {};
    return { country: raw, countryIso3: resolveCountry(raw).iso3 };
  }

  date(element: XmlElement, ref: string, name: string): string | undefined {
    const raw = textOf(element, name);
    if (!raw) return undefined;
    const iso = toIsoDate(raw);
    if (!iso) this.warn(element, ref, `${name} "${raw}" is not a valid date; kept as written`);
    return iso ?? raw;
  }

  common(element: XmlElement, kind: 'INDIVIDUAL' | 'ENTITY'): { ref: string; base: Partial<Designation> } {
    const ref = textOf(element, 'REFERENCE_NUMBER');
    if (!ref) {
      throw new ListParseError(SOURCE, `<${kind}> without a REFERENCE_NUMBER`, element.line, element.column);
    }
    const dataId = textOf(element, 'DATAID') ?? null;
    const versionText = textOf(element, 'VERSIONNUM');
    const versionNum = versionText && /^\d+$/u.test(versionText) ? Number(versionText) : null;
    if (versionText && versionNum === null)
      this.warn(element, ref, `VERSIONNUM "${versionText}" is not a number`);
    const regime = textOf(element, 'UN_LIST_TYPE') ?? '';
    if (!regime) this.warn(element, ref, 'no UN_LIST_TYPE (regime)');
    const listedOn = this.date(element, ref, 'LISTED_ON') ?? null;
    const lastUpdated = valuesOf(element, 'LAST_DAY_UPDATED')
      .map((v) => toIsoDate(v) ?? v)
      .sort();
    const base: Partial<Designation> = {
      source: SOURCE,
      ref,
      dataId,
      versionNum,
      regime,
      programs: regime ? [regime] : [],
      originalScriptName: textOf(element, 'NAME_ORIGINAL_SCRIPT') ?? null,
      listedOn,
      lastUpdated: [...new Set(lastUpdated)],
      narrative: textOf(element, 'COMMENTS1') ?? null,
      sortKey: textOf(element, 'SORT_KEY'),
      sortKeyLastMod: textOf(element, 'SORT_KEY_LAST_MOD'),
      listType: valuesOf(element, 'LIST_TYPE')[0],
      delistedOn: this.date(element, ref, 'DELISTED_ON'),
      otherInfo: [],
    };
    return { ref, base };
  }

  alias(element: XmlElement, ref: string, isEntity: boolean): Alias | null {
    const name = textOf(element, 'ALIAS_NAME');
    const qualityText = textOf(element, 'QUALITY') ?? '';
    if (!name) {
      if (qualityText) this.warn(element, ref, `alias of quality "${qualityText}" has no name; skipped`);
      return null;
    }
    const q = qualityText.toLowerCase().replace(/\s+/gu, '');
    let quality: AliasQuality;
    if (q === 'good') quality = 'good';
    else if (q === 'low') quality = 'low';
    else if (q === 'a.k.a.' || q === 'aka') quality = 'aka';
    else if (q === 'f.k.a.' || q === 'fka') quality = 'fka';
    else {
      quality = isEntity ? 'aka' : 'good';
      this.warn(
        element,
        ref,
        qualityText
          ? `alias "${name}" has an unknown QUALITY "${qualityText}"; read as ${quality}`
          : `alias "${name}" has no QUALITY; read as ${quality}`,
      );
    }
    return compact<Alias>({
      name,
      quality,
      kind: quality === 'fka' ? 'fka' : 'aka',
      weak: quality === 'low',
      note: textOf(element, 'NOTE'),
      dateOfBirth: textOf(element, 'DATE_OF_BIRTH'),
      cityOfBirth: textOf(element, 'CITY_OF_BIRTH'),
      countryOfBirth: textOf(element, 'COUNTRY_OF_BIRTH'),
    });
  }

  place(element: XmlElement): BirthPlace | Address | null {
    const place = compact<Address>({
      street: textOf(element, 'STREET'),
      city: textOf(element, 'CITY'),
      stateProvince: textOf(element, 'STATE_PROVINCE'),
      zipCode: textOf(element, 'ZIP_CODE'),
      ...this.country(textOf(element, 'COUNTRY')),
      note: textOf(element, 'NOTE'),
    });
    return Object.keys(place).length === 0 ? null : place;
  }

  document(element: XmlElement): IdentityDocument | null {
    const type1 = textOf(element, 'TYPE_OF_DOCUMENT');
    const type2 = textOf(element, 'TYPE_OF_DOCUMENT2');
    const number = textOf(element, 'NUMBER');
    const issuing = textOf(element, 'ISSUING_COUNTRY');
    const countryOfIssue = textOf(element, 'COUNTRY_OF_ISSUE');
    const issued = textOf(element, 'DATE_OF_ISSUE');
    const issuedIn = textOf(element, 'CITY_OF_ISSUE');
    const note = textOf(element, 'NOTE');
    if (!type1 && !type2 && !number && !issuing && !countryOfIssue && !issued && !issuedIn && !note)
      return null;
    const type = type1 ?? type2 ?? 'Document';
    const kind = documentKind(type) === 'other' && type2 ? documentKind(type2) : documentKind(type);
    const country = issuing ?? countryOfIssue;
    const notes = [
      issuing && countryOfIssue && issuing !== countryOfIssue ? `country of issue: ${countryOfIssue}` : '',
      note,
    ]
      .filter(Boolean)
      .join('; ');
    return compact<IdentityDocument>({
      type,
      kind,
      number: number ?? null,
      ...this.country(country),
      issued: issued ? (toIsoDate(issued) ?? issued) : undefined,
      issuedIn,
      typeDetail: type1 && type2 ? type2 : undefined,
      note: notes || undefined,
    });
  }

  nationalities(element: XmlElement): Nationality[] {
    const raws = [
      ...valuesOf(element, 'NATIONALITY'),
      ...(textOf(element, 'NATIONALITY2') ? [textOf(element, 'NATIONALITY2') as string] : []),
    ];
    const out: Nationality[] = [];
    for (const raw of raws) {
      const resolution = resolveCountry(raw);
      if (!resolution.iso3 && /^(?:na|n\/a)$/iu.test(raw)) continue; // the schema's "not available"
      out.push(
        compact<Nationality>({
          raw,
          iso3: resolution.iso3,
          alternatives: resolution.alternatives.length > 0 ? resolution.alternatives : undefined,
          qualifier: resolution.qualifier,
        }),
      );
    }
    return out;
  }

  gender(element: XmlElement, ref: string): Gender | null {
    const g = textOf(element, 'GENDER');
    if (!g) return null;
    const lower = g.toLowerCase();
    if (lower === 'male' || lower === 'female' || lower === 'unknown') return lower;
    this.warn(element, ref, `GENDER "${g}" is not Male, Female or Unknown; not read`);
    return null;
  }

  individual(element: XmlElement): Designation {
    this.checkElements(element, INDIVIDUAL_ELEMENTS);
    const { ref, base } = this.common(element, 'INDIVIDUAL');
    const nameParts = compact<NameParts>({
      first: textOf(element, 'FIRST_NAME'),
      second: textOf(element, 'SECOND_NAME'),
      third: textOf(element, 'THIRD_NAME'),
      fourth: textOf(element, 'FOURTH_NAME'),
    });
    const name = [nameParts.first, nameParts.second, nameParts.third, nameParts.fourth]
      .filter(Boolean)
      .join(' ');
    if (!name)
      throw new ListParseError(SOURCE, `<INDIVIDUAL> ${ref} has no name`, element.line, element.column);

    const birthDates: BirthDate[] = [];
    for (const dob of childrenNamed(element, 'INDIVIDUAL_DATE_OF_BIRTH')) {
      const { birthDate, problem } = parseUnDateOfBirth({
        typeOfDate: textOf(dob, 'TYPE_OF_DATE'),
        date: textOf(dob, 'DATE'),
        year: textOf(dob, 'YEAR'),
        fromYear: textOf(dob, 'FROM_YEAR'),
        toYear: textOf(dob, 'TO_YEAR'),
        note: textOf(dob, 'NOTE'),
      });
      if (problem) this.warn(dob, ref, problem);
      if (birthDate) birthDates.push(birthDate);
    }

    return {
      ...(base as Designation),
      type: 'person',
      name,
      nameParts,
      aliases: this.collect(childrenNamed(element, 'INDIVIDUAL_ALIAS'), (a) => this.alias(a, ref, false)),
      titles: valuesOf(element, 'TITLE'),
      designations: valuesOf(element, 'DESIGNATION'),
      nationalities: this.nationalities(element),
      birthDates,
      birthPlaces: this.collect(childrenNamed(element, 'INDIVIDUAL_PLACE_OF_BIRTH'), (p) => this.place(p)),
      gender: this.gender(element, ref),
      documents: this.collect(childrenNamed(element, 'INDIVIDUAL_DOCUMENT'), (d) => this.document(d)),
      addresses: this.collect(childrenNamed(element, 'INDIVIDUAL_ADDRESS'), (a) => this.place(a)),
      ...compact({ submittedBy: textOf(element, 'SUBMITTED_BY') }),
    };
  }

  entity(element: XmlElement): Designation {
    this.checkElements(element, ENTITY_ELEMENTS);
    const { ref, base } = this.common(element, 'ENTITY');
    const name = textOf(element, 'FIRST_NAME');
    if (!name) throw new ListParseError(SOURCE, `<ENTITY> ${ref} has no name`, element.line, element.column);
    return {
      ...(base as Designation),
      type: 'organization',
      name,
      nameParts: {},
      aliases: this.collect(childrenNamed(element, 'ENTITY_ALIAS'), (a) => this.alias(a, ref, true)),
      titles: [],
      designations: [],
      nationalities: [],
      birthDates: [],
      birthPlaces: [],
      gender: null,
      documents: [],
      addresses: this.collect(childrenNamed(element, 'ENTITY_ADDRESS'), (a) => this.place(a)),
      ...compact({ submittedOn: this.date(element, ref, 'SUBMITTED_ON') }),
    };
  }

  private collect<T>(elements: XmlElement[], read: (e: XmlElement) => T | null): T[] {
    const out: T[] = [];
    for (const e of elements) {
      const value = read(e);
      if (value !== null) out.push(value);
    }
    return out;
  }
}

/**
 * Parses the UN Security Council Consolidated List XML into a snapshot.
 * Throws ListParseError (with line and column) for malformed or truncated XML, for a document
 * that is not the list, and for records without a reference number or a name.
 */
export function parseUnConsolidatedXml(text: string): ListSnapshot {
  if (text.trim() === '') throw new ListParseError(SOURCE, 'the file is empty', 1, 0);
  const root = parseXmlTree(text);
  if (root.name !== 'CONSOLIDATED_LIST') {
    throw new ListParseError(
      SOURCE,
      `not a UN Security Council Consolidated List: the root element is <${root.name}>, expected <CONSOLIDATED_LIST>`,
      root.line,
      root.column,
    );
  }
  const version = cleanText(root.attributes.dateGenerated);
  if (!version) {
    throw new ListParseError(
      SOURCE,
      '<CONSOLIDATED_LIST> has no dateGenerated attribute',
      root.line,
      root.column,
    );
  }
  const generated = new Date(version);
  if (Number.isNaN(generated.getTime())) {
    throw new ListParseError(SOURCE, `dateGenerated "${version}" is not a date-time`, root.line, root.column);
  }
  const individuals = child(root, 'INDIVIDUALS');
  const entities = child(root, 'ENTITIES');
  if (!individuals || !entities) {
    throw new ListParseError(
      SOURCE,
      `<CONSOLIDATED_LIST> must contain <INDIVIDUALS> and <ENTITIES>; ${!individuals ? '<INDIVIDUALS>' : '<ENTITIES>'} is missing`,
      root.line,
      root.column,
    );
  }

  const reader = new RecordReader();
  const designations: Designation[] = [];
  const seen = new Map<string, number>();
  const add = (element: XmlElement, d: Designation) => {
    const firstLine = seen.get(d.ref);
    if (firstLine !== undefined) {
      reader.warn(
        element,
        d.ref,
        `reference number ${d.ref} appears again (first at line ${firstLine}); this record is skipped`,
      );
      return;
    }
    seen.set(d.ref, element.line);
    designations.push(inFieldOrder(d));
  };
  for (const element of individuals.children) {
    if (element.name === 'INDIVIDUAL') add(element, reader.individual(element));
    else reader.warn(element, undefined, `unexpected <${element.name}> in <INDIVIDUALS>; not read`);
  }
  for (const element of entities.children) {
    if (element.name === 'ENTITY') add(element, reader.entity(element));
    else reader.warn(element, undefined, `unexpected <${element.name}> in <ENTITIES>; not read`);
  }

  return {
    source: SOURCE,
    version,
    generatedAt: generated.toISOString(),
    designations,
    warnings: reader.warnings,
  };
}
