import { resolveCountry } from '../../../../reference/countries/countries.ts';
import { parseWrittenBirthDate, toIsoDate } from './dates.ts';
import type {
  AircraftInfo,
  Alias,
  AliasKind,
  BirthDate,
  BirthPlace,
  Gender,
  IdentityDocument,
  Nationality,
  OtherInfo,
  VesselInfo,
} from './model.ts';
import { cleanText, compact, documentKind } from './text.ts';

/**
 * The remarks column of the OFAC SDN CSV: items separated by ";", the last one ending with ".":
 *
 *   DOB 10 Dec 1948; alt. DOB 1950; POB Cairo, Egypt; nationality Egypt; Gender Male;
 *   Passport 1084010 (Egypt) issued 01 Jan 2001 expires 31 Dec 2010; a.k.a. 'ABU-'UMAR';
 *   f.k.a. 'OLD NAME'; Linked To: SOME GROUP.
 *
 * Alias names are quoted with single quotes and may themselves contain quotes and semicolons
 * ("ABU-'UMAR"), so an alias ends only at a quote followed by ";" or by the end of the text.
 * OFAC cuts the column at 1,000 characters: the last item of such a remark is incomplete, is
 * reported, and is kept only as text.
 */

export const OFAC_REMARKS_LIMIT = 1000;

export interface RemarksParse {
  aliases: Alias[];
  birthDates: BirthDate[];
  birthPlaces: BirthPlace[];
  nationalities: Nationality[];
  gender: Gender | null;
  documents: IdentityDocument[];
  vessel: VesselInfo;
  aircraft: AircraftInfo;
  otherInfo: OtherInfo[];
  /** True when the source cut the remarks short. */
  truncated: boolean;
  /** What could not be read, for the parser's warnings. */
  problems: string[];
}

const ALIAS_START = /^(?:alt\.\s+)?([afn])\.k\.a\.,?\s*'/iu;
const ALIAS_END = /'(?=\s*;|\s*\.?\s*$)/gu;

/**
 * Splits remarks into items. Separators are ";" outside alias quotes; the final "." of the
 * remarks is dropped. Never throws.
 */
export function splitRemarks(remarks: string): string[] {
  const text = remarks.trim();
  const items: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ';' || /\s/u.test(text[i] as string))) i += 1;
    if (i >= text.length) break;
    const start = ALIAS_START.exec(text.slice(i));
    let end: number;
    if (start) {
      ALIAS_END.lastIndex = i + start[0].length;
      const close = ALIAS_END.exec(text);
      if (close) {
        end = close.index + 1;
      } else {
        const semicolon = text.indexOf(';', i);
        end = semicolon < 0 ? text.length : semicolon;
      }
    } else {
      const semicolon = text.indexOf(';', i);
      end = semicolon < 0 ? text.length : semicolon;
    }
    let item = text.slice(i, end).trim();
    if (end >= text.length) item = item.replace(/\.$/u, '').trim();
    if (item) items.push(item);
    i = end + 1;
  }
  return items;
}

/** An alias item ("a.k.a. 'X'", "f.k.a. 'Y'", "n.k.a. 'Z'"), or null when the item is not one. */
export function parseAliasItem(item: string): { kind: AliasKind; name: string; complete: boolean } | null {
  const start = ALIAS_START.exec(item);
  if (!start) return null;
  const kind = `${(start[1] as string).toLowerCase()}ka` as AliasKind;
  const rest = item.slice(start[0].length);
  const complete = rest.endsWith("'");
  const name = cleanText(complete ? rest.slice(0, -1) : rest);
  return { kind, name, complete };
}

/**
 * Identifier labels, longest first, so that "Passport" does not swallow "Passport Booklet:" and
 * "National ID No." is split from its number exactly. Labels not listed are found by shape.
 */
const DOCUMENT_LABELS = [
  'Diplomatic Passport',
  'Official Passport',
  'Service Passport',
  'Passport',
  'National ID No.',
  'National Foreign ID Number',
  'Tax ID No.',
  'Registration Number',
  'Registration ID',
  'Business Registration Number',
  'Business Registration Document #',
  'Government Gazette Number',
  'Commercial Registry Number',
  'UK Company Number',
  'Company Number',
  'Company ID',
  'Unified Social Credit Code (USCC)',
  'United Social Credit Code Certificate (USCCC)',
  'Legal Entity Number',
  'Trade License No.',
  'License',
  'V.A.T. Number',
  'C.R. No.',
  'Economic Register Number (CBLS)',
  'SWIFT/BIC',
  'Folio Mercantil No.',
  'Matricula Mercantil No',
  'Cedula No.',
  'C.U.R.P.',
  'R.F.C. #',
  'R.F.C.',
  'RFC',
  'NIT #',
  'RUC #',
  'RIF #',
  'D.N.I.',
  'C.U.I.T.',
  'C.U.I.P.',
  'C.U.I.',
  'I.F.E.',
  'RTN',
  'SSN',
  'US FEIN',
  'BIK (RU)',
  'D-U-N-S Number',
  'Chamber of Commerce Number',
  'Dubai Chamber of Commerce Membership No.',
  'Istanbul Chamber of Comm. No.',
  'Central Registration System Number',
  'Certificate of Incorporation Number',
  'Birth Certificate Number',
  "Driver's License No.",
  'Electoral Registry No.',
  'Credencial electoral',
  'Cartilla de Servicio Militar Nacional',
  'Residency Number',
  'Personal ID Card',
  "Citizen's Card Number",
  'Turkish Identification Number',
  'Numero de Identidad',
  'Identification Number',
  'Travel Document Number',
  'Public Registration Number',
  'Enterprise Number',
  'Business Number',
  'Branch Unit Number',
  'Registered Charity No.',
  'Permit Number',
  'Italian Fiscal Code',
  'Chinese Commercial Code',
  'LE Number',
]
  .sort((a, b) => b.length - a.length)
  .map((label) => ({ label, lower: label.toLowerCase() }));

/** Items that look like "Label 123" but are not identity documents. */
const NOT_DOCUMENTS =
  /^(?:DOB|POB|Organization Established Date|Listing Date|Effective Date|Phone|Telephone|Fax|PHONE|FAX|MMSI|Executive Order|Secondary sanctions|CAATSA|Digital Currency Address|Email|Website|Aircraft|Vessel|Former Vessel|Other Vessel|Previous Aircraft|arrested|Linked To|Member of|Additional Sanctions|Transactions Prohibited|Target Type|Organization Type|IFCA|For more information)/iu;

/** Whether a label reads like an identifier's ("No.", "Number", "ID", "#", "Code", ...). */
const IDENTIFIER_WORDS =
  /(?:\bno\.?|number|\bid\b|#|\bcode\b|card|licen[cs]e|registration|registry|certificate|passport|\bssn\b|\bnit\b|\bruc\b|\brfc\b|\bbic\b|swift|\bvat\b|v\.a\.t)/iu;

function documentFrom(label: string, rest: string, known: boolean): IdentityDocument | null {
  let body = cleanText(rest).replace(/^[:#]\s*/u, '');
  let expires: string | undefined;
  let issued: string | undefined;
  const exp = /\s+expires?\s+(.+)$/iu.exec(body);
  if (exp) {
    expires = toIsoDate(exp[1] as string) ?? cleanText(exp[1]);
    body = body.slice(0, exp.index);
  }
  const iss = /\s+issued\s+(.+)$/iu.exec(body);
  if (iss) {
    issued = toIsoDate(iss[1] as string) ?? cleanText(iss[1]);
    body = body.slice(0, iss.index);
  }
  let country: string | undefined;
  const paren = /\s*\(([^()]+)\)\s*$/u.exec(body);
  if (paren) {
    const candidate = cleanText(paren[1]);
    if (resolveCountry(candidate).iso3) {
      country = candidate;
      body = body.slice(0, paren.index);
    }
  }
  const number = cleanText(body);
  // A listed label vouches for the item: its value may have no digit (SWIFT/BIC SABRRUMM).
  if (!(known ? /[\p{L}\p{N}]{3,}/u.test(number) : /\d/u.test(number))) return null;
  return compact<IdentityDocument>({
    type: label,
    kind: documentKind(label),
    number,
    ...(country ? { country, countryIso3: resolveCountry(country).iso3 } : {}),
    issued,
    expires,
  });
}

/** An identity document or identifier item, or null. */
export function parseDocumentItem(item: string): IdentityDocument | null {
  if (NOT_DOCUMENTS.test(item)) return null;
  const lower = item.toLowerCase();
  for (const { label, lower: labelLower } of DOCUMENT_LABELS) {
    if (item.length > label.length && lower.startsWith(labelLower)) {
      const next = item[label.length] as string;
      if (/[\s:#]/u.test(next) || /[.#)]$/u.test(label))
        return documentFrom(label, item.slice(label.length), true);
    }
  }
  // Unlisted labels: words without digits, then a value with a digit in it.
  const m = /^([^\d:]{2,60}?)[\s:]+(\S*\d.*)$/u.exec(item);
  if (m && IDENTIFIER_WORDS.test(m[1] as string)) return documentFrom(cleanText(m[1]), m[2] as string, false);
  return null;
}

/** A place of birth as OFAC writes it: "Culiacan, Sinaloa, Mexico"; the country is the last part when it is one. */
export function parsePlaceItem(value: string): BirthPlace {
  const raw = cleanText(value);
  const parts = raw.split(',').map((p) => p.trim());
  const last = parts[parts.length - 1] ?? '';
  const resolution = resolveCountry(last);
  if (resolution.iso3 && resolution.qualifier) return { raw, countryIso3: resolution.iso3 };
  if (resolution.iso3) {
    const head = parts.slice(0, -1);
    return compact<BirthPlace>({
      raw,
      city: head[0] || undefined,
      stateProvince: head.length > 1 ? head.slice(1).join(', ') : undefined,
      country: last,
      countryIso3: resolution.iso3,
    });
  }
  return { raw };
}

const OTHER_LABELS = [
  'Linked To',
  'Organization Established Date',
  'Organization Type',
  'Target Type',
  'Secondary sanctions risk',
  'Additional Sanctions Information -',
  'Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions',
  'Executive Order',
  'Listing Date',
  'Effective Date',
  'Phone Number',
  'Telephone Number',
  'Telephone No.',
  'Telephone',
  'Fax No.',
  'Fax',
  'Email Address',
  'Email',
  'Website',
  'Digital Currency Address -',
  'CAATSA Section',
  'IFCA Determination -',
  'Position',
  'Occupation',
  'arrested',
]
  .sort((a, b) => b.length - a.length)
  .map((label) => ({ label, lower: label.toLowerCase() }));

function otherFrom(item: string, alt: boolean): OtherInfo {
  const lower = item.toLowerCase();
  for (const { label, lower: labelLower } of OTHER_LABELS) {
    if (lower.startsWith(labelLower)) {
      const name = label.replace(/\s*-$/u, '');
      const rest = item.slice(label.length);
      // "Listing Date (EO 14024 Directive 2): 24 Feb 2022": the parenthesis belongs to the label.
      const qualified = /^\s*(\([^)]*\))\s*:\s*(.+)$/u.exec(rest);
      if (qualified) return { label: `${name} ${qualified[1]}`, value: cleanText(qualified[2]) };
      const value = cleanText(rest.replace(/^\s*:/u, ''));
      if (value) return { label: name, value };
    }
  }
  const m = /^([^:'\d]{1,60}):\s+(.+)$/u.exec(item);
  if (m && !/^https?$/iu.test(m[1] as string)) return { label: cleanText(m[1]), value: cleanText(m[2]) };
  return { label: alt ? 'Remark (alt.)' : 'Remark', value: item };
}

function emptyParse(): RemarksParse {
  return {
    aliases: [],
    birthDates: [],
    birthPlaces: [],
    nationalities: [],
    gender: null,
    documents: [],
    vessel: {},
    aircraft: {},
    otherInfo: [],
    truncated: false,
    problems: [],
  };
}

function push<K extends keyof VesselInfo | keyof AircraftInfo>(
  target: Record<string, unknown>,
  key: K,
  value: string,
) {
  const list = (target[key] as string[] | undefined) ?? [];
  if (!list.includes(value)) list.push(value);
  target[key] = list;
}

interface ItemContext {
  out: RemarksParse;
  vessel: Record<string, unknown>;
  aircraft: Record<string, unknown>;
  alt: boolean;
  original: string;
}

type Rule = [RegExp, (m: RegExpExecArray, c: ItemContext) => void];

const text1 = (m: RegExpExecArray) => cleanText(m[1]);

/** Items with a fixed label, tried in order; the first whose pattern matches reads the item. */
const RULES: Rule[] = [
  [
    /^DOB\s+(.+)$/iu,
    (m, c) => {
      const birthDate = parseWrittenBirthDate(m[1] as string, c.original);
      if (birthDate.kind === 'text') c.out.problems.push(`date of birth not understood: "${c.original}"`);
      c.out.birthDates.push(birthDate);
    },
  ],
  [/^POB\s+(.+)$/iu, (m, c) => c.out.birthPlaces.push(parsePlaceItem(m[1] as string))],
  [
    /^Nationality of Registration\s+(.+)$/iu,
    (m, c) => {
      c.out.otherInfo.push({ label: 'Nationality of Registration', value: text1(m) });
    },
  ],
  [
    /^(nationality|citizen)\s+(.+)$/iu,
    (m, c) => {
      const raw = cleanText(m[2]);
      const resolution = resolveCountry(raw);
      if (!resolution.iso3) c.out.problems.push(`country not recognised: "${c.original}"`);
      c.out.nationalities.push(
        compact<Nationality>({
          raw,
          iso3: resolution.iso3,
          alternatives: resolution.alternatives.length > 0 ? resolution.alternatives : undefined,
          qualifier: resolution.qualifier,
          basis: (m[1] as string).toLowerCase() === 'citizen' ? 'citizenship' : 'nationality',
        }),
      );
    },
  ],
  [
    /^Gender\s+(Male|Female)$/iu,
    (m, c) => {
      const gender = (m[1] as string).toLowerCase() as Gender;
      if (c.out.gender && c.out.gender !== gender) {
        c.out.problems.push(`conflicting genders: ${c.out.gender} and ${gender}`);
      }
      c.out.gender = c.out.gender ?? gender;
    },
  ],
  // vessels
  [
    /^Vessel Registration Identification\s+(?:IMO\s+)?(\S+)$/iu,
    (m, c) => {
      c.vessel.imo = m[1];
    },
  ],
  [
    /^MMSI\s+(\S+)$/iu,
    (m, c) => {
      c.vessel.mmsi = m[1];
    },
  ],
  [/^Former Vessel Flag\s+(.+)$/iu, (m, c) => push(c.vessel, 'formerFlags', text1(m))],
  [
    /^Vessel Year of Build\s+(.+)$/iu,
    (m, c) => {
      c.vessel.yearBuilt = text1(m);
    },
  ],
  [/^Other Vessel Call Sign\s+(.+)$/iu, (m, c) => push(c.vessel, 'otherCallSigns', text1(m))],
  [/^Other Vessel Flag\s+(.+)$/iu, (m, c) => push(c.vessel, 'otherFlags', text1(m))],
  [/^Other Vessel Type\s+(.+)$/iu, (m, c) => push(c.vessel, 'otherTypes', text1(m))],
  // aircraft
  [
    /^Aircraft Manufacturer's Serial Number \(MSN\)\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.manufacturerSerialNumber = text1(m);
    },
  ],
  [
    /^Aircraft Serial Identification\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.manufacturerSerialNumber ??= text1(m);
    },
  ],
  [/^Previous Aircraft Tail Number\s+(.+)$/iu, (m, c) => push(c.aircraft, 'previousTailNumbers', text1(m))],
  [
    /^Aircraft Tail Number\s+(.+)$/iu,
    (m, c) => {
      if (c.alt && c.aircraft.tailNumber) push(c.aircraft, 'previousTailNumbers', text1(m));
      else c.aircraft.tailNumber = text1(m);
    },
  ],
  [
    /^Aircraft Model\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.model = text1(m);
    },
  ],
  [
    /^Aircraft Operator\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.operator = text1(m);
    },
  ],
  [
    /^Aircraft Manufacture Date\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.manufactureDate = toIsoDate(m[1] as string) ?? text1(m);
    },
  ],
  [
    /^Aircraft Construction Number(?: \(also called L\/N or S\/N or F\/N\))?\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.constructionNumber = text1(m);
    },
  ],
  [
    /^Aircraft Mode S Transponder Code\s+(.+)$/iu,
    (m, c) => {
      c.aircraft.modeSTransponderCode = text1(m);
    },
  ],
];

/** Each rule with the literal text its pattern starts with, to skip most patterns cheaply. */
const INDEXED_RULES = RULES.map(
  ([pattern, read]) =>
    [pattern, read, (/^\^([A-Za-z' ]*)/u.exec(pattern.source)?.[1] ?? '').toLowerCase()] as const,
);

function readItem(original: string, index: number, count: number, out: RemarksParse, lastItemCut: boolean) {
  if (lastItemCut && index === count - 1) {
    out.problems.push(`the last item was cut short in the source and is not read: "${original}"`);
    out.otherInfo.push({ label: 'Remark (cut short in the source)', value: original });
    return;
  }
  const alias = parseAliasItem(original);
  if (alias) {
    if (!alias.name) {
      out.problems.push(`empty alias in "${original}"`);
      return;
    }
    if (!alias.complete) out.problems.push(`alias without its closing quote: "${original}"`);
    out.aliases.push({ name: alias.name, quality: 'low', kind: alias.kind, weak: true });
    return;
  }
  const altMatch = /^alt\.\s+/iu.exec(original);
  const item = altMatch ? original.slice(altMatch[0].length) : original;
  const context: ItemContext = {
    out,
    vessel: out.vessel as Record<string, unknown>,
    aircraft: out.aircraft as Record<string, unknown>,
    alt: altMatch !== null,
    original,
  };
  const lower = item.toLowerCase();
  for (const [pattern, read, prefix] of INDEXED_RULES) {
    if (!lower.startsWith(prefix)) continue;
    const m = pattern.exec(item);
    if (m) {
      read(m, context);
      return;
    }
  }
  const document = parseDocumentItem(item);
  if (document) {
    out.documents.push(document);
    return;
  }
  out.otherInfo.push(otherFrom(item, altMatch !== null));
}

/**
 * Reads the remarks column of one SDN record. Never throws: items it does not recognise are
 * kept as `otherInfo`, and anything doubtful is listed in `problems`.
 */
export function parseOfacRemarks(remarks: string): RemarksParse {
  const out = emptyParse();
  const text = cleanText(remarks);
  if (!text || text === '-0-') return out;
  const items = splitRemarks(text);
  // OFAC ends every remark with "."; a long one without it was cut at the column's limit.
  out.truncated = text.length >= OFAC_REMARKS_LIMIT - 10 && !/\.$/u.test(text);
  if (out.truncated) {
    out.problems.push(
      `remarks are cut at ${OFAC_REMARKS_LIMIT} characters in the source; later items are missing`,
    );
  }
  const lastItemCut = out.truncated && !/;$/u.test(text);
  items.forEach((item, index) => {
    readItem(item, index, items.length, out, lastItemCut);
  });
  return out;
}
